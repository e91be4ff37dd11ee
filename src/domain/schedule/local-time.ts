/**
 * Schedule time: whole minutes on a wall clock with no time zone, counted from
 * 1970-01-01T00:00. A plan's dates are local to the plan (MS Project writes them that way),
 * so the engine never meets a time zone or a daylight-saving jump. Written as text in the
 * fixed form `YYYY-MM-DDTHH:MM:SS`.
 */

/** Minutes since 1970-01-01T00:00 on the plan's wall clock. */
export type LocalMinute = number;

/** Days since 1970-01-01 (day 0 was a Thursday). */
export type DayNumber = number;

export const MINUTES_PER_DAY = 1440;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
 * @example dayNumber(1970, 1, 2) // 1
 */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `[year, month, day]` of a day number (inverse of {@link dayNumber}). */
export function civilDate(days: DayNumber): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(days: DayNumber): number {
  return (((days + 4) % 7) + 7) % 7;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (seconds are dropped;
 * `24:00` is allowed and means the next midnight). Returns `null` when the text is not a
 * real date and time.
 * @example parseLocalDateTime('1970-01-02T08:00:00') // 1920
 */
export function parseLocalDateTime(text: string): LocalMinute | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return null;
  const days = dayNumber(year, month, day);
  const [, backMonth] = civilDate(days);
  if (backMonth !== month) return null;
  return days * MINUTES_PER_DAY + hour * 60 + minute;
}

/** Writes `YYYY-MM-DDTHH:MM:SS` (seconds always `00`). */
export function formatLocalDateTime(time: LocalMinute): string {
  const days = Math.floor(time / MINUTES_PER_DAY);
  const inDay = time - days * MINUTES_PER_DAY;
  const [y, mo, d] = civilDate(days);
  return `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}T${pad2(Math.floor(inDay / 60))}:${pad2(inDay % 60)}:00`;
}

/** Writes the `YYYY-MM-DD` date of a day number. */
export function formatDay(days: DayNumber): string {
  const [y, mo, d] = civilDate(days);
  return `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`;
}

/** Reads `YYYY-MM-DD` into a day number, or `null`. */
export function parseDay(text: string): DayNumber | null {
  if (text.length !== 10) return null;
  const t = parseLocalDateTime(text);
  return t === null ? null : t / MINUTES_PER_DAY;
}
