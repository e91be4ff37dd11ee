import { invalid, type FieldIssue } from '../errors.js';
import { type Arena, noArena } from './arena.js';
import { ClockSet, finishFrom } from './clocks.js';
import type { LocalMinute } from './local-time.js';
import type { Network } from './network.js';
import type { ScheduleInput } from './types.js';
import type { WorkClock } from './working-calendar.js';

/** Task states that fix dates regardless of logic. */
export const FIXED_NONE = 0;
export const FIXED_MANUAL = 1;
export const FIXED_COMPLETE = 2;
export const FIXED_STARTED = 3;

/** The per-task and per-link numbers both passes read, resolved once from the input. */
export type PlanArrays = {
  readonly clocks: readonly WorkClock[];
  /** Clock index of each task, and of each link's lag. */
  readonly taskClock: Int32Array;
  /**
   * Clock on which each task's slack is counted: its own calendar's, else the project's
   * (not its resources'), elapsed for elapsed tasks. `taskClock` itself when no task has a
   * resource calendar.
   */
  readonly slackClock: Int32Array;
  /** A byte per link when the plan has at most 256 clocks (a million links take 8 MB less). */
  readonly lagClock: Int32Array | Uint8Array;
  readonly duration: Float64Array;
  /** Whole minutes: 32-bit integers unless a lag is beyond their range. */
  readonly lag: Int32Array | Float64Array;
  readonly constraintDate: Float64Array;
  readonly deadline: Float64Array;
  readonly fixed: Uint8Array;
  readonly fixedStart: Float64Array;
  readonly fixedFinish: Float64Array;
  /** Working minutes left at the status date for started tasks. */
  readonly remaining: Float64Array;
  /** Elapsed minutes of levelling delay on each task's start. */
  readonly delay: Float64Array;
  /**
   * Work on several calendars (`resourceWork`): task i's parts are `partStart[i] …
   * partStart[i+1]`, each with its clock and minutes; null when no task has any.
   */
  readonly partStart: Int32Array | null;
  readonly partClock: Int32Array;
  readonly partMinutes: Float64Array;
};

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Resolves calendars, durations, lags (percentages included), constraints and progress into arrays. */
export function planArrays(input: ScheduleInput, network: Network, around: LocalMinute, arena: Arena = noArena()): PlanArrays {
  const { tasks, links } = input;
  const n = tasks.length;
  const set = new ClockSet(input.calendars, around);
  const projectClock = set.indexOf(input.projectCalendar, 'projectCalendar');
  const issues: FieldIssue[] = [];
  const taskClock = arena.i32(n);
  let slackClock: Int32Array | null = null;
  /** Tasks with work on several calendars, if any. */
  let multi: number[] | null = null;
  const ownCalendar = arena.u8(n);
  const duration = arena.f64(n);
  const fixed = arena.u8(n);
  // Most tasks have no date constraint, deadline, progress or delay: those arrays start as one
  // shared array of NaN (or of 0) and get their own on the first value written, which saves
  // most of the memory a recalculation takes on a large plan and the garbage collections it causes.
  const nan = arena.f64(n, NaN);
  let constraintDate: Float64Array = nan;
  let deadline: Float64Array = nan;
  let fixedStart: Float64Array = nan;
  let fixedFinish: Float64Array = nan;
  let remaining: Float64Array | null = null;
  let delay: Float64Array | null = null;
  const own = (a: Float64Array): Float64Array => (a === nan ? arena.copy(nan) : a);
  const isSummary = network.isSummary;
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    ownCalendar[i] = t.calendar != null || t.resourceCalendar != null ? 1 : 0;
    taskClock[i] = t.elapsed ? 0 : t.calendar != null ? set.indexOf(t.calendar, `tasks.${i}.calendar`) : projectClock;
    const several = t.resourceWork != null && t.resourceWork.length > 0 && !isSummary[i];
    if (several) (multi ??= []).push(i);
    if ((t.resourceCalendar != null || several) && t.calendar == null && !t.elapsed) {
      // Slack stays on the project calendar; the work moves to the resources' calendar.
      slackClock ??= taskClock.slice(0, n);
      slackClock[i] = taskClock[i]!;
      if (t.resourceCalendar != null) taskClock[i] = set.indexOf(t.resourceCalendar, `tasks.${i}.resourceCalendar`);
    } else if (slackClock) slackClock[i] = taskClock[i]!;
    duration[i] = isSummary[i] ? 0 : Math.round(t.durationMinutes);
    if (finite(t.constraintDate)) (constraintDate = own(constraintDate))[i] = t.constraintDate;
    if (finite(t.deadline)) (deadline = own(deadline))[i] = t.deadline;
    if (t.levelingDelayMinutes != null) {
      if (!(finite(t.levelingDelayMinutes) && t.levelingDelayMinutes >= 0)) issues.push({ field: `tasks.${i}.levelingDelayMinutes`, reason: 'must be a number of minutes, 0 or more' });
      else if (!isSummary[i]) (delay ??= arena.f64(n))[i] = Math.round(t.levelingDelayMinutes);
    }
    const c = set.clocks[taskClock[i]!]!;
    const pct = t.percentComplete ?? 0;
    if (!(pct >= 0 && pct <= 100)) issues.push({ field: `tasks.${i}.percentComplete`, reason: 'must be between 0 and 100' });
    if (t.manual) {
      if (!finite(t.manual.start) || !finite(t.manual.finish) || t.manual.finish < t.manual.start) {
        issues.push({ field: `tasks.${i}.manual`, reason: 'needs a start and a finish no earlier than it' });
      }
      fixed[i] = FIXED_MANUAL;
      (fixedStart = own(fixedStart))[i] = t.manual.start;
      (fixedFinish = own(fixedFinish))[i] = t.manual.finish;
    } else if (finite(t.actualFinish) && !isSummary[i]) {
      fixed[i] = FIXED_COMPLETE;
      (fixedFinish = own(fixedFinish))[i] = t.actualFinish;
      (fixedStart = own(fixedStart))[i] = finite(t.actualStart) ? t.actualStart : c.startAt(c.work(t.actualFinish) - duration[i]!);
      if (fixedFinish[i]! < fixedStart[i]!) issues.push({ field: `tasks.${i}.actualFinish`, reason: 'must not be before the actual start' });
    } else if (finite(t.actualStart) && !isSummary[i]) {
      fixed[i] = FIXED_STARTED;
      (fixedStart = own(fixedStart))[i] = t.actualStart;
      (remaining ??= arena.f64(n))[i] = finite(t.remainingMinutes) ? Math.max(0, t.remainingMinutes) : Math.round((duration[i]! * (100 - pct)) / 100);
      (fixedFinish = own(fixedFinish))[i] = finishFrom(c, t.actualStart, duration[i]!);
    }
  }
  const { lagClock, lag } = linkLags(links, network, taskClock, ownCalendar, duration, projectClock, set.clocks.length, issues, arena);
  const parts = resourceWork(tasks, multi ?? [], set, issues);
  if (issues.length) throw invalid(issues);
  const zeros = remaining && delay ? null : arena.f64(n);
  return { clocks: set.clocks, taskClock, slackClock: slackClock ?? taskClock, lagClock, duration, lag, constraintDate, deadline, fixed, fixedStart, fixedFinish, remaining: remaining ?? zeros!, delay: delay ?? zeros!, ...parts };
}

