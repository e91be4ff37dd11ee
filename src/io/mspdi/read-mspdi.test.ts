import { describe, expect, it } from 'vitest';
import { PharosError } from '../../domain/errors.js';
import { isElapsedFormat, isPercentFormat } from './mspdi-document.js';
import { readMspdi } from './read-mspdi.js';

const NS = 'http://schemas.microsoft.com/project';
const project = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="${NS}">${body}</Project>`;
const task = (uid: number, more = ''): string => `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>T${uid}</Name>${more}</Task>`;

function readError(xml: string): PharosError {
  try {
    readMspdi(xml);
  } catch (error) {
    if (error instanceof PharosError) return error;
    throw error;
  }
  throw new Error('expected readMspdi to throw');
}

const STANDARD_WEEK = [1, 2, 3, 4, 5, 6, 7]
  .map((day) =>
    day === 1 || day === 7
      ? `<WeekDay><DayType>${day}</DayType><DayWorking>0</DayWorking></WeekDay>`
      : `<WeekDay><DayType>${day}</DayType><DayWorking>1</DayWorking><WorkingTimes>` +
        '<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>' +
        '<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>',
  )
  .join('');

describe('readMspdi: header and tasks', () => {
  it('reads header fields with their units and a task with its scheduling fields', () => {
    const { document, unsupported } = readMspdi(
      project(
        '<SaveVersion>14</SaveVersion><Name>p.xml</Name><ScheduleFromStart>1</ScheduleFromStart>' +
          '<StartDate>2026-01-05T08:00:00</StartDate><CriticalSlackLimit>0</CriticalSlackLimit><CalendarUID>1</CalendarUID>' +
          '<DefaultStartTime>08:00:00</DefaultStartTime><DefaultFinishTime>17:00:00</DefaultFinishTime>' +
          '<MinutesPerDay>480</MinutesPerDay><HonorConstraints>0</HonorConstraints><NewTasksAreManual>0</NewTasksAreManual>' +
          '<Tasks>' +
          task(
            7,
            '<Start>2026-01-05T08:00:00</Start><Finish>2026-01-06T12:00:00</Finish><Duration>PT12H0M0S</Duration>' +
              '<DurationFormat>7</DurationFormat><TotalSlack>4800</TotalSlack><FreeSlack>0</FreeSlack><Critical>0</Critical>' +
              '<ConstraintType>4</ConstraintType><CalendarUID>-1</CalendarUID><ConstraintDate>2026-01-05T08:00:00</ConstraintDate>' +
              '<LevelingDelay>0</LevelingDelay><LevelingDelayFormat>8</LevelingDelayFormat><FixedCost>352625</FixedCost>' +
              '<Baseline><Number>0</Number><Start>2026-01-05T08:00:00</Start><Duration>PT8H0M0S</Duration><Cost>100</Cost></Baseline>',
          ) +
          '</Tasks>',
      ),
    );
    expect(document.header).toEqual({
      saveVersion: 14,
      name: 'p.xml',
      scheduleFromStart: true,
      startDate: '2026-01-05T08:00:00',
      criticalSlackLimitDays: 0,
      calendarUid: 1,
      defaultStartTimeMinutes: 480,
      defaultFinishTimeMinutes: 1020,
      minutesPerDay: 480,
      honorConstraints: false,
      newTasksAreManual: false,
    });
    expect(document.tasks).toEqual([
      {
        uid: 7,
        id: 7,
        name: 'T7',
        start: '2026-01-05T08:00:00',
        finish: '2026-01-06T12:00:00',
        durationMinutes: 720,
        durationFormat: 7,
        totalSlackTenthMinutes: 4800,
        freeSlackTenthMinutes: 0,
        critical: false,
        constraintType: 4,
        calendarUid: -1,
        constraintDate: '2026-01-05T08:00:00',
        levelingDelayTenthMinutes: 0,
        levelingDelayFormat: 8,
        fixedCostHundredths: 352625,
        predecessors: [],
        baselines: [{ number: 0, start: '2026-01-05T08:00:00', durationMinutes: 480, costHundredths: 100 }],
      },
    ]);
    expect(document).toMatchObject({ calendars: [], resources: [], assignments: [] });
    expect(unsupported).toEqual([]);
  });

  it('reads links: type, a negative lag in tenths of a minute, and a percentage lag kept as the percentage', () => {
    const { document } = readMspdi(
      project(
        '<Tasks>' +
          task(1) +
          task(
            2,
            '<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type><CrossProject>0</CrossProject>' +
              '<LinkLag>-4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink>' +
              '<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>50</LinkLag><LagFormat>19</LagFormat></PredecessorLink>' +
              '<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>',
          ) +
          '</Tasks>',
      ),
    );
    const links = document.tasks[1]!.predecessors;
    expect(links).toEqual([
      { predecessorUid: 1, type: 3, crossProject: false, linkLag: -4800, lagFormat: 7 },
      { predecessorUid: 1, type: 1, linkLag: 50, lagFormat: 19 },
      { predecessorUid: 1 },
    ]);
    expect(isPercentFormat(links[1]!.lagFormat!)).toBe(true);
    expect(isPercentFormat(links[0]!.lagFormat!)).toBe(false);
  });

  it('reads an elapsed duration: ISO hours of 24×7 time, with the elapsed format code', () => {
    const { document } = readMspdi(
      project(`<Tasks>${task(1, '<Duration>PT48H0M0S</Duration><DurationFormat>8</DurationFormat>')}${task(2, '<Duration>PT2H30M0S</Duration><DurationFormat>38</DurationFormat>')}</Tasks>`),
    );
    const [days, hours] = document.tasks;
    expect(days).toMatchObject({ durationMinutes: 2880, durationFormat: 8 });
    expect(hours).toMatchObject({ durationMinutes: 150, durationFormat: 38 });
    expect(isElapsedFormat(days!.durationFormat!)).toBe(true);
    expect(isElapsedFormat(hours!.durationFormat!)).toBe(true);
    expect(isElapsedFormat(7)).toBe(false);
  });

  it('keeps names and notes as written: entities, character references, CDATA, line breaks', () => {
    const { document } = readMspdi(
      project(
        '<Tasks><Task><UID>1</UID><Name> R&amp;D &lt;phase&gt; &#x41;&#66; </Name>' +
          '<Notes><![CDATA[a <b> & c]]>\r\nline 2&#xD;&#xA;line 3</Notes></Task></Tasks>',
      ),
    );
    expect(document.tasks[0]).toMatchObject({ name: ' R&D <phase> AB ', notes: 'a <b> & c\nline 2\r\nline 3' });
  });

  it('reads a namespace prefix, a byte-order mark, comments and processing instructions', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?>\n<!-- saved by hand -->\n<?pi x?>\n' +
      `<p:Project xmlns:p="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
      '  <p:Name>n</p:Name>\n  <!-- inside -->\n  <p:Tasks>\n    <p:Task><p:UID>3</p:UID><p:Finish xsi:nil="true"/></p:Task>\n  </p:Tasks>\n</p:Project>\n';
    const { document, unsupported } = readMspdi(xml);
    expect(document.header.name).toBe('n');
    expect(document.tasks).toEqual([{ uid: 3, predecessors: [], baselines: [] }]);
    expect(unsupported).toEqual([]);
  });

  it('treats an empty optional element as absent, but an empty name as an empty name', () => {
    const { document } = readMspdi(project('<Tasks><Task><UID>1</UID><Name/><Start></Start><Duration/></Task></Tasks>'));
    expect(document.tasks[0]).toEqual({ uid: 1, name: '', predecessors: [], baselines: [] });
  });
});

