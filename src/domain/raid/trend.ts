import { bandOf, type RiskMatrix } from './matrix.js';

/** One review of a risk: its rating and status from `at` (an ISO timestamp) until the next. */
export type RiskReview = {
  readonly riskId: string;
  readonly at: string;
  readonly score: number;
  readonly residualScore: number | null;
  readonly open: boolean;
};

export type ExposurePoint = {
  /** The day (`YYYY-MM-DD`), at its end. */
  readonly date: string;
  readonly open: number;
  /** Sum of the open risks' scores. */
  readonly exposure: number;
  /** Sum of the open risks' residual scores (their score where no residual rating exists). */
  readonly residualExposure: number;
  /** Open risks per band name. */
  readonly byBand: Readonly<Record<string, number>>;
  /** The open risks behind the point, highest score first (at most {@link TOP_PER_POINT}). */
  readonly top: readonly { readonly riskId: string; readonly score: number }[];
};

/** How many of a point's risks it names (the chart's click-through lists them). */
export const TOP_PER_POINT = 5;

/**
 * Exposure over time from the risks' review history: at the end of each of `dates`, every
 * risk counts with its latest review at or before then (risks not yet raised count nothing;
 * closed ones count nothing after closing).
 */
export function exposureTrend(m: RiskMatrix, reviews: readonly RiskReview[], dates: readonly string[]): ExposurePoint[] {
  const sorted = [...reviews].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latest = new Map<string, RiskReview>();
  const out: ExposurePoint[] = [];
  let next = 0;
  for (const date of [...dates].sort()) {
    const end = `${date}T23:59:59.999Z`;
    while (next < sorted.length && sorted[next]!.at <= end) {
      latest.set(sorted[next]!.riskId, sorted[next]!);
      next++;
    }
    const byBand: Record<string, number> = Object.fromEntries(m.bands.map((b) => [b.name, 0]));
    let open = 0;
    let exposure = 0;
    let residualExposure = 0;
    const top: { riskId: string; score: number }[] = [];
    for (const r of latest.values()) {
      if (!r.open) continue;
      top.push({ riskId: r.riskId, score: r.score });
      open++;
      exposure += r.score;
      residualExposure += r.residualScore ?? r.score;
      byBand[bandOf(m, r.score).name]!++;
    }
    top.sort((a, b) => b.score - a.score || (a.riskId < b.riskId ? -1 : 1));
    out.push({ date, open, exposure, residualExposure, byBand, top: top.slice(0, TOP_PER_POINT) });
  }
  return out;
}

/** Days from `from` to `to` inclusive, every `stepDays` (the last day always included). */
export function sampleDays(from: string, to: string, stepDays: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const days: string[] = [];
  for (let t = start; t <= end; t += stepDays * 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  if (days[days.length - 1] !== to && end >= start) days.push(to);
  return days;
}