/** Each link's lag in minutes (percentages resolved) and the clock it runs on. */
function linkLags(links: ScheduleInput['links'], network: Network, taskClock: Int32Array, ownCalendar: Uint8Array, duration: Float64Array, projectClock: number, clockCount: number, issues: FieldIssue[], arena: Arena) {
  const m = links.length;
  // Every lag clock is a task's clock, the project's or the elapsed one: known by now.
  const lagClock = clockCount <= 256 ? arena.u8(m) : arena.i32(m);
  let lag: Int32Array | Float64Array = arena.i32(m);
  const put = (k: number, minutes: number): void => {
    // A lag beyond 32 bits (or not a number, which is an issue) needs the wider array.
    if ((minutes | 0) !== minutes && lag instanceof Int32Array) lag = Float64Array.from(lag);
    lag[k] = minutes;
  };
  const { linkSucc, linkPred } = network;
  for (let k = 0; k < m; k++) {
    const l = links[k]!;
    const s = linkSucc[k]!;
    const p = linkPred[k]!;
    lagClock[k] = l.lagElapsed ? 0 : ownCalendar[s] ? taskClock[s]! : projectClock;
    if (l.lagPercent != null) {
      if (!Number.isFinite(l.lagPercent)) issues.push({ field: `links.${k}.lagPercent`, reason: 'must be a number' });
      put(k, Math.round((l.lagPercent * duration[p]!) / 100));
    } else {
      const minutes = l.lagMinutes ?? 0;
      if (!Number.isFinite(minutes)) issues.push({ field: `links.${k}.lagMinutes`, reason: 'must be a number of minutes' });
      put(k, Math.round(minutes));
    }
  }
  return { lagClock, lag };
}

/** The parts of each task (of `multi`, in order) that works on several calendars (see `ScheduleTask.resourceWork`). */
function resourceWork(tasks: ScheduleInput['tasks'], multi: readonly number[], set: ClockSet, issues: FieldIssue[]) {
  const works = multi.filter((i) => tasks[i]!.calendar == null && !tasks[i]!.elapsed);
  if (works.length === 0) return { partStart: null, partClock: new Int32Array(0), partMinutes: new Float64Array(0) };
  const n = tasks.length;
  const count = works.reduce((sum, i) => sum + tasks[i]!.resourceWork!.length, 0);
  const partStart = new Int32Array(n + 1);
  const partClock = new Int32Array(count);
  const partMinutes = new Float64Array(count);
  let k = 0;
  let next = 0;
  for (const i of works) {
    // Tasks before i (back to the previous one with parts) have none: their rows are empty.
    while (next <= i) partStart[next++] = k;
    tasks[i]!.resourceWork!.forEach((part, j) => {
      if (!(finite(part.minutes) && part.minutes >= 0)) issues.push({ field: `tasks.${i}.resourceWork.${j}.minutes`, reason: 'must be a number of minutes, 0 or more' });
      partClock[k] = set.indexOf(part.calendar, `tasks.${i}.resourceWork.${j}.calendar`);
      partMinutes[k++] = Math.round(part.minutes);
    });
  }
  while (next <= n) partStart[next++] = k;
  return { partStart, partClock, partMinutes };
}
