import type { FieldIssue } from '../domain/errors.js';
import { outlineOf } from '../domain/schedule/outline.js';
import type { ChangeForecast, TaskChange } from '../api/schemas/change.schema.js';
import type { ScheduleTaskTable } from '../store/schema.js';
import { computePlan, local, planClock, type PlanData } from './schedule-data.js';

/**
 * What a change request would do to a project's plan: its task changes checked against the
 * plan, applied to durations, and the what-if finish worked out by the schedule engine (so
 * the schedule impact a board decides on is computed, not claimed).
 */

/** Problems with task changes against the plan as it is now, each naming `taskChanges.N.…`. */
export function taskChangeIssues(data: PlanData | null, changes: readonly TaskChange[]): FieldIssue[] {
  if (changes.length === 0) return [];
  if (!data) return [{ field: 'taskChanges', reason: 'the project has no plan to change' }];
  const index = new Map(data.tasks.map((t, i) => [t.id as string, i]));
  const facts = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  changes.forEach((c, n) => {
    const i = index.get(c.taskId);
    if (i === undefined) return issues.push({ field: `taskChanges.${n}.taskId`, reason: 'is not a task of this project’s plan' });
    const task = data.tasks[i]!;
    if (seen.has(c.taskId)) issues.push({ field: `taskChanges.${n}.taskId`, reason: `names ${task.name} twice; give one change per task` });
    seen.add(c.taskId);
    if (facts.summary[i]) issues.push({ field: `taskChanges.${n}.taskId`, reason: `${task.name} is a summary task; its duration rolls up from its subtasks, so change those` });
    else if (task.durationMinutes + minutesOf(data, c.days) < 0) issues.push({ field: `taskChanges.${n}.days`, reason: `would make ${task.name}’s duration negative (it is ${task.durationMinutes / data.plan.minutesPerDay} days)` });
  });
  return issues;
}

const minutesOf = (data: PlanData, days: number): number => Math.round(days * data.plan.minutesPerDay);

/** Adds each change's days to its task's duration, in place; answers the rows changed with their durations before. */
export function applyTaskChanges(data: PlanData, changes: readonly TaskChange[]): { row: ScheduleTaskTable; before: number }[] {
  const byId = new Map(data.tasks.map((t) => [t.id as string, t]));
  return changes.map((c) => {
    const row = byId.get(c.taskId)!;
    const before = row.durationMinutes;
    row.durationMinutes = before + minutesOf(data, c.days);
    return { row, before };
  });
}

/**
 * The project finish now and with the changes made, and how many working days (on the plan's
 * calendar) it moves. The plan passed in is not touched.
 */
export function forecastChange(data: PlanData, changes: readonly TaskChange[]): ChangeForecast {
  const copy = (): PlanData => ({ ...data, plan: { ...data.plan }, tasks: data.tasks.map((t) => ({ ...t })) });
  // Both sides computed the same way, so the difference is the change's alone.
  const now = copy();
  computePlan(now);
  const changed = copy();
  applyTaskChanges(changed, changes);
  computePlan(changed);
  const finishBefore = now.plan.computedFinish;
  const finishAfter = changed.plan.computedFinish;
  let days = 0;
  if (finishBefore && finishAfter && data.calendars.length > 0) {
    const clock = planClock(data);
    days = (clock.work(local(finishAfter)!) - clock.work(local(finishBefore)!)) / data.plan.minutesPerDay;
  }
  return { finishBefore, finishAfter, scheduleImpactDays: Math.round(days * 100) / 100 };
}