describe('readMspdi: calendars', () => {
  it('reads the 2002/2003 exception form (WeekDay with DayType 0 and a TimePeriod) apart from the week', () => {
    const { document } = readMspdi(
      project(
        '<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>' +
          `<WeekDays>${STANDARD_WEEK}` +
          '<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2011-02-08T00:00:00</FromDate><ToDate>2011-02-08T23:59:00</ToDate></TimePeriod></WeekDay>' +
          '<WeekDay><DayType>0</DayType><DayWorking>1</DayWorking><TimePeriod><FromDate>2011-02-12T00:00:00</FromDate><ToDate>2011-02-13T23:59:00</ToDate></TimePeriod>' +
          '<WorkingTimes><WorkingTime><FromTime>20:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>' +
          '</WeekDays></Calendar></Calendars>',
      ),
    );
    const [calendar] = document.calendars;
    expect(calendar).toMatchObject({ uid: 1, name: 'Standard', isBaseCalendar: true, baseCalendarUid: -1, exceptions: [], workWeeks: [] });
    expect(calendar!.weekDays.map((d) => d.dayType)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calendar!.weekDays[1]).toEqual({
      dayType: 2,
      dayWorking: true,
      workingTimes: [
        { fromMinutes: 480, toMinutes: 720 },
        { fromMinutes: 780, toMinutes: 1020 },
      ],
    });
    expect(calendar!.weekDayExceptions).toEqual([
      { dayWorking: false, fromDate: '2011-02-08T00:00:00', toDate: '2011-02-08T23:59:00', workingTimes: [] },
      {
        dayWorking: true,
        fromDate: '2011-02-12T00:00:00',
        toDate: '2011-02-13T23:59:00',
        // ToTime 00:00:00 is midnight at the end of the day.
        workingTimes: [{ fromMinutes: 1200, toMinutes: 1440 }],
      },
    ]);
  });

  it('reads 2007+ recurring exceptions with their raw recurrence fields, and work weeks', () => {
    const { document } = readMspdi(
      project(
        `<Calendars><Calendar><UID>1</UID><WeekDays>${STANDARD_WEEK}</WeekDays><Exceptions>` +
          '<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2001-01-01T00:00:00</FromDate><ToDate>2001-02-13T23:59:00</ToDate></TimePeriod>' +
          '<Occurrences>4</Occurrences><Name>Weekly 2 Tuesday</Name><Type>6</Type><Period>2</Period><DaysOfWeek>4</DaysOfWeek><DayWorking>0</DayWorking></Exception>' +
          '<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>2002-01-01T00:00:00</FromDate><ToDate>2004-12-31T23:59:00</ToDate></TimePeriod>' +
          '<Occurrences>3</Occurrences><Name>Yearly last Friday of May</Name><Type>3</Type><Month>4</Month><MonthItem>8</MonthItem><MonthPosition>4</MonthPosition>' +
          '<DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime></WorkingTimes></Exception>' +
          '</Exceptions><WorkWeeks><WorkWeek><TimePeriod><FromDate>2026-07-01T00:00:00</FromDate><ToDate>2026-08-31T23:59:00</ToDate></TimePeriod><Name>Summer</Name>' +
          '<WeekDays><WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></WorkWeek></WorkWeeks></Calendar></Calendars>',
      ),
    );
    const [calendar] = document.calendars;
    expect(calendar!.exceptions).toEqual([
      {
        enteredByOccurrences: true,
        fromDate: '2001-01-01T00:00:00',
        toDate: '2001-02-13T23:59:00',
        occurrences: 4,
        name: 'Weekly 2 Tuesday',
        type: 6,
        period: 2,
        daysOfWeek: 4,
        dayWorking: false,
        workingTimes: [],
      },
      {
        enteredByOccurrences: false,
        fromDate: '2002-01-01T00:00:00',
        toDate: '2004-12-31T23:59:00',
        occurrences: 3,
        name: 'Yearly last Friday of May',
        type: 3,
        month: 4,
        monthItem: 8,
        monthPosition: 4,
        dayWorking: true,
        workingTimes: [{ fromMinutes: 540, toMinutes: 780 }],
      },
    ]);
    expect(calendar!.workWeeks).toEqual([
      {
        fromDate: '2026-07-01T00:00:00',
        toDate: '2026-08-31T23:59:00',
        name: 'Summer',
        weekDays: [{ dayType: 6, dayWorking: false, workingTimes: [] }],
      },
    ]);
    expect(calendar!.weekDayExceptions).toEqual([]);
  });
});

