import type { OrganisationId, ProjectId, ScheduleBaselineId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import { baselineVariance, type TaskSnapshot, type VarianceRow } from '../domain/schedule/baselines.js';
import { outlineOf } from '../domain/schedule/outline.js';
import type { BaselineComparison, BaselineSave, BaselineSummary } from '../api/schemas/schedule.schema.js';
import type { ScheduleBaselineTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { authorizeProject, ensurePlan, local, planClock, readPlan, type PlanData } from './schedule-data.js';
import { assertVersion, lostRace } from './versioned.js';

/** What a baseline keeps of each task. */
type SavedTask = { taskId: string; uid: number; name: string; start: string | null; finish: string | null; durationMinutes: number; cost: number };

function summaryFromRow(row: ScheduleBaselineTable): BaselineSummary {
  return { id: row.id, number: row.number, name: row.name, savedBy: row.savedBy, savedAt: row.updatedAt, projectStart: row.projectStart, projectFinish: row.projectFinish, version: row.version };
}

export async function listBaselines(db: Db, projectId: ProjectId): Promise<BaselineSummary[]> {
  const rows = await db.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).orderBy('number').execute();
  return rows.map(summaryFromRow);
}

/** A task's own cost: its fixed cost plus each assignment's work at its resource's rate (minor units). */
export function taskCosts(data: PlanData): Map<string, number> {
  const rate = new Map(data.resources.map((r) => [r.id, Number(r.standardRate)]));
  const cost = new Map(data.tasks.map((t) => [t.id as string, Number(t.fixedCost)]));
  for (const a of data.assignments) cost.set(a.taskId, (cost.get(a.taskId) ?? 0) + Math.round(((rate.get(a.resourceId) ?? 0) * a.workMinutes) / 60));
  return cost;
}

/**
 * Saves the current plan as baseline `number` (0–10). Replacing a saved baseline needs the
 * version it had, so nobody overwrites one by accident.
 */
export async function saveBaseline(ctx: ServiceContext, projectId: ProjectId, number: number, input: BaselineSave): Promise<BaselineSummary> {
  const project = await authorizeProject(ctx, projectId, 'project:update');
  return ctx.db.transaction().execute(async (trx) => writeBaseline(trx, ctx, project, projectId, await ensurePlan(trx, ctx, projectId), number, input));
}

/**
 * Saves `data` as baseline `number` inside the caller's transaction (see {@link saveBaseline}).
 * `replace` replaces a saved baseline without its version: for a caller that named the slot
 * on purpose (an approved change request), audited like any other save.
 */
export async function writeBaseline(
  trx: Db,
  ctx: ServiceContext,
  project: { organisationId: OrganisationId; code: string },
  projectId: ProjectId,
  data: PlanData,
  number: number,
  input: BaselineSave & { replace?: boolean },
): Promise<BaselineSummary> {
  const costs = taskCosts(data);
  const tasks: SavedTask[] = data.tasks.map((t) => ({ taskId: t.id, uid: t.uid, name: t.name, start: t.start, finish: t.finish, durationMinutes: t.durationMinutes, cost: costs.get(t.id) ?? 0 }));
  const existing = await trx.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).where('number', '=', number).executeTakeFirst();
  const now = nowIso(ctx);
  const name = input.name || (number === 0 ? 'Baseline' : `Baseline ${number}`);
  const values = { name, savedBy: ctx.actor.name, projectStart: data.plan.computedStart, projectFinish: data.plan.computedFinish, tasks: JSON.stringify(tasks), updatedAt: now };
  if (existing) {
    if (input.replace) input = { ...input, version: existing.version };
    if (input.version === undefined) {
      throw new PharosError('version-conflict', `baseline ${number} (${existing.name}) is already saved; send its version (${existing.version}) to replace it`, { extensions: { currentVersion: existing.version, current: summaryFromRow(existing) } });
    }
    assertVersion(`baseline ${number}`, existing.version, input.version, summaryFromRow(existing));
    const res = await trx.updateTable('scheduleBaseline').set({ ...values, version: existing.version + 1 }).where('id', '=', existing.id).where('version', '=', input.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace(`baseline ${number}`);
  } else {
    await trx.insertInto('scheduleBaseline').values({ id: newId<ScheduleBaselineId>(), organisationId: project.organisationId, projectId, number, ...values, version: 1, createdAt: now }).execute();
  }
  const row = await trx.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).where('number', '=', number).executeTakeFirstOrThrow();
  const summary = summaryFromRow(row);
  await appendAudit(trx, ctx, {
    organisationId: project.organisationId,
    recordType: 'schedule-baseline',
    recordId: row.id,
    recordLabel: `${project.code} ${name}`,
    before: existing ? { ...summaryFromRow(existing), savedAt: undefined } : null,
    after: { ...summary, savedAt: undefined, tasks: tasks.length },
  });
  return summary;
}

