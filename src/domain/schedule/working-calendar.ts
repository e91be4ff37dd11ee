import { PharosError } from '../errors.js';
import type { DayRule } from './calendar-rules.js';
import type { WorkingTime } from './calendar-types.js';
import { type DayNumber, formatDay, type LocalMinute, MINUTES_PER_DAY } from './local-time.js';

/**
 * Working-time arithmetic. `work(t)` counts the working minutes from a fixed origin to the
 * moment `t` (negative before it); every duration sum is a difference of two such counts.
 * A moment with a given count is ambiguous across non-working time (Friday 17:00 and
 * Monday 08:00 have the same count), so there are two inverses: `finishAt` gives the
 * earliest moment (where work ends) and `startAt` the latest (where work begins).
 */
export type WorkClock = {
  readonly id: string;
  /** Working minutes from the origin to `t`. */
  work(t: LocalMinute): number;
  /** The latest moment whose count is `w`: the start of the working minute `w` (work begins there). */
  startAt(w: number): LocalMinute;
  /** The earliest moment whose count is `w`: the end of the working minute `w − 1` (work ended there). */
  finishAt(w: number): LocalMinute;
};

/** Elapsed time: every minute counts (24×7). */
export const ELAPSED_CLOCK: WorkClock = {
  id: '24x7',
  work: (t) => t,
  startAt: (w) => w,
  finishAt: (w) => w,
};

/** A stretch this long with no working time means the calendar cannot finish the work. */
const EMPTY_STRETCH_DAYS = 8 * 366;
const INITIAL_DAYS = 3 * 366;
/** Counts per entry of the day table (a power of two). */
const BLOCK_BITS = 10;
const BLOCK = 1 << BLOCK_BITS;

/**
 * A calendar unrolled into per-day patterns with cumulative working minutes at each day's
 * start, grown on demand in either direction. `work(t)` finds its day by subtraction; the
 * inverses find the day holding a count through a table of the first day reaching each
 * block of {@link BLOCK} counts, then step over the few days of that block. Each then walks
 * one day's few working periods.
 */
export class WorkingCalendar implements WorkClock {
  readonly id: string;
  private readonly rule: DayRule;
  private readonly patterns: Int32Array[] = [];
  private readonly patternKeys = new Map<string, number>();
  /** Patterns by the rule's own arrays (it returns the same array for every day a week or exception covers). */
  private readonly patternOfTimes = new Map<readonly WorkingTime[], number>();
  /** First unrolled day, and the day whose start is count 0. */
  private firstDay: DayNumber;
  private readonly originDay: DayNumber;
  private dayPattern: Uint16Array = new Uint16Array(0);
  /** `cum[i]` = count at the start of day `firstDay + i`; length = days + 1. */
  private cum: Float64Array = new Float64Array(1);
  /** The day the last count lookup landed on (an index into `cum`). */
  private lastDay = 0;
  /** `block[b]` = the first day index `i` with `cum[i+1] >= cum[0] + b·BLOCK`. */
  private block: Int32Array = new Int32Array(1);

  constructor(id: string, rule: DayRule, aroundDay: DayNumber) {
    this.id = id;
    this.rule = rule;
    const day = Math.floor(aroundDay);
    this.originDay = day;
    this.firstDay = day;
    this.unroll(day - 366, day + INITIAL_DAYS);
  }

  /** Working times of `day` as resolved by the calendar's rules. */
  workingTimes(day: DayNumber): readonly WorkingTime[] {
    return this.rule(day);
  }

  private patternOf(times: readonly WorkingTime[]): number {
    const known = this.patternOfTimes.get(times);
    if (known !== undefined) return known;
    const index = this.patternByKey(times);
    this.patternOfTimes.set(times, index);
    return index;
  }

  private patternByKey(times: readonly WorkingTime[]): number {
    const key = times.map((t) => `${t.from}-${t.to}`).join(',');
    let index = this.patternKeys.get(key);
    if (index === undefined) {
      index = this.patterns.length;
      const flat = new Int32Array(times.length * 2);
      times.forEach((t, i) => {
        flat[2 * i] = t.from;
        flat[2 * i + 1] = t.to;
      });
      this.patterns.push(flat);
      this.patternKeys.set(key, index);
    }
    return index;
  }

  private patternTotal(p: Int32Array): number {
    let total = 0;
    for (let i = 0; i < p.length; i += 2) total += p[i + 1]! - p[i]!;
    return total;
  }

