import { z } from 'zod';
import { CONSTRAINT_TYPES, LINK_TYPES, WARNING_KINDS } from '../../domain/schedule/types.js';
import { formatLocalDateTime, parseLocalDateTime } from '../../domain/schedule/local-time.js';
import { dateProblem } from '../../domain/calendar-date.js';
import { MinorUnits, Name, Uuid, Version, VersionedFields } from './common.schema.js';

/**
 * A moment in the plan's own wall-clock time, `YYYY-MM-DDTHH:MM` or `…:SS`, no zone (as MS
 * Project keeps them). Read in either form, always written with seconds.
 */
export const LocalDateTime = z.string().transform((s, ctx) => {
  const t = parseLocalDateTime(s);
  const day = s.slice(0, 10);
  const problem = t === null ? 'must be a local date and time YYYY-MM-DDTHH:MM[:SS]' : dateProblem(day);
  if (problem || t === null) {
    ctx.addIssue({ code: 'custom', message: problem ?? 'must be a local date and time YYYY-MM-DDTHH:MM[:SS]' });
    return z.NEVER;
  }
  return formatLocalDateTime(t);
});

const Minutes = z.number().int('must be a whole number of minutes');
/** Working minutes, 0 up to 100 years of full-time work. */
const Duration = Minutes.min(0, 'must not be negative').max(100 * 2080 * 60, 'must be at most 100 years of work');
const Lag = Minutes.min(-100 * 2080 * 60, 'must be at least -100 years of work').max(100 * 2080 * 60, 'must be at most 100 years of work');
const Percent = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');
const Units = z.number().min(0, 'must not be negative').max(1000, 'must be at most 1000 (100,000 %)');

export const LinkType = z.enum(LINK_TYPES);
export const ConstraintType = z.enum(CONSTRAINT_TYPES);

const WorkingTime = z
  .strictObject({ from: z.number().int().min(0).max(1440), to: z.number().int().min(0).max(1440) })
  .refine((w) => w.to > w.from, { message: 'to must be after from', path: ['to'] });
const DayTimes = z
  .array(WorkingTime)
  .max(10, 'must have at most 10 working periods')
  .refine((list) => list.every((w, i) => i === 0 || w.from >= list[i - 1]!.to), 'working periods must be in order and must not overlap');
