import { describe, expect, it } from 'vitest';
import { formatPredecessors, parsePredecessors } from '../../web/src/pages/project/schedule/predecessors.js';
import { dayOf, formatDuration, parseDuration, parsePlanDate, ticks } from '../../web/src/pages/project/schedule/timescale.js';

const DAY = 480;
const ids = ['a', 'b', 'c'];
const taskOfRow = (row: number) => ids[row - 1];
const rowOf = (id: string) => ids.indexOf(id) + 1 || undefined;

describe('the Gantt predecessors column', () => {
  it('reads row numbers with types and lags as MS Project writes them', () => {
    expect(parsePredecessors('1, 2SS+2d; 3ff-4h, 1FS+50%', taskOfRow, DAY)).toEqual([
      { predecessorId: 'a', type: 'FS', lagMinutes: 0, lagPercent: null },
      { predecessorId: 'b', type: 'SS', lagMinutes: 960, lagPercent: null },
      { predecessorId: 'c', type: 'FF', lagMinutes: -240, lagPercent: null },
      { predecessorId: 'a', type: 'FS', lagMinutes: 0, lagPercent: 50 },
    ]);
    expect(parsePredecessors('  ', taskOfRow, DAY)).toEqual([]);
  });

  it('names what it cannot read', () => {
    expect(() => parsePredecessors('9', taskOfRow, DAY)).toThrowError('there is no row 9');
    expect(() => parsePredecessors('2XX', taskOfRow, DAY)).toThrowError(/"2XX" is not a predecessor/);
    expect(() => parsePredecessors('2SS+3q', taskOfRow, DAY)).toThrowError(/lag in "2SS\+3q"/);
  });

  it('writes back what it reads', () => {
    const text = '1, 2SS+2d, 3FF-0.5d, 1FS+50%';
    expect(formatPredecessors(parsePredecessors(text, taskOfRow, DAY), rowOf, DAY)).toBe(text);
  });
});

describe('the Gantt time scale and cells', () => {
  it('reads durations in days, hours, minutes and weeks', () => {
    expect(parseDuration('5', DAY)).toBe(2400);
    expect(parseDuration('2.5 days', DAY)).toBe(1200);
    expect(parseDuration('4h', DAY)).toBe(240);
    expect(parseDuration('2w', DAY)).toBe(4800);
    expect(parseDuration('soon', DAY)).toMatch(/a duration such as/);
    expect(formatDuration(1200, DAY)).toBe('2.5d');
  });

  it('reads dates strictly, with a default time', () => {
    expect(parsePlanDate('2026-03-12', '08:00')).toBe('2026-03-12T08:00');
    expect(parsePlanDate('2026-03-12 13:30', '08:00')).toBe('2026-03-12T13:30');
    expect(() => parsePlanDate('2026-02-30', '08:00')).toThrowError(/not a date on the calendar/);
    expect(() => parsePlanDate('12/03/2026', '08:00')).toThrowError(/a date such as/);
  });

  it('places plan dates without time zones and labels weeks from Monday', () => {
    expect(dayOf('1970-01-02T12:00:00')).toBe(1.5);
    const { top, bottom } = ticks('week', dayOf('2026-03-04T00:00'), dayOf('2026-03-20T00:00'));
    expect(top[0]!.label).toBe('Mar 2026');
    expect(bottom.map((t) => t.label)).toEqual(['2', '9', '16']);
  });
});
