import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRule, exceptionDays } from './calendar-rules.js';
import { type CalendarDefinition, STANDARD_WEEK } from './calendar-types.js';
import { formatDay, formatLocalDateTime, parseDay, parseLocalDateTime } from './local-time.js';
import { WorkingCalendar } from './working-calendar.js';

const at = (text: string) => parseLocalDateTime(text)!;
const days = (list: number[]) => list.map(formatDay);
const build = (defs: CalendarDefinition[], id: string) =>
  new WorkingCalendar(id, dayRule(new Map(defs.map((d) => [d.id, d])), id), parseDay('2026-01-05')!);

describe('local time', () => {
  it('reads and writes wall-clock minutes without a time zone', () => {
    expect(parseLocalDateTime('1970-01-02T08:00:00')).toBe(1440 + 480);
    expect(formatLocalDateTime(at('2026-02-28T23:59'))).toBe('2026-02-28T23:59:00');
    expect(parseLocalDateTime('2026-02-29T08:00')).toBeNull();
    expect(parseLocalDateTime('2024-02-29T24:00')).toBe(at('2024-03-01T00:00'));
  });
});

describe('recurring exceptions', () => {
  it('daily every 3 days between two dates', () => {
    expect(days(exceptionDays({ from: '2026-01-01', to: '2026-01-10', working: [], recurrence: { kind: 'daily', every: 3 } }))).toEqual([
      '2026-01-01',
      '2026-01-04',
      '2026-01-07',
      '2026-01-10',
    ]);
  });

  it('weekly on Monday and Friday every other week, stopped after 3 occurrences', () => {
    const list = exceptionDays({ from: '2026-01-05', to: '2026-03-01', working: [], recurrence: { kind: 'weekly', every: 2, weekdays: [5, 1] }, occurrences: 3 });
    expect(days(list)).toEqual(['2026-01-05', '2026-01-09', '2026-01-19']);
  });

  it('monthly on the 31st skips shorter months', () => {
    const list = exceptionDays({ from: '2026-01-01', to: '2026-05-31', working: [], recurrence: { kind: 'monthly-day', every: 1, day: 31 } });
    expect(days(list)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('monthly on the last Friday and the second Tuesday', () => {
    const last = exceptionDays({ from: '2026-01-01', to: '2026-03-31', working: [], recurrence: { kind: 'monthly-position', every: 1, position: 5, weekday: 5 } });
    expect(days(last)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    const second = exceptionDays({ from: '2026-01-01', to: '2026-02-28', working: [], recurrence: { kind: 'monthly-position', every: 1, position: 2, weekday: 2 } });
    expect(days(second)).toEqual(['2026-01-13', '2026-02-10']);
  });

  it('yearly on a date and on the fourth Thursday of November', () => {
    expect(days(exceptionDays({ from: '2026-01-01', to: '2028-12-31', working: [], recurrence: { kind: 'yearly-day', month: 12, day: 25 } }))).toEqual([
      '2026-12-25',
      '2027-12-25',
      '2028-12-25',
    ]);
    expect(days(exceptionDays({ from: '2026-01-01', to: '2027-12-31', working: [], recurrence: { kind: 'yearly-position', month: 11, position: 4, weekday: 4 } }))).toEqual([
      '2026-11-26',
      '2027-11-25',
    ]);
  });
});

describe('calendar resolution', () => {
  const standard: CalendarDefinition = {
    id: 'std',
    week: STANDARD_WEEK,
    exceptions: [{ name: 'Holiday', from: '2026-01-07', to: '2026-01-07', working: [] }],
    workWeeks: [{ from: '2026-02-02', to: '2026-02-06', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 420, to: 900 }] : d)) }],
  };
  const resource: CalendarDefinition = {
    id: 'res',
    base: 'std',
    week: [undefined, [], undefined, undefined, undefined, undefined, [{ from: 480, to: 720 }]],
    exceptions: [{ from: '2026-01-08', to: '2026-01-08', working: [{ from: 600, to: 660 }] }],
  };
  const rule = dayRule(new Map([standard, resource].map((c) => [c.id, c])), 'res');
  const times = (d: string) => rule(parseDay(d)!).map((t) => `${t.from}-${t.to}`).join(',');

  it('a derived calendar keeps its own days, inherits the rest, and the base’s holidays', () => {
    expect(times('2026-01-05')).toBe(''); // own Monday: off
    expect(times('2026-01-06')).toBe('480-720,780-1020'); // Tuesday as the base
    expect(times('2026-01-07')).toBe(''); // the base's holiday
    expect(times('2026-01-08')).toBe('600-660'); // its own exception
    expect(times('2026-01-10')).toBe('480-720'); // its own Saturday
    expect(times('2026-02-03')).toBe('420-900'); // the base's work week
  });

  it('a loop of base calendars is refused', () => {
    const a: CalendarDefinition = { id: 'a', base: 'b', week: STANDARD_WEEK };
    const b: CalendarDefinition = { id: 'b', base: 'a', week: STANDARD_WEEK };
    expect(() => dayRule(new Map([a, b].map((c) => [c.id, c])), 'a')).toThrowError(/loop/);
  });
});

describe('working-time arithmetic', () => {
  const cal = build([{ id: 'std', week: STANDARD_WEEK, exceptions: [{ from: '2026-01-07', to: '2026-01-07', working: [] }] }], 'std');

  it('counts working minutes between two moments', () => {
    expect(cal.work(at('2026-01-06T17:00')) - cal.work(at('2026-01-05T08:00'))).toBe(960);
    expect(cal.work(at('2026-01-08T08:00')) - cal.work(at('2026-01-06T17:00'))).toBe(0); // the holiday
    expect(cal.work(at('2026-01-05T12:30')) - cal.work(at('2026-01-05T11:00'))).toBe(60); // lunch does not count
  });

  it('resolves a count to where work ends and where it begins', () => {
    const friday = cal.work(at('2026-01-09T17:00'));
    expect(formatLocalDateTime(cal.finishAt(friday))).toBe('2026-01-09T17:00:00');
    expect(formatLocalDateTime(cal.startAt(friday))).toBe('2026-01-12T08:00:00');
  });

  it('grows in both directions on demand', () => {
    const far = cal.work(at('2031-06-02T09:00'));
    expect(formatLocalDateTime(cal.startAt(far))).toBe('2031-06-02T09:00:00');
    const early = cal.work(at('2019-03-04T10:00'));
    expect(formatLocalDateTime(cal.startAt(early))).toBe('2019-03-04T10:00:00');
  });

  it('a calendar with no working time is an error, not an endless search', () => {
    const never = build([{ id: 'never', week: [[], [], [], [], [], [], []] }], 'never');
    expect(() => never.startAt(100)).toThrowError(/no working time/);
  });

  it('startAt and finishAt invert work: both map back to the same count, around any moment', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2025-06-01T00:00'), max: at('2027-06-01T00:00') }), (t) => {
        const w = cal.work(t);
        expect(cal.work(cal.startAt(w))).toBe(w);
        expect(cal.work(cal.finishAt(w))).toBe(w);
        expect(cal.finishAt(w)).toBeLessThanOrEqual(t);
        expect(cal.startAt(w)).toBeGreaterThanOrEqual(t);
      }),
      { numRuns: 2000 },
    );
  });
});
