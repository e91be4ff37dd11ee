/**
 * A resource's booked units over time as a step function: `levels[k]` units from `times[k]`
 * up to `times[k + 1]`. Units are whole numbers (fractions scaled by {@link UNIT_SCALE}) so
 * sums and removals are exact.
 */

/** Units are stored as millionths: 1 (100 %) = 1,000,000. */
export const UNIT_SCALE = 1_000_000;

export const scaleUnits = (units: number): number => Math.round(units * UNIT_SCALE);

/** Where booking more units would exceed the capacity: the first minute, and the first moment after it with room again. */
export type Conflict = { readonly at: number; readonly until: number };

export class UsageProfile {
  private readonly times: number[] = [-Infinity];
  private readonly levels: number[] = [0];

  constructor(readonly capacity: number) {}

  /** Index of the step holding moment `t`. */
  private stepAt(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.times[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private split(t: number): number {
    const k = this.stepAt(t);
    if (this.times[k] === t) return k;
    this.times.splice(k + 1, 0, t);
    this.levels.splice(k + 1, 0, this.levels[k]!);
    return k + 1;
  }

  /** Adds `units` (negative to remove a booking) over each interval of a flat `[a0, b0, …]` list. */
  add(intervals: readonly number[], units: number): void {
    if (units === 0) return;
    for (let x = 0; x < intervals.length; x += 2) {
      const from = this.split(intervals[x]!);
      const to = this.split(intervals[x + 1]!);
      for (let k = from; k < to; k++) this.levels[k]! += units;
    }
  }

  /** The first place where adding `units` over the intervals would exceed the capacity, or null when they fit. */
  firstConflict(intervals: readonly number[], units: number): Conflict | null {
    const room = this.capacity - units;
    const { times, levels } = this;
    for (let x = 0; x < intervals.length; x += 2) {
      const a = intervals[x]!;
      const b = intervals[x + 1]!;
      for (let k = this.stepAt(a); k < times.length && times[k]! < b; k++) {
        if (levels[k]! <= room) continue;
        let m = k + 1;
        while (m < times.length && levels[m]! > room) m++;
        return { at: Math.max(a, times[k]!), until: m < times.length ? times[m]! : Infinity };
      }
    }
    return null;
  }
}