  /** Rebuilds the arrays to cover days `from` (inclusive) to `to` (exclusive), keeping counts. */
  private unroll(from: DayNumber, to: DayNumber): void {
    const start = Math.min(from, this.firstDay);
    const end = Math.max(to, this.firstDay + this.dayPattern.length);
    const days = end - start;
    const pattern = new Uint16Array(days);
    const offset = this.firstDay - start;
    pattern.set(this.dayPattern, offset);
    for (let i = 0; i < days; i++) {
      if (i >= offset && i < offset + this.dayPattern.length) continue;
      pattern[i] = this.patternOf(this.rule(start + i));
    }
    const cum = new Float64Array(days + 1);
    for (let i = 0; i < days; i++) cum[i + 1] = cum[i]! + this.patternTotal(this.patterns[pattern[i]!]!);
    const shift = cum[this.originDay - start]!;
    for (let i = 0; i <= days; i++) cum[i] = cum[i]! - shift;
    this.firstDay = start;
    this.dayPattern = pattern;
    this.cum = cum;
    this.lastDay = 0;
    const blocks = Math.floor((cum[days]! - cum[0]!) / BLOCK) + 1;
    const block = new Int32Array(blocks);
    for (let b = 0, i = 0; b < blocks; b++) {
      const w = cum[0]! + b * BLOCK;
      while (i < days - 1 && cum[i + 1]! < w) i++;
      block[b] = i;
    }
    this.block = block;
  }

  private growTo(day: DayNumber): void {
    const days = this.dayPattern.length;
    const before = this.cum[0]!;
    const after = this.cum[days]!;
    const oldFirst = this.firstDay;
    if (day < this.firstDay) this.unroll(Math.min(day, this.firstDay - days) - 1, this.firstDay + days);
    else this.unroll(this.firstDay, Math.max(day + 1, this.firstDay + 2 * days));
    const added = this.dayPattern.length - days;
    const gained = this.cum[0]! !== before || this.cum[this.dayPattern.length]! !== after;
    if (!gained && added >= EMPTY_STRETCH_DAYS) {
      const from = Math.min(oldFirst, this.firstDay);
      throw new PharosError(
        'validation-failed',
        `calendar ${this.id}: no working time between ${formatDay(from)} and ${formatDay(from + this.dayPattern.length)}`,
        { issues: [{ field: `calendars.${this.id}`, reason: 'has no working time to schedule in' }] },
      );
    }
  }

  work(t: LocalMinute): number {
    const day = Math.floor(t / MINUTES_PER_DAY);
    let i = day - this.firstDay;
    if (i < 0 || i >= this.dayPattern.length) {
      this.growTo(day);
      i = day - this.firstDay;
    }
    const minute = t - day * MINUTES_PER_DAY;
    const p = this.patterns[this.dayPattern[i]!]!;
    let worked = this.cum[i]!;
    for (let k = 0; k < p.length; k += 2) {
      const from = p[k]!;
      if (minute <= from) break;
      const to = p[k + 1]!;
      worked += (minute < to ? minute : to) - from;
    }
    return worked;
  }

  /** Index of the day holding count `w`: `cum[i] <= w < cum[i+1]` (strict = true) or `cum[i] < w <= cum[i+1]`. */
  private dayHolding(w: number, startSide: boolean): number {
    // Lookups come in runs near one another (a task, then its successors): try the last day first.
    const last = this.lastDay;
    const c = this.cum;
    if (last + 1 < c.length && (startSide ? c[last]! <= w && w < c[last + 1]! : c[last]! < w && w <= c[last + 1]!)) return last;
    const n = c.length - 1;
    let found: number;
    if (startSide ? w >= c[0]! && w < c[n]! : w > c[0]! && w <= c[n]!) {
      // The answer is the first day whose end count passes w (start side) or reaches it.
      let i = this.block[Math.floor((w - c[0]!) / BLOCK)]!;
      if (startSide) while (c[i + 1]! <= w) i++;
      else while (c[i + 1]! < w) i++;
      found = i;
    } else found = this.search(w, startSide);
    this.lastDay = found;
    return found;
  }

  private search(w: number, startSide: boolean): number {
    for (;;) {
      const n = this.dayPattern.length;
      const cum = this.cum;
      const below = startSide ? w < cum[0]! : w <= cum[0]!;
      const above = startSide ? w >= cum[n]! : w > cum[n]!;
      if (below) this.growTo(this.firstDay - 1);
      else if (above) this.growTo(this.firstDay + n);
      else {
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (startSide ? cum[mid]! <= w : cum[mid]! < w) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      }
    }
  }

  startAt(w: number): LocalMinute {
    const i = this.dayHolding(w, true);
    const p = this.patterns[this.dayPattern[i]!]!;
    let rest = w - this.cum[i]!;
    for (let k = 0; k < p.length; k += 2) {
      const length = p[k + 1]! - p[k]!;
      if (rest < length) return (this.firstDay + i) * MINUTES_PER_DAY + p[k]! + rest;
      rest -= length;
    }
    throw new Error('unreachable: count beyond the day that holds it');
  }

  finishAt(w: number): LocalMinute {
    const i = this.dayHolding(w, false);
    const p = this.patterns[this.dayPattern[i]!]!;
    let rest = w - this.cum[i]!;
    for (let k = 0; k < p.length; k += 2) {
      const length = p[k + 1]! - p[k]!;
      if (rest <= length) return (this.firstDay + i) * MINUTES_PER_DAY + p[k]! + rest;
      rest -= length;
    }
    throw new Error('unreachable: count beyond the day that holds it');
  }
}
