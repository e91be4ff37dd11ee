import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fteIn, roleCapacity, STANDARD_WEEKDAYS_PER_MONTH, type CapacityPerson } from './capacity.js';
import { heatMap } from './heat-map.js';
import { addMonths, isMonth, monthsBetween, weekdaysInMonth, weekdaysWithin } from './months.js';

const person = (over: Partial<CapacityPerson> = {}): CapacityPerson => ({ id: 'p', fte: 1, nonProjectShare: 0, fromMonth: null, toMonth: null, absences: [], ...over });

describe('months', () => {
  it('steps across year ends both ways and lists ranges inclusively', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2027-01', -25)).toBe('2024-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-02', '2027-01')).toEqual([]);
    expect(isMonth('2027-13')).toBe(false);
    expect(isMonth('2027-09')).toBe(true);
  });

  it('counts weekdays of a month and of a range inside it (worked from a calendar)', () => {
    // March 2027: starts on a Monday, 31 days → 23 weekdays; February 2027: 20.
    expect(weekdaysInMonth('2027-03')).toBe(23);
    expect(weekdaysInMonth('2027-02')).toBe(20);
    // A holiday from Friday 26 February to Tuesday 2 March: 1 weekday in February, 2 in March.
    expect(weekdaysWithin('2027-02-26', '2027-03-02', '2027-02')).toBe(1);
    expect(weekdaysWithin('2027-02-26', '2027-03-02', '2027-03')).toBe(2);
    expect(weekdaysWithin('2027-02-26', '2027-03-02', '2027-04')).toBe(0);
  });
});

describe('role capacity', () => {
  it('works out a month by hand: unnamed FTEs, a part-timer, a holiday and non-project work', () => {
    const [march] = roleCapacity(
      {
        hoursPerFteMonth: 140,
        fteSteps: [
          { from: '2027-01', fte: 2 },
          { from: '2027-06', fte: 3 },
        ],
        people: [person({ id: 'ana', absences: [{ from: '2027-03-01', to: '2027-03-05' }] }), person({ id: 'bo', fte: 0.6, nonProjectShare: 0.25 })],
      },
      '2027-03',
      '2027-03',
    );
    const perFte = (140 * 23) / STANDARD_WEEKDAYS_PER_MONTH; // 148.1 h
    // unnamed 2 FTE; Ana full time less 5 of 23 days; Bo 0.6 FTE less a quarter for support
    const ana = perFte - 5 * (perFte / 23);
    const bo = 0.6 * perFte * 0.75;
    expect(march!.hours).toBeCloseTo(2 * perFte + ana + bo, 9);
    expect(march!.fte).toBeCloseTo(3.6, 12);
    expect(march!.absenceHours).toBeCloseTo(5 * (perFte / 23), 9);
    expect(march!.nonProjectHours).toBeCloseTo(0.6 * perFte * 0.25, 9);
  });

  it('changes over time: steps take effect from their month, people only count while in the role', () => {
    const months = roleCapacity({ hoursPerFteMonth: 100, fteSteps: [{ from: '2027-02', fte: 1 }], people: [person({ fromMonth: '2027-03', toMonth: '2027-03' })] }, '2027-01', '2027-04');
    expect(months.map((m) => m.fte)).toEqual([0, 1, 2, 1]);
    expect(fteIn([{ from: '2027-05', fte: 4 }, { from: '2027-01', fte: 2 }], '2027-06')).toBe(4);
  });

  it('never goes below zero, and absences or non-project work never add capacity', () => {
    const absence = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([start, len]) => {
      const from = new Date(Date.UTC(2027, 0, 1 + start)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2027, 0, 1 + start + len)).toISOString().slice(0, 10);
      return { from, to };
    });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(absence, { maxLength: 4 }), (fte, share, absences) => {
        const base = roleCapacity({ hoursPerFteMonth: 140, fteSteps: [], people: [person({ fte })] }, '2027-01', '2027-03');
        const less = roleCapacity({ hoursPerFteMonth: 140, fteSteps: [], people: [person({ fte, nonProjectShare: share, absences })] }, '2027-01', '2027-03');
        less.forEach((m, i) => {
          expect(m.hours).toBeGreaterThanOrEqual(0);
          expect(m.hours).toBeLessThanOrEqual(base[i]!.hours + 1e-9);
          expect(m.hours + m.absenceHours + m.nonProjectHours).toBeCloseTo(base[i]!.hours, 9);
        });
      }),
    );
  });
});

