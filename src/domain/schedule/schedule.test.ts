import { describe, expect, it } from 'vitest';
import { PharosError } from '../errors.js';
import { type CalendarDefinition, STANDARD_WEEK } from './calendar-types.js';
import { formatLocalDateTime, parseLocalDateTime } from './local-time.js';
import { schedule } from './schedule.js';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from './types.js';

// Every expected date below was worked out by hand on the Standard calendar
// (Mon–Fri 08:00–12:00, 13:00–17:00). Monday 2026-01-05 starts the plan.
const DAY = 480;
const at = (text: string): number => parseLocalDateTime(text)!;
const STD: CalendarDefinition = { id: 'std', week: STANDARD_WEEK };

function plan(tasks: ScheduleTask[], links: ScheduleLink[] = [], extra: Partial<ScheduleInput> = {}) {
  const result = schedule({ tasks, links, calendars: [STD], projectCalendar: 'std', start: at('2026-01-05T08:00'), ...extra });
  const row = (id: string) => {
    const i = result.ids.indexOf(id);
    const f = (v: number) => (Number.isFinite(v) ? formatLocalDateTime(v).slice(0, 16) : String(v));
    return {
      start: f(result.start[i]!),
      finish: f(result.finish[i]!),
      es: f(result.earlyStart[i]!),
      ef: f(result.earlyFinish[i]!),
      ls: f(result.lateStart[i]!),
      lf: f(result.lateFinish[i]!),
      total: result.totalSlack[i]!,
      free: result.freeSlack[i]!,
      critical: result.critical[i] === 1,
      driver: result.drivingPredecessor[i]! >= 0 ? result.ids[result.drivingPredecessor[i]!] : null,
    };
  };
  return { result, row };
}

const task = (id: string, days: number, more: Partial<ScheduleTask> = {}): ScheduleTask => ({ id, durationMinutes: days * DAY, ...more });
const link = (predecessor: string, successor: string, type: ScheduleLink['type'] = 'FS', more: Partial<ScheduleLink> = {}): ScheduleLink => ({ predecessor, successor, type, ...more });

describe('link types', () => {
  it('finish-to-start: the successor starts at the next working minute after the predecessor finishes', () => {
    const { row } = plan([task('A', 2), task('B', 3)], [link('A', 'B')]);
    expect(row('A')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-06T17:00' });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-09T17:00', driver: 'A', critical: true });
  });

  it('finish-to-start over a weekend: Friday 17:00 leads to Monday 08:00', () => {
    const { row } = plan([task('A', 5), task('B', 1)], [link('A', 'B')]);
    expect(row('B')).toMatchObject({ start: '2026-01-12T08:00', finish: '2026-01-12T17:00' });
  });

  it('start-to-start with a one-day lag', () => {
    const { row } = plan([task('A', 3), task('B', 1)], [link('A', 'B', 'SS', { lagMinutes: DAY })]);
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00', finish: '2026-01-06T17:00' });
  });

  it('finish-to-finish: the successor finishes with its predecessor', () => {
    const { row } = plan([task('A', 2), task('B', 1)], [link('A', 'B', 'FF')]);
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00', finish: '2026-01-06T17:00' });
  });

  it('start-to-finish: the successor finishes the moment its predecessor starts (Thursday 08:00, as MS Project shows it)', () => {
    const { row } = plan([task('A', 1, { constraint: 'SNET', constraintDate: at('2026-01-08T08:00') }), task('B', 1)], [link('A', 'B', 'SF')]);
    // The finish stays on the bound, not on Wednesday 17:00: MS Project stores the same (corpus sample.xml, task 21).
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-08T08:00' });
  });

  it('a negative lag (lead) overlaps the successor with its predecessor', () => {
    const { row } = plan([task('A', 3), task('B', 1)], [link('A', 'B', 'FS', { lagMinutes: -DAY })]);
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-07T17:00' });
  });

  it('a percentage lag is that share of the predecessor duration (50% of 4 days = 2 days)', () => {
    const { row } = plan([task('A', 4), task('B', 1)], [link('A', 'B', 'FS', { lagPercent: 50 })]);
    // A ends Thu 8 at 17:00; two working days (Fri 9, Mon 12) of lag; B starts Tue 13.
    expect(row('B')).toMatchObject({ start: '2026-01-13T08:00', finish: '2026-01-13T17:00' });
  });

  it('an elapsed lag counts weekend hours', () => {
    const { row } = plan([task('A', 5), task('B', 1), task('C', 1)], [
      link('A', 'B', 'FS', { lagMinutes: 1440, lagElapsed: true }),
      link('A', 'C', 'FS', { lagMinutes: 3 * 1440, lagElapsed: true }),
    ]);
    // A ends Fri 9 at 17:00. +24 elapsed hours = Sat 17:00 → B on Monday. +3 elapsed days = Mon 17:00 → C on Tuesday.
    expect(row('B')).toMatchObject({ start: '2026-01-12T08:00' });
    expect(row('C')).toMatchObject({ start: '2026-01-13T08:00' });
  });
});

