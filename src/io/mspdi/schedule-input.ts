import type { CalendarDefinition, CalendarException, Recurrence, WeekPattern, WorkingTime } from '../../domain/schedule/calendar-types.js';
import { parseLocalDateTime, type LocalMinute } from '../../domain/schedule/local-time.js';
import type { ConstraintType, LinkType, ScheduleInput, ScheduleLink, ScheduleTask } from '../../domain/schedule/types.js';
import { PharosError } from '../../domain/errors.js';
import {
  isElapsedFormat,
  isPercentFormat,
  MSPDI_CONSTRAINT_TYPE_NAMES,
  MSPDI_LINK_TYPE_NAMES,
  type MspdiCalendar,
  type MspdiCalendarException,
  type MspdiDocument,
  type MspdiTask,
  type MspdiWeekDay,
  type MspdiWorkingTime,
} from './mspdi-document.js';

/** A scheduling input read from an MSPDI document, with each task's UID and what could not be carried over. */
export type MspdiScheduleInput = {
  readonly input: ScheduleInput;
  /** The MSPDI task behind each input task, in the same order. */
  readonly tasks: readonly MspdiTask[];
  /** Things the file holds that the schedule does not use, one line each. */
  readonly notes: readonly string[];
};

/** MS Project's Standard day, used where a calendar marks a day working but lists no times. */
const DEFAULT_DAY: readonly WorkingTime[] = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];

const times = (list: readonly MspdiWorkingTime[]): WorkingTime[] => list.map((t) => ({ from: t.fromMinutes, to: t.toMinutes }));

function week(days: readonly MspdiWeekDay[], derived: boolean): WeekPattern {
  const result: (readonly WorkingTime[] | undefined)[] = Array.from({ length: 7 }, () => (derived ? undefined : []));
  for (const d of days) {
    if (d.dayType < 1 || d.dayType > 7) continue;
    if (d.dayWorking === undefined) continue;
    result[d.dayType - 1] = d.dayWorking ? (d.workingTimes.length ? times(d.workingTimes) : DEFAULT_DAY) : [];
  }
  return result;
}

const date = (text: string | undefined): string | null => (text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null);

/** MSPDI weekday bits (1 Sunday … 64 Saturday) as weekday numbers 0–6. */
const weekdaysOf = (bits: number): number[] => [0, 1, 2, 3, 4, 5, 6].filter((d) => (bits & (1 << d)) !== 0);

function recurrence(e: MspdiCalendarException): Recurrence | undefined | null {
  const every = e.period ?? 1;
  const position = (e.monthPosition ?? 0) + 1;
  const weekday = (e.monthItem ?? 3) - 3;
  switch (e.type) {
    case undefined:
    case 9:
      return undefined;
    case 1:
      return { kind: 'daily', every: 1 };
    case 7:
      return { kind: 'daily', every };
    case 6:
      return { kind: 'weekly', every, weekdays: weekdaysOf(e.daysOfWeek ?? 0) };
    case 4:
      return { kind: 'monthly-day', every, day: e.monthDay ?? 1 };
    case 5:
      return weekday >= 0 ? { kind: 'monthly-position', every, position, weekday } : null;
    case 2:
      return { kind: 'yearly-day', month: (e.month ?? 0) + 1, day: e.monthDay ?? 1 };
    case 3:
      return weekday >= 0 ? { kind: 'yearly-position', month: (e.month ?? 0) + 1, position, weekday } : null;
    default:
      return null;
  }
}

/** The calendar's exceptions: the 2007+ `Exceptions` when present, else the 2002/2003 `WeekDay` form. */
function exceptions(c: MspdiCalendar, notes: string[]): CalendarException[] {
  const list: CalendarException[] = [];
  if (c.exceptions.length) {
    for (const e of c.exceptions) {
      const from = date(e.fromDate);
      const to = date(e.toDate);
      const r = recurrence(e);
      if (!from || !to || r === null) {
        notes.push(`calendar ${c.uid}: exception ${e.name ?? ''} of type ${e.type ?? '?'} (${e.monthItem !== undefined ? 'weekday/weekend-day recurrence' : 'no dates'}) is not supported and was left out`);
        continue;
      }
      list.push({
        ...(e.name ? { name: e.name } : {}),
        from,
        to,
        working: e.dayWorking ? (e.workingTimes.length ? times(e.workingTimes) : DEFAULT_DAY) : [],
        ...(r ? { recurrence: r } : {}),
        ...(r && e.enteredByOccurrences && e.occurrences ? { occurrences: e.occurrences } : {}),
      });
    }
    return list;
  }
  for (const e of c.weekDayExceptions) {
    const from = date(e.fromDate);
    const to = date(e.toDate);
    if (!from || !to) continue;
    list.push({ from, to, working: e.dayWorking ? (e.workingTimes.length ? times(e.workingTimes) : DEFAULT_DAY) : [] });
  }
  return list;
}

