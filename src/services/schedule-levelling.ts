import type { ProjectId, ScheduleTaskId } from '../domain/ids.js';
import { levelPlan } from '../domain/schedule/levelling/index.js';
import { outlineOf } from '../domain/schedule/outline.js';
import type { LevelRequest, LevelReport } from '../api/schemas/schedule.schema.js';
import { appendAudit } from './audit.js';
import type { ServiceContext } from './context.js';
import { authorizeProject, engineInput, ensurePlan, recalculate, text, updateTasksById } from './schedule-data.js';

/**
 * Levels the plan's resources: gives tasks levelling delays so that no work resource is
 * asked for more than its capacity (within slack first; within slack only when asked), in
 * MS Project's standard or priority order, never moving tasks with priority 1000, actuals,
 * manual dates or ALAP/MSO/MFO constraints. Saves the delays, recalculates, and reports each
 * delay with the resource and tasks it waited for, and every over-allocation left with why.
 * With `clear`, removes all levelling delays instead.
 */
export async function levelSchedule(ctx: ServiceContext, projectId: ProjectId, request: LevelRequest): Promise<LevelReport> {
  const project = await authorizeProject(ctx, projectId, 'project:update');
  return ctx.db.transaction().execute(async (trx) => {
    const data = await ensurePlan(trx, ctx, projectId);
    const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
    const input = engineInput(data, facts);
    const names = new Map<string, string>(data.tasks.map((t) => [t.id, t.name]));
    const resourceNames = new Map<string, string>(data.resources.map((r) => [r.id, r.name]));
    let delays: Map<string, number>;
    let report: Omit<LevelReport, 'plan' | 'moved'>;
    if (request.clear || data.tasks.length === 0) {
      delays = new Map(data.tasks.map((t) => [t.id, 0]));
      report = { finishBefore: data.plan.computedFinish, finishAfter: null, delayed: [], overallocations: [] };
    } else {
      const work = new Set(data.resources.filter((r) => r.kind === 'work').map((r) => r.id as string));
      const result = levelPlan(
        {
          plan: input,
          resources: data.resources.filter((r) => work.has(r.id)).map((r) => ({ id: r.id, name: r.name, maxUnits: r.maxUnits, calendar: r.calendarId })),
          assignments: data.assignments.filter((a) => work.has(a.resourceId)).map((a) => ({ task: a.taskId, resource: a.resourceId, units: a.units })),
          priorities: Object.fromEntries(data.tasks.map((t) => [t.id, t.priority])),
        },
        { withinSlackOnly: request.withinSlackOnly, order: request.order },
      );
      delays = new Map(result.tasks.map((t) => [t.task, t.delayMinutes]));
      report = {
        finishBefore: text(result.finishBefore),
        finishAfter: text(result.finishAfter),
        delayed: result.tasks
          .filter((t) => t.delayMinutes > 0 || t.unresolved)
          .map((t) => ({
            taskId: t.task,
            name: names.get(t.task) ?? t.task,
            delayMinutes: t.delayMinutes,
            waitedFor: t.causes.map((c) => ({ resource: resourceNames.get(c.resource) ?? c.resource, tasks: c.tasks.map((id) => names.get(id) ?? id) })),
            unresolved: t.unresolved ?? null,
          })),
        overallocations: result.overallocations.map((o) => ({
          resource: resourceNames.get(o.resource) ?? o.resource,
          from: text(o.from)!,
          to: text(o.to)!,
          units: o.units,
          capacity: o.capacity,
          tasks: o.tasks.map((id) => names.get(id) ?? id),
          reason: o.reason,
          detail: o.detail,
        })),
      };
    }
    const changed = data.tasks.filter((t) => (delays.get(t.id) ?? t.levelingDelayMinutes) !== t.levelingDelayMinutes);
    await updateTasksById(trx, [{ name: 'leveling_delay_minutes', type: 'integer' }], changed.map((t) => t.id as ScheduleTaskId), (i) => [delays.get(changed[i]!.id)!]);
    const after = await recalculate(trx, ctx, projectId);
    await appendAudit(trx, ctx, {
      organisationId: project.organisationId,
      recordType: 'schedule-plan',
      recordId: data.plan.id,
      recordLabel: `${project.code} plan`,
      before: { delayedTasks: data.tasks.filter((t) => t.levelingDelayMinutes > 0).length, finish: data.plan.computedFinish },
      after: { delayedTasks: [...delays.values()].filter((d) => d > 0).length, finish: after.plan.computedFinish, levelling: request.clear ? 'cleared' : `${request.order} order${request.withinSlackOnly ? ', within slack' : ''}` },
    });
    return { ...report, finishAfter: report.finishAfter ?? after.plan.computedFinish, plan: after.plan, moved: after.moved };
  });
}
