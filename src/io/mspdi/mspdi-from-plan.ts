import type { CalendarDefinition, CalendarException, Recurrence, WeekPattern } from '../../domain/schedule/calendar-types.js';
import { formatLocalDateTime } from '../../domain/schedule/local-time.js';
import type { ScheduleInput } from '../../domain/schedule/types.js';
import {
  MSPDI_CONSTRAINT_TYPE_NAMES,
  MSPDI_LINK_TYPE_NAMES,
  type MspdiAssignment,
  type MspdiCalendar,
  type MspdiCalendarException,
  type MspdiConstraintType,
  type MspdiDayType,
  type MspdiDocument,
  type MspdiLinkType,
  type MspdiPredecessorLink,
  type MspdiResource,
  type MspdiTask,
  type MspdiWeekDay,
} from './mspdi-document.js';

/** What the engine computed for a task, as text in the plan's local time. */
export type PlanTaskExtras = {
  readonly uid: number;
  readonly name: string;
  readonly outlineLevel: number;
  readonly wbs: string;
  readonly summary: boolean;
  readonly notes: string;
  readonly priority: number;
  /** Minor units (hundredths). */
  readonly fixedCost: number;
  readonly start: string | null;
  readonly finish: string | null;
  readonly earlyStart: string | null;
  readonly earlyFinish: string | null;
  readonly lateStart: string | null;
  readonly lateFinish: string | null;
  readonly totalSlackMinutes: number | null;
  readonly freeSlackMinutes: number | null;
  readonly critical: boolean;
  readonly manualStart: string | null;
  readonly manualFinish: string | null;
};

/** A stored plan, ready to be written as MSPDI. `input.tasks[i]` and `tasks[i]` are the same task. */
export type PlanForMspdi = {
  readonly name: string;
  readonly input: ScheduleInput;
  readonly minutesPerDay: number;
  readonly computedStart: string | null;
  readonly computedFinish: string | null;
  readonly tasks: readonly PlanTaskExtras[];
  /** MSPDI calendar UID of each calendar id. */
  readonly calendarUids: ReadonlyMap<string, number>;
  readonly resources: readonly { id: string; uid: number; name: string; kind: 'work' | 'material' | 'cost'; maxUnits: number; calendarId: string | null; standardRate: number }[];
  readonly assignments: readonly { uid: number; taskUid: number; resourceUid: number; units: number; workMinutes: number }[];
  readonly baselines: readonly { number: number; tasks: readonly { uid: number; start: string | null; finish: string | null; durationMinutes: number; cost: number }[] }[];
};

const invert = <K extends string | number, V extends string>(o: Record<K, V>) => new Map(Object.entries(o).map(([k, v]) => [v as V, Number(k)]));
const LINK_CODE = invert(MSPDI_LINK_TYPE_NAMES);
const CONSTRAINT_CODE = invert(MSPDI_CONSTRAINT_TYPE_NAMES);

const stamp = (t: number | null | undefined): string | undefined => (t === null || t === undefined || !Number.isFinite(t) ? undefined : formatLocalDateTime(t));

function weekDays(week: WeekPattern): MspdiWeekDay[] {
  const days: MspdiWeekDay[] = [];
  week.forEach((times, d) => {
    if (times === undefined) return;
    days.push({ dayType: (d + 1) as MspdiDayType, dayWorking: times.length > 0, workingTimes: times.map((w) => ({ fromMinutes: w.from, toMinutes: w.to })) });
  });
  return days;
}

/** An exception's repetition in MSPDI's terms (the inverse of the reader's mapping). */
function recurrenceFields(r: Recurrence | undefined): Partial<MspdiCalendarException> {
  if (!r) return { type: 1, period: 1 };
  switch (r.kind) {
    case 'daily':
      return { type: 7, period: r.every };
    case 'weekly':
      return { type: 6, period: r.every, daysOfWeek: r.weekdays.reduce((bits, d) => bits | (1 << d), 0) };
    case 'monthly-day':
      return { type: 4, period: r.every, monthDay: r.day };
    case 'monthly-position':
      return { type: 5, period: r.every, monthPosition: r.position - 1, monthItem: r.weekday + 3 };
    case 'yearly-day':
      return { type: 2, month: r.month - 1, monthDay: r.day };
    case 'yearly-position':
      return { type: 3, month: r.month - 1, monthPosition: r.position - 1, monthItem: r.weekday + 3 };
  }
}