describe('readMspdi: resources and assignments', () => {
  it('reads resources and assignments with money in hundredths and work in minutes', () => {
    const { document } = readMspdi(
      project(
        '<Tasks>' +
          task(1) +
          '</Tasks><Resources><Resource><UID>1</UID><ID>1</ID><Name>Ann</Name><Type>1</Type><IsNull>0</IsNull><MaxUnits>1.00</MaxUnits>' +
          '<StandardRate>10</StandardRate><CostPerUse>500</CostPerUse><CalendarUID>2</CalendarUID></Resource></Resources>' +
          '<Assignments><Assignment><UID>5</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Cost>21500</Cost><Delay>0</Delay>' +
          '<Start>2026-01-05T08:00:00</Start><Finish>2026-01-07T13:30:00</Finish><Units>0.75</Units><Work>PT21H30M0S</Work>' +
          '<Baseline><Number>0</Number><Work>PT8H0M0S</Work></Baseline></Assignment></Assignments>',
      ),
    );
    expect(document.resources).toEqual([
      { uid: 1, id: 1, name: 'Ann', type: 1, isNull: false, maxUnits: 1, standardRatePerHour: 10, costPerUseHundredths: 500, calendarUid: 2 },
    ]);
    expect(document.assignments).toEqual([
      {
        uid: 5,
        taskUid: 1,
        resourceUid: 1,
        costHundredths: 21500,
        delayTenthMinutes: 0,
        start: '2026-01-05T08:00:00',
        finish: '2026-01-07T13:30:00',
        units: 0.75,
        workMinutes: 1290,
        baselines: [{ number: 0, workMinutes: 480 }],
      },
    ]);
  });
});

