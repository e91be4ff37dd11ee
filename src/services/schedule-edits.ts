import type {
  CapacityRoleId,
  OrganisationId,
  ProjectId,
  ScheduleAssignmentId,
  ScheduleCalendarId,
  ScheduleLinkId,
  ScheduleResourceId,
  ScheduleTaskId,
} from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import { ClockSet } from '../domain/schedule/clocks.js';
import { formatLocalDateTime, parseLocalDateTime } from '../domain/schedule/local-time.js';
import { moveBlock, outlineOf, type OutlineFacts } from '../domain/schedule/outline.js';
import type {
  AssignmentCreate,
  AssignmentPatch,
  CalendarCreate,
  CalendarPatch,
  ComputedTask,
  LinkCreate,
  LinkPatch,
  PlanPatch,
  ResourceCreate,
  ResourcePatch,
  ScheduleAssignment,
  ScheduleCalendar,
  ScheduleLink,
  SchedulePlan,
  ScheduleResource,
  ScheduleTask,
  ScheduleView,
  TaskCreate,
  TaskMove,
  TaskPatch,
} from '../api/schemas/schedule.schema.js';
import type { ScheduleTaskTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import {
  assignmentFromRow,
  authorizeProject,
  calendarDefinition,
  calendarFromRow,
  ensurePlan,
  flag,
  linkFromRow,
  NOT_COMPUTED,
  readPlan,
  ownFields,
  planFromRow,
  recalculate,
  resourceFromRow,
  taskFromRow,
  type PlanData,
  updateTasksById,
} from './schedule-data.js';
import { listBaselines } from './schedule-baselines.js';
import { assertVersion, lostRace } from './versioned.js';

/** What every change returns: the record written, the plan after recalculation and what moved. */
export type ChangeResult<T> = { record: T; plan: SchedulePlan; moved: ComputedTask[] };

type Recalculated = Awaited<ReturnType<typeof recalculate>>;

/**
 * One change to a plan, in one transaction: checks the actor may update the project, holds
 * the plan, applies `apply`, recalculates and returns what `result` reads from the new plan.
 * If the recalculation refuses the plan (a loop, a link to a task's own summary), nothing is saved.
 * `apply` mirrors each write in `data` (the plan as loaded), so the recalculation reuses it
 * instead of reading the whole plan again; the integration tests check the stored plan
 * against a fresh recalculation after every kind of change.
 */
async function change<T>(
  ctx: ServiceContext,
  projectId: ProjectId,
  apply: (trx: Db, data: PlanData, organisationId: OrganisationId) => Promise<(after: Recalculated) => T | Promise<T>>,
): Promise<ChangeResult<T>> {
  const project = await authorizeProject(ctx, projectId, 'project:update');
  return ctx.db.transaction().execute(async (trx) => {
    const data = await ensurePlan(trx, ctx, projectId);
    const read = await apply(trx, data, project.organisationId);
    const after = await recalculate(trx, ctx, projectId, {}, data);
    return { record: await read(after), plan: after.plan, moved: after.moved };
  });
}

const taskOf = (after: Recalculated, id: string): ScheduleTask => {
  const i = after.data.tasks.findIndex((t) => t.id === id);
  return taskFromRow(after.data.tasks[i]!, after.facts, i);
};

function findIn<T extends { id: string }>(list: readonly T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new PharosError('not-found', `no ${what} ${id} in this plan`);
  return found;
}

function checkCalendar(data: PlanData, id: string | null | undefined, field: string): void {
  if (id && !data.calendars.some((c) => c.id === id)) throw invalid([{ field, reason: `calendar ${id} is not one of this plan's calendars` }]);
}

/** Writes positions 0…n−1 in the given order, touching only rows whose position changed (in batches). */
async function renumber(trx: Db, rows: readonly ScheduleTaskTable[]): Promise<void> {
  const changed: ScheduleTaskTable[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.position === i) continue;
    rows[i]!.position = i;
    changed.push(rows[i]!);
  }
  await updateTasksById(trx, [{ name: 'position', type: 'integer' }], changed.map((t) => t.id), (i) => [changed[i]!.position]);
}

