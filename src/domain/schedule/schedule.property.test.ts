import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRule } from './calendar-rules.js';
import { type CalendarDefinition, STANDARD_WEEK } from './calendar-types.js';
import { parseLocalDateTime } from './local-time.js';
import { schedule } from './schedule.js';
import { LINK_TYPES, type ScheduleInput, type ScheduleLink, type ScheduleTask } from './types.js';
import { WorkingCalendar } from './working-calendar.js';

const START = parseLocalDateTime('2026-01-05T08:00')!;
const CALENDAR: CalendarDefinition = {
  id: 'std',
  week: STANDARD_WEEK,
  exceptions: [
    { from: '2026-01-19', to: '2026-01-19', working: [] },
    { from: '2026-01-24', to: '2026-01-24', working: [{ from: 540, to: 780 }] },
  ],
};
const clock = new WorkingCalendar('std', dayRule(new Map([['std', CALENDAR]]), 'std'), START / 1440);

/** Random plans: tasks in outline order, some of them summaries, links only forward in the list (so no loops). */
const plans = fc
  .record({
    durations: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 40 }),
    parents: fc.array(fc.integer({ min: -8, max: 39 }), { minLength: 40, maxLength: 40 }),
    links: fc.array(
      fc.record({
        from: fc.nat(39),
        to: fc.nat(39),
        type: fc.constantFrom(...LINK_TYPES),
        lag: fc.oneof(fc.constant(0), fc.integer({ min: -960, max: 1440 })),
      }),
      { maxLength: 80 },
    ),
  })
  .map(({ durations, parents, links }): ScheduleInput => {
    const n = durations.length;
    // A task's parent is an earlier task; parents become summaries.
    const parent = durations.map((_, i) => (parents[i]! >= 0 && parents[i]! < i ? parents[i]! : -1));
    const ancestors = (i: number): Set<number> => {
      const set = new Set<number>();
      for (let a = parent[i]!; a >= 0; a = parent[a]!) set.add(a);
      return set;
    };
    const tasks: ScheduleTask[] = durations.map((d, i) => ({ id: `T${i}`, durationMinutes: d, parent: parent[i]! >= 0 ? `T${parent[i]}` : null }));
    const seen = new Set<string>();
    const chosen: ScheduleLink[] = [];
    for (const l of links) {
      const from = l.from % n;
      const to = l.to % n;
      const [p, s] = from < to ? [from, to] : [to, from];
      if (p === s || seen.has(`${p}-${s}`) || ancestors(s).has(p) || ancestors(p).has(s)) continue;
      // Links point forward in the list and out of/into whole subtrees, so none can close a loop
      // through the outline: skip links whose successor's subtree holds the predecessor.
      seen.add(`${p}-${s}`);
      chosen.push({ predecessor: `T${p}`, successor: `T${s}`, type: l.type, lagMinutes: l.lag });
    }
    return { tasks, links: chosen, calendars: [CALENDAR], projectCalendar: 'std', start: START };
  });

const safely = (input: ScheduleInput) => {
  try {
    return schedule(input);
  } catch (e) {
    // Links forward in the list can still loop through the outline (a summary's children
    // come after it); such plans are rejected as loops, which is right, and not tested here.
    if ((e as { code?: string }).code === 'cycle') return null;
    throw e;
  }
};

