import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, DATE_TIME, clockTime, formatIsoDuration, parseIsoDurationMinutes } from './codecs.js';

describe('ISO durations', () => {
  it('reads what Project writes, in minutes', () => {
    expect(parseIsoDurationMinutes('PT8H0M0S')).toBe(480);
    expect(parseIsoDurationMinutes('PT8H30M0S')).toBe(510);
    expect(parseIsoDurationMinutes('PT0H0M0S')).toBe(0);
    expect(parseIsoDurationMinutes('-PT16H0M0S')).toBe(-960);
    expect(parseIsoDurationMinutes('PT0H0M30S')).toBe(0.5);
    expect(parseIsoDurationMinutes('PT1.5H')).toBe(90);
  });

  it('reads other ISO forms: a day is 24 hours, a week 7 days', () => {
    expect(parseIsoDurationMinutes('P1DT2H')).toBe(1560);
    expect(parseIsoDurationMinutes('P1W')).toBe(10080);
    expect(parseIsoDurationMinutes(' PT45M ')).toBe(45);
  });

  it('refuses text that is no ISO duration', () => {
    for (const text of ['8h', 'P', 'PT', 'P1DT', '-', 'PT-8H', '']) {
      expect(() => parseIsoDurationMinutes(text), text).toThrow(CodecError);
    }
  });

  it('writes hours, minutes and seconds, never -0', () => {
    expect(formatIsoDuration(510)).toBe('PT8H30M0S');
    expect(formatIsoDuration(0)).toBe('PT0H0M0S');
    expect(formatIsoDuration(-960)).toBe('-PT16H0M0S');
    expect(formatIsoDuration(0.5)).toBe('PT0H0M30S');
    expect(formatIsoDuration(0.001)).toBe('PT0H0M0.06S');
    expect(formatIsoDuration(-0.0001)).toBe('PT0H0M0S');
    expect(() => formatIsoDuration(Number.NaN)).toThrow(CodecError);
  });

  it('round-trips any whole number of thousandths of a minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (thousandths) => {
        const minutes = thousandths / 1000;
        expect(parseIsoDurationMinutes(formatIsoDuration(minutes))).toBe(minutes);
      }),
    );
  });

  it('is stable after one read: reading, writing and reading gives the first value', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 59 }), fc.nat({ max: 59_999_999 }), (h, m, microseconds) => {
        const once = parseIsoDurationMinutes(`PT${h}H${m}M${(microseconds / 1e6).toFixed(6)}S`);
        expect(parseIsoDurationMinutes(formatIsoDuration(once))).toBe(once);
      }),
    );
  });
});

describe('clock times', () => {
  const from = clockTime(false);
  const to = clockTime(true);

  it('reads minutes since midnight; an end time of 00:00:00 is midnight at the end of the day', () => {
    expect(from.parse('08:00:00')).toBe(480);
    expect(from.parse('00:00:00')).toBe(0);
    expect(to.parse('00:00:00')).toBe(1440);
    expect(to.parse('24:00:00')).toBe(1440);
    expect(to.parse('17:30:00')).toBe(1050);
    expect(to.format(1440)).toBe('00:00:00');
    expect(from.format(1050.5)).toBe('17:30:30');
    expect(() => from.parse('24:00:00')).toThrow(CodecError);
    expect(() => from.parse('8am')).toThrow(CodecError);
    expect(() => from.format(1440)).toThrow(CodecError);
  });

  it('round-trips every whole second of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86_400 }), (seconds) => {
        const minutes = Math.round((seconds / 60) * 1000) / 1000;
        expect(to.parse(to.format(minutes))).toBe(minutes);
      }),
    );
  });
});

describe('local date-times', () => {
  it('normalises to YYYY-MM-DDTHH:MM:SS', () => {
    expect(DATE_TIME.parse('2018-10-18T08:00:00')).toBe('2018-10-18T08:00:00');
    expect(DATE_TIME.parse('2018-10-18T08:00:00.000')).toBe('2018-10-18T08:00:00');
    expect(DATE_TIME.parse('2018-10-18T08:00')).toBe('2018-10-18T08:00:00');
    expect(DATE_TIME.parse('2018-10-18')).toBe('2018-10-18T00:00:00');
    expect(DATE_TIME.parse('2024-02-29T23:59:00')).toBe('2024-02-29T23:59:00');
  });

  it('refuses impossible dates, zones and other forms', () => {
    for (const text of ['2023-02-29T08:00:00', '2018-13-01T00:00:00', '2018-10-18T08:60:00', '2018-10-18T08:00:00+02:00', '18/10/2018']) {
      expect(() => DATE_TIME.parse(text), text).toThrow(CodecError);
    }
    expect(() => DATE_TIME.format('2018-10-18T08:00')).toThrow(CodecError);
  });
});