/** A summary lasts as long as its children span: working minutes from its start to its finish on the plan's calendar. */
function withSummarySpans(data: PlanData, facts: OutlineFacts, tasks: ScheduleTask[]): ScheduleTask[] {
  if (!tasks.some((t) => t.summary && t.start && t.finish)) return tasks;
  const set = new ClockSet(data.calendars.map(calendarDefinition), parseLocalDateTime(data.plan.start)!);
  const clock = set.clocks[set.indexOf(data.plan.calendarId ?? data.calendars[0]!.id, 'calendarId')]!;
  return tasks.map((t, i) => (facts.summary[i] && t.start && t.finish ? { ...t, durationMinutes: clock.work(parseLocalDateTime(t.finish)!) - clock.work(parseLocalDateTime(t.start)!) } : t));
}

/** The whole plan as the Gantt reads it; the plan is created on first use. */
export async function getSchedule(ctx: ServiceContext, projectId: ProjectId): Promise<ScheduleView> {
  await authorizeProject(ctx, projectId, 'read');
  const data = await readPlan(ctx, projectId);
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  return {
    plan: planFromRow(data.plan),
    calendars: data.calendars.map(calendarFromRow),
    tasks: withSummarySpans(data, facts, data.tasks.map((t, i) => taskFromRow(t, facts, i))),
    links: data.links.map(linkFromRow),
    resources: data.resources.map(resourceFromRow),
    assignments: data.assignments.map(assignmentFromRow),
    baselines: await listBaselines(ctx.db, projectId),
  };
}

/** A plan's own settings, without what recalculation writes. */
function planSettings(p: SchedulePlan): Record<string, unknown> {
  const { computedStart: _s, computedFinish: _f, warnings: _w, revision: _r, ...own } = p;
  return own;
}

export async function updatePlan(ctx: ServiceContext, projectId: ProjectId, patch: PlanPatch): Promise<ChangeResult<SchedulePlan>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const { version, ...fields } = patch;
    const before = planFromRow(data.plan);
    assertVersion('the plan', data.plan.version, version, before);
    checkCalendar(data, fields.calendarId, 'calendarId');
    const direction = fields.direction ?? data.plan.direction;
    const finish = fields.finish !== undefined ? fields.finish : data.plan.finish;
    if (direction === 'backward' && !finish) throw invalid([{ field: 'finish', reason: 'a plan scheduled backward needs its finish date' }]);
    const set = {
      ...(fields.direction !== undefined ? { direction: fields.direction } : {}),
      ...(fields.start !== undefined ? { start: fields.start } : {}),
      ...(fields.finish !== undefined ? { finish: fields.finish } : {}),
      ...(fields.statusDate !== undefined ? { statusDate: fields.statusDate } : {}),
      ...(fields.calendarId !== undefined ? { calendarId: fields.calendarId as ScheduleCalendarId } : {}),
      ...(fields.criticalSlackMinutes !== undefined ? { criticalSlackMinutes: fields.criticalSlackMinutes } : {}),
      ...(fields.honorConstraints !== undefined ? { honorConstraints: flag(fields.honorConstraints) } : {}),
      ...(fields.minutesPerDay !== undefined ? { minutesPerDay: fields.minutesPerDay } : {}),
    };
    const res = await trx.updateTable('schedulePlan').set({ ...set, version: version + 1, updatedAt: nowIso(ctx) }).where('id', '=', data.plan.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the plan');
    const row = await trx.selectFrom('schedulePlan').selectAll().where('id', '=', data.plan.id).executeTakeFirstOrThrow();
    data.plan = row;
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-plan', recordId: data.plan.id, recordLabel: 'plan', before: planSettings(before), after: planSettings(planFromRow(row)) });
    return (r) => r.plan;
  });
}

const TASK_DEFAULTS = { calendarId: null as ScheduleCalendarId | null };

/** A manual task needs both its dates; a finish before the start is refused. */
function checkManual(manual: boolean, start: string | null, finish: string | null): void {
  if (!manual) return;
  if (!start) throw invalid([{ field: 'manualStart', reason: 'is required for a manually scheduled task' }]);
  if (!finish) throw invalid([{ field: 'manualFinish', reason: 'is required for a manually scheduled task' }]);
  if (finish < start) throw invalid([{ field: 'manualFinish', reason: `must not be before manualStart (${start})` }]);
}

function checkActuals(start: string | null, finish: string | null): void {
  if (finish && start && finish < start) throw invalid([{ field: 'actualFinish', reason: `must not be before actualStart (${start})` }]);
}

