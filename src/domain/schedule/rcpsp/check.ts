/**
 * An independent feasibility check of a schedule against its input: it shares no code with the
 * search, so callers (the CLI, the benchmark) can trust what it confirms.
 */
import type { RcpspInput } from './types.js';

export type ScheduleCheck = {
  ok: boolean;
  /** max(start + duration) over all jobs, in periods. */
  makespan: number;
  /** The first problems found (at most 20), in words. */
  errors: string[];
};

/**
 * Checks that `starts` (one whole start ≥ 0 per job) keeps every arc (start_to ≥ start_from +
 * duration_from + lag), every release and fixed start, and every capacity in every period.
 *
 * @example
 * checkSchedule({ durations: [2, 1], capacities: [1], demands: [1, 1], arcs: { from: [], to: [] } }, [0, 2])
 * // { ok: true, makespan: 3, errors: [] }
 */
export function checkSchedule(input: RcpspInput, starts: ArrayLike<number>): ScheduleCheck {
  const errors: string[] = [];
  const n = input.durations.length;
  const R = input.capacities.length;
  const add = (e: string): void => {
    if (errors.length < 20) errors.push(e);
  };
  if (starts.length !== n) return { ok: false, makespan: NaN, errors: [`${starts.length} starts for ${n} jobs`] };
  let makespan = 0;
  for (let j = 0; j < n; j++) {
    const s = starts[j] as number;
    if (!Number.isInteger(s) || s < 0) add(`job ${j}: start ${s} is not a whole number ≥ 0`);
    makespan = Math.max(makespan, s + (input.durations[j] as number));
  }
  if (errors.length > 0) return { ok: false, makespan: NaN, errors };
  for (let k = 0; k < input.arcs.from.length; k++) {
    const a = input.arcs.from[k] as number;
    const b = input.arcs.to[k] as number;
    const lag = (input.arcs.lag?.[k] as number | undefined) ?? 0;
    const need = (starts[a] as number) + (input.durations[a] as number) + lag;
    if ((starts[b] as number) < need) add(`arc ${k} (job ${a} → job ${b}): job ${b} starts at ${starts[b]}, before ${need}`);
  }
  for (let j = 0; j < n; j++) {
    const release = (input.releases?.[j] as number | undefined) ?? 0;
    if ((starts[j] as number) < release) add(`job ${j} starts at ${starts[j]}, before its release ${release}`);
    const fixed = (input.fixedStarts?.[j] as number | undefined) ?? -1;
    if (fixed >= 0 && starts[j] !== fixed) add(`job ${j} is fixed at ${fixed} but starts at ${starts[j]}`);
  }
  const used = new Float64Array(makespan * R);
  for (let j = 0; j < n; j++) {
    const s = starts[j] as number;
    for (let t = s; t < s + (input.durations[j] as number); t++) {
      for (let r = 0; r < R; r++) used[t * R + r]! += input.demands[j * R + r] as number;
    }
  }
  for (let t = 0; t < makespan; t++) {
    for (let r = 0; r < R; r++) {
      if (used[t * R + r]! > (input.capacities[r] as number)) add(`resource ${r + 1} in period ${t}: ${used[t * R + r]} units used, capacity ${input.capacities[r]}`);
    }
  }
  return { ok: errors.length === 0, makespan, errors };
}
