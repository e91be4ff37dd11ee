import type { ScheduleInput } from '../schedule/types.js';
import type { RiskEvent, RiskLink, RiskModel, RiskTask } from './types.js';

/** Three-point uncertainty as fractions of a task's planned duration (e.g. 0.9, 1, 1.3). */
export type UncertaintyBand = { readonly dist?: 'triangular' | 'pert' | 'uniform'; readonly min: number; readonly mode: number; readonly max: number };

/** The default band: 90% / 100% / 130% of the planned duration, triangular. */
export const DEFAULT_BAND: UncertaintyBand = { dist: 'triangular', min: 0.9, mode: 1, max: 1.3 };

export type FromScheduleOptions = {
  /** Working minutes in a day of the project calendar (default 480). */
  readonly minutesPerDay?: number;
  /** The band for tasks that have none of their own. */
  readonly band?: UncertaintyBand;
  /** Bands by task id. */
  readonly bands?: Readonly<Record<string, UncertaintyBand>>;
  /** Risk events (e.g. from the register), impacts naming task ids of the plan. */
  readonly risks?: readonly RiskEvent[];
};

/**
 * Turns a schedule engine input into a simulation model in working days: one task per
 * active leaf task (summaries are left out, their links carried down to the leaves under
 * them), durations the remaining working minutes ÷ `minutesPerDay` spread by the task's
 * band, links of all four types with their lags in days. Calendars, constraints and actual
 * dates are not simulated (the model counts working days from the start); `notes` says
 * what was simplified.
 *
 * @example
 * const { model } = riskModelFromSchedule(input, { minutesPerDay: 480, band: { min: 0.9, mode: 1, max: 1.3 } });
 */
export function riskModelFromSchedule(input: ScheduleInput, options: FromScheduleOptions = {}): { model: RiskModel; notes: string[] } {
  const perDay = options.minutesPerDay ?? 480;
  const band = options.band ?? DEFAULT_BAND;
  const notes: string[] = [];
  const active = input.tasks.filter((t) => !t.inactive);
  const children = new Map<string, string[]>();
  for (const t of active) if (t.parent) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  const leavesOf = (id: string): string[] => {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const at = stack.pop()!;
      const kids = children.get(at);
      if (kids) stack.push(...kids);
      else out.push(at);
    }
    return out;
  };
  const leaves = active.filter((t) => !children.has(t.id));
  const byId = new Map(leaves.map((t) => [t.id, t]));
  const days = new Map<string, number>();
  let elapsed = 0;
  let constrained = 0;
  for (const t of leaves) {
    // Elapsed durations run round the clock: a day is 1,440 minutes of them.
    const unit = t.elapsed ? 1440 : perDay;
    const total = t.durationMinutes;
    if (t.elapsed) elapsed++;
    if (t.constraint && t.constraint !== 'ASAP') constrained++;
    const left = t.actualFinish != null ? 0 : t.remainingMinutes != null ? t.remainingMinutes : (total * (100 - (t.percentComplete ?? 0))) / 100;
    days.set(t.id, Math.max(0, left) / unit);
  }
  const links = new Map<string, RiskLink[]>();
  for (const l of input.links) {
    for (const p of leavesOf(l.predecessor)) {
      for (const s of leavesOf(l.successor)) {
        if (!byId.has(p) || !byId.has(s)) continue;
        const lagDays = l.lagPercent !== undefined ? ((days.get(p) ?? 0) * l.lagPercent) / 100 : (l.lagMinutes ?? 0) / (l.lagElapsed ? 1440 : perDay);
        links.set(s, [...(links.get(s) ?? []), { task: p, type: l.type, lag: lagDays }]);
      }
    }
  }
  if (elapsed) notes.push(`${elapsed} tasks with elapsed durations counted as calendar days (1,440 minutes each)`);
  if (constrained) notes.push(`${constrained} date constraints are not simulated (the model counts working days from the start)`);
  const tasks: RiskTask[] = leaves.map((t) => {
    const d = days.get(t.id)!;
    const b = options.bands?.[t.id] ?? band;
    const link = links.get(t.id);
    const common = { id: t.id, ...(t.name ? { name: t.name } : {}), ...(link ? { links: link } : {}) };
    if (d === 0) return { ...common, dist: 'fixed', mode: 0 };
    if (b.dist === 'uniform') return { ...common, dist: 'uniform', min: d * b.min, max: d * b.max };
    return { ...common, dist: b.dist ?? 'triangular', min: d * b.min, mode: d * b.mode, max: d * b.max };
  });
  return { model: { tasks, ...(options.risks ? { risks: options.risks } : {}) }, notes };
}