export async function createTask(ctx: ServiceContext, projectId: ProjectId, input: TaskCreate): Promise<ChangeResult<ScheduleTask>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    checkCalendar(data, input.calendarId, 'calendarId');
    checkManual(input.manual, input.manualStart, input.manualFinish);
    checkActuals(input.actualStart, input.actualFinish);
    const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
    const index = new Map<string, number>(data.tasks.map((t, i) => [t.id, i]));
    let parentId = input.parentId;
    let at: number;
    if (input.afterId) {
      const after = index.get(input.afterId);
      if (after === undefined) throw invalid([{ field: 'afterId', reason: `task ${input.afterId} is not in this plan` }]);
      const siblingParent = data.tasks[after]!.parentId;
      if (parentId && parentId !== siblingParent) throw invalid([{ field: 'parentId', reason: 'must be the parent of afterId (the new task becomes its next sibling)' }]);
      parentId = siblingParent;
      at = facts.subtreeEnd[after]!;
    } else if (parentId) {
      const parent = index.get(parentId);
      if (parent === undefined) throw invalid([{ field: 'parentId', reason: `task ${parentId} is not in this plan` }]);
      at = facts.subtreeEnd[parent]!;
    } else {
      at = data.tasks.length;
    }
    const now = nowIso(ctx);
    const id = newId<ScheduleTaskId>();
    const uid = data.tasks.reduce((m, t) => Math.max(m, t.uid), 0) + 1;
    const row: ScheduleTaskTable = {
      ...TASK_DEFAULTS,
      id,
      organisationId,
      projectId,
      uid,
      position: data.tasks.length,
      parentId: parentId as ScheduleTaskId | null,
      name: input.name,
      notes: input.notes,
      durationMinutes: input.milestone && input.durationMinutes === 480 ? 0 : input.durationMinutes,
      elapsed: flag(input.elapsed),
      milestone: flag(input.milestone),
      calendarId: input.calendarId as ScheduleCalendarId | null,
      constraintType: input.constraintType,
      constraintDate: input.constraintDate,
      deadline: input.deadline,
      actualStart: input.actualStart,
      actualFinish: input.actualFinish,
      percentComplete: input.percentComplete,
      remainingMinutes: input.remainingMinutes,
      manual: flag(input.manual),
      manualStart: input.manualStart,
      manualFinish: input.manualFinish,
      inactive: flag(input.inactive),
      priority: input.priority,
      levelingDelayMinutes: input.levelingDelayMinutes,
      fixedCost: input.fixedCost,
      ...NOT_COMPUTED,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (needsConstraintDate(row.constraintType) && !row.constraintDate) throw invalid([{ field: 'constraintDate', reason: `is required for a ${row.constraintType} constraint` }]);
    await trx.insertInto('scheduleTask').values(row).execute();
    data.tasks.splice(at, 0, row);
    await renumber(trx, data.tasks);
    return async (r) => {
      const task = taskOf(r, id);
      await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-task', recordId: id, recordLabel: task.name, before: null, after: ownFields(task) });
      return task;
    };
  });
}

const needsConstraintDate = (c: string) => c !== 'ASAP' && c !== 'ALAP';

/** Working minutes between two moments on a task's own clock (its calendar, the plan's, or 24×7 when elapsed). */
function workBetween(data: PlanData, task: ScheduleTaskTable, from: string, to: string): number {
  const a = parseLocalDateTime(from)!;
  const b = parseLocalDateTime(to)!;
  const set = new ClockSet(data.calendars.map(calendarDefinition), a);
  const clock = task.elapsed ? set.clocks[0]! : set.clocks[set.indexOf(task.calendarId ?? data.plan.calendarId ?? data.calendars[0]!.id, 'calendarId')]!;
  return clock.work(b) - clock.work(a);
}

/**
 * Edits a task. As in MS Project: a new `start` sets a "start no earlier than" constraint on
 * an automatically scheduled task (the engine then places it), a new `finish` changes its
 * duration so it ends there, and a new duration moves its finish. A manual task takes the
 * dates as given.
 */
