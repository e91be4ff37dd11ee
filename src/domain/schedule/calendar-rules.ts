import { PharosError } from '../errors.js';
import type { CalendarDefinition, CalendarException, Recurrence, WeekPattern, WorkingTime } from './calendar-types.js';
import { civilDate, dayNumber, type DayNumber, parseDay, weekday } from './local-time.js';

/** The working times of one day, resolved through a calendar, its work weeks, exceptions and bases. */
export type DayRule = (day: DayNumber) => readonly WorkingTime[];

type Level = {
  readonly week: WeekPattern;
  readonly workWeeks: readonly { from: DayNumber; to: DayNumber; week: WeekPattern }[];
  readonly exceptions: ReadonlyMap<DayNumber, readonly WorkingTime[]>;
};

const bad = (field: string, reason: string): PharosError =>
  new PharosError('validation-failed', `${field}: ${reason}`, { issues: [{ field, reason }] });

function dayOf(text: string, field: string): DayNumber {
  const day = parseDay(text);
  if (day === null) throw bad(field, 'must be a date written YYYY-MM-DD');
  return day;
}

/** The `position`-th (5 = last) `wd` of a month, or null when the month has no such day. */
function nthWeekday(year: number, month: number, position: number, wd: number): DayNumber | null {
  if (position >= 5) {
    const last = dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
    return last - ((weekday(last) - wd + 7) % 7);
  }
  const first = dayNumber(year, month, 1);
  const day = first + ((wd - weekday(first) + 7) % 7) + (position - 1) * 7;
  return civilDate(day)[1] === month ? day : null;
}

function monthDay(year: number, month: number, day: number): DayNumber | null {
  const d = dayNumber(year, month, day);
  return civilDate(d)[1] === month ? d : null;
}

/**
 * Every date an exception covers, in order. Without a recurrence that is each day from
 * `from` to `to`; with one, the days it selects in that span, at most `occurrences`.
 */
export function exceptionDays(exception: CalendarException, field = 'exception'): DayNumber[] {
  const from = dayOf(exception.from, `${field}.from`);
  const to = dayOf(exception.to, `${field}.to`);
  if (to < from) throw bad(`${field}.to`, 'must not be before from');
  const limit = exception.occurrences ?? Number.POSITIVE_INFINITY;
  const r: Recurrence | undefined = exception.recurrence;
  const days: DayNumber[] = [];
  const push = (d: DayNumber | null): boolean => {
    if (d !== null && d >= from && d <= to) days.push(d);
    return days.length < limit;
  };
  if (!r) {
    for (let d = from; d <= to && push(d); d++);
    return days;
  }
  const every = 'every' in r ? Math.max(1, Math.floor(r.every)) : 1;
  const [fy, fm] = civilDate(from);
  switch (r.kind) {
    case 'daily':
      for (let d = from; d <= to && push(d); d += every);
      break;
    case 'weekly': {
      const wanted = [...new Set(r.weekdays)].sort((a, b) => a - b);
      for (let weekStart = from - weekday(from); weekStart <= to; weekStart += 7 * every) {
        let more = true;
        for (const wd of wanted) if (!(more = push(weekStart + wd))) break;
        if (!more) break;
      }
      break;
    }
    case 'monthly-day':
    case 'monthly-position':
      for (let i = 0; ; i += every) {
        const y = fy + Math.floor((fm - 1 + i) / 12);
        const m = ((fm - 1 + i) % 12) + 1;
        if (dayNumber(y, m, 1) > to) break;
        const d = r.kind === 'monthly-day' ? monthDay(y, m, r.day) : nthWeekday(y, m, r.position, r.weekday);
        if (!push(d)) break;
      }
      break;
    case 'yearly-day':
    case 'yearly-position':
      for (let y = fy; dayNumber(y, 1, 1) <= to; y++) {
        const d = r.kind === 'yearly-day' ? monthDay(y, r.month, r.day) : nthWeekday(y, r.month, r.position, r.weekday);
        if (!push(d)) break;
      }
      break;
  }
  return days;
}

function checkTimes(times: readonly WorkingTime[], field: string): void {
  let previous = -1;
  times.forEach((t, i) => {
    if (!Number.isInteger(t.from) || !Number.isInteger(t.to) || t.from < 0 || t.to > 1440 || t.from >= t.to) {
      throw bad(`${field}.${i}`, 'working time must run forward within one day (minutes 0–1440)');
    }
    if (t.from < previous) throw bad(`${field}.${i}`, 'working times must be in order and must not overlap');
    previous = t.to;
  });
}

function checkWeek(week: WeekPattern, field: string): void {
  if (week.length !== 7) throw bad(field, 'must list 7 weekdays, Sunday first');
  week.forEach((times, i) => times && checkTimes(times, `${field}.${i}`));
}

function levelOf(calendar: CalendarDefinition, field: string): Level {
  checkWeek(calendar.week, `${field}.week`);
  const exceptions = new Map<DayNumber, readonly WorkingTime[]>();
  (calendar.exceptions ?? []).forEach((e, i) => {
    checkTimes(e.working, `${field}.exceptions.${i}.working`);
    // Later exceptions win where two cover one day, as the last edit does in MS Project.
    for (const day of exceptionDays(e, `${field}.exceptions.${i}`)) exceptions.set(day, e.working);
  });
  const workWeeks = (calendar.workWeeks ?? []).map((w, i) => {
    checkWeek(w.week, `${field}.workWeeks.${i}.week`);
    return { from: dayOf(w.from, `${field}.workWeeks.${i}.from`), to: dayOf(w.to, `${field}.workWeeks.${i}.to`), week: w.week };
  });
  return { week: calendar.week, workWeeks, exceptions };
}

/**
 * Resolves calendar `id` into a rule giving each day's working times: exceptions of the
 * calendar and its bases first (nearest first), then work weeks and weeks from the calendar
 * up its base chain. A day nobody speaks for is non-working. Throws when a base is missing
 * or the base chain loops.
 */
export function dayRule(calendars: ReadonlyMap<string, CalendarDefinition>, id: string): DayRule {
  const chain: Level[] = [];
  const seen = new Set<string>();
  for (let at: string | null | undefined = id; at != null; ) {
    if (seen.has(at)) throw new PharosError('cycle', `calendar ${id}: base calendars loop through ${[...seen, at].join(' → ')}`);
    seen.add(at);
    const calendar = calendars.get(at);
    if (!calendar) throw bad(`calendars.${id}.base`, `calendar ${at} does not exist`);
    chain.push(levelOf(calendar, `calendars.${at}`));
    at = calendar.base;
  }
  const none: readonly WorkingTime[] = [];
  return (day) => {
    for (const level of chain) {
      const exception = level.exceptions.get(day);
      if (exception) return exception;
    }
    const wd = weekday(day);
    for (const level of chain) {
      for (const w of level.workWeeks) {
        if (day >= w.from && day <= w.to && w.week[wd]) return w.week[wd]!;
      }
      const times = level.week[wd];
      if (times) return times;
    }
    return none;
  };
}