describe('durations, milestones and calendars', () => {
  it('an elapsed duration starts the moment its predecessor ends and runs through the weekend', () => {
    const { row } = plan([task('A', 4), { id: 'E', durationMinutes: 2 * 1440, elapsed: true }], [link('A', 'E')]);
    // A ends Thursday 8 at 17:00; 48 elapsed hours later is Saturday 10 at 17:00.
    expect(row('E')).toMatchObject({ start: '2026-01-08T17:00', finish: '2026-01-10T17:00' });
  });

  it('a milestone after a task sits at that task’s finish, not at the next morning', () => {
    const { row } = plan([task('A', 5), task('M', 0)], [link('A', 'M')]);
    expect(row('M')).toMatchObject({ start: '2026-01-09T17:00', finish: '2026-01-09T17:00' });
  });

  it('a holiday is skipped', () => {
    const holiday: CalendarDefinition = { id: 'h', week: STANDARD_WEEK, exceptions: [{ from: '2026-01-06', to: '2026-01-06', working: [] }] };
    const { row } = plan([task('A', 2)], [], { calendars: [holiday], projectCalendar: 'h' });
    expect(row('A')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-07T17:00' });
  });

  it('a task on its resources’ night calendar works nights, but its slack is counted on the project calendar', () => {
    // Night: 20:00–24:00 on weekdays. N (1 day = 480 min) works Mon 5 and Tue 6 nights, and
    // finishes Wed 7 00:00. A (5 days) ends the plan Fri 9 17:00.
    const night: CalendarDefinition = { id: 'n', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 1200, to: 1440 }] : d)) };
    const { row } = plan([task('N', 1, { resourceCalendar: 'n' }), task('A', 5)], [], { calendars: [STD, night] });
    // N's late finish: the last night that ends by the plan's finish (Fri 9 17:00) is
    // Thursday's, so Fri 9 00:00; 480 night minutes before it is Wed 7 20:00. On the Standard
    // calendar, start slack from Mon 5 20:00 (counted as Mon 17:00) to Wed 7 20:00 (Wed 17:00)
    // and finish slack from Wed 7 00:00 (Tue 17:00) to Fri 9 00:00 (Thu 17:00) are 2 days
    // each. Counted on the night calendar they would be 2 nights, 480 minutes.
    expect(row('N')).toMatchObject({ start: '2026-01-05T20:00', finish: '2026-01-07T00:00', ls: '2026-01-07T20:00', lf: '2026-01-09T00:00', total: 2 * DAY, free: 2 * DAY, critical: false });
  });

  it('a task worked on two calendars at once starts with its earliest part and finishes with its last', () => {
    // M: a day on the Standard calendar (Mon 5 08:00–17:00) and 480 minutes of nights
    // (20:00–24:00: Mon 5 and Tue 6), so it finishes Wed 7 00:00; B follows, Wed 7 08:00–17:00.
    // Back from B's late start (Wed 08:00): the day part could finish Tue 17:00, the night
    // part Wed 00:00, so M's late finish is Wed 00:00 and its late start Mon 20:00, the night
    // part's. Slack on the Standard calendar: finish 0, start 480 → 0, critical.
    const night: CalendarDefinition = { id: 'n', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 1200, to: 1440 }] : d)) };
    const M = task('M', 1, { resourceWork: [{ calendar: 'std', minutes: DAY }, { calendar: 'n', minutes: DAY }] });
    const { row } = plan([M, task('B', 1)], [link('M', 'B')], { calendars: [STD, night] });
    expect(row('M')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-07T00:00', ls: '2026-01-05T20:00', lf: '2026-01-07T00:00', total: 0, critical: true });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-07T17:00', driver: 'M' });
  });

  it('refuses work on a calendar that does not exist, naming the part', () => {
    expect(() => plan([task('M', 1, { resourceWork: [{ calendar: 'std', minutes: DAY }, { calendar: 'moon', minutes: DAY }] })])).toThrowError(/tasks\.0\.resourceWork\.1\.calendar: calendar moon does not exist/);
  });

  it('a task calendar replaces the project calendar for that task', () => {
    const night: CalendarDefinition = { id: 'n', week: STANDARD_WEEK.map((d) => (d && d.length ? [{ from: 1200, to: 1440 }] : d)) };
    const { row } = plan([task('A', 1, { calendar: 'n' })], [], { calendars: [STD, night] });
    // 480 minutes at 4 h a night: Mon 20:00–24:00 and Tue 20:00–24:00.
    expect(row('A')).toMatchObject({ start: '2026-01-05T20:00', finish: '2026-01-07T00:00' });
  });
});

