import { daysInMonth } from '../../domain/calendar-date.js';

/**
 * Text ⇄ value conversions for MSPDI leaf elements. `parse` returns the value or throws a
 * {@link CodecError} with the reason; `format` writes what Project writes and throws the same
 * way for a value that cannot be written.
 */
export type Codec<V> = {
  parse: (text: string) => V;
  format: (value: V) => string;
  /** Whether an empty element means "no value" (every codec but text). */
  emptyIsAbsent: boolean;
};

/** A bad value; the caller adds the element path. */
export class CodecError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CodecError';
  }
}

const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

export const TEXT: Codec<string> = {
  parse: (text) => text,
  format: (value) => {
    if (typeof value !== 'string') throw new CodecError(`${String(value)} is not text`);
    return value;
  },
  emptyIsAbsent: false,
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function checkedNumber(value: number, integer: boolean): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CodecError(`${String(value)} is not a finite number`);
  if (integer && !Number.isInteger(value)) throw new CodecError(`${value} is not a whole number`);
  return String(value);
}

export const INT: Codec<number> = {
  parse: (text) => {
    const t = text.trim();
    if (!INTEGER.test(t) || !Number.isSafeInteger(Number(t))) throw new CodecError(`${quote(text)} is not a whole number`);
    return Number(t);
  },
  format: (value) => checkedNumber(value, true),
  emptyIsAbsent: true,
};

export const DECIMAL_NUMBER: Codec<number> = {
  parse: (text) => {
    const t = text.trim();
    const n = Number(t);
    if (!DECIMAL.test(t) || !Number.isFinite(n)) throw new CodecError(`${quote(text)} is not a number`);
    return n;
  },
  format: (value) => checkedNumber(value, false),
  emptyIsAbsent: true,
};

/** Whole numbers restricted to the listed values (MSPDI enumerations). */
export function oneOf<const V extends number>(values: readonly V[]): Codec<V> {
  const allowed = new Set<number>(values);
  const check = (n: number): V => {
    if (!allowed.has(n)) throw new CodecError(`${n} is not one of ${values.join(', ')}`);
    return n as V;
  };
  return {
    parse: (text) => check(INT.parse(text)),
    format: (value) => INT.format(check(value)),
    emptyIsAbsent: true,
  };
}

export const BOOL: Codec<boolean> = {
  parse: (text) => {
    const t = text.trim().toLowerCase();
    if (t === '1' || t === 'true') return true;
    if (t === '0' || t === 'false') return false;
    throw new CodecError(`${quote(text)} is not a flag (0/1 or true/false)`);
  },
  format: (value) => {
    if (typeof value !== 'boolean') throw new CodecError(`${String(value)} is not a flag`);
    return value ? '1' : '0';
  },
  emptyIsAbsent: true,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

const DATE_TIME_IN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME_OUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function dateTimeProblem(year: number, month: number, day: number, hour: number, minute: number, second: number): string | null {
  if (month < 1 || month > 12) return 'the month must be 01 to 12';
  if (day < 1 || day > daysInMonth(year, month)) return `${year}-${pad2(month)} has no day ${day}`;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) return 'the time of day is not valid';
  return null;
}

/**
 * Local date-times. Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` and `YYYY-MM-DDTHH:MM:SS[.fff]`,
 * normalised to `YYYY-MM-DDTHH:MM:SS` (fractions of a second dropped); a time zone is an
 * error, as MSPDI date-times are the plan's wall clock.
 */
