import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PharosError } from '../../domain/errors.js';
import type { MspdiCalendar, MspdiDocument, MspdiTask } from './mspdi-document.js';
import { readMspdi } from './read-mspdi.js';
import { writeMspdi } from './write-mspdi.js';

const calendar: MspdiCalendar = {
  uid: 1,
  name: 'Night shift',
  isBaseCalendar: true,
  baseCalendarUid: -1,
  weekDays: [
    { dayType: 1, dayWorking: false, workingTimes: [] },
    { dayType: 2, dayWorking: true, workingTimes: [{ fromMinutes: 1320, toMinutes: 1440 }] },
  ],
  weekDayExceptions: [{ dayWorking: false, fromDate: '2026-12-25T00:00:00', toDate: '2026-12-25T23:59:00', workingTimes: [] }],
  exceptions: [
    { enteredByOccurrences: true, fromDate: '2026-12-25T00:00:00', toDate: '2028-12-25T23:59:00', occurrences: 3, name: 'Christmas', type: 2, month: 11, monthDay: 25, dayWorking: false, workingTimes: [] },
  ],
  workWeeks: [],
};

const task = (uid: number, more: Partial<MspdiTask> = {}): MspdiTask => ({ uid, id: uid, name: `Task ${uid}`, predecessors: [], baselines: [], ...more });

const document: MspdiDocument = {
  header: { saveVersion: 14, name: 'plan.xml', title: 'R&D <plan>', startDate: '2026-01-05T08:00:00', calendarUid: 1, minutesPerDay: 480, honorConstraints: true },
  calendars: [calendar],
  tasks: [
    task(0, { outlineLevel: 0, summary: true }),
    task(1, { outlineLevel: 1, durationMinutes: 510, start: '2026-01-05T08:00:00', notes: 'line 1\r\nline 2' }),
    task(2, {
      outlineLevel: 1,
      milestone: true,
      constraintType: 4,
      constraintDate: '2026-01-09T08:00:00',
      predecessors: [{ predecessorUid: 1, type: 1, linkLag: -4800, lagFormat: 7 }],
      baselines: [{ number: 0, durationMinutes: 0 }],
    }),
  ],
  resources: [{ uid: 1, name: 'Ann', type: 1, maxUnits: 1 }],
  assignments: [{ uid: 1, taskUid: 1, resourceUid: 1, units: 1, workMinutes: 510, baselines: [] }],
};

