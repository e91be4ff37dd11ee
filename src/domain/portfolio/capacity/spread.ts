import { addDays, type CalendarDate } from '../../calendar-date.js';
import { monthOf, type Month } from './months.js';

/**
 * Spreads hours evenly over the weekdays from `from` to `to` (both included) and sums them by
 * month: how a task's work on a role becomes that role's demand month by month. A span with no
 * weekday (a weekend task) puts everything in the month it starts.
 *
 * @example spreadOverWeekdays(30, '2027-01-28', '2027-02-02') // 4 weekdays: { '2027-01': 15, '2027-02': 15 }
 */
export function spreadOverWeekdays(hours: number, from: CalendarDate, to: CalendarDate): Record<Month, number> {
  const days: CalendarDate[] = [];
  for (let d = from; d <= to && days.length < 20_000; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) days.push(d);
  }
  const out: Record<Month, number> = {};
  if (days.length === 0) {
    out[monthOf(from)] = hours;
    return out;
  }
  const each = hours / days.length;
  for (const d of days) out[monthOf(d)] = (out[monthOf(d)] ?? 0) + each;
  return out;
}