export async function updateTask(ctx: ServiceContext, projectId: ProjectId, taskId: ScheduleTaskId, patch: TaskPatch): Promise<ChangeResult<ScheduleTask>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.tasks, taskId, 'task');
    const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
    const i = data.tasks.indexOf(row);
    const before = taskFromRow(row, facts, i);
    const { version, start, finish, ...fields } = patch;
    assertVersion('the task', row.version, version, before);
    checkCalendar(data, fields.calendarId, 'calendarId');
    const next: ScheduleTaskTable = { ...row };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      (next as Record<string, unknown>)[k] = typeof v === 'boolean' ? flag(v) : v;
    }
    const manual = next.manual === 1;
    if (start !== undefined) {
      if (manual) {
        const shiftBy = (parseLocalDateTime(start)! - parseLocalDateTime(next.manualStart ?? start)!);
        next.manualFinish = next.manualFinish ? formatShift(next.manualFinish, shiftBy) : start;
        next.manualStart = start;
      } else if (fields.constraintType === undefined) {
        next.constraintType = 'SNET';
        next.constraintDate = start;
      }
    }
    if (finish !== undefined) {
      if (manual) next.manualFinish = finish;
      else {
        const from = start ?? row.start ?? data.plan.start;
        if (finish < from) throw invalid([{ field: 'finish', reason: `must not be before the task's start (${from})` }]);
        next.durationMinutes = workBetween(data, next, from, finish);
      }
    }
    if (manual && (!next.manualStart || !next.manualFinish)) {
      next.manualStart ??= row.start;
      next.manualFinish ??= row.finish;
    }
    checkManual(manual, next.manualStart, next.manualFinish);
    checkActuals(next.actualStart, next.actualFinish);
    if (needsConstraintDate(next.constraintType) && !next.constraintDate) throw invalid([{ field: 'constraintDate', reason: `is required for a ${next.constraintType} constraint` }]);
    if (!needsConstraintDate(next.constraintType)) next.constraintDate = null;
    const { id: _id, version: _v, createdAt: _c, ...set } = next;
    const updatedAt = nowIso(ctx);
    const res = await trx
      .updateTable('scheduleTask')
      .set({ ...set, version: version + 1, updatedAt })
      .where('id', '=', taskId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the task');
    Object.assign(row, next, { version: version + 1, updatedAt });
    return async (r) => {
      const task = taskOf(r, taskId);
      await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-task', recordId: taskId, recordLabel: task.name, before: ownFields(before), after: ownFields(task) });
      return task;
    };
  });
}

const formatShift = (text: string, minutes: number): string => formatLocalDateTime(parseLocalDateTime(text)! + minutes);

/** Moves a task and its subtree: indent, outdent, or reorder. */
export async function moveTask(ctx: ServiceContext, projectId: ProjectId, taskId: ScheduleTaskId, move: TaskMove): Promise<ChangeResult<ScheduleTask>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.tasks, taskId, 'task');
    const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
    const from = data.tasks.indexOf(row);
    const before = taskFromRow(row, facts, from);
    assertVersion('the task', row.version, move.version, before);
    const order = moveBlock(data.tasks, from, facts.subtreeEnd[from]!, move.parentId, move.afterId);
    const updatedAt = nowIso(ctx);
    const res = await trx
      .updateTable('scheduleTask')
      .set({ parentId: move.parentId as ScheduleTaskId | null, version: move.version + 1, updatedAt })
      .where('id', '=', taskId)
      .where('version', '=', move.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the task');
    row.parentId = move.parentId as ScheduleTaskId | null;
    row.version = move.version + 1;
    row.updatedAt = updatedAt;
    const reordered = order.map((k) => data.tasks[k]!);
    reordered.forEach((t, i) => (data.tasks[i] = t));
    await renumber(trx, data.tasks);
    return async (r) => {
      const task = taskOf(r, taskId);
      await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-task', recordId: taskId, recordLabel: task.name, before: { parentId: before.parentId, wbs: before.wbs }, after: { parentId: task.parentId, wbs: task.wbs } });
      return task;
    };
  });
}