/** Reads an MSPDI calendar as a calendar definition (id = its UID). */
export function calendarFromMspdi(c: MspdiCalendar, known: ReadonlySet<number>, notes: string[]): CalendarDefinition {
  const base = c.baseCalendarUid !== undefined && c.baseCalendarUid >= 0 && c.baseCalendarUid !== c.uid && known.has(c.baseCalendarUid) ? String(c.baseCalendarUid) : null;
  return {
    id: String(c.uid),
    ...(c.name ? { name: c.name } : {}),
    base,
    week: week(c.weekDays, base !== null),
    workWeeks: c.workWeeks.flatMap((w) => {
      const from = date(w.fromDate);
      const to = date(w.toDate);
      return from && to ? [{ from, to, week: week(w.weekDays, true), ...(w.name ? { name: w.name } : {}) }] : [];
    }),
    exceptions: exceptions(c, notes),
  };
}

/** The task's duration, or its assignments' (work ÷ units) where they disagree and the task is not fixed-duration. */
function durationOf(t: MspdiTask, fromAssignments: number | undefined, notes: string[]): number {
  const stored = Math.max(0, Math.round(t.durationMinutes ?? 0));
  if (fromAssignments === undefined || t.type === 1 || t.summary || t.actualStart || fromAssignments === stored) return stored;
  notes.push(`task ${t.uid}: duration ${stored / 60}h in the file, ${fromAssignments / 60}h from its assignments' work and units; scheduled with the assignments'`);
  return fromAssignments;
}

const time = (text: string | undefined): LocalMinute | null => (text ? parseLocalDateTime(text) : null);

const LINK: Record<number, LinkType> = MSPDI_LINK_TYPE_NAMES;
const CONSTRAINT: Record<number, ConstraintType> = MSPDI_CONSTRAINT_TYPE_NAMES;

/**
 * Turns an MSPDI document into the schedule engine's input: the project calendar and
 * options from the header, every calendar, the outline (from outline levels), durations,
 * constraints, deadlines, progress, manual tasks and links. The project summary (UID 0),
 * blank rows and links to tasks outside the file are left out and noted.
 */