describe('constraints', () => {
  it('ALAP places a task at its late dates, just before the successor that needs it', () => {
    const { row } = plan([task('A', 2, { constraint: 'ALAP' }), task('C', 5), task('M', 0)], [link('A', 'M'), link('C', 'M')]);
    expect(row('A')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-09T17:00', es: '2026-01-05T08:00' });
    expect(row('M')).toMatchObject({ start: '2026-01-09T17:00' });
  });

  it('ALAP never places a task before its predecessors allow, even when a later date makes its late dates earlier still', () => {
    // A Mon–Tue; B (ALAP) may start Wed; C must start Wed 08:00, so B's late dates fall on Tue,
    // before A finishes: B stays at its early dates (Wed), with negative slack warned.
    const { row, result } = plan(
      [task('A', 2), task('B', 1, { constraint: 'ALAP' }), task('C', 1, { constraint: 'MSO', constraintDate: at('2026-01-07T08:00') })],
      [link('A', 'B'), link('B', 'C')],
    );
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00', finish: '2026-01-07T17:00', ls: '2026-01-06T08:00' });
    expect(row('C')).toMatchObject({ start: '2026-01-07T08:00' });
    expect(result.warnings.map((w) => [w.kind, w.task])).toContainEqual(['negative-slack', 'B']);
  });

  it('MSO fixes the start; when a link wants it later and constraints are honoured the constraint wins with a warning', () => {
    const tasks = [task('A', 4), task('B', 1, { constraint: 'MSO', constraintDate: at('2026-01-07T08:00') })];
    const honoured = plan(tasks, [link('A', 'B')]);
    expect(honoured.row('B')).toMatchObject({ start: '2026-01-07T08:00' });
    expect(honoured.result.warnings.map((w) => [w.kind, w.task])).toContainEqual(['link-overruled', 'B']);
    const linksWin = plan(tasks, [link('A', 'B')], { honorConstraints: false });
    expect(linksWin.row('B')).toMatchObject({ start: '2026-01-09T08:00' });
    expect(linksWin.result.warnings.map((w) => [w.kind, w.task])).toContainEqual(['constraint-overruled', 'B']);
  });

  it('MFO fixes the finish', () => {
    const { row } = plan([task('A', 2, { constraint: 'MFO', constraintDate: at('2026-01-09T17:00') })]);
    expect(row('A')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-09T17:00' });
  });

  it('FNLT pulls the task back and gives its predecessor negative slack', () => {
    const { row, result } = plan([task('A', 2), task('B', 1, { constraint: 'FNLT', constraintDate: at('2026-01-06T17:00') })], [link('A', 'B')]);
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00', finish: '2026-01-06T17:00', lf: '2026-01-06T17:00' });
    expect(row('A')).toMatchObject({ lf: '2026-01-05T17:00', total: -DAY, critical: true });
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind: 'negative-slack', task: 'A', minutes: -DAY }));
  });

  it('SNET holds a task back to its date; SNLT on a later date leaves it alone', () => {
    const { row } = plan([task('A', 1, { constraint: 'SNET', constraintDate: at('2026-01-07T08:00') }), task('B', 1, { constraint: 'SNLT', constraintDate: at('2026-01-09T08:00') })]);
    expect(row('A')).toMatchObject({ start: '2026-01-07T08:00' });
    expect(row('B')).toMatchObject({ start: '2026-01-05T08:00', ls: '2026-01-07T08:00' });
  });

  it('an SNET date before the project start places a task without links there (as MS Project stores it)', () => {
    // The plan starts Mon 5 January; A must start no earlier than Mon 29 December, so it runs
    // Mon 29 – Tue 30 December. B has no constraint and starts with the plan. C follows A and
    // may not start before the plan starts, so it starts Mon 5 January though A ends before.
    const { row, result } = plan(
      [task('A', 2, { constraint: 'SNET', constraintDate: at('2025-12-29T08:00') }), task('B', 1), task('C', 1)],
      [link('A', 'C')],
    );
    expect(row('A')).toMatchObject({ start: '2025-12-29T08:00', finish: '2025-12-30T17:00', es: '2025-12-29T08:00' });
    expect(row('B')).toMatchObject({ start: '2026-01-05T08:00' });
    expect(row('C')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-05T17:00' });
    // A's project-finish slack: it may finish as late as Fri 2 January 17:00 before C, which
    // the project start holds, would move: three working days (Wed 31, Thu 1, Fri 2).
    expect(row('A')).toMatchObject({ lf: '2026-01-02T17:00', total: 3 * DAY, free: 3 * DAY });
    expect(result.warnings).toEqual([]);
  });

  it('an MSO date before the project start places a task without links there, even when constraints yield to links', () => {
    const { row } = plan([task('A', 1, { constraint: 'MSO', constraintDate: at('2025-12-31T08:00') })], [], { honorConstraints: false });
    expect(row('A')).toMatchObject({ start: '2025-12-31T08:00', finish: '2025-12-31T17:00' });
  });

  it('a levelling delay on such a task counts from the project start, as for any task without links', () => {
    // One elapsed day after Mon 5 08:00 is Tue 6 08:00; the SNET date (29 December) is earlier.
    const { row } = plan([task('A', 1, { constraint: 'SNET', constraintDate: at('2025-12-29T08:00'), levelingDelayMinutes: 1440 })]);
    expect(row('A')).toMatchObject({ start: '2026-01-06T08:00', finish: '2026-01-06T17:00' });
  });

  it('an SNET date before the project start does not move a task that a link or its summary bounds', () => {
    // B follows A (Mon 5); C sits under S, which follows A: both keep the start their logic gives.
    const { row } = plan(
      [task('A', 1), task('B', 1, { constraint: 'SNET', constraintDate: at('2025-12-29T08:00') }), { id: 'S', durationMinutes: 0 }, task('C', 1, { parent: 'S', constraint: 'SNET', constraintDate: at('2025-12-29T08:00') })],
      [link('A', 'B'), link('A', 'S')],
    );
    expect(row('B')).toMatchObject({ start: '2026-01-06T08:00' });
    expect(row('C')).toMatchObject({ start: '2026-01-06T08:00' });
  });

  it('an FNET date that would start a task before the project start holds it at the project start', () => {
    // A (2 days) must finish no earlier than Mon 5 17:00: it starts with the plan, Mon 5 08:00.
    const { row } = plan([task('A', 2, { constraint: 'FNET', constraintDate: at('2026-01-05T17:00') })]);
    expect(row('A')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-06T17:00' });
  });

  it('a missed deadline is warned and sets the late finish', () => {
    const { row, result } = plan([task('A', 3, { deadline: at('2026-01-06T17:00') })]);
    expect(row('A')).toMatchObject({ lf: '2026-01-06T17:00', total: -DAY });
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind: 'missed-deadline', task: 'A', minutes: DAY }));
  });
});