describe('schedule properties on random plans', () => {
  it('no task starts or finishes before its links and the project start allow', () => {
    fc.assert(
      fc.property(plans, (input) => {
        const r = safely(input);
        if (!r) return;
        const index = new Map(r.ids.map((id, i) => [id, i]));
        const w = (t: number) => clock.work(t);
        for (let i = 0; i < r.ids.length; i++) expect(w(r.earlyStart[i]!)).toBeGreaterThanOrEqual(w(START));
        for (const l of input.links) {
          const p = index.get(l.predecessor)!;
          const s = index.get(l.successor)!;
          const lag = l.lagMinutes ?? 0;
          const from = l.type[0] === 'F' ? r.earlyFinish[p]! : r.earlyStart[p]!;
          const to = l.type[1] === 'S' ? r.earlyStart[s]! : r.earlyFinish[s]!;
          expect(w(to)).toBeGreaterThanOrEqual(w(from) + lag);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without constraints or deadlines no task has negative slack, and late dates never precede early ones', () => {
    fc.assert(
      fc.property(plans, (input) => {
        const r = safely(input);
        if (!r) return;
        for (let i = 0; i < r.ids.length; i++) {
          expect(r.totalSlack[i]).toBeGreaterThanOrEqual(0);
          expect(r.lateStart[i]!).toBeGreaterThanOrEqual(r.earlyStart[i]!);
        }
        expect(r.warnings.filter((x) => x.kind === 'negative-slack')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('negative slack never goes unwarned', () => {
    const constrained = plans.chain((input) =>
      fc.array(fc.integer({ min: 0, max: 20 * 1440 }), { minLength: input.tasks.length, maxLength: input.tasks.length }).map((offsets) => ({
        ...input,
        tasks: input.tasks.map((t, i) => (i % 3 === 0 ? { ...t, constraint: 'FNLT' as const, constraintDate: START + offsets[i]! } : t)),
      })),
    );
    fc.assert(
      fc.property(constrained, (input) => {
        const r = safely(input);
        if (!r) return;
        const summaries = new Set(input.tasks.map((t) => t.parent).filter(Boolean));
        for (let i = 0; i < r.ids.length; i++) {
          if (summaries.has(r.ids[i]!) || r.totalSlack[i]! >= 0) continue;
          expect(r.warnings).toContainEqual(expect.objectContaining({ kind: 'negative-slack', task: r.ids[i] }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the forward and backward passes agree: a critical task’s driving predecessor is critical too', () => {
    fc.assert(
      fc.property(plans, (input) => {
        const r = safely(input);
        if (!r) return;
        const summaries = new Set(input.tasks.map((t) => t.parent).filter(Boolean));
        let criticalAtFinish = 0;
        for (let i = 0; i < r.ids.length; i++) {
          if (summaries.has(r.ids[i]!)) continue;
          if (r.earlyFinish[i] === r.projectFinish && r.critical[i]) criticalAtFinish++;
          const d = r.drivingPredecessor[i]!;
          if (r.totalSlack[i] === 0 && d >= 0 && !summaries.has(r.ids[d]!)) {
            const link = input.links.find((l) => l.predecessor === r.ids[d] && l.successor === r.ids[i])!;
            // The driver's side of the link (its start or finish) has no slack.
            const side = link.type[0] === 'F' ? clock.work(r.lateFinish[d]!) - clock.work(r.earlyFinish[d]!) : clock.work(r.lateStart[d]!) - clock.work(r.earlyStart[d]!);
            expect(side).toBe(0);
          }
        }
        expect(criticalAtFinish).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a task worked on two calendars at once starts with the earlier and finishes with the later of its parts alone', () => {
    // Nights (20:00–24:00, weekdays) beside the Standard calendar with its holiday and short day.
    const night: CalendarDefinition = { id: 'n', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 1200, to: 1440 }] : d)) };
    const cases = fc.record({ day: fc.integer({ min: 0, max: 4800 }), nights: fc.integer({ min: 0, max: 4800 }), after: fc.integer({ min: 0, max: 30 * 1440 }), successor: fc.integer({ min: 0, max: 2400 }) });
    fc.assert(
      fc.property(cases, ({ day, nights, after, successor }) => {
        const snet = { constraint: 'SNET' as const, constraintDate: START + after };
        const r = schedule({
          tasks: [
            { id: 'M', durationMinutes: Math.max(day, nights), resourceWork: [{ calendar: 'std', minutes: day }, { calendar: 'n', minutes: nights }], ...snet },
            { id: 'D', durationMinutes: day, ...snet },
            { id: 'N', durationMinutes: nights, calendar: 'n', ...snet },
            { id: 'S', durationMinutes: successor },
          ],
          links: [{ predecessor: 'M', successor: 'S', type: 'FS' }],
          calendars: [CALENDAR, night],
          projectCalendar: 'std',
          start: START,
        });
        expect(r.start[0]).toBe(Math.min(r.start[1]!, r.start[2]!));
        expect(r.finish[0]).toBe(Math.max(r.finish[1]!, r.finish[2]!));
        // M drives S, which ends the plan: M is critical, its late dates no earlier than its early ones.
        expect(r.lateFinish[0]!).toBeGreaterThanOrEqual(r.earlyFinish[0]!);
        expect(r.lateStart[0]!).toBeGreaterThanOrEqual(r.earlyStart[0]!);
        expect(r.totalSlack[0]).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
