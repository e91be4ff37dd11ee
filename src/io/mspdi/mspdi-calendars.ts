import { BOOL, DATE_TIME, INT, TEXT, clockTime, oneOf } from './codecs.js';
import { childContext, defineSpec, fieldsOf, readElement, reportUnsupported, writeElement, type Entry } from './element-spec.js';
import type {
  MspdiCalendar,
  MspdiCalendarException,
  MspdiWeekDay,
  MspdiWeekDayException,
  MspdiWorkingTime,
  MspdiWorkWeek,
} from './mspdi-document.js';
import { parentElement, textElement } from './xml-tree.js';

/** Calendars: `/Project/Calendars/Calendar`, with both the 2002/2003 and the 2007+ exception forms. */

const workingTime = fieldsOf<MspdiWorkingTime>();
const WORKING_TIME = defineSpec<MspdiWorkingTime>(
  [workingTime.scalar('FromTime', 'fromMinutes', clockTime(false)), workingTime.scalar('ToTime', 'toMinutes', clockTime(true))],
  { required: ['FromTime', 'ToTime'] },
);

const DAY_TYPES = [1, 2, 3, 4, 5, 6, 7] as const;

const weekDay = fieldsOf<MspdiWeekDay>();
const WEEK_DAY = defineSpec<MspdiWeekDay>(
  [
    weekDay.scalar('DayType', 'dayType', oneOf(DAY_TYPES)),
    weekDay.scalar('DayWorking', 'dayWorking', BOOL),
    weekDay.wrapped('WorkingTimes', 'WorkingTime', 'workingTimes', WORKING_TIME),
  ],
  { required: ['DayType'] },
);

/** `TimePeriod` with `FromDate`/`ToDate`, kept flat on its owner as `fromDate`/`toDate`. */
function timePeriod<T extends { fromDate?: string; toDate?: string }>(): Entry<T> {
  const period = fieldsOf<{ fromDate?: string; toDate?: string }>();
  const spec = defineSpec([period.scalar('FromDate', 'fromDate', DATE_TIME), period.scalar('ToDate', 'toDate', DATE_TIME)]);
  return {
    element: 'TimePeriod',
    read(nodes, target, ctx) {
      const [node, ...extra] = nodes;
      if (node === undefined) return;
      if (extra.length > 0) ctx.unsupported.add(`${ctx.path}/TimePeriod (repeated)`, ctx.owner, extra.length);
      const read = readElement(node, spec, { ...ctx, path: `${ctx.path}/TimePeriod`, location: `${ctx.location}/TimePeriod` });
      if (read.fromDate !== undefined) target.fromDate = read.fromDate;
      if (read.toDate !== undefined) target.toDate = read.toDate;
    },
    write(value, where) {
      if (value.fromDate === undefined && value.toDate === undefined) return [];
      return [writeElement('TimePeriod', { fromDate: value.fromDate, toDate: value.toDate }, spec, where)];
    },
  };
}

const dayException = fieldsOf<MspdiWeekDayException>();
const WEEK_DAY_EXCEPTION = defineSpec<MspdiWeekDayException>([
  {
    element: 'DayType',
    read: () => undefined, // always 0: that is how the calendar told this entry apart
    write: () => [textElement('DayType', '0')],
  },
  dayException.scalar('DayWorking', 'dayWorking', BOOL),
  timePeriod<MspdiWeekDayException>(),
  dayException.wrapped('WorkingTimes', 'WorkingTime', 'workingTimes', WORKING_TIME),
]);

