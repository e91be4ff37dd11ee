import { formatDuration, parseDuration } from './timescale.js';

type LinkType = 'FS' | 'SS' | 'FF' | 'SF';
export type LinkSpec = { predecessorId: string; type: LinkType; lagMinutes: number; lagPercent: number | null };

/**
 * The predecessors column as MS Project writes it: row numbers with the link type when it is
 * not FS and the lag when there is one, e.g. `2, 5SS+2d, 7FF-1d, 9FS+50%`.
 */
export function formatPredecessors(links: readonly (LinkSpec & { lagElapsed?: boolean })[], rowOf: (taskId: string) => number | undefined, minutesPerDay: number): string {
  return links
    .map((l) => {
      const row = rowOf(l.predecessorId);
      const lag = l.lagPercent !== null ? `${l.lagPercent >= 0 ? '+' : ''}${l.lagPercent}%` : l.lagMinutes ? `${l.lagMinutes > 0 ? '+' : '-'}${formatDuration(Math.abs(l.lagMinutes), minutesPerDay)}` : '';
      return `${row ?? '?'}${l.type !== 'FS' || lag ? l.type : ''}${lag}`;
    })
    .join(', ');
}

/** Reads the predecessors column; throws with the reason when a part cannot be read. */
export function parsePredecessors(text: string, taskOfRow: (row: number) => string | undefined, minutesPerDay: number): LinkSpec[] {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  return parts.map((part) => {
    const m = /^(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:[.,]\d+)?)\s*(%|[a-z]+)?)?$/i.exec(part);
    if (!m) throw new Error(`"${part}" is not a predecessor: write a row number, then optionally FS, SS, FF or SF and a lag such as +2d or -50%`);
    const predecessorId = taskOfRow(Number(m[1]));
    if (!predecessorId) throw new Error(`there is no row ${m[1]}`);
    const type = ((m[2] ?? 'FS').toUpperCase()) as LinkType;
    if (!m[3]) return { predecessorId, type, lagMinutes: 0, lagPercent: null };
    const sign = m[3] === '-' ? -1 : 1;
    if (m[5] === '%') return { predecessorId, type, lagMinutes: 0, lagPercent: sign * Number(m[4]!.replace(',', '.')) };
    const minutes = parseDuration(`${m[4]}${m[5] ?? 'd'}`, minutesPerDay);
    if (typeof minutes === 'string') throw new Error(`the lag in "${part}" should be ${minutes}`);
    return { predecessorId, type, lagMinutes: sign * minutes, lagPercent: null };
  });
}
