import type { LevellingAssignment, LevellingInput, LevellingResource } from '../../domain/schedule/levelling/index.js';
import type { MspdiDocument, MspdiResource, MspdiTask } from './mspdi-document.js';
import { scheduleInputFromMspdi } from './schedule-input.js';

/** A levelling input read from an MSPDI document, with the MSPDI task and resource behind each entry. */
export type MspdiLevellingInput = {
  readonly input: LevellingInput;
  /** The MSPDI task behind each plan task, in the same order. */
  readonly tasks: readonly MspdiTask[];
  /** The MSPDI resource behind each levelling resource, in the same order. */
  readonly resources: readonly MspdiResource[];
  /** What the file holds that levelling does not use, one line each (the schedule's notes first). */
  readonly notes: readonly string[];
};

/** Project writes "no resource" as this UID on unassigned assignments. */
const NO_RESOURCE = -65535;

/**
 * Turns an MSPDI document into the levelling input: the plan as {@link scheduleInputFromMspdi}
 * reads it (without the file's levelling delays: the unlevelled plan), the work resources with
 * `MaxUnits` (1 = 100 %, the default) and calendar, every assignment of such a resource to a
 * task of the plan with its `Units`, and each task's `Priority` (500 when absent; 1000 = do not
 * level). Material and cost resources, inactive ones and those with `CanLevel` 0 are left out
 * and noted; ids are UIDs as text.
 */
export function levellingInputFromMspdi(doc: MspdiDocument): MspdiLevellingInput {
  const adapted = scheduleInputFromMspdi(doc);
  const notes = [...adapted.notes];
  const calendars = new Set(adapted.input.calendars.map((c) => c.id));
  const kept: MspdiResource[] = [];
  const resources: LevellingResource[] = [];
  for (const r of doc.resources) {
    if (r.isNull || r.uid === 0) continue;
    const label = `resource ${r.uid}${r.name ? ` (${r.name})` : ''}`;
    if (r.type === 0 || r.type === 2) {
      notes.push(`${label}: a ${r.type === 0 ? 'material' : 'cost'} resource, not levelled`);
      continue;
    }
    if (r.isInactive || r.canLevel === false) {
      notes.push(`${label}: ${r.isInactive ? 'inactive' : 'marked not to be levelled (CanLevel 0)'}, not levelled`);
      continue;
    }
    const calendar = r.calendarUid !== undefined && calendars.has(String(r.calendarUid)) ? String(r.calendarUid) : null;
    kept.push(r);
    resources.push({ id: String(r.uid), name: r.name ?? `Resource ${r.uid}`, maxUnits: r.maxUnits ?? 1, calendar });
  }
  const resourceIds = new Set(resources.map((r) => r.id));
  const taskIds = new Set(adapted.input.tasks.map((t) => t.id));
  const assignments: LevellingAssignment[] = [];
  for (const a of doc.assignments) {
    if (a.resourceUid === NO_RESOURCE || !resourceIds.has(String(a.resourceUid))) continue;
    if (!taskIds.has(String(a.taskUid))) {
      notes.push(`assignment ${a.uid}: task ${a.taskUid} is not in the plan, left out`);
      continue;
    }
    assignments.push({ task: String(a.taskUid), resource: String(a.resourceUid), units: a.units ?? 1 });
  }
  const priorities: Record<string, number> = {};
  for (const t of adapted.tasks) {
    if (t.priority !== undefined) priorities[String(t.uid)] = Math.min(1000, Math.max(0, t.priority));
  }
  return { input: { plan: adapted.input, resources, assignments, priorities }, tasks: adapted.tasks, resources: kept, notes };
}
