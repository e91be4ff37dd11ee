import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { levelPlan } from '../../domain/schedule/levelling/index.js';
import { formatLocalDateTime } from '../../domain/schedule/local-time.js';
import { levellingInputFromMspdi } from './levelling-input.js';
import { readMspdi } from './read-mspdi.js';

const NS = 'http://schemas.microsoft.com/project';
const WEEK = [1, 2, 3, 4, 5, 6, 7]
  .map((day) =>
    day === 1 || day === 7
      ? `<WeekDay><DayType>${day}</DayType><DayWorking>0</DayWorking></WeekDay>`
      : `<WeekDay><DayType>${day}</DayType><DayWorking>1</DayWorking><WorkingTimes>` +
        '<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>' +
        '<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>',
  )
  .join('');
const task = (uid: number, name: string, hours: number, more = ''): string =>
  `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>${name}</Name><OutlineLevel>1</OutlineLevel><Duration>PT${hours}H0M0S</Duration><DurationFormat>7</DurationFormat>${more}</Task>`;
const resource = (uid: number, name: string, more = ''): string => `<Resource><UID>${uid}</UID><ID>${uid}</ID><Name>${name}</Name>${more}</Resource>`;
const assignment = (uid: number, taskUid: number, resourceUid: number, units: number): string =>
  `<Assignment><UID>${uid}</UID><TaskUID>${taskUid}</TaskUID><ResourceUID>${resourceUid}</ResourceUID><Units>${units}</Units></Assignment>`;

/**
 * A (2 days) and B (2 days, then D) on Ann at 100 %; C (priority 1000) on Cy, who may not be
 * levelled; D on a material resource; one assignment without a resource.
 */
const LEVELLING_XML =
  `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="${NS}"><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>` +
  `<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${WEEK}</WeekDays></Calendar></Calendars>` +
  '<Tasks>' +
  task(1, 'Design', 16) +
  task(2, 'Build', 16) +
  task(3, 'Review', 8, '<Priority>1000</Priority>') +
  task(4, 'Ship', 8, '<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink>') +
  '</Tasks><Resources>' +
  resource(0, '') +
  resource(1, 'Ann', '<Type>1</Type><MaxUnits>1.00</MaxUnits>') +
  resource(2, 'Steel', '<Type>0</Type>') +
  resource(3, 'Cy', '<Type>1</Type><CanLevel>0</CanLevel>') +
  '</Resources><Assignments>' +
  assignment(1, 1, 1, 1) +
  assignment(2, 2, 1, 1) +
  assignment(3, 3, 3, 1) +
  assignment(4, 4, 2, 1) +
  assignment(5, 4, -65535, 1) +
  '</Assignments></Project>';

describe('levellingInputFromMspdi', () => {
  it('reads work resources with their capacity, their assignments with units, and task priorities', () => {
    const { input, notes, tasks, resources } = levellingInputFromMspdi(readMspdi(LEVELLING_XML).document);
    expect(input.resources).toEqual([{ id: '1', name: 'Ann', maxUnits: 1, calendar: null }]);
    expect(resources.map((r) => r.uid)).toEqual([1]);
    expect(input.assignments).toEqual([
      { task: '1', resource: '1', units: 1 },
      { task: '2', resource: '1', units: 1 },
    ]);
    expect(input.priorities).toEqual({ '3': 1000 });
    expect(tasks.map((t) => t.uid)).toEqual([1, 2, 3, 4]);
    expect(notes).toEqual(['resource 2 (Steel): a material resource, not levelled', 'resource 3 (Cy): marked not to be levelled (CanLevel 0), not levelled']);
  });

  it('gives a plan the levelling engine levels: Build (no slack) keeps Ann, Design waits two days', () => {
    const result = levelPlan(levellingInputFromMspdi(readMspdi(LEVELLING_XML).document).input);
    const dates = result.schedule.ids.map((id, i) => [id, formatLocalDateTime(result.schedule.start[i]!), result.tasks[i]!.delayMinutes]);
    expect(dates).toEqual([
      ['1', '2026-01-07T08:00:00', 2880],
      ['2', '2026-01-05T08:00:00', 0],
      ['3', '2026-01-05T08:00:00', 0],
      ['4', '2026-01-07T08:00:00', 0],
    ]);
    expect(formatLocalDateTime(result.finishBefore)).toBe('2026-01-07T17:00:00');
    expect(formatLocalDateTime(result.finishAfter)).toBe('2026-01-08T17:00:00');
  });

  const corpus = fileURLToPath(new URL('../../../../shared/corpus/mspdi/mspditimephasedsegments.xml', import.meta.url));
  it.runIf(existsSync(corpus))('levels a corpus file with resource calendars: every over-allocation left has a reason', () => {
    const { input } = levellingInputFromMspdi(readMspdi(readFileSync(corpus, 'utf8')).document);
    const result = levelPlan(input);
    expect(result.overallocationsBefore.length).toBe(8);
    expect(result.overallocations.map((o) => [o.resource, o.reason, o.tasks])).toEqual([
      ['1', 'do-not-level', ['4', '5']],
      ['4', 'exceeds-capacity', ['17']],
    ]);
    expect(result.finishAfter).toBeGreaterThan(result.finishBefore);
  });
});
