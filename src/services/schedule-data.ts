import { PostgresAdapter, sql } from 'kysely';
import type { ProjectId, ScheduleCalendarId, SchedulePlanId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import { STANDARD_WEEK, type CalendarDefinition, type WeekPattern } from '../domain/schedule/calendar-types.js';
import { ClockSet } from '../domain/schedule/clocks.js';
import { formatLocalDateTime, parseLocalDateTime, type LocalMinute } from '../domain/schedule/local-time.js';
import { outlineOf, type OutlineFacts } from '../domain/schedule/outline.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ConstraintType, ScheduleInput, ScheduleResult, ScheduleTask as EngineTask } from '../domain/schedule/types.js';
import type {
  ComputedTask,
  ScheduleAssignment,
  ScheduleCalendar,
  ScheduleLink,
  SchedulePlan,
  ScheduleResource,
  ScheduleTask,
} from '../api/schemas/schedule.schema.js';
import type {
  ScheduleAssignmentTable,
  ScheduleCalendarTable,
  ScheduleLinkTable,
  SchedulePlanTable,
  ScheduleResourceTable,
  ScheduleTaskTable,
} from '../store/schema.js';
import { authorize, pathOfProject } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { scheduleOffThread, type EngineOptions } from './schedule-worker.js';
import type { Action } from '../domain/policy/index.js';

/** Everything the engine needs of one project's plan, as stored. Tasks are in outline order. */
export type PlanData = {
  plan: SchedulePlanTable;
  calendars: ScheduleCalendarTable[];
  tasks: ScheduleTaskTable[];
  links: ScheduleLinkTable[];
  resources: ScheduleResourceTable[];
  assignments: ScheduleAssignmentTable[];
};

type Warning = SchedulePlan['warnings'][number];

/** Resolves the project, checks the actor may `action` it, and returns its organisation. */
export async function authorizeProject(ctx: ServiceContext, projectId: ProjectId, action: Action) {
  const path = await pathOfProject(ctx.db, projectId);
  authorize(ctx, action, path, 'project');
  const row = await ctx.db.selectFrom('project').select(['organisationId', 'name', 'code', 'plannedStart']).where('id', '=', projectId).executeTakeFirstOrThrow();
  return row;
}

export const flag = (v: number | boolean): number => (v ? 1 : 0);
export const bool = (v: number) => v === 1 || (v as unknown) === true;
export const local = (text: string | null): LocalMinute | null => (text === null ? null : parseLocalDateTime(text));
export const text = (t: number): string | null => (Number.isFinite(t) ? formatLocalDateTime(t) : null);

/** The calendar's rules as the engine reads them (stored weeks use `null` for "as the base"). */
export function calendarDefinition(row: ScheduleCalendarTable): CalendarDefinition {
  const rules = JSON.parse(row.definition) as { week: (WeekPattern[number] | null)[]; workWeeks?: { name?: string; from: string; to: string; week: (WeekPattern[number] | null)[] }[]; exceptions?: CalendarDefinition['exceptions'] };
  const week = (w: (WeekPattern[number] | null)[]): WeekPattern => w.map((d) => d ?? undefined);
  return {
    id: row.id,
    name: row.name,
    base: row.baseId,
    week: week(rules.week),
    workWeeks: (rules.workWeeks ?? []).map((w) => ({ ...w, week: week(w.week) })),
    exceptions: rules.exceptions ?? [],
  };
}

/** The clock of the plan's own calendar: `work(t)` counts its working minutes up to local minute `t`. */
export function planClock(data: PlanData) {
  const set = new ClockSet(data.calendars.map(calendarDefinition), local(data.plan.start)!);
  return set.clocks[set.indexOf(data.plan.calendarId ?? data.calendars[0]!.id, 'calendarId')]!;
}

export function calendarFromRow(row: ScheduleCalendarTable): ScheduleCalendar {
  const rules = JSON.parse(row.definition) as Pick<ScheduleCalendar, 'week' | 'workWeeks' | 'exceptions'>;
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    baseId: row.baseId,
    week: rules.week,
    workWeeks: rules.workWeeks ?? [],
    exceptions: rules.exceptions ?? [],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function planFromRow(row: SchedulePlanTable): SchedulePlan {
  return {
    id: row.id,
    projectId: row.projectId,
    direction: row.direction,
    start: row.start,
    finish: row.finish,
    statusDate: row.statusDate,
    calendarId: row.calendarId,
    criticalSlackMinutes: row.criticalSlackMinutes,
    honorConstraints: bool(row.honorConstraints),
    minutesPerDay: row.minutesPerDay,
    computedStart: row.computedStart,
    computedFinish: row.computedFinish,
    warnings: JSON.parse(row.warnings) as Warning[],
    revision: row.revision,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function computedFromRow(row: ScheduleTaskTable): ComputedTask {
  return {
    id: row.id,
    start: row.start,
    finish: row.finish,
    earlyStart: row.earlyStart,
    earlyFinish: row.earlyFinish,
    lateStart: row.lateStart,
    lateFinish: row.lateFinish,
    totalSlackMinutes: row.totalSlackMinutes === null ? null : Number(row.totalSlackMinutes),
    freeSlackMinutes: row.freeSlackMinutes === null ? null : Number(row.freeSlackMinutes),
    critical: bool(row.critical),
    drivingPredecessorId: row.drivingPredecessorId,
  };
}

/** The API shape of a task; `facts` and `i` give its place in the outline. */
export function taskFromRow(row: ScheduleTaskTable, facts: OutlineFacts, i: number): ScheduleTask {
  return {
    projectId: row.projectId,
    uid: row.uid,
    position: row.position,
    parentId: row.parentId,
    outlineLevel: facts.level[i]!,
    wbs: facts.wbs[i]!,
    summary: facts.summary[i] === 1,
    name: row.name,
    notes: row.notes,
    durationMinutes: row.durationMinutes,
    elapsed: bool(row.elapsed),
    milestone: bool(row.milestone),
    calendarId: row.calendarId,
    constraintType: row.constraintType as ConstraintType,
    constraintDate: row.constraintDate,
    deadline: row.deadline,
    actualStart: row.actualStart,
    actualFinish: row.actualFinish,
    percentComplete: row.percentComplete,
    remainingMinutes: row.remainingMinutes,
    manual: bool(row.manual),
    manualStart: row.manualStart,
    manualFinish: row.manualFinish,
    inactive: bool(row.inactive),
    priority: row.priority,
    levelingDelayMinutes: row.levelingDelayMinutes,
    fixedCost: Number(row.fixedCost),
    ...computedFromRow(row),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function linkFromRow(row: ScheduleLinkTable): ScheduleLink {
  return {
    id: row.id,
    projectId: row.projectId,
    predecessorId: row.predecessorId,
    successorId: row.successorId,
    type: row.type,
    lagMinutes: row.lagMinutes,
    lagPercent: row.lagPercent,
    lagElapsed: bool(row.lagElapsed),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function resourceFromRow(row: ScheduleResourceTable): ScheduleResource {
  return { id: row.id, projectId: row.projectId, uid: row.uid, name: row.name, kind: row.kind, maxUnits: row.maxUnits, calendarId: row.calendarId, standardRate: Number(row.standardRate), roleId: row.roleId, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function assignmentFromRow(row: ScheduleAssignmentTable): ScheduleAssignment {
  return { id: row.id, projectId: row.projectId, taskId: row.taskId, resourceId: row.resourceId, units: row.units, workMinutes: row.workMinutes, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** A user-facing record of a task without what the engine computed (for the audit trail). */
export function ownFields(task: ScheduleTask): Record<string, unknown> {
  const own: Record<string, unknown> = { ...task };
  for (const k of ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlackMinutes', 'freeSlackMinutes', 'critical', 'drivingPredecessorId', 'outlineLevel', 'wbs', 'summary', 'position']) delete own[k];
  return own;
}

/** A new task row's computed fields, before the plan's first recalculation fills them. */
export const NOT_COMPUTED = {
  start: null,
  finish: null,
  earlyStart: null,
  earlyFinish: null,
  lateStart: null,
  lateFinish: null,
  totalSlackMinutes: null,
  freeSlackMinutes: null,
  critical: 0,
  drivingPredecessorId: null,
} as const satisfies Partial<ScheduleTaskTable>;

/** Loads a project's plan, or null when it has none yet. With `lock`, holds the plan row for the transaction (PostgreSQL). */
export async function loadPlanData(db: Db, projectId: ProjectId, lock = false): Promise<PlanData | null> {
  let q = db.selectFrom('schedulePlan').selectAll().where('projectId', '=', projectId);
  if (lock && db.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
  const plan = await q.executeTakeFirst();
  if (!plan) return null;
  const [calendars, tasks, links, resources, assignments] = await Promise.all([
    db.selectFrom('scheduleCalendar').selectAll().where('projectId', '=', projectId).orderBy('createdAt').orderBy('id').execute(),
    db.selectFrom('scheduleTask').selectAll().where('projectId', '=', projectId).orderBy('position').execute(),
    db.selectFrom('scheduleLink').selectAll().where('projectId', '=', projectId).orderBy('id').execute(),
    db.selectFrom('scheduleResource').selectAll().where('projectId', '=', projectId).orderBy('uid').execute(),
    db.selectFrom('scheduleAssignment').selectAll().where('projectId', '=', projectId).orderBy('id').execute(),
  ]);
  return { plan, calendars, tasks, links, resources, assignments };
}

/** MS Project's Standard calendar: Monday to Friday, 08:00–12:00 and 13:00–17:00. */
export const STANDARD_RULES = { week: STANDARD_WEEK.map((d) => d ?? null), workWeeks: [], exceptions: [] };

/**
 * The project's plan, created on first use with the Standard calendar, starting on the
 * project's planned start (or today) at 08:00. Creating it is not a change anyone made, so
 * it is not audited.
 */
export async function ensurePlan(db: Db, ctx: ServiceContext, projectId: ProjectId): Promise<PlanData> {
  const existing = await loadPlanData(db, projectId, true);
  if (existing) return existing;
  const project = await db.selectFrom('project').select(['organisationId', 'plannedStart']).where('id', '=', projectId).executeTakeFirstOrThrow();
  const now = nowIso(ctx);
  const calendarId = newId<ScheduleCalendarId>();
  const day = project.plannedStart ?? now.slice(0, 10);
  await db
    .insertInto('scheduleCalendar')
    .values({ id: calendarId, organisationId: project.organisationId, projectId, name: 'Standard', baseId: null, definition: JSON.stringify(STANDARD_RULES), version: 1, createdAt: now, updatedAt: now })
    .execute();
  try {
    await db
      .insertInto('schedulePlan')
      .values({
        id: newId<SchedulePlanId>(),
        organisationId: project.organisationId,
        projectId,
        direction: 'forward',
        start: `${day}T08:00:00`,
        finish: null,
        statusDate: null,
        calendarId,
        criticalSlackMinutes: 0,
        honorConstraints: 1,
        minutesPerDay: 480,
        computedStart: `${day}T08:00:00`,
        computedFinish: `${day}T08:00:00`,
        warnings: '[]',
        revision: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  } catch (e) {
    // Someone else created it in between (the unique project id): use theirs.
    await db.deleteFrom('scheduleCalendar').where('id', '=', calendarId).execute();
    const theirs = await loadPlanData(db, projectId, true);
    if (theirs) return theirs;
    throw e;
  }
  return (await loadPlanData(db, projectId, true))!;
}

/** The plan for reading: loaded without a lock or a transaction; created (in one) only the first time. */
export async function readPlan(ctx: ServiceContext, projectId: ProjectId): Promise<PlanData> {
  return (await loadPlanData(ctx.db, projectId)) ?? (await ctx.db.transaction().execute((trx) => ensurePlan(trx, ctx, projectId)));
}

/** Each task's label in messages: its outline number and name, unique within the plan. */
export function taskLabels(data: PlanData, facts: OutlineFacts): string[] {
  return data.tasks.map((t, i) => `${facts.wbs[i]} ${t.name}`);
}

/** The engine's input for a stored plan; task ids are the stored ids. */
export function engineInput(data: PlanData, facts: OutlineFacts): ScheduleInput {
  const { plan } = data;
  const labels = taskLabels(data, facts);
  const resourceCalendar = new Map(data.resources.filter((r) => r.calendarId && r.kind === 'work').map((r) => [r.id, r.calendarId!]));
  const assignedCalendar = new Map<string, string>();
  for (const a of data.assignments) {
    const c = resourceCalendar.get(a.resourceId);
    if (c && !assignedCalendar.has(a.taskId)) assignedCalendar.set(a.taskId, c);
  }
  const tasks: EngineTask[] = data.tasks.map((t, i) => {
    const manualStart = local(t.manualStart);
    const manualFinish = local(t.manualFinish);
    return {
      id: t.id,
      name: labels[i]!,
      parent: t.parentId,
      durationMinutes: t.durationMinutes,
      elapsed: bool(t.elapsed),
      milestone: bool(t.milestone),
      // A task without a calendar of its own works on its resources' calendar, but its slack
      // counts on the project calendar (as MS Project, and the MSPDI importer, have it).
      calendar: t.calendarId ?? null,
      resourceCalendar: t.calendarId ? null : (assignedCalendar.get(t.id) ?? null),
      constraint: t.constraintType as ConstraintType,
      constraintDate: local(t.constraintDate),
      deadline: local(t.deadline),
      actualStart: local(t.actualStart),
      actualFinish: local(t.actualFinish),
      percentComplete: t.percentComplete,
      remainingMinutes: t.remainingMinutes,
      manual: bool(t.manual) && manualStart !== null && manualFinish !== null ? { start: manualStart, finish: manualFinish } : null,
      inactive: bool(t.inactive),
      levelingDelayMinutes: t.levelingDelayMinutes,
    };
  });
  return {
    tasks,
    links: data.links.map((l) => ({
      predecessor: l.predecessorId,
      successor: l.successorId,
      type: l.type,
      ...(l.lagPercent !== null ? { lagPercent: l.lagPercent } : { lagMinutes: l.lagMinutes }),
      lagElapsed: bool(l.lagElapsed),
    })),
    calendars: data.calendars.map(calendarDefinition),
    projectCalendar: plan.calendarId ?? data.calendars[0]!.id,
    direction: plan.direction,
    start: local(plan.start)!,
    ...(plan.finish ? { finish: local(plan.finish)! } : {}),
    statusDate: local(plan.statusDate),
    criticalSlackMinutes: plan.criticalSlackMinutes,
    honorConstraints: bool(plan.honorConstraints),
  };
}

/** The engine's result written onto the task rows (in memory); returns the rows whose computed fields changed. */
export function applyResult(data: PlanData, result: ScheduleResult): ScheduleTaskTable[] {
  const moved: ScheduleTaskTable[] = [];
  data.tasks.forEach((t, i) => {
    const driver = result.drivingPredecessor[i]!;
    const next = {
      start: text(result.start[i]!),
      finish: text(result.finish[i]!),
      earlyStart: text(result.earlyStart[i]!),
      earlyFinish: text(result.earlyFinish[i]!),
      lateStart: text(result.lateStart[i]!),
      lateFinish: text(result.lateFinish[i]!),
      totalSlackMinutes: Number.isFinite(result.totalSlack[i]!) ? Math.round(result.totalSlack[i]!) : null,
      freeSlackMinutes: Number.isFinite(result.freeSlack[i]!) ? Math.round(result.freeSlack[i]!) : null,
      critical: result.critical[i]!,
      drivingPredecessorId: driver >= 0 ? data.tasks[driver]!.id : null,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => (k === 'totalSlackMinutes' || k === 'freeSlackMinutes' ? (t[k] === null ? null : Number(t[k])) : t[k]) !== next[k]);
    if (changed) {
      Object.assign(t, next);
      moved.push(t);
    }
  });
  return moved;
}

/** The outline of the plan and the engine's input, or no input for a plan with no tasks (whose dates are set here). */
function preparePlan(data: PlanData): { facts: OutlineFacts; input: ScheduleInput | null } {
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  if (data.tasks.length === 0) {
    data.plan.computedStart = data.plan.direction === 'backward' && data.plan.finish ? data.plan.finish : data.plan.start;
    data.plan.computedFinish = data.plan.computedStart;
    data.plan.warnings = '[]';
    return { facts, input: null };
  }
  return { facts, input: engineInput(data, facts) };
}

/** Writes the engine's result onto the plan in memory: where it starts and ends, what it warns of, the tasks that moved. */
function finishPlan(data: PlanData, input: ScheduleInput, result: ScheduleResult): ScheduleTaskTable[] {
  const moved = applyResult(data, result);
  const byLabel = new Map(input.tasks.map((t) => [t.name!, t.id]));
  const warnings: Warning[] = result.warnings.map((w) => ({ kind: w.kind, task: w.task, taskId: byLabel.get(w.task) ?? null, detail: w.detail, ...(w.minutes !== undefined ? { minutes: w.minutes } : {}) }));
  data.plan.computedStart = text(result.projectStart);
  data.plan.computedFinish = text(result.projectFinish);
  data.plan.warnings = JSON.stringify(warnings);
  return moved;
}

/** Runs the engine on the plan in memory (in this thread) and records where it starts and ends and what it warns of. */
export function computePlan(data: PlanData): { moved: ScheduleTaskTable[]; facts: OutlineFacts } {
  const { facts, input } = preparePlan(data);
  return { moved: input ? finishPlan(data, input, schedule(input)) : [], facts };
}

/** As {@link computePlan}, with the engine in a worker thread when the plan is large (see `schedule-worker.ts`). */
export async function computePlanAsync(data: PlanData, opts: EngineOptions = {}): Promise<{ moved: ScheduleTaskTable[]; facts: OutlineFacts }> {
  const { facts, input } = preparePlan(data);
  return { moved: input ? finishPlan(data, input, await scheduleOffThread(input, opts)) : [], facts };
}

/** A column of `schedule_task` set by {@link updateTasksById}: its SQL name and the type its text is read as. */
export type TaskColumn = { name: string; type: 'text' | 'integer' };

/** Rows per statement: 1,000 rows of 11 values stay far below both databases' parameter limits (SQLite 32,766; PostgreSQL 65,535). */
const ROWS_PER_UPDATE = 1000;

/**
 * Sets `columns` of many tasks, by id, a thousand rows per statement:
 * `WITH v(id, …) AS (VALUES (…), …) UPDATE schedule_task SET c = CAST(v.c AS type) … FROM v
 * WHERE schedule_task.id = v.id`. Both dialects take this form (SQLite since 3.33). PostgreSQL
 * reads untyped VALUES as text, hence the casts; SQLite keeps each value's own type.
 * `values(i)` gives row i's values in `columns` order.
 */
export async function updateTasksById(trx: Db, columns: readonly TaskColumn[], ids: readonly string[], values: (i: number) => readonly unknown[]): Promise<void> {
  const names = sql.raw(['id', ...columns.map((c) => c.name)].join(', '));
  const set = sql.raw(columns.map((c) => (c.type === 'text' ? `${c.name} = v.${c.name}` : `${c.name} = CAST(v.${c.name} AS ${c.type})`)).join(', '));
  for (let from = 0; from < ids.length; from += ROWS_PER_UPDATE) {
    const rows = [];
    for (let i = from; i < Math.min(ids.length, from + ROWS_PER_UPDATE); i++) rows.push(sql`(${sql.join([ids[i], ...values(i)])})`);
    await sql`WITH v(${names}) AS (VALUES ${sql.join(rows)}) UPDATE schedule_task SET ${set} FROM v WHERE schedule_task.id = v.id`.execute(trx);
  }
}

const COMPUTED_COLUMNS: readonly TaskColumn[] = [
  { name: 'start', type: 'text' },
  { name: 'finish', type: 'text' },
  { name: 'early_start', type: 'text' },
  { name: 'early_finish', type: 'text' },
  { name: 'late_start', type: 'text' },
  { name: 'late_finish', type: 'text' },
  { name: 'total_slack_minutes', type: 'integer' },
  { name: 'free_slack_minutes', type: 'integer' },
  { name: 'critical', type: 'integer' },
  { name: 'driving_predecessor_id', type: 'text' },
];

/** Writes what the engine computed for the given task rows, in batches (see {@link updateTasksById}). */
export async function writeComputed(trx: Db, moved: readonly ScheduleTaskTable[]): Promise<void> {
  await updateTasksById(trx, COMPUTED_COLUMNS, moved.map((t) => t.id), (i) => {
    const t = moved[i]!;
    return [t.start, t.finish, t.earlyStart, t.earlyFinish, t.lateStart, t.lateFinish, t.totalSlackMinutes, t.freeSlackMinutes, t.critical, t.drivingPredecessorId];
  });
}

/**
 * Recalculates a plan after a change, inside the change's transaction: runs the engine, writes
 * the computed fields of the tasks that moved and the plan's new revision. A plan the engine
 * refuses (a loop, a calendar with no working time) throws, so the change rolls back.
 */
export async function recalculate(trx: Db, ctx: ServiceContext, projectId: ProjectId, opts: EngineOptions = {}, loaded?: PlanData): Promise<{ plan: SchedulePlan; moved: ComputedTask[]; data: PlanData; facts: OutlineFacts }> {
  // A caller that kept its loaded plan in step with its writes passes it, saving a second read.
  const data = loaded ?? (await loadPlanData(trx, projectId));
  if (!data) throw new PharosError('not-found', `project ${projectId} has no plan`);
  const { moved, facts } = await computePlanAsync(data, opts);
  await writeComputed(trx, moved);
  data.plan.revision += 1;
  await trx
    .updateTable('schedulePlan')
    .set({ computedStart: data.plan.computedStart, computedFinish: data.plan.computedFinish, warnings: data.plan.warnings, revision: data.plan.revision })
    .where('id', '=', data.plan.id)
    .execute();
  return { plan: planFromRow(data.plan), moved: moved.map(computedFromRow), data, facts };
}