function exception(e: CalendarException): MspdiCalendarException {
  return {
    enteredByOccurrences: e.occurrences !== undefined,
    fromDate: `${e.from}T00:00:00`,
    toDate: `${e.to}T23:59:00`,
    ...(e.occurrences !== undefined ? { occurrences: e.occurrences } : { occurrences: 1 }),
    ...(e.name ? { name: e.name } : {}),
    ...recurrenceFields(e.recurrence),
    dayWorking: e.working.length > 0,
    workingTimes: e.working.map((w) => ({ fromMinutes: w.from, toMinutes: w.to })),
  };
}

/** A calendar definition as an MSPDI calendar (base calendars have no base UID). */
export function calendarToMspdi(c: CalendarDefinition, uids: ReadonlyMap<string, number>): MspdiCalendar {
  return {
    uid: uids.get(c.id)!,
    name: c.name ?? c.id,
    isBaseCalendar: !c.base,
    ...(c.base ? { baseCalendarUid: uids.get(c.base)! } : { baseCalendarUid: -1 }),
    weekDays: weekDays(c.week),
    weekDayExceptions: [],
    exceptions: (c.exceptions ?? []).map(exception),
    workWeeks: (c.workWeeks ?? []).map((w) => ({ fromDate: `${w.from}T00:00:00`, toDate: `${w.to}T23:59:00`, ...(w.name ? { name: w.name } : {}), weekDays: weekDays(w.week) })),
  };
}

/**
 * A stored plan as an MSPDI document MS Project opens: the header (start, calendar, options),
 * every calendar, the project summary (UID 0) and each task in outline order with its
 * links, constraint, progress, computed dates and baselines, then resources and assignments.
 * Tasks are written fixed-duration, so assignments never change a duration on the way back.
 */
