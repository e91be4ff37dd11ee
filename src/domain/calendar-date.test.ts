import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateProblem, daysInMonth, isCalendarDate } from './calendar-date.js';

describe('calendar dates', () => {
  it('rejects a day that does not exist in its month and says why', () => {
    expect(dateProblem('2026-02-30')).toBe('February 2026 has 28 days');
    expect(dateProblem('2028-02-29')).toBeNull();
    expect(dateProblem('2100-02-29')).toBe('February 2100 has 28 days');
    expect(dateProblem('2000-02-29')).toBeNull();
    expect(dateProblem('2026-04-31')).toBe('April 2026 has 30 days');
  });

  it('rejects text that is not YYYY-MM-DD', () => {
    for (const bad of ['2026-2-3', '26-02-03', '2026/02/03', '2026-02-03T00:00', '', 'tomorrow', '2026-13-01', '2026-00-10']) {
      expect(dateProblem(bad), bad).not.toBeNull();
    }
  });

  it('agrees with the JavaScript UTC calendar on every day of a leap cycle (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const js = new Date(Date.UTC(y, m - 1, d));
        const real = js.getUTCFullYear() === y && js.getUTCMonth() === m - 1 && js.getUTCDate() === d;
        expect(isCalendarDate(text)).toBe(real);
        expect(d <= daysInMonth(y, m)).toBe(real);
      }),
    );
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