export async function deleteBaseline(ctx: ServiceContext, projectId: ProjectId, number: number, version: number): Promise<void> {
  const project = await authorizeProject(ctx, projectId, 'project:update');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).where('number', '=', number).executeTakeFirst();
    if (!row) throw new PharosError('not-found', `baseline ${number} is not saved`);
    assertVersion(`baseline ${number}`, row.version, version, summaryFromRow(row));
    await trx.deleteFrom('scheduleBaseline').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId: project.organisationId, recordType: 'schedule-baseline', recordId: row.id, recordLabel: `${project.code} ${row.name}`, before: summaryFromRow(row), after: null });
  });
}

/**
 * The current plan against baseline `number`: start, finish, duration and cost variance per
 * task (working minutes on the plan's calendar; costs rolled up the outline), tasks added
 * since and removed since, and the same for the whole project.
 */
export async function compareBaseline(ctx: ServiceContext, projectId: ProjectId, number: number): Promise<BaselineComparison> {
  await authorizeProject(ctx, projectId, 'read');
  const data = await readPlan(ctx, projectId);
  const row = await ctx.db.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', projectId).where('number', '=', number).executeTakeFirst();
  if (!row) throw new PharosError('not-found', `baseline ${number} is not saved`);
  const saved = JSON.parse(row.tasks) as SavedTask[];
  const savedById = new Map(saved.map((t) => [t.taskId, t]));
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  const costs = taskCosts(data);
  const index = new Map(data.tasks.map((t, i) => [t.id as string, i]));
  const snap = (s: { start: string | null; finish: string | null; durationMinutes: number }, cost: number): TaskSnapshot => ({ start: local(s.start), finish: local(s.finish), durationMinutes: s.durationMinutes, cost });
  const rows: VarianceRow[] = data.tasks.map((t) => {
    const b = savedById.get(t.id);
    return { current: snap(t, facts.summary[index.get(t.id)!] ? 0 : (costs.get(t.id) ?? 0)), baseline: b ? snap(b, facts.summary[index.get(t.id)!] ? 0 : b.cost) : null, parent: t.parentId ? index.get(t.parentId)! : -1 };
  });
  const removed = saved.filter((t) => !index.has(t.taskId));
  for (const b of removed) rows.push({ current: null, baseline: snap(b, b.cost), parent: -1 });
  // The project as a whole: its span and total cost.
  const total = (list: readonly (TaskSnapshot | null)[]) => list.reduce((sum, s, i) => sum + (s && rows[i]!.parent < 0 ? (s.cost ?? 0) : 0), 0);
  const clock = planClock(data);
  const variance = baselineVariance(rows, (t) => clock.work(t));
  const work = (a: string | null, b: string | null) => (a && b ? clock.work(local(a)!) - clock.work(local(b)!) : null);
  const currentTotal = total(variance.map((v, i) => (rows[i]!.current ? { ...rows[i]!.current!, cost: v.currentCost } : null)));
  const baselineTotal = total(variance.map((v, i) => (rows[i]!.baseline ? { ...rows[i]!.baseline!, cost: v.baselineCost } : null)));
  const span = (s: string | null, f: string | null) => (s && f ? clock.work(local(f)!) - clock.work(local(s)!) : null);
  const currentSpan = span(data.plan.computedStart, data.plan.computedFinish);
  const baselineSpan = span(row.projectStart, row.projectFinish);
  return {
    baseline: summaryFromRow(row),
    project: {
      name: 'Project',
      baselineStart: row.projectStart,
      baselineFinish: row.projectFinish,
      baselineDurationMinutes: baselineSpan,
      baselineCost: baselineTotal,
      start: data.plan.computedStart,
      finish: data.plan.computedFinish,
      durationMinutes: currentSpan,
      cost: currentTotal,
      startVarianceMinutes: work(data.plan.computedStart, row.projectStart),
      finishVarianceMinutes: work(data.plan.computedFinish, row.projectFinish),
      durationVarianceMinutes: currentSpan !== null && baselineSpan !== null ? currentSpan - baselineSpan : null,
      costVariance: currentTotal - baselineTotal,
    },
    tasks: rows.map((r, i) => {
      const v = variance[i]!;
      const t = i < data.tasks.length ? data.tasks[i]! : null;
      const b = t ? savedById.get(t.id) : removed[i - data.tasks.length]!;
      return {
        taskId: t?.id ?? b!.taskId,
        uid: t?.uid ?? b!.uid,
        name: t?.name ?? b!.name,
        summary: t ? facts.summary[i] === 1 : false,
        baselineStart: b?.start ?? null,
        baselineFinish: b?.finish ?? null,
        baselineDurationMinutes: b?.durationMinutes ?? null,
        baselineCost: v.baselineCost,
        start: t?.start ?? null,
        finish: t?.finish ?? null,
        durationMinutes: t?.durationMinutes ?? null,
        cost: v.currentCost,
        startVarianceMinutes: v.start,
        finishVarianceMinutes: v.finish,
        durationVarianceMinutes: v.duration,
        costVariance: v.cost,
        status: t && b ? 'both' : t ? 'added' : 'removed',
      };
    }),
  };
}
