import type { LocalMinute } from '../local-time.js';
import type { ScheduleInput, ScheduleResult } from '../types.js';

/** A resource whose assignments may not together exceed `maxUnits` at any moment. */
export type LevellingResource = {
  readonly id: string;
  readonly name?: string;
  /** Capacity as a fraction: 1 = one full-time person (100 %), 0.5 = half-time, 3 = three people. */
  readonly maxUnits: number;
  /** The calendar the resource works on: its assignments use it only when both this and the task's calendar work. */
  readonly calendar?: string | null;
};

/** A task using a resource at `units` (a fraction: 1 = 100 %) during every working minute of the task. */
export type LevellingAssignment = {
  readonly task: string;
  readonly resource: string;
  readonly units: number;
};

/** MS Project's levelling priority: 0–1000, 500 by default; 1000 means "do not level". */
export const DO_NOT_LEVEL = 1000;
export const DEFAULT_PRIORITY = 500;

/** A plan with the resources it uses. */
export type LevellingInput = {
  /** The plan (forward-scheduled). Levelling delays of tasks it may move are cleared first. */
  readonly plan: ScheduleInput;
  readonly resources: readonly LevellingResource[];
  readonly assignments: readonly LevellingAssignment[];
  /** Priority of each task by id (0–1000; {@link DEFAULT_PRIORITY} when absent; {@link DO_NOT_LEVEL} = never delayed). */
  readonly priorities?: Readonly<Record<string, number>>;
};

/**
 * Which task keeps a resource when several compete for it. `standard` is MS Project's
 * Standard order: predecessors first, then less total slack, earlier start, higher
 * priority, constrained before unconstrained. `priority` puts the priority first.
 */
export type LevellingOrder = 'standard' | 'priority';

export type LevellingOptions = {
  /** Delay tasks only within their total slack, so the project finish never moves (default false). */
  readonly withinSlackOnly?: boolean;
  readonly order?: LevellingOrder;
};

/** What a task was waiting for: a resource and the tasks holding it. */
export type LevellingCause = {
  readonly resource: string;
  readonly tasks: readonly string[];
};

/**
 * Why an over-allocation is left: a task that may not be moved takes part
 * (`do-not-level`: priority 1000, ALAP, MSO, MFO, actuals, manual); moving a task far enough
 * would use more than its total slack (`within-slack`) or break its SNLT/FNLT constraint
 * (`constraint`); one task alone needs more than the capacity (`exceeds-capacity`); or a task
 * was moved by its links after it was placed (`moved-by-links`).
 */
export type UnresolvedReason = 'do-not-level' | 'within-slack' | 'constraint' | 'exceeds-capacity' | 'moved-by-links';

/** One task's levelling outcome. */
export type TaskLevelling = {
  readonly task: string;
  /** The levelling delay given to the task, in elapsed minutes (its `levelingDelayMinutes`). */
  readonly delayMinutes: number;
  /** The resources the task waited for, each with the tasks it competed with (empty when not delayed). */
  readonly causes: readonly LevellingCause[];
  /** Set when the task needed a delay it could not get (it then stays where its links put it). */
  readonly unresolved?: UnresolvedReason;
};

/** A stretch of time in which a resource is asked for more than its capacity. */
export type OverallocationSpan = {
  readonly resource: string;
  readonly from: LocalMinute;
  readonly to: LocalMinute;
  /** The most units asked for in the stretch, and the capacity (fractions, 1 = 100 %). */
  readonly units: number;
  readonly capacity: number;
  /** The tasks using the resource in the stretch. */
  readonly tasks: readonly string[];
};

/** An over-allocation levelling left, with the reason. */
export type Overallocation = OverallocationSpan & {
  readonly reason: UnresolvedReason;
  readonly detail: string;
};

export type LevellingResult = {
  /** The levelled plan: the input plan with `levelingDelayMinutes` set. */
  readonly plan: ScheduleInput;
  /** `schedule(plan)`. */
  readonly schedule: ScheduleResult;
  /** One entry per plan task, in the plan's order. */
  readonly tasks: readonly TaskLevelling[];
  /** Over-allocations left in the levelled plan (verified on it), and those of the unlevelled plan. */
  readonly overallocations: readonly Overallocation[];
  readonly overallocationsBefore: readonly OverallocationSpan[];
  /** Project finish of the unlevelled plan (levelling delays cleared) and of the levelled one. */
  readonly finishBefore: LocalMinute;
  readonly finishAfter: LocalMinute;
};