/** Deletes a task with its subtree, their links and assignments, each audited. */
export async function deleteTask(ctx: ServiceContext, projectId: ProjectId, taskId: ScheduleTaskId, version: number): Promise<ChangeResult<null>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.tasks, taskId, 'task');
    const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
    const from = data.tasks.indexOf(row);
    assertVersion('the task', row.version, version, taskFromRow(row, facts, from));
    const to = facts.subtreeEnd[from]!;
    const gone = new Set(data.tasks.slice(from, to).map((t) => t.id));
    const ids = [...gone];
    for (const l of data.links.filter((l) => gone.has(l.predecessorId) || gone.has(l.successorId))) {
      await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-link', recordId: l.id, recordLabel: linkLabel(data, l), before: linkFromRow(l), after: null });
    }
    await trx.deleteFrom('scheduleLink').where((eb) => eb.or([eb('predecessorId', 'in', ids), eb('successorId', 'in', ids)])).execute();
    await trx.deleteFrom('scheduleAssignment').where('taskId', 'in', ids).execute();
    await trx.updateTable('scheduleTask').set({ drivingPredecessorId: null }).where('projectId', '=', projectId).where('drivingPredecessorId', 'in', ids).execute();
    // Children first, so no row is left pointing at a deleted parent.
    for (let k = to - 1; k >= from; k--) {
      const t = data.tasks[k]!;
      await trx.deleteFrom('scheduleTask').where('id', '=', t.id).execute();
      await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-task', recordId: t.id, recordLabel: t.name, before: ownFields(taskFromRow(t, facts, k)), after: null });
    }
    data.tasks.splice(from, to - from);
    data.links = data.links.filter((l) => !gone.has(l.predecessorId) && !gone.has(l.successorId));
    data.assignments = data.assignments.filter((a) => !gone.has(a.taskId));
    await renumber(trx, data.tasks);
    return () => null;
  });
}

function linkLabel(data: PlanData, l: { predecessorId: string; successorId: string; type: string }): string {
  const name = (id: string) => data.tasks.find((t) => t.id === id)?.name ?? id;
  return `${name(l.predecessorId)} → ${name(l.successorId)} (${l.type})`;
}

export async function createLink(ctx: ServiceContext, projectId: ProjectId, input: LinkCreate): Promise<ChangeResult<ScheduleLink>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const issues = [];
    if (!data.tasks.some((t) => t.id === input.predecessorId)) issues.push({ field: 'predecessorId', reason: `task ${input.predecessorId} is not in this plan` });
    if (!data.tasks.some((t) => t.id === input.successorId)) issues.push({ field: 'successorId', reason: `task ${input.successorId} is not in this plan` });
    if (issues.length) throw invalid(issues);
    const existing = data.links.find((l) => (l.predecessorId === input.predecessorId && l.successorId === input.successorId) || (l.predecessorId === input.successorId && l.successorId === input.predecessorId));
    if (existing) throw new PharosError('duplicate', `${linkLabel(data, existing)}: these tasks are already linked; change that link instead`, { extensions: { existingId: existing.id } });
    const now = nowIso(ctx);
    const id = newId<ScheduleLinkId>();
    const row = {
      id,
      organisationId,
      projectId,
      predecessorId: input.predecessorId as ScheduleTaskId,
      successorId: input.successorId as ScheduleTaskId,
      type: input.type,
      lagMinutes: input.lagPercent !== null ? 0 : input.lagMinutes,
      lagPercent: input.lagPercent,
      lagElapsed: flag(input.lagElapsed),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('scheduleLink').values(row).execute();
    data.links.push(row);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-link', recordId: id, recordLabel: linkLabel(data, row), before: null, after: linkFromRow(row) });
    return () => linkFromRow(row);
  });
}

export async function updateLink(ctx: ServiceContext, projectId: ProjectId, linkId: ScheduleLinkId, patch: LinkPatch): Promise<ChangeResult<ScheduleLink>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.links, linkId, 'link');
    const before = linkFromRow(row);
    assertVersion('the link', row.version, patch.version, before);
    const next = {
      ...row,
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.lagMinutes !== undefined ? { lagMinutes: patch.lagMinutes, lagPercent: null } : {}),
      ...(patch.lagPercent !== undefined ? { lagPercent: patch.lagPercent, ...(patch.lagPercent !== null ? { lagMinutes: 0 } : {}) } : {}),
      ...(patch.lagElapsed !== undefined ? { lagElapsed: flag(patch.lagElapsed) } : {}),
      version: patch.version + 1,
      updatedAt: nowIso(ctx),
    };
    const res = await trx
      .updateTable('scheduleLink')
      .set({ type: next.type, lagMinutes: next.lagMinutes, lagPercent: next.lagPercent, lagElapsed: next.lagElapsed, version: next.version, updatedAt: next.updatedAt })
      .where('id', '=', linkId)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the link');
    Object.assign(row, next);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-link', recordId: linkId, recordLabel: linkLabel(data, row), before, after: linkFromRow(next) });
    return () => linkFromRow(next);
  });
}

