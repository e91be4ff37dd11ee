import { describe, expect, it } from 'vitest';
import { PharosError } from '../../errors.js';
import { type CalendarDefinition, STANDARD_WEEK } from '../calendar-types.js';
import { formatLocalDateTime, parseLocalDateTime } from '../local-time.js';
import type { ScheduleLink, ScheduleTask } from '../types.js';
import { levelPlan } from './level-plan.js';
import type { LevellingAssignment, LevellingOptions, LevellingResource } from './types.js';

// Every expected date was worked out by hand on the Standard calendar (Mon–Fri 08:00–12:00,
// 13:00–17:00). The plan starts Monday 2026-01-05 08:00. A working day is 480 minutes; a
// levelling delay is elapsed time, so one calendar day of delay is 1440 minutes.
const DAY = 480;
const at = (text: string): number => parseLocalDateTime(text)!;
const STD: CalendarDefinition = { id: 'std', week: STANDARD_WEEK };
const ANN: LevellingResource = { id: 'ann', name: 'Ann', maxUnits: 1 };

const task = (id: string, days: number, more: Partial<ScheduleTask> = {}): ScheduleTask => ({ id, durationMinutes: days * DAY, ...more });
const fs = (predecessor: string, successor: string, more: Partial<ScheduleLink> = {}): ScheduleLink => ({ predecessor, successor, type: 'FS', ...more });
const on = (resource: string, units: number, ...tasks: string[]): LevellingAssignment[] => tasks.map((t) => ({ task: t, resource, units }));

type Fixture = {
  tasks: ScheduleTask[];
  links?: ScheduleLink[];
  resources?: LevellingResource[];
  assignments: LevellingAssignment[];
  priorities?: Record<string, number>;
  options?: LevellingOptions;
};

function level(f: Fixture) {
  const result = levelPlan(
    {
      plan: { tasks: f.tasks, links: f.links ?? [], calendars: [STD], projectCalendar: 'std', start: at('2026-01-05T08:00') },
      resources: f.resources ?? [ANN],
      assignments: f.assignments,
      ...(f.priorities ? { priorities: f.priorities } : {}),
    },
    f.options,
  );
  const text = (t: number) => formatLocalDateTime(t).slice(0, 16);
  const row = (id: string) => {
    const i = result.schedule.ids.indexOf(id);
    const t = result.tasks[i]!;
    return { start: text(result.schedule.start[i]!), finish: text(result.schedule.finish[i]!), delay: t.delayMinutes, causes: t.causes, ...(t.unresolved ? { unresolved: t.unresolved } : {}) };
  };
  return { result, row, finishBefore: text(result.finishBefore), finishAfter: text(result.finishAfter) };
}