export const DATE_TIME: Codec<string> = {
  parse: (text) => {
    const m = DATE_TIME_IN.exec(text.trim());
    if (!m) throw new CodecError(`${quote(text)} is not a date and time (YYYY-MM-DDTHH:MM:SS)`);
    if (m[7] !== undefined) throw new CodecError(`${quote(text)} has a time zone; MSPDI date-times are local wall-clock times`);
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const problem = dateTimeProblem(year, month, day, hour, minute, second);
    if (problem) throw new CodecError(`${quote(text)}: ${problem}`);
    return `${m[1]}-${m[2]}-${m[3]}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  },
  format: (value) => {
    const m = typeof value === 'string' ? DATE_TIME_OUT.exec(value) : null;
    if (!m) throw new CodecError(`${quote(String(value))} is not a date and time written YYYY-MM-DDTHH:MM:SS`);
    const problem = dateTimeProblem(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (problem) throw new CodecError(`${quote(value)}: ${problem}`);
    return value;
  },
  emptyIsAbsent: true,
};

const TIME_IN = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/**
 * Clock time `HH:MM:SS` as minutes since midnight. With `endOfDay`, `00:00:00` (and
 * `24:00:00`) read as 1440 and 1440 is written as `00:00:00`: Project writes the end of a
 * working period that runs to midnight that way.
 */
export function clockTime(endOfDay: boolean): Codec<number> {
  return {
    parse: (text) => {
      const m = TIME_IN.exec(text.trim());
      if (!m) throw new CodecError(`${quote(text)} is not a time of day (HH:MM:SS)`);
      const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
      if (Number(m[2]) > 59 || Number(m[3] ?? 0) >= 60 || seconds > 86400 || (seconds === 86400 && !endOfDay)) {
        throw new CodecError(`${quote(text)} is not a time of day`);
      }
      const minutes = Math.round((seconds / 60) * 1000) / 1000;
      return endOfDay && minutes === 0 ? 1440 : minutes;
    },
    format: (value) => {
      const max = endOfDay ? 1440 : 1440 - 1 / 1000;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
        throw new CodecError(`${String(value)} is not a number of minutes within a day`);
      }
      const millis = Math.round(value * 60_000) % 86_400_000;
      const s = (millis % 60_000) / 1000;
      return `${pad2(Math.floor(millis / 3_600_000))}:${pad2(Math.floor((millis % 3_600_000) / 60_000))}:${s < 10 ? '0' : ''}${s}`;
    },
    emptyIsAbsent: true,
  };
}

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of each ISO part: years of 365 days, months of 30 days (as MPXJ reads them). */
const PART_MILLIS = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/**
 * Reads an ISO-8601 duration (`PT8H30M0S`, `-PT16H0M0S`, `P1DT2H`) as minutes, rounded to
 * 1/1000 minute. Days count 24 hours: Project itself writes hours only.
 * @example parseIsoDurationMinutes('PT8H30M0S') // 510
 */
export function parseIsoDurationMinutes(text: string): number {
  const t = text.trim();
  const m = ISO_DURATION.exec(t);
  if (!m || t === 'P' || t === '-P' || t.endsWith('T')) throw new CodecError(`${quote(text)} is not an ISO-8601 duration (PT8H0M0S)`);
  let millis = 0;
  PART_MILLIS.forEach((unit, i) => {
    const part = m[i + 2];
    if (part !== undefined) millis += Number(part) * unit;
  });
  const milliMinutes = Math.round(millis / 60);
  return (m[1] && milliMinutes !== 0 ? -milliMinutes : milliMinutes) / 1000;
}

/**
 * Writes minutes as Project does, in hours, minutes and seconds: 510 → `PT8H30M0S`.
 * (Project's reader understands no other ISO form.)
 */
export function formatIsoDuration(minutes: number): string {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) throw new CodecError(`${String(minutes)} is not a number of minutes`);
  const millis = Math.abs(Math.round(minutes * 1000)) * 60;
  const hours = Math.floor(millis / 3_600_000);
  const mins = Math.floor((millis % 3_600_000) / 60_000);
  const seconds = (millis % 60_000) / 1000;
  return `${minutes < 0 && millis > 0 ? '-' : ''}PT${hours}H${mins}M${seconds}S`;
}

export const DURATION: Codec<number> = { parse: parseIsoDurationMinutes, format: formatIsoDuration, emptyIsAbsent: true };
