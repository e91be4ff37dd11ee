import { invalid } from '../errors.js';
import { dayRule } from './calendar-rules.js';
import type { CalendarDefinition } from './calendar-types.js';
import { type LocalMinute, MINUTES_PER_DAY } from './local-time.js';
import { ELAPSED_CLOCK, type WorkClock, WorkingCalendar } from './working-calendar.js';

/**
 * The calendars a plan uses, unrolled once each around the plan's start. Index 0 is the
 * elapsed (24×7) clock.
 */
export class ClockSet {
  readonly clocks: WorkClock[] = [ELAPSED_CLOCK];
  private readonly byId = new Map<string, number>();
  private readonly definitions: ReadonlyMap<string, CalendarDefinition>;
  private readonly aroundDay: number;

  constructor(calendars: readonly CalendarDefinition[], around: LocalMinute) {
    const definitions = new Map<string, CalendarDefinition>();
    calendars.forEach((c, i) => {
      if (definitions.has(c.id)) throw invalid([{ field: `calendars.${i}.id`, reason: `duplicates calendar ${c.id}` }]);
      definitions.set(c.id, c);
    });
    this.definitions = definitions;
    this.aroundDay = Math.floor(around / MINUTES_PER_DAY);
  }

  /** The index of calendar `id`, unrolling it on first use. */
  indexOf(id: string, field: string): number {
    let index = this.byId.get(id);
    if (index === undefined) {
      if (!this.definitions.has(id)) throw invalid([{ field, reason: `calendar ${id} does not exist` }]);
      index = this.clocks.length;
      this.clocks.push(new WorkingCalendar(id, dayRule(this.definitions, id), this.aroundDay));
      this.byId.set(id, index);
    }
    return index;
  }
}

/** Where a task with `minutes` of work starting at or after `t` starts: the next working minute. A milestone stays at `t` if `t` is within or at the end of working time. */
export function snapStart(c: WorkClock, t: LocalMinute, minutes: number): LocalMinute {
  if (!Number.isFinite(t)) return t;
  const w = c.work(t);
  if (minutes === 0 && c.finishAt(w) === t) return t;
  return c.startAt(w);
}

/** Where a task finishing at or before `t` finishes: the end of the last working minute. A milestone stays at `t` if `t` is within or at the start of working time. */
export function snapFinish(c: WorkClock, t: LocalMinute, minutes: number): LocalMinute {
  if (!Number.isFinite(t)) return t;
  const w = c.work(t);
  if (minutes === 0 && c.startAt(w) === t) return t;
  return c.finishAt(w);
}

/** The finish of `minutes` of work starting at `start` (a working moment). */
export function finishFrom(c: WorkClock, start: LocalMinute, minutes: number): LocalMinute {
  return minutes === 0 ? start : c.finishAt(c.work(start) + minutes);
}

/** The start of `minutes` of work finishing at `finish`. */
export function startFrom(c: WorkClock, finish: LocalMinute, minutes: number): LocalMinute {
  return minutes === 0 ? finish : c.startAt(c.work(finish) - minutes);
}

/**
 * `t` moved by `lag` working minutes, as MS Project adds and subtracts working time: moving
 * forward stops at the end of the last minute counted (Friday 17:00, not Monday 08:00);
 * moving back stops where the first minute counted begins (Monday 08:00, not Friday 17:00).
 */
export function shift(c: WorkClock, t: LocalMinute, lag: number): LocalMinute {
  if (lag === 0 || !Number.isFinite(t)) return t;
  const w = c.work(t) + lag;
  return lag > 0 ? c.finishAt(w) : c.startAt(w);
}

/**
 * Where a task must finish by a finish bound (an FF or SF link, an FNET or MFO date): at the
 * bound itself when that is working time or the edge of it (a finish-to-finish successor of
 * a milestone at 13:00 finishes at 13:00, after lunch), else at the end of the last working
 * minute before it.
 */
export function finishOnBound(c: WorkClock, t: LocalMinute): LocalMinute {
  if (!Number.isFinite(t)) return t;
  const w = c.work(t);
  const before = c.finishAt(w);
  return before === t || c.startAt(w) === t ? t : before;
}