function elementOrder(xml: string, names: readonly string[]): string[] {
  return names.map((name) => ({ name, at: xml.indexOf(`<${name}>`) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at).map((x) => x.name);
}

describe('writeMspdi', () => {
  const xml = writeMspdi(document);

  it('writes a UTF-8 MSPDI file in the MSPDI namespace, sections in schema order', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Project xmlns="http://schemas.microsoft.com/project">')).toBe(true);
    expect(elementOrder(xml, ['Assignments', 'Calendars', 'Resources', 'Tasks', 'SaveVersion', 'MinutesPerDay'])).toEqual([
      'SaveVersion',
      'MinutesPerDay',
      'Calendars',
      'Tasks',
      'Resources',
      'Assignments',
    ]);
  });

  it('writes a task element by element in schema order', () => {
    const second = xml.slice(xml.indexOf('<UID>2</UID>'), xml.indexOf('</Task>', xml.indexOf('<UID>2</UID>')));
    expect(elementOrder(second, ['Baseline', 'PredecessorLink', 'ConstraintDate', 'ConstraintType', 'Milestone', 'OutlineLevel', 'Name', 'ID', 'UID'])).toEqual([
      'UID',
      'ID',
      'Name',
      'OutlineLevel',
      'Milestone',
      'ConstraintType',
      'ConstraintDate',
      'PredecessorLink',
      'Baseline',
    ]);
  });

  it('writes values as Project does: hours-only durations, 1/0 flags, midnight as 00:00:00, DayType 0 exceptions after the week', () => {
    expect(xml).toContain('<Duration>PT8H30M0S</Duration>');
    expect(xml).toContain('<Milestone>1</Milestone>');
    expect(xml).toContain('<FromTime>22:00:00</FromTime>');
    expect(xml).toContain('<ToTime>00:00:00</ToTime>');
    expect(xml).toContain('<LinkLag>-4800</LinkLag>');
    expect(xml.indexOf('<DayType>0</DayType>')).toBeGreaterThan(xml.indexOf('<DayType>2</DayType>'));
    expect(xml.indexOf('<Exceptions>')).toBeGreaterThan(xml.indexOf('</WeekDays>'));
  });

  it('escapes text, and keeps carriage returns', () => {
    expect(xml).toContain('<Title>R&amp;D &lt;plan&gt;</Title>');
    expect(xml).toContain('<Notes>line 1&#xD;\nline 2</Notes>');
  });

  it('reads back the same document', () => {
    expect(readMspdi(xml)).toEqual({ document, unsupported: [] });
  });

  it('names the property when a value cannot be written', () => {
    const bad = (doc: MspdiDocument): string => {
      try {
        writeMspdi(doc);
      } catch (error) {
        expect(error).toBeInstanceOf(PharosError);
        return (error as PharosError).message;
      }
      throw new Error('expected writeMspdi to throw');
    };
    expect(bad({ ...document, tasks: [task(1, { start: '2026-01-05 08:00' })] })).toMatch(/^document\.tasks\[0\]\.start: "2026-01-05 08:00" is not a date and time/);
    expect(bad({ ...document, tasks: [task(1, { predecessors: [{ predecessorUid: 0, linkLag: Number.NaN }] })] })).toMatch(
      /^document\.tasks\[0\]\.predecessors\[0\]\.linkLag: NaN is not a finite number/,
    );
    expect(bad({ ...document, header: { defaultStartTimeMinutes: 1440 } })).toMatch(/^document\.defaultStartTimeMinutes: /);
    const noUid = { predecessors: [], baselines: [] } as unknown as MspdiTask;
    expect(bad({ ...document, tasks: [noUid] })).toBe('document.tasks[0].uid: is missing; <UID> is required');
  });
});

describe('writeMspdi then readMspdi (property)', () => {
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('A & B', '<x>', ' padded ', 'two\nlines', 'cr\r\nlf', 'Zürich – 東京'));
  const dateTime = fc
    .record({ day: fc.integer({ min: 0, max: 3000 }), minute: fc.integer({ min: 0, max: 1439 }) })
    .map(({ day, minute }) => {
      const d = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10); // UTC calendar arithmetic only
      return `${d}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
    });
  const minutes = fc.integer({ min: -1_000_000, max: 10_000_000 }).map((k) => k / 1000);
  const workingTime = fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
    .map(([a, b]) => ({ fromMinutes: Math.min(a, b - 1), toMinutes: b }));
  const weekDay = fc.record({
    dayType: fc.constantFrom(1, 2, 3, 4, 5, 6, 7),
    dayWorking: fc.option(fc.boolean(), { nil: undefined }),
    workingTimes: fc.array(workingTime, { maxLength: 3 }),
  });
  const arbitraryCalendar = fc.record(
    {
      uid: fc.integer({ min: 1, max: 50 }),
      name: text,
      baseCalendarUid: fc.integer({ min: -1, max: 50 }),
      weekDays: fc.array(weekDay, { maxLength: 7 }),
      weekDayExceptions: fc.array(
        fc.record({ dayWorking: fc.boolean(), fromDate: dateTime, toDate: dateTime, workingTimes: fc.array(workingTime, { maxLength: 2 }) }, { requiredKeys: ['workingTimes'] }),
        { maxLength: 3 },
      ),
      exceptions: fc.array(
        fc.record(
          { name: text, fromDate: dateTime, type: fc.integer({ min: 1, max: 8 }), period: fc.nat(9), daysOfWeek: fc.nat(127), monthItem: fc.nat(9), workingTimes: fc.array(workingTime, { maxLength: 2 }) },
          { requiredKeys: ['workingTimes'] },
        ),
        { maxLength: 3 },
      ),
      workWeeks: fc.array(fc.record({ name: text, fromDate: dateTime, weekDays: fc.array(weekDay, { maxLength: 2 }) }, { requiredKeys: ['weekDays'] }), {
        maxLength: 2,
      }),
    },
    { requiredKeys: ['uid', 'weekDays', 'weekDayExceptions', 'exceptions', 'workWeeks'] },
  );
  const arbitraryTask = fc.record(
    {
      uid: fc.nat(10_000),
      name: text,
      start: dateTime,
      durationMinutes: minutes,
      durationFormat: fc.constantFrom(7, 8, 39, 53),
      totalSlackTenthMinutes: fc.integer({ min: -100_000, max: 100_000 }),
      constraintType: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7),
      milestone: fc.boolean(),
      costHundredths: fc.integer({ min: 0, max: 1e9 }),
      predecessors: fc.array(
        fc.record(
          { predecessorUid: fc.nat(10_000), type: fc.constantFrom(0, 1, 2, 3), linkLag: fc.integer({ min: -1e6, max: 1e6 }), lagFormat: fc.constantFrom(7, 19, 20) },
          { requiredKeys: ['predecessorUid'] },
        ),
        { maxLength: 3 },
      ),
      baselines: fc.array(fc.record({ number: fc.nat(10), start: dateTime, workMinutes: minutes }, { requiredKeys: ['number'] }), { maxLength: 2 }),
    },
    { requiredKeys: ['uid', 'predecessors', 'baselines'] },
  );
  const arbitraryDocument = fc.record({
    header: fc.record({ name: text, startDate: dateTime, minutesPerDay: fc.nat(1440), honorConstraints: fc.boolean(), defaultFinishTimeMinutes: fc.integer({ min: 1, max: 1440 }) }, { requiredKeys: [] }),
    calendars: fc.array(arbitraryCalendar, { maxLength: 3 }),
    tasks: fc.array(arbitraryTask, { maxLength: 6 }),
    resources: fc.array(fc.record({ uid: fc.nat(100), name: text, maxUnits: fc.double({ min: 0, max: 10, noNaN: true }) }, { requiredKeys: ['uid'] }), { maxLength: 3 }),
    assignments: fc.array(
      fc.record({ uid: fc.nat(100), taskUid: fc.nat(100), resourceUid: fc.integer({ min: -65535, max: 100 }), units: fc.double({ min: 0, max: 2, noNaN: true }), baselines: fc.constant([]) }),
      { maxLength: 3 },
    ),
  });

  it('gives back every document it wrote', () => {
    fc.assert(
      fc.property(arbitraryDocument, (generated) => {
        // Plain objects with no undefined properties: what a reader gives.
        const doc = JSON.parse(JSON.stringify(generated)) as MspdiDocument;
        expect(readMspdi(writeMspdi(doc)).document).toStrictEqual(doc);
      }),
      { numRuns: 100 },
    );
  });
});