describe('readMspdi: what the document does not keep', () => {
  it('reports unmapped elements grouped by path, with a count, the first owner and a kind', () => {
    const ext = (field: string): string => `<ExtendedAttribute><FieldID>${field}</FieldID><Value>x</Value></ExtendedAttribute>`;
    const { document, unsupported } = readMspdi(
      project(
        '<OutlineCodes/><ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID><FieldName>Text1</FieldName></ExtendedAttribute></ExtendedAttributes>' +
          '<Views><View><Name>Gantt</Name></View></Views><Tasks>' +
          task(12, `<ACWP>0.00</ACWP><HyperlinkAddress>http://x</HyperlinkAddress>${ext('188743731')}${ext('188743734')}`) +
          task(13, ext('188743731')) +
          task(14, '<TimephasedData><Type>1</Type><UID>14</UID><Start>2026-01-05T08:00:00</Start></TimephasedData><Baseline><Number>1</Number><BCWS>0</BCWS></Baseline>') +
          '</Tasks>',
      ),
    );
    expect(document.tasks.map((t) => t.uid)).toEqual([12, 13, 14]);
    expect(document.tasks[2]!.baselines).toEqual([{ number: 1 }]);
    expect(unsupported).toEqual([
      { path: 'Project/ExtendedAttributes', count: 1, example: 'project', kind: 'data' },
      { path: 'Project/Views', count: 1, example: 'project', kind: 'settings' },
      { path: 'Project/Tasks/Task/ACWP', count: 1, example: 'task UID 12', kind: 'calculated' },
      { path: 'Project/Tasks/Task/HyperlinkAddress', count: 1, example: 'task UID 12', kind: 'data' },
      { path: 'Project/Tasks/Task/ExtendedAttribute', count: 3, example: 'task UID 12', kind: 'data' },
      { path: 'Project/Tasks/Task/TimephasedData', count: 1, example: 'task UID 14', kind: 'data' },
      { path: 'Project/Tasks/Task/Baseline/BCWS', count: 1, example: 'task UID 14', kind: 'calculated' },
    ]);
  });
});