export async function deleteLink(ctx: ServiceContext, projectId: ProjectId, linkId: ScheduleLinkId, version: number): Promise<ChangeResult<null>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.links, linkId, 'link');
    assertVersion('the link', row.version, version, linkFromRow(row));
    await trx.deleteFrom('scheduleLink').where('id', '=', linkId).execute();
    data.links = data.links.filter((l) => l.id !== linkId);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-link', recordId: linkId, recordLabel: linkLabel(data, row), before: linkFromRow(row), after: null });
    return () => null;
  });
}

export async function createCalendar(ctx: ServiceContext, projectId: ProjectId, input: CalendarCreate): Promise<ChangeResult<ScheduleCalendar>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    checkCalendar(data, input.baseId, 'baseId');
    if (!input.baseId && input.week.some((d) => d === null)) throw invalid([{ field: 'week', reason: 'only a calendar with a base may leave days as the base (null)' }]);
    const now = nowIso(ctx);
    const id = newId<ScheduleCalendarId>();
    const row = { id, organisationId, projectId, name: input.name, baseId: input.baseId as ScheduleCalendarId | null, definition: JSON.stringify({ week: input.week, workWeeks: input.workWeeks, exceptions: input.exceptions }), version: 1, createdAt: now, updatedAt: now };
    await trx.insertInto('scheduleCalendar').values(row).execute();
    data.calendars.push(row);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-calendar', recordId: id, recordLabel: input.name, before: null, after: calendarFromRow(row) });
    return () => calendarFromRow(row);
  });
}

export async function updateCalendar(ctx: ServiceContext, projectId: ProjectId, calendarId: ScheduleCalendarId, patch: CalendarPatch): Promise<ChangeResult<ScheduleCalendar>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.calendars, calendarId, 'calendar');
    const before = calendarFromRow(row);
    assertVersion('the calendar', row.version, patch.version, before);
    if (patch.baseId !== undefined) {
      checkCalendar(data, patch.baseId, 'baseId');
      // A base chain that comes back to this calendar would never end.
      for (let b: string | null = patch.baseId; b; b = data.calendars.find((c) => c.id === b)?.baseId ?? null) {
        if (b === calendarId) throw new PharosError('cycle', `calendar ${row.name} cannot be based on itself, directly or through other calendars`);
      }
    }
    const rules = { week: patch.week ?? before.week, workWeeks: patch.workWeeks ?? before.workWeeks, exceptions: patch.exceptions ?? before.exceptions };
    const baseId = (patch.baseId !== undefined ? patch.baseId : row.baseId) as ScheduleCalendarId | null;
    if (!baseId && rules.week.some((d) => d === null)) throw invalid([{ field: 'week', reason: 'only a calendar with a base may leave days as the base (null)' }]);
    const next = { ...row, name: patch.name ?? row.name, baseId, definition: JSON.stringify(rules), version: patch.version + 1, updatedAt: nowIso(ctx) };
    const res = await trx
      .updateTable('scheduleCalendar')
      .set({ name: next.name, baseId: next.baseId, definition: next.definition, version: next.version, updatedAt: next.updatedAt })
      .where('id', '=', calendarId)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the calendar');
    Object.assign(row, next);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-calendar', recordId: calendarId, recordLabel: next.name, before, after: calendarFromRow(next) });
    return () => calendarFromRow(next);
  });
}

export async function deleteCalendar(ctx: ServiceContext, projectId: ProjectId, calendarId: ScheduleCalendarId, version: number): Promise<ChangeResult<null>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.calendars, calendarId, 'calendar');
    assertVersion('the calendar', row.version, version, calendarFromRow(row));
    const users = [
      ...(data.plan.calendarId === calendarId ? ['the plan'] : []),
      ...data.calendars.filter((c) => c.baseId === calendarId).map((c) => `calendar ${c.name}`),
      ...data.tasks.filter((t) => t.calendarId === calendarId).map((t) => `task ${t.name}`),
      ...data.resources.filter((r) => r.calendarId === calendarId).map((r) => `resource ${r.name}`),
    ];
    if (users.length) {
      throw new PharosError('blocked-by-dependents', `calendar ${row.name} is used by ${users.slice(0, 5).join(', ')}${users.length > 5 ? ` and ${users.length - 5} more` : ''}; change them first`, { extensions: { blockedBy: users } });
    }
    await trx.deleteFrom('scheduleCalendar').where('id', '=', calendarId).execute();
    data.calendars = data.calendars.filter((c) => c.id !== calendarId);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-calendar', recordId: calendarId, recordLabel: row.name, before: calendarFromRow(row), after: null });
    return () => null;
  });
}

