import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRule } from '../calendar-rules.js';
import { type CalendarDefinition, STANDARD_WEEK } from '../calendar-types.js';
import { MINUTES_PER_DAY, parseLocalDateTime } from '../local-time.js';
import { schedule } from '../schedule.js';
import { type ConstraintType, LINK_TYPES, type ScheduleLink, type ScheduleTask } from '../types.js';
import { WorkingCalendar } from '../working-calendar.js';
import { levelPlan } from './level-plan.js';
import type { LevellingAssignment, LevellingInput, LevellingOptions, LevellingResult } from './types.js';

const START = parseLocalDateTime('2026-01-05T08:00')!;
const CALENDAR: CalendarDefinition = { id: 'std', week: STANDARD_WEEK, exceptions: [{ from: '2026-01-19', to: '2026-01-19', working: [] }] };
const clock = new WorkingCalendar('std', dayRule(new Map([['std', CALENDAR]]), 'std'), START / MINUTES_PER_DAY);
const CAPACITIES = [0.5, 1, 1, 2];
const UNITS = [0.25, 0.5, 0.5, 1, 1, 1, 1.5];

type Case = { input: LevellingInput; options: LevellingOptions };

/**
 * Random plans with resources: tasks in outline order (some become summaries), links only
 * forward in the list, up to three resources, assignments at various units, priorities
 * (some 1000) and some constraints (SNET, SNLT, ALAP, MSO).
 */
const cases: fc.Arbitrary<Case> = fc
  .record({
    durations: fc.array(fc.integer({ min: 0, max: 2400 }), { minLength: 1, maxLength: 25 }),
    parents: fc.array(fc.integer({ min: -12, max: 24 }), { minLength: 25, maxLength: 25 }),
    links: fc.array(fc.record({ from: fc.nat(24), to: fc.nat(24), type: fc.constantFrom(...LINK_TYPES), lag: fc.oneof(fc.constant(0), fc.integer({ min: -480, max: 960 })) }), { maxLength: 30 }),
    resources: fc.array(fc.constantFrom(...CAPACITIES), { minLength: 1, maxLength: 3 }),
    assignments: fc.array(fc.record({ task: fc.nat(24), resource: fc.nat(2), units: fc.constantFrom(...UNITS) }), { maxLength: 40 }),
    priorities: fc.array(fc.constantFrom(100, 500, 500, 500, 900, 1000), { minLength: 25, maxLength: 25 }),
    constraints: fc.array(fc.record({ type: fc.constantFrom<ConstraintType>('ASAP', 'ASAP', 'ASAP', 'ASAP', 'ASAP', 'SNET', 'SNLT', 'ALAP', 'MSO'), offset: fc.integer({ min: 0, max: 10 * 1440 }) }), { minLength: 25, maxLength: 25 }),
    withinSlackOnly: fc.boolean(),
    order: fc.constantFrom('standard' as const, 'priority' as const),
  })
  .map((g): Case => {
    const n = g.durations.length;
    const parent = g.durations.map((_, i) => (g.parents[i]! >= 0 && g.parents[i]! < i ? g.parents[i]! : -1));
    const ancestors = (i: number): Set<number> => {
      const set = new Set<number>();
      for (let a = parent[i]!; a >= 0; a = parent[a]!) set.add(a);
      return set;
    };
    const tasks: ScheduleTask[] = g.durations.map((d, i) => {
      const c = g.constraints[i]!;
      const date = clock.startAt(clock.work(START + c.offset));
      return { id: `T${i}`, durationMinutes: d, parent: parent[i]! >= 0 ? `T${parent[i]}` : null, constraint: c.type, constraintDate: c.type === 'ASAP' || c.type === 'ALAP' ? null : date };
    });
    const seen = new Set<string>();
    const links: ScheduleLink[] = [];
    for (const l of g.links) {
      const [p, s] = l.from % n < l.to % n ? [l.from % n, l.to % n] : [l.to % n, l.from % n];
      if (p === s || seen.has(`${p}-${s}`) || ancestors(s).has(p) || ancestors(p).has(s)) continue;
      seen.add(`${p}-${s}`);
      links.push({ predecessor: `T${p}`, successor: `T${s}`, type: l.type, lagMinutes: l.lag });
    }
    const resources = g.resources.map((maxUnits, r) => ({ id: `R${r}`, maxUnits }));
    const assignments: LevellingAssignment[] = [];
    const used = new Set<string>();
    for (const a of g.assignments) {
      const key = `${a.task % n}-${a.resource % resources.length}`;
      if (used.has(key)) continue;
      used.add(key);
      assignments.push({ task: `T${a.task % n}`, resource: `R${a.resource % resources.length}`, units: a.units });
    }
    const priorities = Object.fromEntries(tasks.map((t, i) => [t.id, g.priorities[i]!]));
    return {
      input: { plan: { tasks, links, calendars: [CALENDAR], projectCalendar: 'std', start: START }, resources, assignments, priorities },
      options: { withinSlackOnly: g.withinSlackOnly, order: g.order },
    };
  });