/** Sunday first; `null` = as the base calendar (derived calendars only). */
const Week = z.array(DayTimes.nullable()).length(7, 'must have 7 days, Sunday first');
const Recurrence = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily'), every: z.number().int().min(1).max(999) }),
  z.strictObject({ kind: z.literal('weekly'), every: z.number().int().min(1).max(99), weekdays: z.array(z.number().int().min(0).max(6)).min(1) }),
  z.strictObject({ kind: z.literal('monthly-day'), every: z.number().int().min(1).max(99), day: z.number().int().min(1).max(31) }),
  z.strictObject({ kind: z.literal('monthly-position'), every: z.number().int().min(1).max(99), position: z.number().int().min(1).max(5), weekday: z.number().int().min(0).max(6) }),
  z.strictObject({ kind: z.literal('yearly-day'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  z.strictObject({ kind: z.literal('yearly-position'), month: z.number().int().min(1).max(12), position: z.number().int().min(1).max(5), weekday: z.number().int().min(0).max(6) }),
]);
const Day = z.string().superRefine((s, ctx) => {
  const problem = dateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const fromNotAfterTo = (v: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${v.from})` });
};
const CalendarException = z
  .strictObject({ name: z.string().max(200).optional(), from: Day, to: Day, working: DayTimes, recurrence: Recurrence.optional(), occurrences: z.number().int().min(1).max(999).optional() })
  .superRefine(fromNotAfterTo);
const WorkWeek = z.strictObject({ name: z.string().max(200).optional(), from: Day, to: Day, week: Week }).superRefine(fromNotAfterTo);

export const CalendarRules = z.strictObject({
  week: Week,
  workWeeks: z.array(WorkWeek).max(100).default([]),
  exceptions: z.array(CalendarException).max(1000).default([]),
});

export const ScheduleCalendar = z.object({
  id: Uuid,
  projectId: Uuid,
  name: z.string(),
  baseId: Uuid.nullable(),
  week: z.array(z.array(z.object({ from: z.number(), to: z.number() })).nullable()),
  workWeeks: z.array(z.object({ name: z.string().optional(), from: z.string(), to: z.string(), week: z.array(z.array(z.object({ from: z.number(), to: z.number() })).nullable()) })),
  exceptions: z.array(
    z.object({
      name: z.string().optional(),
      from: z.string(),
      to: z.string(),
      working: z.array(z.object({ from: z.number(), to: z.number() })),
      recurrence: z.record(z.string(), z.unknown()).optional(),
      occurrences: z.number().optional(),
    }),
  ),
  ...VersionedFields,
});
export type ScheduleCalendar = z.infer<typeof ScheduleCalendar>;

export const CalendarCreate = CalendarRules.extend({ name: Name, baseId: Uuid.nullable().default(null) });
export type CalendarCreate = z.infer<typeof CalendarCreate>;
export const CalendarPatch = z.strictObject({
  version: Version,
  name: Name.optional(),
  baseId: Uuid.nullable().optional(),
  week: Week.optional(),
  workWeeks: z.array(WorkWeek).max(100).optional(),
  exceptions: z.array(CalendarException).max(1000).optional(),
});
export type CalendarPatch = z.infer<typeof CalendarPatch>;

export const SchedulePlan = z.object({
  id: Uuid,
  projectId: Uuid,
  direction: z.enum(['forward', 'backward']),
  start: z.string(),
  finish: z.string().nullable(),
  statusDate: z.string().nullable(),
  calendarId: Uuid.nullable(),
  criticalSlackMinutes: z.number().int(),
  honorConstraints: z.boolean(),
  minutesPerDay: z.number().int(),
  /** Where the computed plan starts and ends. */
  computedStart: z.string().nullable(),
  computedFinish: z.string().nullable(),
  warnings: z.array(z.object({ kind: z.enum(WARNING_KINDS), task: z.string(), taskId: Uuid.nullable(), detail: z.string(), minutes: z.number().optional() })),
  revision: z.number().int(),
  ...VersionedFields,
});
export type SchedulePlan = z.infer<typeof SchedulePlan>;

export const PlanPatch = z.strictObject({
  version: Version,
  direction: z.enum(['forward', 'backward']).optional(),
  start: LocalDateTime.optional(),
  finish: LocalDateTime.nullable().optional(),
  statusDate: LocalDateTime.nullable().optional(),
  calendarId: Uuid.optional(),
  criticalSlackMinutes: Minutes.min(0).max(100 * 2080 * 60).optional(),
  honorConstraints: z.boolean().optional(),
  minutesPerDay: z.number().int().min(1).max(1440).optional(),
});
export type PlanPatch = z.infer<typeof PlanPatch>;

/** What the engine computed for a task at the plan's last recalculation. */
const Computed = {
  start: z.string().nullable(),
  finish: z.string().nullable(),
  earlyStart: z.string().nullable(),
  earlyFinish: z.string().nullable(),
  lateStart: z.string().nullable(),
  lateFinish: z.string().nullable(),
  totalSlackMinutes: z.number().int().nullable(),
  freeSlackMinutes: z.number().int().nullable(),
  critical: z.boolean(),
  drivingPredecessorId: Uuid.nullable(),
};
export const ComputedTask = z.object({ id: Uuid, ...Computed });
export type ComputedTask = z.infer<typeof ComputedTask>;

export const ScheduleTask = z.object({
  id: Uuid,
  projectId: Uuid,
  uid: z.number().int(),
  position: z.number().int(),
  parentId: Uuid.nullable(),
  /** 1 for a top-level task. */
  outlineLevel: z.number().int(),
  /** Outline number such as `1.2.3`. */
  wbs: z.string(),
  summary: z.boolean(),
  name: z.string(),
  notes: z.string(),
  durationMinutes: z.number().int(),
  elapsed: z.boolean(),
  milestone: z.boolean(),
  calendarId: Uuid.nullable(),
  constraintType: ConstraintType,
  constraintDate: z.string().nullable(),
  deadline: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualFinish: z.string().nullable(),
  percentComplete: z.number(),
  remainingMinutes: z.number().int().nullable(),
  manual: z.boolean(),
  manualStart: z.string().nullable(),
  manualFinish: z.string().nullable(),
  inactive: z.boolean(),
  priority: z.number().int(),
  levelingDelayMinutes: z.number().int(),
  fixedCost: z.number().int(),
  ...Computed,
  ...VersionedFields,
});
export type ScheduleTask = z.infer<typeof ScheduleTask>;

/** The fields a person edits, shared by create and patch. */
const TaskFields = {
  name: Name,
  notes: z.string().max(10_000, 'must be at most 10000 characters'),
  durationMinutes: Duration,
  elapsed: z.boolean(),
  milestone: z.boolean(),
  calendarId: Uuid.nullable(),
  constraintType: ConstraintType,
  constraintDate: LocalDateTime.nullable(),
  deadline: LocalDateTime.nullable(),
  actualStart: LocalDateTime.nullable(),
  actualFinish: LocalDateTime.nullable(),
  percentComplete: Percent,
  remainingMinutes: Duration.nullable(),
  manual: z.boolean(),
  manualStart: LocalDateTime.nullable(),
  manualFinish: LocalDateTime.nullable(),
  inactive: z.boolean(),
  priority: z.number().int().min(0, 'must be 0 or more').max(1000, 'must be at most 1000'),
  levelingDelayMinutes: Duration,
  fixedCost: MinorUnits,
};

export const TaskCreate = z.strictObject({
  name: TaskFields.name,
  notes: TaskFields.notes.default(''),
  durationMinutes: TaskFields.durationMinutes.default(480),
  elapsed: TaskFields.elapsed.default(false),
  milestone: TaskFields.milestone.default(false),
  calendarId: TaskFields.calendarId.default(null),
  constraintType: TaskFields.constraintType.default('ASAP'),
  constraintDate: TaskFields.constraintDate.default(null),
  deadline: TaskFields.deadline.default(null),
  actualStart: TaskFields.actualStart.default(null),
  actualFinish: TaskFields.actualFinish.default(null),
  percentComplete: TaskFields.percentComplete.default(0),
  remainingMinutes: TaskFields.remainingMinutes.default(null),
  manual: TaskFields.manual.default(false),
  manualStart: TaskFields.manualStart.default(null),
  manualFinish: TaskFields.manualFinish.default(null),
  inactive: TaskFields.inactive.default(false),
  priority: TaskFields.priority.default(500),
  levelingDelayMinutes: TaskFields.levelingDelayMinutes.default(0),
  fixedCost: TaskFields.fixedCost.default(0),
  /** The summary task to put it under; top level when null. */
  parentId: Uuid.nullable().default(null),
  /** Insert right after this task (and its subtree); at the end of its parent when absent. */
  afterId: Uuid.nullable().default(null),
});
export type TaskCreate = z.infer<typeof TaskCreate>;

export const TaskPatch = z.strictObject({
  version: Version,
  ...Object.fromEntries(Object.entries(TaskFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof TaskFields]: z.ZodOptional<(typeof TaskFields)[K]> },
  /**
   * Convenience edits as in MS Project: `start` sets a "start no earlier than" constraint;
   * `finish` sets the duration so the task ends there (the start stays).
   */
  start: LocalDateTime.optional(),
  finish: LocalDateTime.optional(),
});
export type TaskPatch = z.infer<typeof TaskPatch>;

/** Move a task (with its subtree) under another parent and/or after another task. */
export const TaskMove = z.strictObject({ version: Version, parentId: Uuid.nullable(), afterId: Uuid.nullable().default(null) });
export type TaskMove = z.infer<typeof TaskMove>;

export const ScheduleLink = z.object({
  id: Uuid,
  projectId: Uuid,
  predecessorId: Uuid,
  successorId: Uuid,
  type: LinkType,
  lagMinutes: z.number().int(),
  lagPercent: z.number().nullable(),
  lagElapsed: z.boolean(),
  ...VersionedFields,
});
export type ScheduleLink = z.infer<typeof ScheduleLink>;

export const LinkCreate = z
  .strictObject({
    predecessorId: Uuid,
    successorId: Uuid,
    type: LinkType.default('FS'),
    lagMinutes: Lag.default(0),
    /** A lag as a percentage of the predecessor's duration, in place of `lagMinutes`. */
    lagPercent: z.number().min(-1000).max(1000).nullable().default(null),
    lagElapsed: z.boolean().default(false),
  })
  .refine((l) => l.predecessorId !== l.successorId, { message: 'a task cannot be linked to itself', path: ['successorId'] });
export type LinkCreate = z.infer<typeof LinkCreate>;

export const LinkPatch = z.strictObject({
  version: Version,
  type: LinkType.optional(),
  lagMinutes: Lag.optional(),
  lagPercent: z.number().min(-1000).max(1000).nullable().optional(),
  lagElapsed: z.boolean().optional(),
});
export type LinkPatch = z.infer<typeof LinkPatch>;

export const ScheduleResource = z.object({
  id: Uuid,
  projectId: Uuid,
  uid: z.number().int(),
  name: z.string(),
  kind: z.enum(['work', 'material', 'cost']),
  maxUnits: z.number(),
  calendarId: Uuid.nullable(),
  standardRate: z.number().int(),
  /** The organisation role it stands for (its assignments then count as the project's demand for that role). */
  roleId: Uuid.nullable(),
  ...VersionedFields,
});
export type ScheduleResource = z.infer<typeof ScheduleResource>;

export const ResourceCreate = z.strictObject({
  name: Name,
  kind: z.enum(['work', 'material', 'cost']).default('work'),
  maxUnits: Units.default(1),
  calendarId: Uuid.nullable().default(null),
  /** Minor units per hour of work. */
  standardRate: MinorUnits.default(0),
  roleId: Uuid.nullable().default(null),
});
export type ResourceCreate = z.infer<typeof ResourceCreate>;
export const ResourcePatch = z.strictObject({
  version: Version,
  name: Name.optional(),
  maxUnits: Units.optional(),
  calendarId: Uuid.nullable().optional(),
  standardRate: MinorUnits.optional(),
  roleId: Uuid.nullable().optional(),
});
export type ResourcePatch = z.infer<typeof ResourcePatch>;

export const ScheduleAssignment = z.object({
  id: Uuid,
  projectId: Uuid,
  taskId: Uuid,
  resourceId: Uuid,
  units: z.number(),
  workMinutes: z.number().int(),
  ...VersionedFields,
});
export type ScheduleAssignment = z.infer<typeof ScheduleAssignment>;

export const AssignmentCreate = z.strictObject({
  taskId: Uuid,
  resourceId: Uuid,
  units: Units.default(1),
  /** Defaults to the task's duration × units. */
  workMinutes: Duration.nullable().default(null),
});
export type AssignmentCreate = z.infer<typeof AssignmentCreate>;
export const AssignmentPatch = z.strictObject({ version: Version, units: Units.optional(), workMinutes: Duration.optional() });
export type AssignmentPatch = z.infer<typeof AssignmentPatch>;

export const BaselineSummary = z.object({
  id: Uuid,
  number: z.number().int(),
  name: z.string(),
  savedBy: z.string(),
  savedAt: z.string(),
  projectStart: z.string().nullable(),
  projectFinish: z.string().nullable(),
  version: z.number().int(),
});
export type BaselineSummary = z.infer<typeof BaselineSummary>;

export const BaselineSave = z.strictObject({
  name: z.string().max(200).default(''),
  /** Set when replacing a saved baseline: the version it had. */
  version: Version.optional(),
});
export type BaselineSave = z.infer<typeof BaselineSave>;

const Variance = z.object({
  taskId: Uuid,
  uid: z.number().int(),
  name: z.string(),
  summary: z.boolean(),
  baselineStart: z.string().nullable(),
  baselineFinish: z.string().nullable(),
  baselineDurationMinutes: z.number().int().nullable(),
  baselineCost: z.number().int().nullable(),
  start: z.string().nullable(),
  finish: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  cost: z.number().int().nullable(),
  /** Working minutes later (positive) or earlier (negative) than the baseline; null when not in both. */
  startVarianceMinutes: z.number().int().nullable(),
  finishVarianceMinutes: z.number().int().nullable(),
  durationVarianceMinutes: z.number().int().nullable(),
  costVariance: z.number().int().nullable(),
  /** In the plan but not in the baseline, or the reverse. */
  status: z.enum(['both', 'added', 'removed']),
});

export const BaselineComparison = z.object({
  baseline: BaselineSummary,
  project: Variance.omit({ taskId: true, uid: true, summary: true, status: true }),
  tasks: z.array(Variance),
});
export type BaselineComparison = z.infer<typeof BaselineComparison>;

/** The whole plan in one document, as the Gantt reads it. */
export const ScheduleView = z.object({
  plan: SchedulePlan,
  calendars: z.array(ScheduleCalendar),
  tasks: z.array(ScheduleTask),
  links: z.array(ScheduleLink),
  resources: z.array(ScheduleResource),
  assignments: z.array(ScheduleAssignment),
  baselines: z.array(BaselineSummary),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

/**
 * What a change returns: the record it wrote, and what the recalculation moved (the computed
 * fields of every task whose dates, slack or critical flag changed), with the plan's new revision.
 */
export function changeResult<T extends z.ZodType>(record: T) {
  return z.object({
    record,
    plan: SchedulePlan,
    moved: z.array(ComputedTask),
  });
}

export const ImportQuery = z.strictObject({
  /** Replace a plan that already has tasks; without it, importing into a non-empty plan is refused. */
  replace: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const ImportReport = z.object({
  plan: SchedulePlan,
  tasks: z.number().int(),
  links: z.number().int(),
  calendars: z.number().int(),
  resources: z.number().int(),
  assignments: z.number().int(),
  baselines: z.number().int(),
  /** What the file held that Pharos did not take, one line each: nothing is dropped silently. */
  notLoaded: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ScheduleParams = z.strictObject({ id: Uuid, itemId: Uuid });
export const BaselineParams = z.strictObject({ id: Uuid, number: z.coerce.number().int().min(0, 'must be 0–10').max(10, 'must be 0–10') });

export const LevelRequest = z.strictObject({
  /** Delay tasks only within their total slack, so the finish does not move. */
  withinSlackOnly: z.boolean().default(false),
  /** `standard`: predecessors, slack, start, priority, constraints (MS Project's Standard); `priority` puts priority first. */
  order: z.enum(['standard', 'priority']).default('standard'),
  /** Remove every levelling delay instead. */
  clear: z.boolean().default(false),
});
export type LevelRequest = z.infer<typeof LevelRequest>;

export const LevelReport = z.object({
  plan: SchedulePlan,
  moved: z.array(ComputedTask),
  /** The finish without levelling delays, and with the new ones. */
  finishBefore: z.string().nullable(),
  finishAfter: z.string().nullable(),
  /** Each task given a delay (elapsed minutes), with the resources and tasks it waited for; or one that needed a delay it could not get. */
  delayed: z.array(
    z.object({
      taskId: Uuid,
      name: z.string(),
      delayMinutes: z.number().int(),
      waitedFor: z.array(z.object({ resource: z.string(), tasks: z.array(z.string()) })),
      unresolved: z.enum(['do-not-level', 'within-slack', 'constraint', 'exceeds-capacity', 'moved-by-links']).nullable(),
    }),
  ),
  /** Over-allocations left, each with the reason. */
  overallocations: z.array(
    z.object({
      resource: z.string(),
      from: z.string(),
      to: z.string(),
      units: z.number(),
      capacity: z.number(),
      tasks: z.array(z.string()),
      reason: z.string(),
      detail: z.string(),
    }),
  ),
});
export type LevelReport = z.infer<typeof LevelReport>;
