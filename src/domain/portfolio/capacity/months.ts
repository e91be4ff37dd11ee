import { addDays, daysInMonth, type CalendarDate } from '../../calendar-date.js';

/** A calendar month, `YYYY-MM`. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` (negative when `to` is earlier): monthDiff('2026-11', '2027-02') = 3. */
export function monthDiff(from: Month, to: Month): number {
  return Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)));
}

/** Every month from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The month a date falls in. */
export function monthOf(date: CalendarDate): Month {
  return date.slice(0, 7);
}

/** Monday-to-Friday days of a month: the working days a month's standard hours are spread over. */
export function weekdaysInMonth(month: Month): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  let n = 0;
  for (let d = 1; d <= daysInMonth(y, m); d++) {
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

/** Monday-to-Friday days from `from` to `to` (both included) that fall in `month`. */
export function weekdaysWithin(from: CalendarDate, to: CalendarDate, month: Month): number {
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
  const start = from > first ? from : first;
  const end = to < last ? to : last;
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}
