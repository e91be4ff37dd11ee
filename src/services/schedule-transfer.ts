import type {
  OrganisationId,
  ProjectId,
  ScheduleAssignmentId,
  ScheduleBaselineId,
  ScheduleCalendarId,
  ScheduleLinkId,
  ScheduleResourceId,
  ScheduleTaskId,
} from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import type { WeekPattern } from '../domain/schedule/calendar-types.js';
import { formatLocalDateTime, type LocalMinute } from '../domain/schedule/local-time.js';
import { outlineOf } from '../domain/schedule/outline.js';
import { readMspdi, writeMspdi } from '../io/mspdi/index.js';
import { mspdiFromPlan } from '../io/mspdi/mspdi-from-plan.js';
import { scheduleInputFromMspdi } from '../io/mspdi/schedule-input.js';
import type { ImportReport } from '../api/schemas/schedule.schema.js';
import type { ScheduleAssignmentTable, ScheduleBaselineTable, ScheduleCalendarTable, ScheduleLinkTable, ScheduleResourceTable, ScheduleTaskTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { authorizeProject, bool, computePlan, engineInput, ensurePlan, flag, NOT_COMPUTED, planFromRow, readPlan, type PlanData } from './schedule-data.js';
import { deletePlanOf } from './schedule-edits.js';

const text = (t: LocalMinute | null | undefined): string | null => (t === null || t === undefined || !Number.isFinite(t) ? null : formatLocalDateTime(t));
const weekJson = (w: WeekPattern) => w.map((d) => (d === undefined ? null : d));

/** Inserts rows a few hundred at a time (both databases cap the parameters of one statement). */
async function insertAll<T extends 'scheduleCalendar' | 'scheduleTask' | 'scheduleLink' | 'scheduleResource' | 'scheduleAssignment' | 'scheduleBaseline'>(trx: Db, table: T, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await trx.insertInto(table).values(rows.slice(i, i + 200) as any).execute();
  }
}

/**
 * Imports an MS Project XML file as the project's plan: calendars, tasks with their outline,
 * links, constraints, progress, resources, assignments and baselines, then recalculates. A
 * plan that already has tasks is only replaced when asked. What the file holds that Pharos
 * does not keep is listed in the report, never dropped silently.
 */
export async function importMspdi(ctx: ServiceContext, projectId: ProjectId, body: unknown, replace: boolean, contentType: string | undefined): Promise<ImportReport> {
  if (typeof body !== 'string') {
    throw new PharosError('unsupported-media-type', `send the MS Project XML file as application/xml (got ${contentType ?? 'no content type'})`);
  }
  const project = await authorizeProject(ctx, projectId, 'project:update');
  const { document, unsupported } = readMspdi(body);
  const read = scheduleInputFromMspdi(document);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await ensurePlan(trx, ctx, projectId);
    if (existing.tasks.length > 0 && !replace) {
      throw new PharosError('blocked-by-dependents', `the plan already has ${existing.tasks.length} tasks; import with replace=true to replace the whole plan`, { extensions: { blockedBy: ['tasks'] } });
    }
    const before = { ...planFromRow(existing.plan), tasks: existing.tasks.length };
    const data = planDataFromMspdi(ctx, project.organisationId, projectId, existing, document, read);
    computePlan(data);
    const { plan } = data;
    await deletePlanOf(trx, projectId);
    await insertAll(trx, 'scheduleCalendar', data.calendars.map((c) => ({ ...c, baseId: null })));
    for (const c of data.calendars.filter((c) => c.baseId)) await trx.updateTable('scheduleCalendar').set({ baseId: c.baseId }).where('id', '=', c.id).execute();
    plan.version += 1;
    plan.revision += 1;
    plan.updatedAt = nowIso(ctx);
    await trx.insertInto('schedulePlan').values(plan).execute();
    await insertAll(trx, 'scheduleTask', data.tasks);
    await insertAll(trx, 'scheduleLink', data.links);
    await insertAll(trx, 'scheduleResource', data.resources);
    await insertAll(trx, 'scheduleAssignment', data.assignments);
    const baselines = baselinesFromMspdi(ctx, project.organisationId, projectId, document, data);
    await insertAll(trx, 'scheduleBaseline', baselines);
    const after = planFromRow(plan);
    await appendAudit(trx, ctx, {
      organisationId: project.organisationId,
      recordType: 'schedule-plan',
      recordId: plan.id,
      recordLabel: `${project.code} plan`,
      before: { start: before.start, calendarId: before.calendarId, tasks: before.tasks },
      after: { start: after.start, calendarId: after.calendarId, tasks: data.tasks.length, importedFrom: document.header.title ?? document.header.name ?? 'MS Project XML' },
    });
    const notLoaded = [
      ...unsupported.map((u) => `${u.path} ×${u.count} (${u.kind}; first at ${u.example})`),
      ...read.notes,
    ];
    return { plan: after, tasks: data.tasks.length, links: data.links.length, calendars: data.calendars.length, resources: data.resources.length, assignments: data.assignments.length, baselines: baselines.length, notLoaded };
  });
}

