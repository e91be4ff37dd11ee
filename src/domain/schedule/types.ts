import type { CalendarDefinition } from './calendar-types.js';
import type { LocalMinute } from './local-time.js';

export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
/** Finish-to-start, start-to-start, finish-to-finish, start-to-finish. */
export type LinkType = (typeof LINK_TYPES)[number];

export const CONSTRAINT_TYPES = ['ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'] as const;
/**
 * As soon / as late as possible; start or finish no earlier / no later than a date; must
 * start / must finish on a date.
 */
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];

/** One task of a plan. Durations are working minutes of the task's calendar (or elapsed minutes). */
export type ScheduleTask = {
  readonly id: string;
  readonly name?: string;
  /** The summary task this one sits under in the outline. */
  readonly parent?: string | null;
  /** Working minutes (elapsed minutes when `elapsed`); 0 makes a milestone. Ignored for summaries. */
  readonly durationMinutes: number;
  /** The duration runs on the 24×7 clock. */
  readonly elapsed?: boolean;
  /** Shown as a milestone; a milestone with a duration keeps it. */
  readonly milestone?: boolean;
  /** The calendar the task works on; the project calendar when absent. */
  readonly calendar?: string | null;
  /**
   * The calendar of the task's resources, for a task without a calendar of its own: its
   * duration (and its lags) run on it, while its slack is counted on the project calendar,
   * as MS Project counts it.
   */
  readonly resourceCalendar?: string | null;
  /**
   * Work on several calendars at once, for a task without a calendar of its own (MS Project:
   * assignments on resources with different calendars): each part runs its `minutes` of its
   * calendar from the task's start; the task starts with the earliest part and finishes with
   * the last. It places the task instead of `durationMinutes` and `resourceCalendar`, which
   * still serve a started task and percentage lags; slack is counted on the project calendar.
   */
  readonly resourceWork?: readonly { readonly calendar: string; readonly minutes: number }[] | null;
  readonly constraint?: ConstraintType;
  readonly constraintDate?: LocalMinute | null;
  /** A date the task should finish by: moves its late finish, and warns when missed. */
  readonly deadline?: LocalMinute | null;
  readonly actualStart?: LocalMinute | null;
  readonly actualFinish?: LocalMinute | null;
  /** 0–100 of the duration done. */
  readonly percentComplete?: number;
  /** Working minutes left; defaults to the duration less the percentage done. */
  readonly remainingMinutes?: number | null;
  /** Manually scheduled: the dates are fixed as given, links and constraints do not move them. */
  readonly manual?: { readonly start: LocalMinute; readonly finish: LocalMinute } | null;
  /**
   * Elapsed minutes added to the start its links and outline allow, before its constraint
   * applies: the delay resource levelling gives a task (MS Project's LevelingDelay).
   */
  readonly levelingDelayMinutes?: number;
  /** Inactive tasks are left out of the schedule, and so are their links. */
  readonly inactive?: boolean;
};

/**
 * A dependency. `lagMinutes` is working time on the lag calendar (the successor's calendar
 * when it has one, else the project calendar), or elapsed minutes with `lagElapsed`;
 * `lagPercent` instead makes the lag a percentage of the predecessor's duration. Negative
 * lags are leads.
 */
export type ScheduleLink = {
  readonly predecessor: string;
  readonly successor: string;
  readonly type: LinkType;
  readonly lagMinutes?: number;
  readonly lagPercent?: number;
  readonly lagElapsed?: boolean;
};

export type ScheduleInput = {
  readonly tasks: readonly ScheduleTask[];
  readonly links: readonly ScheduleLink[];
  readonly calendars: readonly CalendarDefinition[];
  readonly projectCalendar: string;
  /** Forward from `start` (the default), or backward from `finish`. */
  readonly direction?: 'forward' | 'backward';
  readonly start?: LocalMinute;
  readonly finish?: LocalMinute;
  /** Work not done by this moment is scheduled after it. */
  readonly statusDate?: LocalMinute | null;
  /** Tasks with total slack at or below this many working minutes are critical (default 0). */
  readonly criticalSlackMinutes?: number;
  /** When constraints and links disagree, the constraint wins (default true, as in MS Project). */
  readonly honorConstraints?: boolean;
};

export const WARNING_KINDS = [
  'negative-slack',
  'constraint-overruled',
  'link-overruled',
  'missed-deadline',
  'started-before-predecessor',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** An outcome worth a person's attention, naming the task it concerns. */
export type ScheduleWarning = {
  readonly kind: WarningKind;
  readonly task: string;
  readonly detail: string;
  /** Working minutes involved (the negative slack, the overrun of a deadline …). */
  readonly minutes?: number;
};

/**
 * The computed plan, one entry per input task in input order (inactive tasks get NaN dates).
 * Dates are {@link LocalMinute}s; slack is in working minutes of the task's calendar.
 */
export type ScheduleResult = {
  readonly ids: readonly string[];
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  readonly totalSlack: Float64Array;
  readonly freeSlack: Float64Array;
  readonly critical: Uint8Array;
  /** Index of the predecessor whose link set the early start, or −1. */
  readonly drivingPredecessor: Int32Array;
  readonly projectStart: LocalMinute;
  readonly projectFinish: LocalMinute;
  /**
   * Constraints and links in conflict (`link-overruled`, `constraint-overruled`), then negative
   * slack and missed deadlines; each group in task (input) order.
   */
  readonly warnings: readonly ScheduleWarning[];
};