export function scheduleInputFromMspdi(doc: MspdiDocument): MspdiScheduleInput {
  const notes: string[] = [];
  const h = doc.header;
  const start = time(h.startDate);
  if (start === null) throw new PharosError('validation-failed', 'Project/StartDate: the file has no project start date', { issues: [{ field: 'Project/StartDate', reason: 'is missing' }] });
  const uids = new Set(doc.calendars.map((c) => c.uid));
  const calendars = doc.calendars.map((c) => calendarFromMspdi(c, uids, notes));
  const projectCalendar = h.calendarUid !== undefined && uids.has(h.calendarUid) ? String(h.calendarUid) : calendars[0]?.id;
  if (!projectCalendar) throw new PharosError('validation-failed', 'Project/Calendars: the file has no calendar', { issues: [{ field: 'Project/Calendars', reason: 'is empty' }] });

  const kept = doc.tasks.filter((t) => !t.isNull && !(t.uid === 0 && (t.outlineLevel ?? 0) === 0) && (t.outlineLevel ?? 1) >= 1);
  const resourceCalendar = new Map(doc.resources.filter((r) => r.calendarUid !== undefined && r.calendarUid >= 0 && uids.has(r.calendarUid) && r.type !== 0 && r.type !== 2).map((r) => [r.uid, String(r.calendarUid)]));
  const assignedCalendars = new Map<number, Set<string>>();
  for (const a of doc.assignments) {
    const cal = resourceCalendar.get(a.resourceUid);
    if (!cal) continue;
    const set = assignedCalendars.get(a.taskUid) ?? new Set<string>();
    set.add(cal);
    assignedCalendars.set(a.taskUid, set);
  }
  // Fixed-units and fixed-work tasks last as long as their longest assignment: work ÷ units.
  const workResources = new Set(doc.resources.filter((r) => r.type === undefined || r.type === 1).map((r) => r.uid));
  const assignmentMinutes = new Map<number, number>();
  for (const a of doc.assignments) {
    if (!workResources.has(a.resourceUid) || !a.units || a.units <= 0 || !a.workMinutes || (a.workContour ?? 0) !== 0) continue;
    const minutes = Math.round(a.workMinutes / a.units);
    assignmentMinutes.set(a.taskUid, Math.max(assignmentMinutes.get(a.taskUid) ?? 0, minutes));
  }
  // Each work resource's calendar (the project calendar for one without), and the work each
  // flat assignment takes on it (work ÷ units): a task whose assignments run on different
  // calendars is worked on all of them at once (the engine's resourceWork).
  const resourceWorkCalendar = new Map(doc.resources.filter((r) => workResources.has(r.uid)).map((r) => [r.uid, resourceCalendar.get(r.uid) ?? projectCalendar]));
  const workByCalendar = new Map<number, Map<string, number>>();
  for (const a of doc.assignments) {
    const cal = resourceWorkCalendar.get(a.resourceUid);
    if (!cal || !a.units || a.units <= 0 || !a.workMinutes || (a.workContour ?? 0) !== 0) continue;
    const byCalendar = workByCalendar.get(a.taskUid) ?? new Map<string, number>();
    byCalendar.set(cal, Math.max(byCalendar.get(cal) ?? 0, Math.round(a.workMinutes / a.units)));
    workByCalendar.set(a.taskUid, byCalendar);
  }
  const stack: MspdiTask[] = [];
  const tasks: ScheduleTask[] = [];
  const present = new Set(kept.map((t) => t.uid));
  for (const t of kept) {
    const level = t.outlineLevel ?? 1;
    while (stack.length >= level) stack.pop();
    const parent = stack[stack.length - 1];
    stack.push(t);
    const own = t.calendarUid !== undefined && t.calendarUid >= 0 && uids.has(t.calendarUid) ? String(t.calendarUid) : null;
    const fromResources = assignedCalendars.get(t.uid);
    // Without a calendar of its own, a task works on its resources' calendar; MS Project still
    // counts its slack on the project calendar (the engine's resourceCalendar).
    let resourceCalendar: string | null = null;
    let resourceWork: { calendar: string; minutes: number }[] | null = null;
    if (!own && !t.ignoreResourceCalendar && fromResources?.size) {
      resourceCalendar = [...fromResources][0]!;
      const byCalendar = workByCalendar.get(t.uid);
      // Each assignment on its own resource's calendar, the task ending with the last (as MS
      // Project does), unless the duration is fixed or the task has started.
      if (byCalendar && byCalendar.size > 1 && t.type !== 1 && !t.summary && !t.actualStart) {
        resourceWork = [...byCalendar].map(([calendar, minutes]) => ({ calendar, minutes }));
      } else if (fromResources.size > 1) notes.push(`task ${t.uid}: resources on ${fromResources.size} different calendars; scheduled on the first (${resourceCalendar})`);
    }
    const constraint = CONSTRAINT[t.constraintType ?? 0] ?? 'ASAP';
    const manual = t.manual ? { start: time(t.start), finish: time(t.finish) } : null;
    tasks.push({
      id: String(t.uid),
      name: t.name ?? `Task ${t.uid}`,
      parent: parent ? String(parent.uid) : null,
      durationMinutes: durationOf(t, assignmentMinutes.get(t.uid), notes),
      elapsed: t.durationFormat !== undefined && isElapsedFormat(t.durationFormat),
      milestone: t.milestone ?? false,
      calendar: own,
      ...(resourceCalendar !== null ? { resourceCalendar } : {}),
      ...(resourceWork !== null ? { resourceWork } : {}),
      constraint,
      constraintDate: constraint === 'ASAP' || constraint === 'ALAP' ? null : time(t.constraintDate),
      deadline: time(t.deadline),
      actualStart: time(t.actualStart),
      actualFinish: time(t.actualFinish),
      percentComplete: t.percentComplete ?? 0,
      remainingMinutes: t.remainingDurationMinutes ?? null,
      manual: manual && manual.start !== null && manual.finish !== null ? { start: manual.start, finish: manual.finish } : null,
      inactive: t.active === false,
    });
  }
  const links: ScheduleLink[] = [];
  for (const t of kept) {
    for (const p of t.predecessors) {
      if (p.crossProject || !present.has(p.predecessorUid)) {
        notes.push(`task ${t.uid}: link from ${p.crossProject ? `another project (${p.crossProjectName ?? '?'})` : `missing task ${p.predecessorUid}`} left out`);
        continue;
      }
      const format = p.lagFormat ?? 7;
      const lag = p.linkLag ?? 0;
      links.push({
        predecessor: String(p.predecessorUid),
        successor: String(t.uid),
        type: LINK[p.type ?? 1] ?? 'FS',
        ...(isPercentFormat(format) ? { lagPercent: lag } : { lagMinutes: lag / 10 }),
        ...(isElapsedFormat(format) ? { lagElapsed: true } : {}),
      });
    }
  }
  const minutesPerDay = h.minutesPerDay ?? 480;
  const finish = time(h.finishDate);
  const statusDate = time(h.statusDate);
  return {
    input: {
      tasks,
      links,
      calendars,
      projectCalendar,
      direction: h.scheduleFromStart === false ? 'backward' : 'forward',
      start,
      ...(finish !== null ? { finish } : {}),
      statusDate,
      criticalSlackMinutes: (h.criticalSlackLimitDays ?? 0) * minutesPerDay,
      honorConstraints: h.honorConstraints ?? true,
    },
    tasks: kept,
    notes,
  };
}