export function mspdiFromPlan(plan: PlanForMspdi): MspdiDocument {
  const { input } = plan;
  const uidOf = new Map(input.tasks.map((t, i) => [t.id, plan.tasks[i]!.uid]));
  const perDay = plan.minutesPerDay;
  const predecessors = new Map<string, MspdiPredecessorLink[]>();
  for (const l of input.links) {
    const list = predecessors.get(l.successor) ?? [];
    const percent = l.lagPercent !== undefined && l.lagPercent !== null;
    list.push({
      predecessorUid: uidOf.get(l.predecessor)!,
      type: LINK_CODE.get(l.type) as MspdiLinkType,
      crossProject: false,
      linkLag: percent ? l.lagPercent! : Math.round((l.lagMinutes ?? 0) * 10),
      lagFormat: percent ? (l.lagElapsed ? 20 : 19) : l.lagElapsed ? 8 : 7,
    });
    predecessors.set(l.successor, list);
  }
  const baselinesOf = new Map<number, MspdiTask['baselines']>();
  for (const b of plan.baselines) {
    for (const t of b.tasks) {
      const list = baselinesOf.get(t.uid) ?? [];
      list.push({ number: b.number, ...(t.start ? { start: t.start } : {}), ...(t.finish ? { finish: t.finish } : {}), durationMinutes: t.durationMinutes, durationFormat: 7, costHundredths: t.cost });
      baselinesOf.set(t.uid, list);
    }
  }
  const summaryTask: MspdiTask = {
    uid: 0,
    id: 0,
    name: plan.name,
    outlineLevel: 0,
    outlineNumber: '0',
    wbs: '0',
    summary: true,
    ...(plan.computedStart ? { start: plan.computedStart } : {}),
    ...(plan.computedFinish ? { finish: plan.computedFinish } : {}),
    predecessors: [],
    baselines: [],
  };
  const tasks: MspdiTask[] = input.tasks.map((t, i) => {
    const x = plan.tasks[i]!;
    const manual = t.manual ?? null;
    return {
      uid: x.uid,
      id: i + 1,
      name: x.name,
      active: !t.inactive,
      manual: manual !== null,
      type: 1,
      wbs: x.wbs,
      outlineNumber: x.wbs,
      outlineLevel: x.outlineLevel,
      priority: x.priority,
      ...(x.start ? { start: x.start } : {}),
      ...(x.finish ? { finish: x.finish } : {}),
      durationMinutes: t.durationMinutes,
      durationFormat: t.elapsed ? 8 : 7,
      ...(manual && x.manualStart && x.manualFinish ? { manualStart: x.manualStart, manualFinish: x.manualFinish, manualDurationMinutes: t.durationMinutes } : {}),
      milestone: t.milestone ?? t.durationMinutes === 0,
      summary: x.summary,
      critical: x.critical,
      ...(x.earlyStart ? { earlyStart: x.earlyStart } : {}),
      ...(x.earlyFinish ? { earlyFinish: x.earlyFinish } : {}),
      ...(x.lateStart ? { lateStart: x.lateStart } : {}),
      ...(x.lateFinish ? { lateFinish: x.lateFinish } : {}),
      ...(x.totalSlackMinutes !== null ? { totalSlackTenthMinutes: x.totalSlackMinutes * 10 } : {}),
      ...(x.freeSlackMinutes !== null ? { freeSlackTenthMinutes: x.freeSlackMinutes * 10 } : {}),
      fixedCostHundredths: x.fixedCost,
      percentComplete: t.percentComplete ?? 0,
      ...(stamp(t.actualStart) ? { actualStart: stamp(t.actualStart)! } : {}),
      ...(stamp(t.actualFinish) ? { actualFinish: stamp(t.actualFinish)! } : {}),
      ...(t.remainingMinutes !== null && t.remainingMinutes !== undefined ? { remainingDurationMinutes: t.remainingMinutes } : {}),
      constraintType: CONSTRAINT_CODE.get(t.constraint ?? 'ASAP') as MspdiConstraintType,
      ...(stamp(t.constraintDate) ? { constraintDate: stamp(t.constraintDate)! } : {}),
      ...(stamp(t.deadline) ? { deadline: stamp(t.deadline)! } : {}),
      calendarUid: t.calendar ? (plan.calendarUids.get(t.calendar) ?? -1) : -1,
      ...(t.levelingDelayMinutes ? { levelingDelayTenthMinutes: t.levelingDelayMinutes * 10, levelingDelayFormat: 8 } : {}),
      ...(x.notes ? { notes: x.notes } : {}),
      predecessors: predecessors.get(t.id) ?? [],
      baselines: baselinesOf.get(x.uid) ?? [],
    };
  });
  const resources: MspdiResource[] = plan.resources.map((r, i) => ({
    uid: r.uid,
    id: i + 1,
    name: r.name,
    type: r.kind === 'material' ? 0 : r.kind === 'cost' ? 2 : 1,
    maxUnits: r.maxUnits,
    standardRatePerHour: r.standardRate / 100,
    ...(r.calendarId ? { calendarUid: plan.calendarUids.get(r.calendarId)! } : {}),
  }));
  const assignments: MspdiAssignment[] = plan.assignments.map((a) => ({ uid: a.uid, taskUid: a.taskUid, resourceUid: a.resourceUid, units: a.units, workMinutes: a.workMinutes, baselines: [] }));
  return {
    header: {
      saveVersion: 14,
      name: plan.name,
      title: plan.name,
      scheduleFromStart: input.direction !== 'backward',
      ...(stamp(input.start) ? { startDate: stamp(input.start)! } : {}),
      ...(input.direction === 'backward' && stamp(input.finish) ? { finishDate: stamp(input.finish)! } : plan.computedFinish ? { finishDate: plan.computedFinish } : {}),
      criticalSlackLimitDays: Math.round((input.criticalSlackMinutes ?? 0) / perDay),
      currencyDigits: 2,
      calendarUid: plan.calendarUids.get(input.projectCalendar)!,
      defaultStartTimeMinutes: 480,
      defaultFinishTimeMinutes: 1020,
      minutesPerDay: perDay,
      minutesPerWeek: perDay * 5,
      daysPerMonth: 20,
      durationFormat: 7,
      honorConstraints: input.honorConstraints ?? true,
      ...(stamp(input.statusDate) ? { statusDate: stamp(input.statusDate)! } : {}),
      newTasksAreManual: false,
    },
    calendars: input.calendars.map((c) => calendarToMspdi(c, plan.calendarUids)),
    tasks: [summaryTask, ...tasks],
    resources,
    assignments,
  };
}