/** A resource may stand for a role of the project's organisation, and no other. */
async function checkRole(db: Db, organisationId: OrganisationId, roleId: string | null | undefined): Promise<void> {
  if (!roleId) return;
  const role = await db.selectFrom('capacityRole').select('id').where('id', '=', roleId as CapacityRoleId).where('organisationId', '=', organisationId).executeTakeFirst();
  if (!role) throw invalid([{ field: 'roleId', reason: 'is not a role of this organisation' }]);
}

export async function createResource(ctx: ServiceContext, projectId: ProjectId, input: ResourceCreate): Promise<ChangeResult<ScheduleResource>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    checkCalendar(data, input.calendarId, 'calendarId');
    await checkRole(trx, organisationId, input.roleId);
    const now = nowIso(ctx);
    const id = newId<ScheduleResourceId>();
    const uid = data.resources.reduce((m, r) => Math.max(m, r.uid), 0) + 1;
    const row = { id, organisationId, projectId, uid, name: input.name, kind: input.kind, maxUnits: input.maxUnits, calendarId: input.calendarId as ScheduleCalendarId | null, standardRate: input.standardRate, roleId: input.roleId as CapacityRoleId | null, version: 1, createdAt: now, updatedAt: now };
    await trx.insertInto('scheduleResource').values(row).execute();
    data.resources.push(row);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-resource', recordId: id, recordLabel: input.name, before: null, after: resourceFromRow(row) });
    return () => resourceFromRow(row);
  });
}

export async function updateResource(ctx: ServiceContext, projectId: ProjectId, resourceId: ScheduleResourceId, patch: ResourcePatch): Promise<ChangeResult<ScheduleResource>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.resources, resourceId, 'resource');
    const before = resourceFromRow(row);
    assertVersion('the resource', row.version, patch.version, before);
    checkCalendar(data, patch.calendarId, 'calendarId');
    await checkRole(trx, organisationId, patch.roleId);
    const next = {
      ...row,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.maxUnits !== undefined ? { maxUnits: patch.maxUnits } : {}),
      ...(patch.calendarId !== undefined ? { calendarId: patch.calendarId as ScheduleCalendarId | null } : {}),
      ...(patch.standardRate !== undefined ? { standardRate: patch.standardRate } : {}),
      ...(patch.roleId !== undefined ? { roleId: patch.roleId as CapacityRoleId | null } : {}),
      version: patch.version + 1,
      updatedAt: nowIso(ctx),
    };
    const res = await trx
      .updateTable('scheduleResource')
      .set({ name: next.name, maxUnits: next.maxUnits, calendarId: next.calendarId, standardRate: next.standardRate, roleId: next.roleId, version: next.version, updatedAt: next.updatedAt })
      .where('id', '=', resourceId)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the resource');
    Object.assign(row, next);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-resource', recordId: resourceId, recordLabel: next.name, before, after: resourceFromRow(next) });
    return () => resourceFromRow(next);
  });
}

export async function deleteResource(ctx: ServiceContext, projectId: ProjectId, resourceId: ScheduleResourceId, version: number): Promise<ChangeResult<null>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.resources, resourceId, 'resource');
    assertVersion('the resource', row.version, version, resourceFromRow(row));
    const assigned = data.assignments.filter((a) => a.resourceId === resourceId);
    if (assigned.length) {
      throw new PharosError('blocked-by-dependents', `resource ${row.name} is assigned to ${assigned.length} task${assigned.length === 1 ? '' : 's'}; remove those assignments first`, { extensions: { blockedBy: assigned.map((a) => a.taskId) } });
    }
    await trx.deleteFrom('scheduleResource').where('id', '=', resourceId).execute();
    data.resources = data.resources.filter((r) => r.id !== resourceId);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-resource', recordId: resourceId, recordLabel: row.name, before: resourceFromRow(row), after: null });
    return () => null;
  });
}