/** Levels a case; null for plans the engine rejects as loops through the outline (not levelling's concern). */
function attempt(c: Case): LevellingResult | null {
  try {
    return levelPlan(c.input, c.options);
  } catch (e) {
    if ((e as { code?: string }).code === 'cycle') return null;
    throw e;
  }
}

const summariesOf = (c: Case) => new Set(c.input.plan.tasks.map((t) => t.parent).filter((p): p is string => !!p));

/**
 * Every moment at which a resource is over its capacity in a computed plan, found by brute
 * force: the level can only rise at a task's start or at the start of a working period, so
 * those moments are checked, summing the units of every task working in that minute.
 */
function overCapacity(c: Case, r: LevellingResult): { resource: string; at: number }[] {
  const summaries = summariesOf(c);
  const index = new Map(r.schedule.ids.map((id, i) => [id, i]));
  const works = (t: number) => clock.work(t + 1) - clock.work(t) === 1;
  const found: { resource: string; at: number }[] = [];
  for (const resource of c.input.resources) {
    const uses = c.input.assignments
      .filter((a) => a.resource === resource.id && !summaries.has(a.task))
      .map((a) => ({ units: a.units, i: index.get(a.task)! }))
      .filter((u) => r.schedule.finish[u.i]! > r.schedule.start[u.i]!);
    if (!uses.length) continue;
    const moments = new Set(uses.map((u) => r.schedule.start[u.i]!));
    const first = Math.min(...uses.map((u) => r.schedule.start[u.i]!));
    const last = Math.max(...uses.map((u) => r.schedule.finish[u.i]!));
    for (let day = Math.floor(first / MINUTES_PER_DAY); day * MINUTES_PER_DAY < last; day++) {
      moments.add(day * MINUTES_PER_DAY + 480);
      moments.add(day * MINUTES_PER_DAY + 780);
    }
    for (const t of moments) {
      if (!works(t)) continue;
      const level = uses.reduce((sum, u) => sum + (r.schedule.start[u.i]! <= t && t < r.schedule.finish[u.i]! ? u.units : 0), 0);
      if (level > resource.maxUnits + 1e-9) found.push({ resource: resource.id, at: t });
    }
  }
  return found;
}

