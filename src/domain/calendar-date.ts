/**
 * Calendar dates as `YYYY-MM-DD` strings: no time zone, no local-time `Date`.
 * Comparison is plain string comparison because the format is fixed-width.
 */

export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in `month` (1–12) of the proleptic Gregorian `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why `text` is not a real calendar date, or `null` when it is one.
 * @example dateProblem('2026-02-30') // 'February 2026 has 28 days'
 */
export function dateProblem(text: string): string | null {
  const m = DATE_PATTERN.exec(text);
  if (!m) return 'must be a date written YYYY-MM-DD';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || year > 2999) return 'year must be between 1900 and 2999';
  if (month < 1 || month > 12) return 'month must be 01 to 12';
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    const name = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(year, month - 1, 1),
    );
    return `${name} ${year} has ${last} days`;
  }
  return null;
}

export function isCalendarDate(text: string): boolean {
  return dateProblem(text) === null;
}

/** Adds whole days to a calendar date (UTC arithmetic, so no DST effects). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