export async function createAssignment(ctx: ServiceContext, projectId: ProjectId, input: AssignmentCreate): Promise<ChangeResult<ScheduleAssignment>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const task = data.tasks.find((t) => t.id === input.taskId);
    const resource = data.resources.find((r) => r.id === input.resourceId);
    const issues = [];
    if (!task) issues.push({ field: 'taskId', reason: `task ${input.taskId} is not in this plan` });
    if (!resource) issues.push({ field: 'resourceId', reason: `resource ${input.resourceId} is not in this plan` });
    if (issues.length) throw invalid(issues);
    if (data.assignments.some((a) => a.taskId === input.taskId && a.resourceId === input.resourceId)) {
      throw new PharosError('duplicate', `${resource!.name} is already assigned to ${task!.name}; change that assignment instead`);
    }
    const now = nowIso(ctx);
    const id = newId<ScheduleAssignmentId>();
    const row = {
      id,
      organisationId,
      projectId,
      taskId: input.taskId as ScheduleTaskId,
      resourceId: input.resourceId as ScheduleResourceId,
      units: input.units,
      workMinutes: input.workMinutes ?? Math.round(task!.durationMinutes * input.units),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('scheduleAssignment').values(row).execute();
    data.assignments.push(row);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-assignment', recordId: id, recordLabel: `${resource!.name} on ${task!.name}`, before: null, after: assignmentFromRow(row) });
    return () => assignmentFromRow(row);
  });
}

export async function updateAssignment(ctx: ServiceContext, projectId: ProjectId, assignmentId: ScheduleAssignmentId, patch: AssignmentPatch): Promise<ChangeResult<ScheduleAssignment>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.assignments, assignmentId, 'assignment');
    const before = assignmentFromRow(row);
    assertVersion('the assignment', row.version, patch.version, before);
    const next = { ...row, units: patch.units ?? row.units, workMinutes: patch.workMinutes ?? row.workMinutes, version: patch.version + 1, updatedAt: nowIso(ctx) };
    const res = await trx
      .updateTable('scheduleAssignment')
      .set({ units: next.units, workMinutes: next.workMinutes, version: next.version, updatedAt: next.updatedAt })
      .where('id', '=', assignmentId)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the assignment');
    Object.assign(row, next);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-assignment', recordId: assignmentId, recordLabel: 'assignment', before, after: assignmentFromRow(next) });
    return () => assignmentFromRow(next);
  });
}

export async function deleteAssignment(ctx: ServiceContext, projectId: ProjectId, assignmentId: ScheduleAssignmentId, version: number): Promise<ChangeResult<null>> {
  return change(ctx, projectId, async (trx, data, organisationId) => {
    const row = findIn(data.assignments, assignmentId, 'assignment');
    assertVersion('the assignment', row.version, version, assignmentFromRow(row));
    await trx.deleteFrom('scheduleAssignment').where('id', '=', assignmentId).execute();
    data.assignments = data.assignments.filter((a) => a.id !== assignmentId);
    await appendAudit(trx, ctx, { organisationId, recordType: 'schedule-assignment', recordId: assignmentId, recordLabel: 'assignment', before: assignmentFromRow(row), after: null });
    return () => null;
  });
}

/** Removes a project's whole plan (when the project itself is deleted). */
export async function deletePlanOf(trx: Db, projectId: ProjectId): Promise<void> {
  await trx.deleteFrom('scheduleBaseline').where('projectId', '=', projectId).execute();
  await trx.deleteFrom('scheduleAssignment').where('projectId', '=', projectId).execute();
  await trx.deleteFrom('scheduleResource').where('projectId', '=', projectId).execute();
  await trx.deleteFrom('scheduleLink').where('projectId', '=', projectId).execute();
  await trx.updateTable('scheduleTask').set({ parentId: null, drivingPredecessorId: null }).where('projectId', '=', projectId).execute();
  await trx.deleteFrom('scheduleTask').where('projectId', '=', projectId).execute();
  await trx.deleteFrom('schedulePlan').where('projectId', '=', projectId).execute();
  await trx.updateTable('scheduleCalendar').set({ baseId: null }).where('projectId', '=', projectId).execute();
  await trx.deleteFrom('scheduleCalendar').where('projectId', '=', projectId).execute();
}
