/**
 * Working calendars as people define them: a working week, work weeks that replace it for
 * a stretch of dates, and exceptions (holidays, extra working days, shorter days), which
 * may recur. A calendar may be derived from a base calendar and inherit what it leaves out.
 */

/** A span of working time within one day, in minutes since midnight (`to` may be 1440). */
export type WorkingTime = { readonly from: number; readonly to: number };

/**
 * Working times of each weekday, Sunday first (index 0) to Saturday (6). An empty list is a
 * non-working day; `undefined` means "as the base calendar" (derived calendars only).
 */
export type WeekPattern = readonly (readonly WorkingTime[] | undefined)[];

/** How an exception repeats within its `from`…`to` dates. Weekdays are 0 = Sunday … 6 = Saturday. */
export type Recurrence =
  | { readonly kind: 'daily'; readonly every: number }
  | { readonly kind: 'weekly'; readonly every: number; readonly weekdays: readonly number[] }
  | { readonly kind: 'monthly-day'; readonly every: number; readonly day: number }
  /** `position` 1–4 is first to fourth; 5 is the last such weekday of the month. */
  | { readonly kind: 'monthly-position'; readonly every: number; readonly position: number; readonly weekday: number }
  | { readonly kind: 'yearly-day'; readonly month: number; readonly day: number }
  | { readonly kind: 'yearly-position'; readonly month: number; readonly position: number; readonly weekday: number };

/**
 * Dates (`YYYY-MM-DD`, inclusive) whose working time differs from the week: `working` empty
 * for a holiday, or the working times of that day. With a `recurrence`, only the dates it
 * selects between `from` and `to` are affected, at most `occurrences` of them when given.
 */
export type CalendarException = {
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  readonly working: readonly WorkingTime[];
  readonly recurrence?: Recurrence;
  readonly occurrences?: number;
};

/** A working week that applies between two dates (inclusive), in place of the default week. */
export type WorkWeek = {
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  readonly week: WeekPattern;
};

/**
 * A named calendar. For any date the first rule that speaks decides: an exception of this
 * calendar or of its bases (nearest first), then this calendar's work weeks and week, then
 * its base's work weeks and week, and so on up the chain.
 */
export type CalendarDefinition = {
  readonly id: string;
  readonly name?: string;
  readonly base?: string | null;
  readonly week: WeekPattern;
  readonly workWeeks?: readonly WorkWeek[];
  readonly exceptions?: readonly CalendarException[];
};

const range = (from: number, to: number): WorkingTime => ({ from, to });

/** Monday to Friday 08:00–12:00 and 13:00–17:00: MS Project's Standard calendar. */
export const STANDARD_WEEK: WeekPattern = [
  [],
  [range(480, 720), range(780, 1020)],
  [range(480, 720), range(780, 1020)],
  [range(480, 720), range(780, 1020)],
  [range(480, 720), range(780, 1020)],
  [range(480, 720), range(780, 1020)],
  [],
];

/** Every minute of every day: the clock for elapsed durations and lags. */
export const ELAPSED_WEEK: WeekPattern = Array.from({ length: 7 }, () => [range(0, 1440)]);
