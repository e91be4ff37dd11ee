import type { DayRule } from '../calendar-rules.js';
import type { WorkingTime } from '../calendar-types.js';
import { type LocalMinute, MINUTES_PER_DAY } from '../local-time.js';

/** Working times common to two days' lists (both sorted, non-overlapping). */
function intersect(a: readonly WorkingTime[], b: readonly WorkingTime[]): WorkingTime[] {
  const out: WorkingTime[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i]!.from, b[j]!.from);
    const to = Math.min(a[i]!.to, b[j]!.to);
    if (to > from) out.push({ from, to });
    if (a[i]!.to < b[j]!.to) i++;
    else j++;
  }
  return out;
}

/**
 * The minutes between `from` and `to` in which every rule works, as a flat list of half-open
 * intervals `[a0, b0, a1, b1, …]` (sorted, touching intervals merged). With no rules every
 * minute counts (elapsed time).
 *
 * @example
 * // Monday 10:00 to Tuesday 10:00 on the Standard calendar:
 * workingIntervals([standardRule], monday + 600, monday + 2040)
 * // [monday + 600, monday + 720, monday + 780, monday + 1020, tuesday + 480, tuesday + 600]
 */
export function workingIntervals(rules: readonly DayRule[], from: LocalMinute, to: LocalMinute): number[] {
  if (!(to > from)) return [];
  if (rules.length === 0) return [from, to];
  const out: number[] = [];
  const first = Math.floor(from / MINUTES_PER_DAY);
  const last = Math.floor((to - 1) / MINUTES_PER_DAY);
  for (let day = first; day <= last; day++) {
    let times = rules[0]!(day);
    for (let k = 1; k < rules.length && times.length; k++) times = intersect(times, rules[k]!(day));
    const base = day * MINUTES_PER_DAY;
    for (const t of times) {
      const a = Math.max(from, base + t.from);
      const b = Math.min(to, base + t.to);
      if (b <= a) continue;
      if (out.length && out[out.length - 1] === a) out[out.length - 1] = b;
      else out.push(a, b);
    }
  }
  return out;
}

/** Whether minute `t` lies in one of the intervals of a flat list from {@link workingIntervals}. */
export function covers(intervals: readonly number[], t: LocalMinute): boolean {
  let lo = 0;
  let hi = intervals.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (t < intervals[2 * mid]!) hi = mid - 1;
    else if (t >= intervals[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}