describe('warnings', () => {
  it('come in task order, link conflicts first, then slack and deadlines, whatever order the links run in', () => {
    // Listed C, B, A while the links run A → B → C: the passes take Kahn's order (A, B, C), the
    // warnings still follow the list. B and C must start on Monday, before A and B can finish.
    const mso = (date: string) => ({ constraint: 'MSO' as const, constraintDate: at(date) });
    const tasks = [task('C', 1, mso('2026-01-05T08:00')), task('B', 1, mso('2026-01-05T08:00')), task('A', 2, { deadline: at('2026-01-05T17:00') })];
    const { result } = plan(tasks, [link('A', 'B'), link('B', 'C')]);
    expect(result.warnings.map((w) => [w.kind, w.task])).toEqual([
      ['link-overruled', 'C'],
      ['link-overruled', 'B'],
      ['negative-slack', 'B'],
      ['negative-slack', 'A'],
      ['missed-deadline', 'A'],
    ]);
    // The same plan listed in link order gives the same warnings in that order.
    const inOrder = plan([...tasks].reverse(), [link('A', 'B'), link('B', 'C')]);
    expect(inOrder.result.warnings.map((w) => [w.kind, w.task])).toEqual([
      ['link-overruled', 'B'],
      ['link-overruled', 'C'],
      ['negative-slack', 'A'],
      ['missed-deadline', 'A'],
      ['negative-slack', 'B'],
    ]);
  });
});

