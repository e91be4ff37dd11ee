import { describe, expect, it } from 'vitest';
import { STANDARD_WEEK } from './calendar-types.js';
import { parseLocalDateTime } from './local-time.js';
import { Arena } from './arena.js';
import { schedule, Scheduler, scheduleIn } from './schedule.js';
import type { ScheduleInput, ScheduleLink, ScheduleResult, ScheduleTask } from './types.js';

const ARRAYS = ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack', 'freeSlack', 'critical', 'drivingPredecessor'] as const;
const same = (a: ScheduleResult, b: ScheduleResult): void => {
  for (const k of ARRAYS) expect([...a[k]], k).toEqual([...b[k]]);
  expect(a.warnings).toEqual(b.warnings);
  expect([a.projectStart, a.projectFinish]).toEqual([b.projectStart, b.projectFinish]);
};

/** A chain of `n` tasks with a summary over each ten, a deadline that is missed and an ALAP task. */
function chain(n: number, days: number): ScheduleInput {
  const tasks: ScheduleTask[] = [];
  const links: ScheduleLink[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) tasks.push({ id: `S${i}`, durationMinutes: 0 });
    tasks.push({ id: `T${i}`, parent: `S${i - (i % 10)}`, durationMinutes: 480 * (1 + ((i * days) % 4)), ...(i === 3 ? { constraint: 'ALAP' as const } : {}) });
    if (i > 0) links.push({ predecessor: `T${i - 1}`, successor: `T${i}`, type: i % 4 === 0 ? 'SS' : 'FS' });
  }
  tasks.push({ id: 'X', durationMinutes: 480, deadline: parseLocalDateTime('2026-01-05T12:00')! });
  return { tasks, links, calendars: [{ id: 'std', week: STANDARD_WEEK }], projectCalendar: 'std', start: parseLocalDateTime('2026-01-05T08:00')! };
}

/** The plan computed in memory of its own, nothing kept. */
const fresh = (plan: ScheduleInput): ScheduleResult => scheduleIn(plan, new Arena(0));

describe('a scheduler that keeps its working memory', () => {
  it('gives what a recalculation in fresh memory gives, call after call, for plans growing and shrinking', () => {
    const scheduler = new Scheduler();
    for (const [n, days] of [[200, 1], [200, 3], [1000, 2], [30, 1], [1000, 5]] as const) {
      const plan = chain(n, days);
      same(scheduler.schedule(plan), fresh(plan));
      same(schedule(plan), fresh(plan));
    }
  });

  it('leaves earlier results as they were, schedule() too', () => {
    const scheduler = new Scheduler();
    for (const run of [(p: ScheduleInput) => scheduler.schedule(p), schedule]) {
      const first = run(chain(300, 1));
      const copy = Object.fromEntries(ARRAYS.map((k) => [k, [...first[k]]]));
      run(chain(300, 3));
      for (const k of ARRAYS) expect([...first[k]], k).toEqual(copy[k]);
    }
  });

  it("names each result's tasks by the plan's own ids, also after a plan of the same size with other ids", () => {
    const scheduler = new Scheduler();
    const plan = chain(50, 1);
    const first = scheduler.schedule(plan);
    const renamed: ScheduleInput = { ...plan, tasks: plan.tasks.map((t) => (t.id === 'X' ? { ...t, id: 'Y' } : t)) };
    const second = scheduler.schedule(renamed);
    expect(second.ids).toEqual(renamed.tasks.map((t) => t.id));
    expect(first.ids).toEqual(plan.tasks.map((t) => t.id));
    expect(scheduler.schedule(renamed).ids).toBe(second.ids);
  });

  it('recovers from a plan it refuses', () => {
    const scheduler = new Scheduler();
    const plan = chain(100, 2);
    const looped: ScheduleInput = { ...plan, links: [...plan.links, { predecessor: 'T99', successor: 'T0', type: 'FS' }] };
    expect(() => scheduler.schedule(looped)).toThrowError(/loop/);
    same(scheduler.schedule(plan), fresh(plan));
  });
});
