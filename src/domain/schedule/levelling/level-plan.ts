import { invalid } from '../../errors.js';
import { schedule } from '../schedule.js';
import type { ScheduleResult } from '../types.js';
import { compileModel, type Model } from './model.js';
import { dependencies, levellingOrder } from './order.js';
import { findOverallocations } from './overallocations.js';
import { UNIT_SCALE } from './profile.js';
import { SerialPass, withDelays } from './serial-pass.js';
import type {
  LevellingCause,
  LevellingInput,
  LevellingOptions,
  LevellingResult,
  Overallocation,
  OverallocationSpan,
  TaskLevelling,
  UnresolvedReason,
} from './types.js';

const percent = (units: number): string => `${Math.round(units * 100)} %`;

/** Why an over-allocation is left, from the tasks that take part in it. */
function explain(m: Model, span: OverallocationSpan, unresolved: readonly (UnresolvedReason | undefined)[]): { reason: UnresolvedReason; detail: string } {
  const r = m.resources.findIndex((x) => x.id === span.resource);
  const resource = m.resources[r]!;
  const tasks = span.tasks.map((id) => m.index.get(id)!);
  const alone = tasks.find((i) => m.uses[i]!.some((u) => u.resource === r && u.units > resource.capacity));
  if (alone !== undefined) {
    const units = m.uses[alone]!.find((u) => u.resource === r)!.units;
    return { reason: 'exceeds-capacity', detail: `task ${m.ids[alone]} alone needs ${percent(units / UNIT_SCALE)} of ${resource.name} (capacity ${percent(resource.capacity / UNIT_SCALE)})` };
  }
  for (const reason of ['within-slack', 'constraint'] as const) {
    const held = tasks.filter((i) => unresolved[i] === reason);
    if (held.length) {
      const why = reason === 'within-slack' ? 'cannot be delayed far enough within total slack' : 'cannot be delayed past its SNLT/FNLT constraint';
      return { reason, detail: `task ${held.map((i) => m.ids[i]).join(', ')} ${why}` };
    }
  }
  const pinned = tasks.filter((i) => m.pinned[i]);
  if (pinned.length) return { reason: 'do-not-level', detail: pinned.map((i) => `task ${m.ids[i]} may not be moved (${m.pinned[i]})`).join('; ') };
  return { reason: 'moved-by-links', detail: `task ${span.tasks.join(', ')} moved with their links after levelling placed them` };
}

function causesOf(m: Model, waits: ReadonlyMap<number, ReadonlySet<number>> | undefined): LevellingCause[] {
  if (!waits) return [];
  return [...waits].map(([r, tasks]) => ({ resource: m.resources[r]!.id, tasks: [...tasks].sort((a, b) => a - b).map((j) => m.ids[j]!) }));
}

/**
 * Levels a plan's resources: delays tasks (through `levelingDelayMinutes`, elapsed minutes
 * added to the start their links allow) so that no resource is asked for more than its
 * capacity at any minute, and returns the levelled plan computed by `schedule()`.
 *
 * Tasks are placed one at a time in the levelling order (predecessors first; then, for the
 * `standard` order, less total slack, earlier start, higher priority, constrained first; the
 * `priority` order puts priority first), each at the earliest working moment from which every
 * resource it uses has room for its whole duration, so a task waits within its slack when
 * that is enough and beyond it otherwise. With `withinSlackOnly`, a task that would have to
 * move past its late start stays put. Tasks with priority 1000, ALAP, MSO or MFO constraints,
 * actuals or manual dates are never delayed (their resources are booked first); an SNLT or
 * FNLT date that is honoured is never broken. Links and constraints always hold: the result is
 * an ordinary CPM plan.
 *
 * Over-allocation is judged per minute: a task uses each assigned resource at its units
 * during its working minutes from start to finish (within the resource's calendar when it has
 * one). The levelled plan is checked afresh; every over-allocation left is reported with its
 * reason (see {@link UnresolvedReason}).
 *
 * @throws PharosError `validation-failed` on bad resources, assignments or priorities, or a
 *   plan scheduled backward; whatever `schedule()` throws for the plan.
 * @example
 * // Two one-day tasks on one full-time person: the second waits a day.
 * const result = levelPlan({ plan, resources: [{ id: 'ann', maxUnits: 1 }],
 *   assignments: [{ task: 'A', resource: 'ann', units: 1 }, { task: 'B', resource: 'ann', units: 1 }] });
 * result.tasks[1] // { task: 'B', delayMinutes: 1440, causes: [{ resource: 'ann', tasks: ['A'] }] }
 */
export function levelPlan(input: LevellingInput, options: LevellingOptions = {}): LevellingResult {
  const { plan } = input;
  if (plan.direction === 'backward') throw invalid([{ field: 'plan.direction', reason: 'levelling works on plans scheduled forward from their start' }]);
  const m = compileModel(input);
  const delays = new Float64Array(m.n);
  plan.tasks.forEach((t, i) => {
    delays[i] = m.pinned[i] && !m.isSummary[i] ? Math.max(0, t.levelingDelayMinutes ?? 0) : 0;
  });
  const deps = dependencies(m, plan);
  const pass = new SerialPass(m, plan, deps, delays, schedule(withDelays(plan, delays)), options.withinSlackOnly ?? false);
  const base: ScheduleResult = pass.current;
  const before = findOverallocations(m, base);
  const levelled = before.length ? pass.run(levellingOrder(m, plan, deps, base, options.order ?? 'standard')) : base;
  const overallocations: Overallocation[] = findOverallocations(m, levelled).map((span) => ({ ...span, ...explain(m, span, pass.unresolved) }));
  const tasks: TaskLevelling[] = plan.tasks.map((t, i) => {
    const unresolved = pass.unresolved[i];
    return {
      task: t.id,
      delayMinutes: pass.delays[i]!,
      causes: pass.delays[i]! > 0 && !m.pinned[i] ? causesOf(m, pass.waits.get(i)) : [],
      ...(unresolved ? { unresolved } : {}),
    };
  });
  return {
    plan: pass.planWithDelays(),
    schedule: levelled,
    tasks,
    overallocations,
    overallocationsBefore: before,
    finishBefore: base.projectFinish,
    finishAfter: levelled.projectFinish,
  };
}