describe('slack and the critical path', () => {
  it('a shorter parallel branch has total and free slack; the longer one is critical', () => {
    const { row } = plan([task('A', 1), task('B', 3), task('C', 1), task('D', 1)], [link('A', 'B'), link('A', 'C'), link('B', 'D'), link('C', 'D')]);
    expect(row('B')).toMatchObject({ total: 0, critical: true });
    expect(row('C')).toMatchObject({ total: 2 * DAY, free: 2 * DAY, critical: false, ls: '2026-01-08T08:00' });
    expect(row('D')).toMatchObject({ start: '2026-01-09T08:00', driver: 'B' });
  });

  it('free slack is bounded by the nearest successor, total slack by the project finish', () => {
    const { row } = plan([task('A', 1), task('B', 1), task('C', 5)], [link('A', 'B')]);
    expect(row('A')).toMatchObject({ free: 0, total: 3 * DAY });
    expect(row('B')).toMatchObject({ free: 3 * DAY, total: 3 * DAY });
  });

  it('the critical slack limit widens what counts as critical', () => {
    const { row } = plan([task('A', 4), task('B', 3)], [], { criticalSlackMinutes: DAY });
    expect(row('B')).toMatchObject({ total: DAY, critical: true });
  });
});

describe('summary tasks', () => {
  it('a link into a summary holds back every child; a link out of it waits for the last child', () => {
    const { row } = plan(
      [task('P', 3), { id: 'S', durationMinutes: 0 }, task('X', 1, { parent: 'S' }), task('Y', 2, { parent: 'S' }), task('Z', 1)],
      [link('P', 'S'), link('S', 'Z')],
    );
    expect(row('X')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-08T17:00' });
    expect(row('S')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-09T17:00' });
    expect(row('Z')).toMatchObject({ start: '2026-01-12T08:00' });
  });

  it('a start-to-start link out of a summary follows its earliest child', () => {
    const { row } = plan(
      [{ id: 'S', durationMinutes: 0 }, task('X', 1, { parent: 'S', constraint: 'SNET', constraintDate: at('2026-01-06T08:00') }), task('Y', 2, { parent: 'S', constraint: 'SNET', constraintDate: at('2026-01-07T08:00') }), task('Z', 1)],
      [link('S', 'Z', 'SS')],
    );
    expect(row('Z')).toMatchObject({ start: '2026-01-06T08:00' });
  });

  it('a start-to-start link out of a summary bounds its children as a block, so a later child keeps its place', () => {
    // X (1 day) then Y (1 day) under S; S SS+1 day → Z (1 day) finishes the plan on Tue 17:00.
    // Z's late start Tue 08:00 bounds S's start at Mon 08:00: X may not move, and Y, one day
    // after S's start, may start until Tue 08:00 — zero slack, not a day of negative slack.
    const { row } = plan(
      [{ id: 'S', durationMinutes: 0 }, task('X', 1, { parent: 'S' }), task('Y', 1, { parent: 'S' }), task('Z', 1)],
      [link('X', 'Y'), link('S', 'Z', 'SS', { lagMinutes: DAY })],
    );
    expect(row('Z')).toMatchObject({ start: '2026-01-06T08:00', ls: '2026-01-06T08:00', total: 0 });
    expect(row('X')).toMatchObject({ ls: '2026-01-05T08:00', total: 0, critical: true });
    expect(row('Y')).toMatchObject({ es: '2026-01-06T08:00', ls: '2026-01-06T08:00', total: 0 });
  });
});

describe('levelling delay', () => {
  it('moves a task after the start its links allow by elapsed time, and its predecessors keep their slack', () => {
    // B may start Mon 17:00 (= Tue 08:00); two elapsed days later is Wed 17:00, so it starts Thu 08:00.
    const { row } = plan([task('A', 1), task('B', 1, { levelingDelayMinutes: 2 * 1440 })], [link('A', 'B')]);
    expect(row('B')).toMatchObject({ start: '2026-01-08T08:00', finish: '2026-01-08T17:00', total: 0 });
    expect(row('A')).toMatchObject({ lf: '2026-01-05T17:00', total: 0 });
  });

  it('refuses a negative delay, naming the field', () => {
    expect(() => plan([task('A', 1, { levelingDelayMinutes: -5 })])).toThrowError(/tasks\.0\.levelingDelayMinutes/);
  });
});

describe('progress and direction', () => {
  it('with a status date, late work moves after it and unstarted work waits for it', () => {
    const { row } = plan(
      [task('A', 4, { actualStart: at('2026-01-05T08:00'), percentComplete: 25 }), task('B', 1), task('C', 1, { actualStart: at('2026-01-05T08:00'), actualFinish: at('2026-01-05T17:00') })],
      [],
      { statusDate: at('2026-01-07T08:00') },
    );
    // A did 1 of 4 days by Wednesday morning: 3 days remain, Wed–Fri.
    expect(row('A')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-09T17:00' });
    expect(row('B')).toMatchObject({ start: '2026-01-07T08:00' });
    expect(row('C')).toMatchObject({ start: '2026-01-05T08:00', finish: '2026-01-05T17:00', critical: false });
  });

  it('a backward plan ends at its finish date and starts where its first task must', () => {
    const { row, result } = plan(
      [task('A', 2, { constraint: 'ALAP' }), task('B', 3, { constraint: 'ALAP' })],
      [link('A', 'B')],
      { direction: 'backward', start: undefined, finish: at('2026-01-16T17:00') },
    );
    expect(row('B')).toMatchObject({ start: '2026-01-14T08:00', finish: '2026-01-16T17:00' });
    expect(row('A')).toMatchObject({ start: '2026-01-12T08:00', finish: '2026-01-13T17:00', total: 0 });
    expect(formatLocalDateTime(result.projectStart)).toBe('2026-01-12T08:00:00');
  });

  it('a manually scheduled task keeps its dates and still drives its successors', () => {
    const { row } = plan([task('A', 1, { manual: { start: at('2026-01-07T08:00'), finish: at('2026-01-07T17:00') } }), task('B', 1)], [link('A', 'B')]);
    expect(row('A')).toMatchObject({ start: '2026-01-07T08:00' });
    expect(row('B')).toMatchObject({ start: '2026-01-08T08:00' });
  });
});

describe('bad input', () => {
  it('a loop of links is an error naming the tasks in it', () => {
    const run = () => plan([task('A', 1), task('B', 1), task('C', 1)], [link('A', 'B'), link('B', 'C'), link('C', 'A')]);
    expect(run).toThrowError(PharosError);
    expect(run).toThrowError(/loop: .*A.*B.*C|loop: .*B.*C.*A|loop: .*C.*A.*B/);
  });

  it('a link to an unknown task names the field', () => {
    expect(() => plan([task('A', 1)], [link('A', 'Q')])).toThrowError(/links\.0\.successor: task Q does not exist/);
  });

  it('a task id given twice is refused, naming each later task, in task order, however large the plan', () => {
    const issuesOf = (tasks: ScheduleTask[]) => {
      try {
        plan(tasks);
      } catch (e) {
        return ((e as PharosError).details as { issues: { field: string; reason: string }[] }).issues;
      }
      return [];
    };
    expect(issuesOf([task('A', 1), task('B', 1), task('A', 1)])).toEqual([{ field: 'tasks.2.id', reason: 'duplicates task A' }]);
    // Large enough that the id table is filled region by region, not in task order.
    const many = Array.from({ length: 40_000 }, (_, i) => task(`T${i}`, 1));
    many[39_000] = task('T5', 1);
    many[20_000] = task('T30000', 1);
    many[30_001] = task('T5', 1);
    expect(issuesOf(many)).toEqual([
      { field: 'tasks.30000.id', reason: 'duplicates task T30000' },
      { field: 'tasks.30001.id', reason: 'duplicates task T5' },
      { field: 'tasks.39000.id', reason: 'duplicates task T5' },
    ]);
  });

  it('a link of an unknown type names the field, whatever the text', () => {
    for (const type of ['XX', 'fs', 'toString', '']) {
      expect(() => plan([task('A', 1), task('B', 1)], [link('A', 'B', type as ScheduleLink['type'])])).toThrowError(/links\.0\.type: must be one of FS, SS, FF, SF/);
    }
  });

  it('a task linked to its own summary is refused', () => {
    expect(() => plan([{ id: 'S', durationMinutes: 0 }, task('X', 1, { parent: 'S' })], [link('S', 'X')])).toThrowError(/own summary/);
  });

  it('a million-task chain schedules without overflowing the stack', () => {
    const n = 1_000_000;
    const tasks: ScheduleTask[] = Array.from({ length: n }, (_, i) => ({ id: String(i), durationMinutes: 60 }));
    const links: ScheduleLink[] = Array.from({ length: n - 1 }, (_, i) => ({ predecessor: String(i), successor: String(i + 1), type: 'FS' }));
    const { result } = plan(tasks, links);
    expect(result.totalSlack[0]).toBe(0);
    expect(result.earlyFinish[n - 1]! - result.earlyStart[0]!).toBeGreaterThan(0);
  }, 60_000);
});