describe('levelling properties on random plans', () => {
  it('after levelling no resource is over its capacity at any moment, except in the over-allocations it reports', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = attempt(c);
        if (!r) return;
        for (const o of overCapacity(c, r)) {
          expect(r.overallocations.some((x) => x.resource === o.resource && x.from <= o.at && o.at < x.to)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no over-allocation when every task may move, none alone exceeds a capacity and slack is no limit', () => {
    const free = cases.map((c) => ({
      options: { ...c.options, withinSlackOnly: false },
      input: {
        ...c.input,
        priorities: {},
        plan: { ...c.input.plan, tasks: c.input.plan.tasks.map((t) => (t.constraint === 'ASAP' || t.constraint === 'SNET' ? t : { ...t, constraint: 'ASAP' as const, constraintDate: null })) },
        assignments: c.input.assignments.filter((a) => a.units <= c.input.resources.find((x) => x.id === a.resource)!.maxUnits),
      },
    }));
    fc.assert(
      fc.property(free, (c) => {
        const r = attempt(c);
        if (!r) return;
        expect(r.overallocations).toEqual([]);
        expect(overCapacity(c, r)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the levelled plan is an ordinary CPM plan: schedule() gives the same dates, and no task starts before its links allow', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = attempt(c);
        if (!r) return;
        const again = schedule(r.plan);
        expect(Array.from(again.start)).toEqual(Array.from(r.schedule.start));
        expect(Array.from(again.finish)).toEqual(Array.from(r.schedule.finish));
        const index = new Map(r.schedule.ids.map((id, i) => [id, i]));
        const before = schedule(c.input.plan);
        const w = (t: number) => clock.work(t);
        // A link the engine keeps in the unlevelled plan is kept after levelling too, except into
        // a task held by a date (MSO, SNLT) or placed as late as possible (ALAP), or a summary
        // holding one: delaying a predecessor lets an honoured date overrule the link, as in MS
        // Project (the engine warns), and the engine puts an ALAP task at its late dates even when
        // a successor's delay or date makes them earlier than its links allow.
        const holds = (plan: { start: Float64Array; finish: Float64Array }, l: ScheduleLink): boolean => {
          const p = index.get(l.predecessor)!;
          const s = index.get(l.successor)!;
          const from = l.type[0] === 'F' ? plan.finish[p]! : plan.start[p]!;
          const to = l.type[1] === 'S' ? plan.start[s]! : plan.finish[s]!;
          return w(to) >= w(from) + (l.lagMinutes ?? 0);
        };
        const held = new Set<string>();
        for (const t of c.input.plan.tasks) {
          if (!['MSO', 'SNLT', 'ALAP'].includes(t.constraint ?? 'ASAP')) continue;
          for (let id: string | null | undefined = t.id; id; id = c.input.plan.tasks[index.get(id)!]!.parent) held.add(id);
        }
        const heldByDate = (id: string) => held.has(id);
        for (const l of c.input.plan.links) {
          if (holds(before, l) && !heldByDate(l.successor)) expect(holds(r.schedule, l)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the levelled finish is never earlier than the unlevelled one, and never later within slack only', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = attempt(c);
        if (!r) return;
        expect(r.finishAfter).toBeGreaterThanOrEqual(r.finishBefore);
        if (c.options.withinSlackOnly) expect(r.finishAfter).toBe(r.finishBefore);
      }),
      { numRuns: 300 },
    );
  });

  it('tasks that may not be moved get no delay, and those pinned by dates keep them', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = attempt(c);
        if (!r) return;
        const before = schedule(c.input.plan);
        c.input.plan.tasks.forEach((t, i) => {
          const pinned = c.input.priorities![t.id] === 1000 || t.constraint === 'ALAP' || t.constraint === 'MSO';
          if (pinned) expect(r.tasks[i]!.delayMinutes).toBe(0);
          if (t.constraint === 'MSO' && !summariesOf(c).has(t.id)) expect(r.schedule.start[i]).toBe(before.start[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every delayed task names a resource it uses and the tasks it waited for', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = attempt(c);
        if (!r) return;
        for (const t of r.tasks) {
          if (t.delayMinutes === 0) continue;
          expect(t.causes.length).toBeGreaterThan(0);
          for (const cause of t.causes) {
            expect(c.input.assignments.some((a) => a.task === t.task && a.resource === cause.resource)).toBe(true);
            expect(cause.tasks.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