type Read = ReturnType<typeof scheduleInputFromMspdi>;
type Document = ReturnType<typeof readMspdi>['document'];

/** The stored rows of an imported plan, in memory, keeping the plan row's id. */
function planDataFromMspdi(ctx: ServiceContext, organisationId: OrganisationId, projectId: ProjectId, existing: PlanData, doc: Document, read: Read): PlanData {
  const now = nowIso(ctx);
  const { input, tasks: source } = read;
  const calendarId = new Map(input.calendars.map((c) => [c.id, newId<ScheduleCalendarId>()]));
  const calendars: ScheduleCalendarTable[] = input.calendars.map((c) => ({
    id: calendarId.get(c.id)!,
    organisationId,
    projectId,
    name: c.name ?? `Calendar ${c.id}`,
    baseId: c.base ? (calendarId.get(c.base) ?? null) : null,
    definition: JSON.stringify({ week: weekJson(c.week), workWeeks: (c.workWeeks ?? []).map((w) => ({ ...w, week: weekJson(w.week) })), exceptions: c.exceptions ?? [] }),
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
  const taskId = new Map(input.tasks.map((t) => [t.id, newId<ScheduleTaskId>()]));
  const tasks: ScheduleTaskTable[] = input.tasks.map((t, i) => {
    const s = source[i]!;
    return {
      id: taskId.get(t.id)!,
      organisationId,
      projectId,
      uid: s.uid,
      position: i,
      parentId: t.parent ? taskId.get(t.parent)! : null,
      name: t.name ?? `Task ${s.uid}`,
      notes: s.notes ?? '',
      durationMinutes: Math.round(t.durationMinutes),
      elapsed: flag(t.elapsed ?? false),
      milestone: flag(t.milestone ?? false),
      // The task's own calendar; one on its resources' calendar takes it from its assignments.
      calendarId: t.calendar ? (calendarId.get(t.calendar) ?? null) : null,
      constraintType: t.constraint ?? 'ASAP',
      constraintDate: text(t.constraintDate),
      deadline: text(t.deadline),
      actualStart: text(t.actualStart),
      actualFinish: text(t.actualFinish),
      percentComplete: t.percentComplete ?? 0,
      // Files can hold seconds; the plan keeps whole minutes (an integer column on PostgreSQL).
      remainingMinutes: t.remainingMinutes == null ? null : Math.round(t.remainingMinutes),
      manual: flag(t.manual != null),
      manualStart: text(t.manual?.start),
      manualFinish: text(t.manual?.finish),
      inactive: flag(t.inactive ?? false),
      priority: s.priority ?? 500,
      levelingDelayMinutes: Math.max(0, Math.round((s.levelingDelayTenthMinutes ?? 0) / 10)),
      fixedCost: Math.round(s.fixedCostHundredths ?? 0),
      ...NOT_COMPUTED,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  });
  const links: ScheduleLinkTable[] = input.links.map((l) => ({
    id: newId<ScheduleLinkId>(),
    organisationId,
    projectId,
    predecessorId: taskId.get(l.predecessor)!,
    successorId: taskId.get(l.successor)!,
    type: l.type,
    lagMinutes: Math.round(l.lagMinutes ?? 0),
    lagPercent: l.lagPercent ?? null,
    lagElapsed: flag(l.lagElapsed ?? false),
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
  const uniqueLinks = new Map<string, ScheduleLinkTable>();
  for (const l of links) if (!uniqueLinks.has(`${l.predecessorId}>${l.successorId}`)) uniqueLinks.set(`${l.predecessorId}>${l.successorId}`, l);
  const resources: ScheduleResourceTable[] = doc.resources
    .filter((r) => !r.isNull && r.uid > 0)
    .map((r) => ({
      id: newId<ScheduleResourceId>(),
      organisationId,
      projectId,
      uid: r.uid,
      name: r.name ?? `Resource ${r.uid}`,
      kind: r.type === 0 ? 'material' : r.type === 2 ? 'cost' : 'work',
      maxUnits: r.maxUnits ?? 1,
      calendarId: r.calendarUid !== undefined && r.calendarUid >= 0 ? (calendarId.get(String(r.calendarUid)) ?? null) : null,
      standardRate: Math.round((r.standardRatePerHour ?? 0) * 100),
      roleId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }));
  const resourceId = new Map(resources.map((r) => [r.uid, r.id]));
  const taskByUid = new Map(source.map((s, i) => [s.uid, tasks[i]!.id]));
  const seen = new Set<string>();
  const assignments: ScheduleAssignmentTable[] = [];
  for (const a of doc.assignments) {
    const t = taskByUid.get(a.taskUid);
    const r = resourceId.get(a.resourceUid);
    if (!t || !r || seen.has(`${t}/${r}`)) continue;
    seen.add(`${t}/${r}`);
    assignments.push({ id: newId<ScheduleAssignmentId>(), organisationId, projectId, taskId: t, resourceId: r, units: a.units ?? 1, workMinutes: Math.round(a.workMinutes ?? 0), version: 1, createdAt: now, updatedAt: now });
  }
  const h = doc.header;
  const minutesPerDay = h.minutesPerDay ?? 480;
  const plan = {
    ...existing.plan,
    direction: input.direction ?? 'forward',
    start: text(input.start)!,
    finish: text(input.finish),
    statusDate: text(input.statusDate),
    calendarId: calendarId.get(input.projectCalendar)!,
    criticalSlackMinutes: Math.round(input.criticalSlackMinutes ?? 0),
    honorConstraints: flag(input.honorConstraints ?? true),
    minutesPerDay,
  };
  return { plan, calendars, tasks, links: [...uniqueLinks.values()], resources, assignments };
}

/** The file's saved baselines (task `Baseline` elements 0–10), costs in hundredths as minor units. */
function baselinesFromMspdi(ctx: ServiceContext, organisationId: OrganisationId, projectId: ProjectId, doc: Document, data: PlanData): ScheduleBaselineTable[] {
  const now = nowIso(ctx);
  const byUid = new Map(data.tasks.map((t) => [t.uid, t]));
  const numbers = new Map<number, { taskId: string; uid: number; name: string; start: string | null; finish: string | null; durationMinutes: number; cost: number }[]>();
  const projectSpan = new Map<number, { start: string | null; finish: string | null }>();
  for (const t of doc.tasks) {
    for (const b of t.baselines) {
      if (b.interim || b.number < 0 || b.number > 10) continue;
      if (t.uid === 0) {
        projectSpan.set(b.number, { start: b.start ?? null, finish: b.finish ?? null });
        continue;
      }
      const row = byUid.get(t.uid);
      if (!row) continue;
      const list = numbers.get(b.number) ?? [];
      list.push({ taskId: row.id, uid: row.uid, name: row.name, start: b.start ?? null, finish: b.finish ?? null, durationMinutes: Math.round(b.durationMinutes ?? 0), cost: Math.round(b.costHundredths ?? 0) });
      numbers.set(b.number, list);
    }
  }
  return [...numbers.entries()].map(([number, tasks]) => {
    const span = projectSpan.get(number);
    const starts = tasks.map((t) => t.start).filter((s): s is string => s !== null).sort();
    const finishes = tasks.map((t) => t.finish).filter((s): s is string => s !== null).sort();
    return {
      id: newId<ScheduleBaselineId>(),
      organisationId,
      projectId,
      number,
      name: number === 0 ? 'Baseline' : `Baseline ${number}`,
      savedBy: 'imported from MS Project',
      projectStart: span?.start ?? starts[0] ?? null,
      projectFinish: span?.finish ?? finishes[finishes.length - 1] ?? null,
      tasks: JSON.stringify(tasks),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  });
}

/** The plan as an MS Project XML file, with its file name. */
export async function exportMspdi(ctx: ServiceContext, projectId: ProjectId): Promise<{ xml: string; fileName: string }> {
  const project = await authorizeProject(ctx, projectId, 'read');
  const data = await readPlan(ctx, projectId);
  const baselines = await ctx.db.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).orderBy('number').execute();
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  const input = engineInput(data, facts);
  const calendarUids = new Map(data.calendars.map((c, i) => [c.id as string, i + 1]));
  const resourceUid = new Map(data.resources.map((r) => [r.id as string, r.uid]));
  const taskUid = new Map(data.tasks.map((t) => [t.id as string, t.uid]));
  const uids = new Set(taskUid.values());
  const document = mspdiFromPlan({
    name: project.name,
    input,
    minutesPerDay: data.plan.minutesPerDay,
    computedStart: data.plan.computedStart,
    computedFinish: data.plan.computedFinish,
    tasks: data.tasks.map((t, i) => ({
      uid: t.uid,
      name: t.name,
      outlineLevel: facts.level[i]!,
      wbs: facts.wbs[i]!,
      summary: facts.summary[i] === 1,
      notes: t.notes,
      priority: t.priority,
      fixedCost: Number(t.fixedCost),
      start: t.start,
      finish: t.finish,
      earlyStart: t.earlyStart,
      earlyFinish: t.earlyFinish,
      lateStart: t.lateStart,
      lateFinish: t.lateFinish,
      totalSlackMinutes: t.totalSlackMinutes === null ? null : Number(t.totalSlackMinutes),
      freeSlackMinutes: t.freeSlackMinutes === null ? null : Number(t.freeSlackMinutes),
      critical: bool(t.critical),
      manualStart: t.manualStart,
      manualFinish: t.manualFinish,
    })),
    calendarUids,
    resources: data.resources.map((r) => ({ id: r.id, uid: r.uid, name: r.name, kind: r.kind, maxUnits: r.maxUnits, calendarId: r.calendarId, standardRate: Number(r.standardRate) })),
    assignments: data.assignments.map((a, i) => ({ uid: i + 1, taskUid: taskUid.get(a.taskId)!, resourceUid: resourceUid.get(a.resourceId)!, units: a.units, workMinutes: a.workMinutes })),
    baselines: baselines.map((b) => ({ number: b.number, tasks: (JSON.parse(b.tasks) as { uid: number; start: string | null; finish: string | null; durationMinutes: number; cost: number }[]).filter((t) => uids.has(t.uid)) })),
  });
  const fileName = `${project.code.replace(/[^\w.-]+/g, '_')}.xml`;
  return { xml: writeMspdi(document), fileName };
}
