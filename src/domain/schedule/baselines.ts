import type { LocalMinute } from './local-time.js';

/** MS Project keeps Baseline and Baseline1 … Baseline10. */
export const BASELINE_NUMBERS = 11;

/** What a baseline keeps of a task, and what the current plan says. */
export type TaskSnapshot = {
  readonly start: LocalMinute | null;
  readonly finish: LocalMinute | null;
  readonly durationMinutes: number | null;
  /** Minor units; summaries' costs are rolled up from their children, not stored. */
  readonly cost: number | null;
};

export type VarianceRow = {
  readonly current: TaskSnapshot | null;
  readonly baseline: TaskSnapshot | null;
  /** Index of the summary row above this one, or −1. Rows are in outline order. */
  readonly parent: number;
};

export type Variance = {
  /** Costs after roll-up (a summary's is its children's sum plus its own). */
  readonly currentCost: number | null;
  readonly baselineCost: number | null;
  /** Working minutes later (+) or earlier (−) than the baseline; null when either side lacks the date. */
  readonly start: number | null;
  readonly finish: number | null;
  readonly duration: number | null;
  readonly cost: number | null;
};

/**
 * Start, finish, duration and cost variance of each row against a baseline, with costs rolled
 * up the outline (a summary costs what its subtree costs). `work` measures working time on
 * the project calendar, so a variance of one day over a weekend is one working day.
 */
export function baselineVariance(rows: readonly VarianceRow[], work: (t: LocalMinute) => number): Variance[] {
  const n = rows.length;
  const current = new Float64Array(n).fill(NaN);
  const baseline = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const c = rows[i]!.current?.cost;
    const b = rows[i]!.baseline?.cost;
    if (c != null) current[i] = c;
    if (b != null) baseline[i] = b;
  }
  // Children come after their parents: add each row's total into its parent, last row first.
  for (let i = n - 1; i >= 0; i--) {
    const p = rows[i]!.parent;
    if (p < 0) continue;
    if (!Number.isNaN(current[i]!)) current[p] = (Number.isNaN(current[p]!) ? 0 : current[p]!) + current[i]!;
    if (!Number.isNaN(baseline[i]!)) baseline[p] = (Number.isNaN(baseline[p]!) ? 0 : baseline[p]!) + baseline[i]!;
  }
  const dateGap = (a: LocalMinute | null | undefined, b: LocalMinute | null | undefined) => (a == null || b == null ? null : work(a) - work(b));
  return rows.map((r, i) => {
    const c = Number.isNaN(current[i]!) ? null : current[i]!;
    const b = Number.isNaN(baseline[i]!) ? null : baseline[i]!;
    return {
      currentCost: r.current ? c : null,
      baselineCost: r.baseline ? b : null,
      start: dateGap(r.current?.start, r.baseline?.start),
      finish: dateGap(r.current?.finish, r.baseline?.finish),
      duration: r.current?.durationMinutes != null && r.baseline?.durationMinutes != null ? r.current.durationMinutes - r.baseline.durationMinutes : null,
      cost: r.current && r.baseline && c !== null && b !== null ? c - b : null,
    };
  });
}
