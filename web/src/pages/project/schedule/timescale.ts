/**
 * The Gantt's time axis. Plan dates are the plan's own wall-clock time (`YYYY-MM-DDTHH:MM:SS`,
 * no zone), so they are placed by treating them as UTC: no browser time zone ever shifts a bar.
 */

export const ZOOMS = {
  day: { label: 'Days', pxPerDay: 36 },
  week: { label: 'Weeks', pxPerDay: 12 },
  month: { label: 'Months', pxPerDay: 3.2 },
  quarter: { label: 'Quarters', pxPerDay: 1.1 },
} as const;
export type Zoom = keyof typeof ZOOMS;

const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['S', 'M', 'T', 'W', 'T', 'F', 'S'];

/** Days since 1970-01-01 (fractional: 12:00 is .5) of a plan date. */
export function dayOf(text: string): number {
  const y = Number(text.slice(0, 4));
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const h = Number(text.slice(11, 13) || 0);
  const mi = Number(text.slice(14, 16) || 0);
  return Date.UTC(y, mo - 1, d, h, mi) / MS_PER_DAY;
}

const civil = (day: number) => new Date(Math.floor(day) * MS_PER_DAY);

/** `5 Jan 2026`, and the time when it is not a day boundary people assume. */
export function formatPlanDate(text: string | null, withTime = false): string {
  if (!text) return '—';
  const d = civil(dayOf(text));
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return withTime ? `${base} ${text.slice(11, 16)}` : base;
}

/** Working minutes as days of the plan (`3d`, `0.5d`). */
export function formatDuration(minutes: number, minutesPerDay: number): string {
  const days = minutes / minutesPerDay;
  return `${Number.isInteger(days) ? days : days.toFixed(days < 10 ? 2 : 1).replace(/0+$/, '')}d`;
}

/**
 * A duration typed by a person: `5`, `5d`, `2.5 days`, `4h`, `30m`, `2w` (weeks of five
 * working days). Returns working minutes, or the reason it cannot be read.
 */
export function parseDuration(text: string, minutesPerDay: number): number | string {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(d|day|days|h|hr|hrs|hour|hours|m|min|mins|minutes?|w|wk|wks|weeks?)?\s*$/i.exec(text);
  if (!m) return 'a duration such as 5d, 4h, 30m or 2w';
  const n = Number(m[1]!.replace(',', '.'));
  const unit = (m[2] ?? 'd').toLowerCase()[0];
  const minutes = unit === 'h' ? n * 60 : unit === 'm' ? n : unit === 'w' ? n * 5 * minutesPerDay : n * minutesPerDay;
  return Math.round(minutes);
}

/** A date (and optional time) typed as `2026-03-12` or `2026-03-12 13:00`, as a plan date, or the reason it cannot be read. */
export function parsePlanDate(text: string, defaultTime: string): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?\s*$/.exec(text);
  if (!m) throw new Error('a date such as 2026-03-12, optionally with a time: 2026-03-12 13:00');
  const day = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m[1]) throw new Error(`${m[1]} is not a date on the calendar`);
  return `${m[1]}T${m[2] ?? defaultTime}`;
}

export type Tick = { day: number; end: number; label: string };

/** The two rows of the time scale between two days: coarse on top, fine below. */
export function ticks(zoom: Zoom, from: number, to: number): { top: Tick[]; bottom: Tick[] } {
  const start = Math.floor(from);
  const months = (step: number, label: (d: Date) => string): Tick[] => {
    const out: Tick[] = [];
    const d0 = civil(start);
    let y = d0.getUTCFullYear();
    let m = Math.floor(d0.getUTCMonth() / step) * step;
    for (;;) {
      const day = Date.UTC(y, m, 1) / MS_PER_DAY;
      const next = Date.UTC(y, m + step, 1) / MS_PER_DAY;
      if (day > to) break;
      out.push({ day, end: next, label: label(new Date(day * MS_PER_DAY)) });
      m += step;
      if (m >= 12) {
        y += Math.floor(m / 12);
        m %= 12;
      }
    }
    return out;
  };
  const days = (every: number, align: (d: number) => number, label: (d: Date) => string): Tick[] => {
    const out: Tick[] = [];
    for (let day = align(start); day <= to; day += every) out.push({ day, end: day + every, label: label(civil(day)) });
    return out;
  };
  // Day 4 (1970-01-05) was a Monday.
  const monday = (d: number) => d - ((((d - 4) % 7) + 7) % 7);
  const monthYear = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  switch (zoom) {
    case 'day':
      return { top: days(7, monday, (d) => `Week of ${d.getUTCDate()} ${monthYear(d)}`), bottom: days(1, (d) => d, (d) => `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()}`) };
    case 'week':
      return { top: months(1, monthYear), bottom: days(7, monday, (d) => String(d.getUTCDate())) };
    case 'month':
      return { top: months(12, (d) => String(d.getUTCFullYear())), bottom: months(1, (d) => MONTHS[d.getUTCMonth()]!) };
    case 'quarter':
      return { top: months(12, (d) => String(d.getUTCFullYear())), bottom: months(3, (d) => `Q${Math.floor(d.getUTCMonth() / 3) + 1}`) };
  }
}

/** The time a typed date without one means: work starts at 08:00 and ends at 17:00. */
export const DEFAULT_START = '08:00';
export const DEFAULT_FINISH = '17:00';

/** `YYYY-MM-DD` of a whole day number. */
export function dayText(day: number): string {
  return civil(day).toISOString().slice(0, 10);
}

/**
 * The zoom level's unit boundary nearest to `day` (a whole day number): the day itself at day
 * zoom, the nearest Monday at week zoom, the nearest first of a month or of a quarter.
 */
export function snapDay(zoom: Zoom, day: number): number {
  const d = Math.round(day);
  if (zoom === 'day') return d;
  if (zoom === 'week') return d + 3 - ((((d + 3 - 4) % 7) + 7) % 7);
  const step = zoom === 'month' ? 1 : 3;
  const c = civil(d);
  const m = Math.floor(c.getUTCMonth() / step) * step;
  const lo = Date.UTC(c.getUTCFullYear(), m, 1) / MS_PER_DAY;
  const hi = Date.UTC(c.getUTCFullYear(), m + step, 1) / MS_PER_DAY;
  return d - lo <= hi - d ? lo : hi;
}