describe('levelling one resource', () => {
  it('delays the second of two tasks on one full-time person by the first one\'s duration, and names the first as the cause', () => {
    // A and B both 2 days from Monday, equal slack and start: plan order decides, A keeps Ann.
    const { row, result, finishBefore, finishAfter } = level({ tasks: [task('A', 2), task('B', 2)], assignments: on('ann', 1, 'A', 'B') });
    expect(row('A')).toEqual({ start: '2026-01-05T08:00', finish: '2026-01-06T17:00', delay: 0, causes: [] });
    expect(row('B')).toEqual({ start: '2026-01-07T08:00', finish: '2026-01-08T17:00', delay: 2 * 1440, causes: [{ resource: 'ann', tasks: ['A'] }] });
    expect([finishBefore, finishAfter]).toEqual(['2026-01-06T17:00', '2026-01-08T17:00']);
    expect(result.overallocationsBefore).toEqual([
      { resource: 'ann', from: at('2026-01-05T08:00'), to: at('2026-01-06T17:00'), units: 2, capacity: 1, tasks: ['A', 'B'] },
    ]);
    expect(result.overallocations).toEqual([]);
    expect(result.plan.tasks.map((t) => t.levelingDelayMinutes ?? 0)).toEqual([0, 2880]);
  });

  it('lets the higher priority keep the resource when slack and start are equal', () => {
    const { row } = level({ tasks: [task('A', 2), task('B', 2)], assignments: on('ann', 1, 'A', 'B'), priorities: { B: 800 } });
    expect(row('B')).toMatchObject({ start: '2026-01-05T08:00', delay: 0 });
    expect(row('A')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-08T17:00', delay: 2880 });
  });

  it('puts less slack before priority in the standard order, and priority first in the priority order', () => {
    // A 3 days (slack 0), B 1 day (slack 2 days), B has the higher priority.
    const base = { tasks: [task('A', 3), task('B', 1)], assignments: on('ann', 1, 'A', 'B'), priorities: { B: 900 } };
    const standard = level(base);
    expect(standard.row('A')).toMatchObject({ start: '2026-01-05T08:00', delay: 0 });
    expect(standard.row('B')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-08T17:00', delay: 3 * 1440 });
    const priority = level({ ...base, options: { order: 'priority' } });
    expect(priority.row('B')).toMatchObject({ start: '2026-01-05T08:00', delay: 0 });
    expect(priority.row('A')).toMatchObject({ start: '2026-01-06T08:00', finish: '2026-01-08T17:00', delay: 1440 });
  });

  it('fits part-time assignments together: 50 % + 50 % of one person need no delay, 50 % + 75 % do', () => {
    const half = level({ tasks: [task('A', 1), task('B', 1)], assignments: [...on('ann', 0.5, 'A', 'B')] });
    expect(half.result.overallocationsBefore).toEqual([]);
    expect(half.result.tasks.map((t) => t.delayMinutes)).toEqual([0, 0]);
    const more = level({ tasks: [task('A', 1), task('B', 1)], assignments: [...on('ann', 0.5, 'A'), ...on('ann', 0.75, 'B')] });
    expect(more.row('B')).toMatchObject({ start: '2026-01-06T08:00', delay: 1440 });
  });

  it('does not split a task: it waits for a stretch long enough for its whole duration', () => {
    // B (SNET Monday 13:00, 2 days) has no slack and keeps Ann Monday 13:00–Wednesday 12:00;
    // A (2 days, 4 hours of slack) cannot use Monday morning and starts Wednesday 13:00.
    const { row } = level({
      tasks: [task('A', 2), task('B', 2, { constraint: 'SNET', constraintDate: at('2026-01-05T13:00') })],
      assignments: on('ann', 1, 'A', 'B'),
    });
    expect(row('B')).toMatchObject({ start: '2026-01-05T13:00', finish: '2026-01-07T12:00', delay: 0 });
    expect(row('A')).toMatchObject({ start: '2026-01-07T13:00', finish: '2026-01-09T12:00', delay: 2 * 1440 + 300 });
  });

  it('measures the delay from where the links put a task, not from its SNET date', () => {
    // A (priority 900) keeps Ann Monday–Tuesday; B (SNET Monday 13:00) waits until Wednesday
    // 08:00: its delay is counted from the project start, where its links put it.
    const { row } = level({
      tasks: [task('A', 2), task('B', 1, { constraint: 'SNET', constraintDate: at('2026-01-05T13:00') })],
      assignments: on('ann', 1, 'A', 'B'),
      priorities: { A: 900 },
    });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-07T17:00', delay: 2 * 1440 });
  });
});

describe('levelling tasks on their resources’ calendar', () => {
  it('sees a task on a mornings-only resource calendar working mornings, so it does not clash with an afternoon task', () => {
    // N (480 min) runs on 'mornings' (08:00–12:00): Mon 5 and Tue 6 mornings. A (240 min,
    // SNET Mon 13:00) is Monday afternoon. Ann holds both, never at once: nothing to level.
    const mornings: CalendarDefinition = { id: 'mornings', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 480, to: 720 }] : d)) };
    const result = levelPlan({
      plan: {
        tasks: [task('N', 1, { resourceCalendar: 'mornings' }), { id: 'A', durationMinutes: 240, constraint: 'SNET', constraintDate: at('2026-01-05T13:00') }],
        links: [],
        calendars: [STD, mornings],
        projectCalendar: 'std',
        start: at('2026-01-05T08:00'),
      },
      resources: [ANN],
      assignments: on('ann', 1, 'N', 'A'),
    });
    expect(result.overallocationsBefore).toEqual([]);
    expect(result.tasks.map((t) => t.delayMinutes)).toEqual([0, 0]);
    expect(formatLocalDateTime(result.schedule.finish[0]!)).toBe('2026-01-06T12:00:00');
  });
});