const exception = fieldsOf<MspdiCalendarException>();
// Element order as Project 2010 writes it (Month before MonthItem, unlike the 2007 schema text).
const EXCEPTION = defineSpec<MspdiCalendarException>([
  exception.scalar('EnteredByOccurrences', 'enteredByOccurrences', BOOL),
  timePeriod<MspdiCalendarException>(),
  exception.scalar('Occurrences', 'occurrences', INT),
  exception.scalar('Name', 'name', TEXT),
  exception.scalar('Type', 'type', INT),
  exception.scalar('Period', 'period', INT),
  exception.scalar('DaysOfWeek', 'daysOfWeek', INT),
  exception.scalar('Month', 'month', INT),
  exception.scalar('MonthItem', 'monthItem', INT),
  exception.scalar('MonthPosition', 'monthPosition', INT),
  exception.scalar('MonthDay', 'monthDay', INT),
  exception.scalar('DayWorking', 'dayWorking', BOOL),
  exception.wrapped('WorkingTimes', 'WorkingTime', 'workingTimes', WORKING_TIME),
]);

const workWeek = fieldsOf<MspdiWorkWeek>();
const WORK_WEEK = defineSpec<MspdiWorkWeek>([
  timePeriod<MspdiWorkWeek>(),
  workWeek.scalar('Name', 'name', TEXT),
  workWeek.wrapped('WeekDays', 'WeekDay', 'weekDays', WEEK_DAY),
  {
    // The 2007 schema text puts WeekDay straight under WorkWeek; Project writes WeekDays.
    element: 'WeekDay',
    read(nodes, target, ctx) {
      const days = (target.weekDays ??= []) as MspdiWeekDay[];
      nodes.forEach((node, i) => days.push(readElement(node, WEEK_DAY, childContext(ctx, 'WeekDay', node, i))));
    },
    write: () => [],
  },
]);

/** `WeekDays` holds the days of the week and, with `DayType` 0, the 2002/2003 exceptions. */
const WEEK_DAYS: Entry<MspdiCalendar> = {
  element: 'WeekDays',
  complete(target) {
    target.weekDays ??= [];
    target.weekDayExceptions ??= [];
  },
  read(nodes, target, ctx) {
    const days = (target.weekDays ??= []) as MspdiWeekDay[];
    const exceptions = (target.weekDayExceptions ??= []) as MspdiWeekDayException[];
    const wrapperCtx = { ...ctx, path: `${ctx.path}/WeekDays` };
    for (const node of nodes) {
      node.children.forEach((child, i) => {
        if (child.name !== 'WeekDay') return reportUnsupported(wrapperCtx, child.name, [child]);
        const childCtx = childContext(ctx, 'WeekDays/WeekDay', child, i);
        const dayType = child.children.find((c) => c.name === 'DayType')?.text.trim();
        if (dayType === '0') exceptions.push(readElement(child, WEEK_DAY_EXCEPTION, childCtx));
        else days.push(readElement(child, WEEK_DAY, childCtx));
      });
    }
  },
  write(value, where) {
    if (value.weekDays.length === 0 && value.weekDayExceptions.length === 0) return [];
    return [
      parentElement('WeekDays', [
        ...value.weekDays.map((day, i) => writeElement('WeekDay', day, WEEK_DAY, `${where}.weekDays[${i}]`)),
        ...value.weekDayExceptions.map((day, i) =>
          writeElement('WeekDay', day, WEEK_DAY_EXCEPTION, `${where}.weekDayExceptions[${i}]`),
        ),
      ]),
    ];
  },
};

const calendar = fieldsOf<MspdiCalendar>();
export const CALENDAR = defineSpec<MspdiCalendar>(
  [
    calendar.scalar('UID', 'uid', INT),
    calendar.scalar('GUID', 'guid', TEXT),
    calendar.scalar('Name', 'name', TEXT),
    calendar.scalar('IsBaseCalendar', 'isBaseCalendar', BOOL),
    calendar.scalar('IsBaselineCalendar', 'isBaselineCalendar', BOOL),
    calendar.scalar('BaseCalendarUID', 'baseCalendarUid', INT),
    WEEK_DAYS,
    calendar.wrapped('Exceptions', 'Exception', 'exceptions', EXCEPTION),
    calendar.wrapped('WorkWeeks', 'WorkWeek', 'workWeeks', WORK_WEEK),
  ],
  { required: ['UID'], noun: 'calendar' },
);

