import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PharosError } from '../domain/errors.js';
import { SMALL_SM as SM } from '../../test/support/psplib-small.js';
import { levelFile, registerLevel } from './level.js';

// SM: four jobs between a dummy source (1) and sink (6); two resources of capacity 3 and 1.
const dir = mkdtempSync(join(tmpdir(), 'pharos-level-'));
const file = join(dir, 'small.sm');
writeFileSync(file, SM);

// An MS Project plan on the Standard calendar from Monday 2026-01-05: Design (2 days) and Build
// (2 days, then Ship, 1 day) both need Ann full time. Build has no slack, so it keeps Ann and
// Design waits two days (dates worked out by hand).
const WEEK = [1, 2, 3, 4, 5, 6, 7]
  .map((day) =>
    day === 1 || day === 7
      ? `<WeekDay><DayType>${day}</DayType><DayWorking>0</DayWorking></WeekDay>`
      : `<WeekDay><DayType>${day}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>` +
        '<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>',
  )
  .join('');
const xmlTask = (uid: number, name: string, hours: number, more = '') =>
  `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>${name}</Name><OutlineLevel>1</OutlineLevel><Duration>PT${hours}H0M0S</Duration><DurationFormat>7</DurationFormat>${more}</Task>`;
const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>' +
  `<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${WEEK}</WeekDays></Calendar></Calendars><Tasks>` +
  xmlTask(1, 'Design', 16, '<Priority>800</Priority>') +
  xmlTask(2, 'Build', 16) +
  xmlTask(3, 'Ship', 8, '<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink>') +
  '</Tasks><Resources><Resource><UID>1</UID><ID>1</ID><Name>Ann</Name><Type>1</Type><MaxUnits>1.00</MaxUnits></Resource></Resources><Assignments>' +
  '<Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>' +
  '<Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>' +
  '</Assignments></Project>';
const xmlFile = join(dir, 'plan.xml');
writeFileSync(xmlFile, XML);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(): Command {
  const p = new Command('pharos').exitOverride().configureOutput({ writeErr: () => undefined });
  registerLevel(p);
  return p;
}

describe('pharos level', () => {
  it('prints exactly the makespan and one start per job with --json', () => {
    // 3 [0,2), then 2 [2,5) beside 5 [2,3), then 4 [5,9): 9 (see parse-sm.test.ts); the sink at 9.
    expect(levelFile(file, { json: true })).toBe('{"makespan":9,"starts":[0,2,0,5,2,9]}\n');
  });

  it('prints a readable table', () => {
    const text = levelFile(file, { schedules: 500, seed: 3 });
    expect(text).toMatch(/^Makespan 9 periods \(lower bound 7, 2 above it; \d+ schedules generated\)\n/);
    expect(text).toContain('Capacities: R1 3, R2 1');
    expect(text).toContain('job  duration  start  finish  R1  R2\n  1         0      0       0   0   0\n  2         3      2       5   2   0\n');
  });

  it('runs through commander with its options', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program().parseAsync(['level', file, '--json', '--schedules', '50', '--seed', '7'], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(out.join(''))).toEqual({ makespan: 9, starts: [0, 2, 0, 5, 2, 9] });
    await expect(program().parseAsync(['level', file, '--schedules', 'many'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
  });

  it('refuses files that are neither PSPLIB nor MS Project XML, and names a missing file', () => {
    expect(() => levelFile(join(dir, 'plan.mpp'))).toThrow(PharosError);
    expect(() => levelFile(join(dir, 'plan.mpp'))).toThrow(/plan\.mpp: pharos level reads PSPLIB single-mode files \(\.sm\) and MS Project XML files \(\.xml\)/);
    expect(() => levelFile(join(dir, 'none.sm'))).toThrow(/cannot read .*none\.sm: no such file/);
    expect(() => levelFile(join(dir, 'none.xml'))).toThrow(/cannot read .*none\.xml: no such file/);
  });
});

describe('pharos level FILE.xml', () => {
  it('prints the finish before and after levelling, then each task with its delay and cause', () => {
    expect(levelFile(xmlFile)).toBe(
      [
        'Finish before levelling: 2026-01-07T17:00:00',
        'Finish after levelling:  2026-01-08T17:00:00',
        'Over-allocations: 1 before, 0 after',
        '',
        'UID  Task    Start                Finish               Delay  Cause',
        '---  ------  -------------------  -------------------  -----  --------------------',
        '1    Design  2026-01-07T08:00:00  2026-01-08T17:00:00  2ed    Ann, held by 2 Build',
        '2    Build   2026-01-05T08:00:00  2026-01-06T17:00:00',
        '3    Ship    2026-01-07T08:00:00  2026-01-07T17:00:00',
        '',
      ].join('\n'),
    );
  });

  it('prints finishes, tasks and over-allocations left with --json, datetimes in the file\'s local time', () => {
    expect(JSON.parse(levelFile(xmlFile, { json: true }))).toEqual({
      finishBefore: '2026-01-07T17:00:00',
      finishAfter: '2026-01-08T17:00:00',
      overallocationsBefore: 1,
      tasks: [
        { uid: 1, name: 'Design', start: '2026-01-07T08:00:00', finish: '2026-01-08T17:00:00', delayMinutes: 2880, cause: [{ resource: 1, resourceName: 'Ann', tasks: [2] }], unresolved: null },
        { uid: 2, name: 'Build', start: '2026-01-05T08:00:00', finish: '2026-01-06T17:00:00', delayMinutes: 0, cause: null, unresolved: null },
        { uid: 3, name: 'Ship', start: '2026-01-07T08:00:00', finish: '2026-01-07T17:00:00', delayMinutes: 0, cause: null, unresolved: null },
      ],
      overallocations: [],
    });
  });

  it('levels within slack only and in priority order when asked, through commander', async () => {
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      try {
        await program().parseAsync(['level', xmlFile, '--json', ...args], { from: 'user' });
      } finally {
        spy.mockRestore();
      }
      return JSON.parse(out.join('')) as { finishAfter: string; tasks: { delayMinutes: number; unresolved: string | null }[]; overallocations: { reason: string; tasks: number[] }[] };
    };
    // Design has a day of slack but needs two: within slack it stays, and the clash is reported.
    const slack = await run('--within-slack');
    expect(slack.finishAfter).toBe('2026-01-07T17:00:00');
    expect(slack.tasks.map((t) => t.unresolved)).toEqual(['within-slack', null, null]);
    expect(slack.overallocations).toEqual([expect.objectContaining({ reason: 'within-slack', tasks: [1, 2] })]);
    // Priority first: Design (800) keeps Ann, Build and Ship wait two days.
    const priority = await run('--order', 'priority');
    expect(priority.tasks.map((t) => t.delayMinutes)).toEqual([0, 2880, 0]);
    expect(priority.finishAfter).toBe('2026-01-09T17:00:00');
    await expect(program().parseAsync(['level', xmlFile, '--order', 'random'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
  });
});