describe('links after levelling', () => {
  it('moves the successors of a delayed task with it, through FS and SS links with lags', () => {
    // A (2 days) and B (1 day) share Ann; D follows B (FS), E starts 4 working hours after B (SS).
    const { row } = level({
      tasks: [task('A', 2), task('B', 1), task('D', 1), task('E', 1)],
      links: [fs('B', 'D'), { predecessor: 'B', successor: 'E', type: 'SS', lagMinutes: 240 }],
      assignments: on('ann', 1, 'A', 'B'),
    });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', delay: 2880 });
    expect(row('D')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-08T17:00', delay: 0 });
    expect(row('E')).toMatchObject({ start: '2026-01-07T13:00', finish: '2026-01-08T12:00', delay: 0 });
  });

  it('moves the subtasks of a summary whose predecessor was delayed before placing them', () => {
    // Q (3 days) keeps Ann Mon–Wed; P waits until Thu; X sits under S, which follows P, so X
    // moves to Fri before levelling places it; Z (a quarter of Ann) fits nowhere that week.
    const { row, result } = level({
      tasks: [task('Q', 3), task('P', 1), { id: 'S', durationMinutes: 0 }, task('X', 1, { parent: 'S' }), task('Z', 1)],
      links: [fs('P', 'S')],
      assignments: [...on('ann', 1, 'Q', 'P', 'X'), ...on('ann', 0.25, 'Z')],
    });
    expect(result.overallocations).toEqual([]);
    expect(row('P')).toMatchObject({ start: '2026-01-08T08:00' });
    expect(row('X')).toMatchObject({ start: '2026-01-09T08:00', delay: 0 });
    expect(row('Z')).toMatchObject({ start: '2026-01-12T08:00' });
  });

  it('levels a successor after the predecessor that shares its resource, never before it', () => {
    const { row, result } = level({ tasks: [task('A', 1), task('B', 1), task('C', 1)], links: [fs('A', 'B')], assignments: on('ann', 1, 'A', 'B', 'C') });
    expect(result.overallocations).toEqual([]);
    expect(row('A').start).toBe('2026-01-05T08:00');
    expect(row('B').start).toBe('2026-01-06T08:00');
    expect(row('C').start).toBe('2026-01-07T08:00');
  });
});

describe('what levelling may not move', () => {
  it('keeps a do-not-level task (priority 1000) in place and moves the others around it', () => {
    // B→C gives B no slack, so B comes first in the order; A (priority 1000) still keeps Monday.
    const { row } = level({ tasks: [task('A', 1), task('B', 1), task('C', 1)], links: [fs('B', 'C')], assignments: on('ann', 1, 'A', 'B'), priorities: { A: 1000 } });
    expect(row('A')).toMatchObject({ start: '2026-01-05T08:00', delay: 0 });
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00', delay: 1440, causes: [{ resource: 'ann', tasks: ['A'] }] });
    expect(row('C').start).toBe('2026-01-07T08:00');
  });

  it('reports two do-not-level tasks that overlap, and moves neither', () => {
    const { row, result } = level({
      tasks: [task('A', 1, { constraint: 'MSO', constraintDate: at('2026-01-05T08:00') }), task('B', 1)],
      assignments: on('ann', 1, 'A', 'B'),
      priorities: { B: 1000 },
    });
    expect(row('A').delay + row('B').delay).toBe(0);
    expect(result.overallocations).toEqual([
      {
        resource: 'ann',
        from: at('2026-01-05T08:00'),
        to: at('2026-01-05T17:00'),
        units: 2,
        capacity: 1,
        tasks: ['A', 'B'],
        reason: 'do-not-level',
        detail: 'task A may not be moved (constraint MSO); task B may not be moved (priority 1000 (do not level))',
      },
    ]);
  });

  it('within slack only, leaves a task that would need more than its slack in place and reports the over-allocation', () => {
    // A 3 days (no slack) keeps Ann; B (1 day, 2 days of slack) would have to wait 3 days.
    const { row, result, finishBefore, finishAfter } = level({ tasks: [task('A', 3), task('B', 1)], assignments: on('ann', 1, 'A', 'B'), options: { withinSlackOnly: true } });
    expect(row('B')).toMatchObject({ start: '2026-01-05T08:00', delay: 0, causes: [], unresolved: 'within-slack' });
    expect(finishAfter).toBe(finishBefore);
    expect(result.overallocations).toEqual([
      expect.objectContaining({ resource: 'ann', from: at('2026-01-05T08:00'), to: at('2026-01-05T17:00'), tasks: ['A', 'B'], reason: 'within-slack' }),
    ]);
  });

  it('within slack only, still delays a task whose slack is enough', () => {
    // X (4 days, no resource) sets the finish; A (2 days) keeps Ann, B (1 day, 3 days of slack) waits 2 days.
    const { row, finishBefore, finishAfter, result } = level({ tasks: [task('A', 2), task('B', 1), task('X', 4)], assignments: on('ann', 1, 'A', 'B'), options: { withinSlackOnly: true } });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', delay: 2880 });
    expect(finishAfter).toBe(finishBefore);
    expect(result.overallocations).toEqual([]);
  });

  it('never breaks an honoured SNLT date: the task stays and the over-allocation is reported', () => {
    const { row, result } = level({
      tasks: [task('A', 2), task('B', 1, { constraint: 'SNLT', constraintDate: at('2026-01-06T08:00') })],
      assignments: on('ann', 1, 'A', 'B'),
      priorities: { A: 900 },
    });
    expect(row('B')).toMatchObject({ start: '2026-01-05T08:00', delay: 0, unresolved: 'constraint' });
    expect(result.overallocations.map((o) => o.reason)).toEqual(['constraint']);
  });

  it('reports a task that alone needs more than the capacity, and levels the others around it', () => {
    const { row, result } = level({ tasks: [task('A', 1), task('B', 1)], assignments: [...on('ann', 2, 'A'), ...on('ann', 1, 'B')] });
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00', delay: 1440 });
    expect(result.overallocations).toEqual([
      expect.objectContaining({ resource: 'ann', tasks: ['A'], units: 2, reason: 'exceeds-capacity', detail: 'task A alone needs 200 % of Ann (capacity 100 %)' }),
    ]);
  });
});

describe('calendars', () => {
  it('uses a resource only in its own working time: a morning-only person fits two half-day tasks on separate days', () => {
    const MORNINGS: CalendarDefinition = { id: 'am', week: [[], ...Array.from({ length: 5 }, () => [{ from: 480, to: 720 }]), []] };
    const result = levelPlan({
      plan: { tasks: [{ id: 'A', durationMinutes: 240, calendar: 'am' }, { id: 'B', durationMinutes: 240, calendar: 'am' }], links: [], calendars: [STD, MORNINGS], projectCalendar: 'std', start: at('2026-01-05T08:00') },
      resources: [{ id: 'ann', maxUnits: 1, calendar: 'am' }],
      assignments: on('ann', 1, 'A', 'B'),
    });
    expect(Array.from(result.schedule.start, (t) => formatLocalDateTime(t).slice(0, 16))).toEqual(['2026-01-05T08:00', '2026-01-06T08:00']);
  });
});

describe('input checks', () => {
  it('refuses unknown tasks and resources, bad units and priorities, naming the field', () => {
    const plan = { tasks: [task('A', 1)], links: [], calendars: [STD], projectCalendar: 'std', start: at('2026-01-05T08:00') };
    const attempt = () =>
      levelPlan({ plan, resources: [ANN, { id: 'bob', maxUnits: -1 }], assignments: [{ task: 'Z', resource: 'ann', units: 1 }, { task: 'A', resource: 'cy', units: Number.NaN }], priorities: { A: 1001 } });
    expect(attempt).toThrow(PharosError);
    try {
      attempt();
    } catch (e) {
      expect((e as PharosError).details?.issues?.map((i) => i.field)).toEqual(['resources.1.maxUnits', 'priorities.A', 'assignments.0.task', 'assignments.1.resource', 'assignments.1.units']);
    }
    expect(() => levelPlan({ plan: { ...plan, direction: 'backward', finish: at('2026-01-09T17:00') }, resources: [], assignments: [] })).toThrow(/scheduled forward/);
  });
});