describe('readMspdi: what the document does not keep (odd files)', () => {
  it('keeps the first of a repeated element and reports the others; reports unknown attributes; passes over empty elements', () => {
    const { document, unsupported } = readMspdi(
      project(
        '<WBSMasks/><DataLinks></DataLinks><Tasks><Task status="x"><UID>1</UID><Name>first</Name><Name>second</Name><Hyperlink/>' +
          '<TimephasedData><Value><![CDATA[a & b]]></Value></TimephasedData><TimephasedData/></Task></Tasks>',
      ),
    );
    expect(document.tasks[0]!.name).toBe('first');
    expect(unsupported).toEqual([
      { path: 'Project/Tasks/Task/Name (repeated)', count: 1, example: 'task UID 1', kind: 'data' },
      { path: 'Project/Tasks/Task/TimephasedData', count: 1, example: 'task UID 1', kind: 'data' },
      { path: 'Project/Tasks/Task/@status', count: 1, example: 'task UID 1', kind: 'data' },
    ]);
  });
});

describe('readMspdi: bad input', () => {
  it('refuses XML that is not well formed, naming the element and the line', () => {
    const error = readError(project(`<Tasks>${task(1)}<Task><UID>2</UID></Tasks>`).replace('\n', '\n\n'));
    expect(error.code).toBe('malformed-request');
    expect(error.message).toMatch(/Task/);
    expect(error.message).toMatch(/line 3/);
  });

  it('refuses text that is not XML at all, and XML that is not a project', () => {
    expect(readError('hello').code).toBe('malformed-request');
    expect(readError('').code).toBe('malformed-request');
    expect(readError('<Workbook xmlns="urn:x"/>').message).toMatch(/root element is <Workbook>/);
    expect(readError('<Project xmlns="urn:other"><Name>x</Name></Project>').message).toMatch(/namespace/);
  });

  it('refuses a DOCTYPE, so no entity is ever expanded (billion laughs)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      `<Project xmlns="${NS}"><Name>&b;</Name></Project>`;
    const error = readError(laughs);
    expect(error.code).toBe('malformed-request');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses an undefined entity', () => {
    expect(readError(project('<Name>a&nbsp;b</Name>')).message).toMatch(/&nbsp;/);
  });

  it('names the record and the element when a required UID is missing', () => {
    const error = readError(project(`<Tasks>${task(1)}<Task><ID>2</ID><Name>No UID</Name></Task></Tasks>`));
    expect(error.code).toBe('validation-failed');
    expect(error.message).toBe('Project/Tasks/Task[2]/UID: is missing; it is required');
    expect(error.details.issues).toEqual([{ field: 'Project/Tasks/Task[2]/UID', reason: 'is missing; it is required' }]);
    expect(readError(project('<Calendars><Calendar><Name>c</Name></Calendar></Calendars>')).message).toMatch(
      /^Project\/Calendars\/Calendar\[1\]\/UID: is missing/,
    );
    expect(readError(project(`<Tasks>${task(4, '<PredecessorLink><Type>1</Type></PredecessorLink>')}</Tasks>`)).message).toMatch(
      /^Project\/Tasks\/Task\[UID=4\]\/PredecessorLink\[1\]\/PredecessorUID: is missing/,
    );
  });

  it('names the element and the reason when a value cannot be read', () => {
    const bad = (more: string): string => readError(project(`<Tasks>${task(9, more)}</Tasks>`)).message;
    expect(bad('<Start>2026-02-30T08:00:00</Start>')).toBe('Project/Tasks/Task[UID=9]/Start: "2026-02-30T08:00:00": 2026-02 has no day 30');
    expect(bad('<Start>2026-01-05T08:00:00Z</Start>')).toMatch(/Start: .* has a time zone/);
    expect(bad('<Duration>8 hours</Duration>')).toMatch(/Duration: "8 hours" is not an ISO-8601 duration/);
    expect(bad('<ConstraintType>9</ConstraintType>')).toMatch(/ConstraintType: 9 is not one of 0, 1, 2, 3, 4, 5, 6, 7/);
    expect(bad('<Milestone>yes</Milestone>')).toMatch(/Milestone: "yes" is not a flag/);
    expect(bad('<OutlineLevel>1.5</OutlineLevel>')).toMatch(/OutlineLevel: "1.5" is not a whole number/);
  });
});
