import { type FieldIssue, invalid } from '../../errors.js';
import { dayRule, type DayRule } from '../calendar-rules.js';
import type { CalendarDefinition } from '../calendar-types.js';
import { ClockSet } from '../clocks.js';
import type { WorkClock } from '../working-calendar.js';
import { workingIntervals } from './intervals.js';
import { scaleUnits } from './profile.js';
import { DEFAULT_PRIORITY, DO_NOT_LEVEL, type LevellingInput } from './types.js';

/** A task's use of one resource: units scaled to whole numbers, and the part that can fit (at most the capacity). */
export type TaskUse = { readonly resource: number; readonly units: number; readonly fit: number };

export type ModelResource = { readonly id: string; readonly name: string; readonly capacity: number; readonly rule: DayRule | null };

/** The levelling input resolved to indices, calendars and scaled units. */
export type Model = {
  readonly n: number;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly parent: Int32Array;
  readonly isSummary: Uint8Array;
  readonly active: Uint8Array;
  /** Working minutes (elapsed for elapsed tasks); 0 for summaries. */
  readonly duration: Float64Array;
  readonly clocks: readonly WorkClock[];
  readonly projectClock: WorkClock;
  /** The day rule of each task's calendar, or null for elapsed tasks. */
  readonly taskRule: readonly (DayRule | null)[];
  readonly resources: readonly ModelResource[];
  /** Resource uses of each task (empty for summaries, milestones, inactive and finished tasks). */
  readonly uses: readonly (readonly TaskUse[])[];
  /** Why a task may never be delayed, or null when levelling may delay it. */
  readonly pinned: readonly (string | null)[];
  readonly priority: Float64Array;
};

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks the levelling input and resolves it. Throws `validation-failed` naming each bad field. */
export function compileModel(input: LevellingInput): Model {
  const { plan } = input;
  const issues: FieldIssue[] = [];
  const n = plan.tasks.length;
  const ids = plan.tasks.map((t) => t.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const parent = new Int32Array(n).fill(-1);
  const isSummary = new Uint8Array(n);
  const active = new Uint8Array(n);
  plan.tasks.forEach((t, i) => {
    active[i] = t.inactive ? 0 : 1;
    const p = t.parent != null ? index.get(t.parent) : undefined;
    if (p !== undefined) {
      parent[i] = p;
      isSummary[p] = 1;
    }
  });
  const definitions = new Map<string, CalendarDefinition>(plan.calendars.map((c) => [c.id, c]));
  const rules = new Map<string, DayRule>();
  const ruleOf = (id: string): DayRule => {
    let rule = rules.get(id);
    if (!rule) {
      rule = dayRule(definitions, id);
      rules.set(id, rule);
    }
    return rule;
  };
  const set = new ClockSet(plan.calendars, plan.start ?? plan.finish ?? 0);
  const projectClock = set.clocks[set.indexOf(plan.projectCalendar, 'plan.projectCalendar')]!;
  const clocks: WorkClock[] = [];
  const taskRule: (DayRule | null)[] = [];
  const duration = new Float64Array(n);
  plan.tasks.forEach((t, i) => {
    // The calendar the engine runs the task's work on: its own, else its resources', else the project's.
    const calendar = t.calendar ?? t.resourceCalendar ?? plan.projectCalendar;
    clocks.push(t.elapsed ? set.clocks[0]! : set.clocks[set.indexOf(calendar, `plan.tasks.${i}.calendar`)]!);
    taskRule.push(t.elapsed ? null : ruleOf(calendar));
    duration[i] = isSummary[i] ? 0 : Math.max(0, Math.round(t.durationMinutes));
  });

  const resourceIndex = new Map<string, number>();
  const resources: ModelResource[] = input.resources.map((r, k) => {
    if (resourceIndex.has(r.id)) issues.push({ field: `resources.${k}.id`, reason: `duplicates resource ${r.id}` });
    resourceIndex.set(r.id, k);
    if (!finite(r.maxUnits) || r.maxUnits < 0) issues.push({ field: `resources.${k}.maxUnits`, reason: 'must be a fraction of 0 or more (1 = 100 %)' });
    let rule: DayRule | null = null;
    if (r.calendar != null) {
      if (definitions.has(r.calendar)) rule = ruleOf(r.calendar);
      else issues.push({ field: `resources.${k}.calendar`, reason: `calendar ${r.calendar} does not exist` });
    }
    return { id: r.id, name: r.name ?? r.id, capacity: finite(r.maxUnits) ? scaleUnits(r.maxUnits) : 0, rule };
  });

  const priority = new Float64Array(n).fill(DEFAULT_PRIORITY);
  for (const [id, value] of Object.entries(input.priorities ?? {})) {
    const i = index.get(id);
    if (i === undefined) issues.push({ field: `priorities.${id}`, reason: `task ${id} does not exist` });
    else if (!finite(value) || value < 0 || value > DO_NOT_LEVEL) issues.push({ field: `priorities.${id}`, reason: 'must be from 0 to 1000' });
    else priority[i] = value;
  }

  const pinned = plan.tasks.map((t, i): string | null => {
    if (priority[i]! >= DO_NOT_LEVEL) return 'priority 1000 (do not level)';
    if (t.manual) return 'manually scheduled';
    if (finite(t.actualStart) || finite(t.actualFinish)) return 'has actuals';
    if (t.constraint === 'ALAP' || t.constraint === 'MSO' || t.constraint === 'MFO') return `constraint ${t.constraint}`;
    return null;
  });

  const uses: TaskUse[][] = Array.from({ length: n }, () => []);
  input.assignments.forEach((a, k) => {
    const i = index.get(a.task);
    const r = resourceIndex.get(a.resource);
    if (i === undefined) issues.push({ field: `assignments.${k}.task`, reason: `task ${a.task} does not exist` });
    if (r === undefined) issues.push({ field: `assignments.${k}.resource`, reason: `resource ${a.resource} does not exist` });
    if (!finite(a.units) || a.units < 0) issues.push({ field: `assignments.${k}.units`, reason: 'must be a fraction of 0 or more (1 = 100 %)' });
    if (i === undefined || r === undefined || !finite(a.units)) return;
    const t = plan.tasks[i]!;
    const units = scaleUnits(a.units);
    if (units <= 0 || !active[i] || isSummary[i] || duration[i] === 0 || finite(t.actualFinish)) return;
    const list = uses[i]!;
    const same = list.findIndex((u) => u.resource === r);
    const total = units + (same >= 0 ? list[same]!.units : 0);
    const use = { resource: r, units: total, fit: Math.min(total, resources[r]!.capacity) };
    if (same >= 0) list[same] = use;
    else list.push(use);
  });
  if (issues.length) throw invalid(issues);
  return { n, ids, index, parent, isSummary, active, duration, clocks, projectClock, taskRule, resources, uses, pinned, priority };
}

/** The minutes task `i`, running from `start` to `finish`, uses resource `r`: its working time, within the resource's calendar. */
export function useIntervals(m: Model, i: number, r: number, start: number, finish: number): number[] {
  const rules: DayRule[] = [];
  const own = m.taskRule[i];
  const resource = m.resources[r]!.rule;
  if (own) rules.push(own);
  if (resource && resource !== own) rules.push(resource);
  return workingIntervals(rules, start, finish);
}