describe('the demand and capacity heat map', () => {
  it('flags an over-allocated cell with the projects causing it, largest first', () => {
    const cells = heatMap(
      [{ roleId: 'dev', months: [{ month: '2027-01', hours: 300 }, { month: '2027-02', hours: 300 }] }, { roleId: 'ba', months: [{ month: '2027-01', hours: 0 }] }],
      [
        { projectId: 'A', roleId: 'dev', month: '2027-01', hours: 200 },
        { projectId: 'B', roleId: 'dev', month: '2027-01', hours: 150 },
        { projectId: 'A', roleId: 'dev', month: '2027-01', hours: 10 },
        { projectId: 'A', roleId: 'dev', month: '2027-02', hours: 100 },
        { projectId: 'C', roleId: 'ba', month: '2027-01', hours: 8 },
        { projectId: 'C', roleId: 'qa', month: '2027-01', hours: 40 },
        { projectId: 'C', roleId: 'dev', month: '2028-01', hours: 40 },
      ],
    );
    expect(cells[0]).toEqual({ roleId: 'dev', month: '2027-01', capacity: 300, demand: 360, utilisation: 1.2, overBy: 60, projects: [{ projectId: 'A', hours: 210 }, { projectId: 'B', hours: 150 }] });
    expect(cells[1]).toMatchObject({ demand: 100, overBy: 0, utilisation: 1 / 3 });
    expect(cells[2]).toMatchObject({ roleId: 'ba', capacity: 0, demand: 8, utilisation: Infinity, overBy: 8 });
  });

  it("adds every project's hours into its cell and nowhere else", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ projectId: fc.constantFrom('A', 'B', 'C'), roleId: fc.constantFrom('dev', 'qa'), month: fc.constantFrom('2027-01', '2027-02'), hours: fc.double({ min: 0, max: 500, noNaN: true }) })), (demand) => {
        const capacity = ['dev', 'qa'].map((roleId) => ({ roleId, months: [{ month: '2027-01', hours: 250 }, { month: '2027-02', hours: 250 }] }));
        const cells = heatMap(capacity, demand);
        const total = demand.filter((d) => d.hours > 0).reduce((s, d) => s + d.hours, 0);
        expect(cells.reduce((s, c) => s + c.demand, 0)).toBeCloseTo(total, 6);
        for (const c of cells) {
          expect(c.projects.reduce((s, p) => s + p.hours, 0)).toBeCloseTo(c.demand, 6);
          expect(c.overBy).toBeCloseTo(Math.max(0, c.demand - c.capacity), 9);
        }
      }),
    );
  });
});

describe('work spread over weekdays', () => {
  it('splits a task across months by its weekdays (worked from a calendar)', async () => {
    const { spreadOverWeekdays } = await import('./spread.js');
    // Thu 28 Jan, Fri 29 Jan, Mon 1 Feb, Tue 2 Feb 2027: two weekdays each side.
    expect(spreadOverWeekdays(30, '2027-01-28', '2027-02-02')).toEqual({ '2027-01': 15, '2027-02': 15 });
    expect(spreadOverWeekdays(8, '2027-01-30', '2027-01-31')).toEqual({ '2027-01': 8 });
    const spread = spreadOverWeekdays(100, '2027-01-01', '2027-12-31');
    expect(Object.values(spread).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });
});
