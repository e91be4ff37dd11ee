import { invalid } from '../errors.js';
import { Arena, arenaBytes, resultBytes } from './arena.js';
import { shift } from './clocks.js';
import { formatLocalDateTime, type LocalMinute } from './local-time.js';
import { buildNetwork, CONSTRAINT_CODE, type Network } from './network.js';
import { backwardPass, type Counts, type ForwardDates, forwardPass, type PassOptions } from './passes.js';
import { FIXED_COMPLETE, planArrays, type PlanArrays } from './plan-arrays.js';
import type { ScheduleInput, ScheduleResult, ScheduleWarning } from './types.js';

const FS = 0;
const SS = 1;
const FF = 2;

function dates(n: number, arena: Arena): ForwardDates {
  return { start: arena.f64(n, NaN), finish: arena.f64(n, NaN), driver: arena.i32(n, -1) };
}

function extremes(g: Network, values: Float64Array, pick: 'min' | 'max'): LocalMinute {
  let best = pick === 'min' ? Infinity : -Infinity;
  const { active, parent } = g;
  for (let i = 0; i < g.n; i++) {
    if (!active[i] || parent[i]! >= 0) continue;
    const v = values[i]!;
    if (pick === 'min' ? v < best : v > best) best = v;
  }
  return best;
}

/**
 * Computes a plan by the critical path method with working calendars: early dates by a
 * forward pass, late dates by a backward pass, slack, the critical path, the driving
 * predecessor of each task and warnings. Forward plans start at `input.start`; backward
 * plans end at `input.finish` and start where their earliest task does.
 *
 * Invariants: no task starts before its links and constraints allow (unless a constraint
 * that is honoured overrules a link, which is warned); summary tasks span their children;
 * total slack = min(late start − early start, late finish − early finish) in working minutes
 * of the task's calendar; a task is critical when that is at or below the critical limit.
 *
 * @example
 * const plan = schedule({ tasks: [{ id: 'A', durationMinutes: 480 }], links: [],
 *   calendars: [{ id: 'std', week: STANDARD_WEEK }], projectCalendar: 'std',
 *   start: parseLocalDateTime('2026-01-05T08:00')! });
 * formatLocalDateTime(plan.finish[0]!) // '2026-01-05T17:00:00'
 */
export function schedule(input: ScheduleInput): ScheduleResult {
  return shared.schedule(input);
}

/**
 * Recalculations that keep their working memory between calls. A recalculation works in
 * about 200 bytes per task of typed arrays; fresh memory costs a page fault per 4 KB touched
 * and, outside V8's heap, starts garbage collections (at a million tasks these were a
 * quarter of a call, and at 10k tasks they doubled the median call). Each result still gets
 * a buffer of its own, so it stays valid after later calls. The memory kept is the working
 * memory of the last plan (about 180 MB at a million tasks), dropped for a plan four times
 * smaller or by {@link Scheduler.release}. {@link schedule} uses one per thread.
 *
 * @example
 * const scheduler = new Scheduler();
 * const first = scheduler.schedule(plan);
 * const again = scheduler.schedule(editedPlan); // reuses the working memory; `first` unchanged
 */
export class Scheduler {
  private scratch: Arena | null = null;
  /** The last result's ids: the next result shares the array when its tasks have the same ids. */
  private ids: readonly string[] | null = null;

  schedule(input: ScheduleInput): ScheduleResult {
    const bytes = arenaBytes(input.tasks.length, input.links.length);
    const kept = this.scratch;
    if (kept === null || kept.capacity < bytes || kept.capacity > 4 * bytes) this.scratch = new Arena(bytes);
    else kept.reset();
    const result = scheduleIn(input, this.scratch!, new Arena(resultBytes(input.tasks.length)), this.ids);
    this.ids = result.ids;
    return result;
  }

  /** Lets the working memory go (the next call takes it afresh). */
  release(): void {
    this.scratch = null;
    this.ids = null;
  }
}

const shared = new Scheduler();

/**
 * {@link schedule}, taking its working arrays from `arena` and the result's from `out` (the
 * same arena unless given; the result's arrays share the buffer they come from).
 */
export function scheduleIn(input: ScheduleInput, arena: Arena, out: Arena = arena, previousIds: readonly string[] | null = null): ScheduleResult {
  const backward = input.direction === 'backward';
  const anchor = backward ? input.finish : input.start;
  if (anchor === undefined || !Number.isFinite(anchor)) {
    throw invalid([{ field: backward ? 'finish' : 'start', reason: `a ${backward ? 'backward' : 'forward'} plan needs its ${backward ? 'finish' : 'start'} date` }]);
  }
  const g = buildNetwork(input, arena, previousIds);
  const a = planArrays(input, g, anchor, arena);
  const n = g.n;
  const nameOf = (i: number): string => input.tasks[i]!.name ?? input.tasks[i]!.id;
  const o: PassOptions = { honorConstraints: input.honorConstraints ?? true, statusDate: input.statusDate ?? null, nameOf };
  const warnings: ScheduleWarning[] = [];
  const warned: number[] = [];
  const early = dates(n, out);
  const late = { start: out.f64(n, NaN), finish: out.f64(n, NaN) };
  // Each pass keeps the working-minute counts of the dates it sets (on the task's clock), so
  // that slack needs no calendar lookups: the early counts in their own arrays, the late ones
  // in the slack arrays, which slack() then overwrites task by task.
  const earlyCounts: Counts = { start: arena.f64(n), finish: arena.f64(n) };
  const totalSlack = out.f64(n);
  const freeSlack = out.f64(n);
  const lateCounts: Counts = { start: freeSlack, finish: totalSlack };
  let projectStart: LocalMinute;
  let projectFinish: LocalMinute;
  if (backward) {
    projectFinish = anchor;
    backwardPass(g, a, projectFinish, late, undefined, lateCounts);
    projectStart = g.order.length ? extremes(g, late.start, 'min') : anchor;
    forwardPass(g, a, projectStart, o, early, warnings, null, warned, earlyCounts, arena);
  } else {
    projectStart = anchor;
    forwardPass(g, a, projectStart, o, early, warnings, null, warned, earlyCounts, arena);
    projectFinish = g.order.length ? extremes(g, early.finish, 'max') : anchor;
    backwardPass(g, a, projectFinish, late, early, lateCounts, earlyCounts);
  }
  if (!g.outlineOrdered && warnings.length > 1) inTaskOrder(warnings, warned);
  const scheduled = placeAsLateAsPossible(g, a, projectStart, o, early, late, arena, out);
  const critical = slack(g, a, early, late, input.criticalSlackMinutes ?? 0, earlyCounts, totalSlack, freeSlack, out);
  collectWarnings(g, a, o, early, totalSlack, warnings);
  return {
    ids: g.ids,
    start: scheduled.start,
    finish: scheduled.finish,
    earlyStart: early.start,
    earlyFinish: early.finish,
    lateStart: late.start,
    lateFinish: late.finish,
    totalSlack,
    freeSlack,
    critical,
    drivingPredecessor: early.driver,
    projectStart,
    projectFinish,
    warnings,
  };
}

/**
 * Puts the forward pass's warnings (one per task, `warned[j]` the task of `warnings[j]`) in
 * task order. A pass in outline order finds them in that order already (a task's warning
 * comes at its exit, which follows its entry in the outline); a pass in Kahn's order does not.
 */
function inTaskOrder(warnings: ScheduleWarning[], warned: readonly number[]): void {
  const sorted = warnings.map((w, j) => ({ w, at: warned[j]! })).sort((p, q) => p.at - q.at);
  for (let j = 0; j < sorted.length; j++) warnings[j] = sorted[j]!.w;
}

/** Scheduled dates: early dates, except ALAP tasks at their late dates, with successors re-flowed after them. */
function placeAsLateAsPossible(g: Network, a: PlanArrays, projectStart: LocalMinute, o: PassOptions, early: ForwardDates, late: { start: Float64Array; finish: Float64Array }, arena: Arena, out: Arena): ForwardDates {
  const pinned = arena.u8(g.n);
  let any = false;
  const { constraint, isSummary, active } = g;
  const fixed = a.fixed;
  for (let i = 0; i < g.n; i++) {
    // At its late dates, unless those fall before what its predecessors allow (negative slack):
    // then it stays at its early dates, so no link is broken.
    if (constraint[i] === CONSTRAINT_CODE.ALAP && !isSummary[i] && fixed[i] === 0 && active[i] && late.start[i]! >= early.start[i]!) {
      pinned[i] = 1;
      any = true;
    }
  }
  if (!any) return early;
  const placed: ForwardDates = { start: out.copy(late.start), finish: out.copy(late.finish), driver: out.i32(g.n, -1) };
  forwardPass(g, a, projectStart, o, placed, null, pinned, null, null, arena);
  return placed;
}

/**
 * Total and free slack and the critical flags. `totalSlack` and `freeSlack` come in holding
 * the late finish and late start counts (see `schedule`) and leave holding the slack, in NaN
 * for inactive tasks. Counts on the task's clock are read instead of asking the calendar
 * whenever the slack clock is that clock.
 */
function slack(g: Network, a: PlanArrays, early: ForwardDates, late: { start: Float64Array; finish: Float64Array }, criticalLimit: number, earlyCounts: Counts, totalSlack: Float64Array, freeSlack: Float64Array, out: Arena): Uint8Array {
  const n = g.n;
  const critical = out.u8(n);
  const { clocks, slackClock, taskClock, lagClock, lag, fixed } = a;
  const { active, isSummary, outStart, outList, outSucc, outType } = g;
  const earlyStartDates = early.start;
  const earlyFinishDates = early.finish;
  const { start: startCount, finish: finishCount } = earlyCounts;
  for (let i = 0; i < n; i++) {
    if (!active[i]) {
      totalSlack[i] = NaN;
      freeSlack[i] = NaN;
      continue;
    }
    const own = slackClock[i]!;
    const c = clocks[own]!;
    const onTask = own === taskClock[i];
    // Working-minute counts of the early and late dates, on the slack clock.
    const earlyStart = onTask ? startCount[i]! : c.work(earlyStartDates[i]!);
    const earlyFinish = onTask ? finishCount[i]! : c.work(earlyFinishDates[i]!);
    const startSlack = (onTask ? freeSlack[i]! : c.work(late.start[i]!)) - earlyStart;
    const finishSlack = (onTask ? totalSlack[i]! : c.work(late.finish[i]!)) - earlyFinish;
    const total = isSummary[i] ? finishSlack : Math.min(startSlack, finishSlack);
    totalSlack[i] = total;
    let free = total;
    for (let e = outStart[i]!; e < outStart[i + 1]!; e++) {
      const k = outList[e]!;
      const s = outSucc[e]!;
      const type = outType[e]!;
      // How far this task's start or finish may move before the successor's early date moves.
      const fromFinish = type === FS || type === FF;
      const toStart = type === FS || type === SS;
      const l = lag[k]!;
      // The count of the latest date that keeps the successor's early date: the successor's own
      // count less the lag when the successor, the lag and this task's slack share one clock
      // (shifting by a lag moves a count by exactly the lag), else from the calendar.
      let allowed = taskClock[s] === own && (l === 0 || lagClock[k] === own) ? (toStart ? startCount[s]! : finishCount[s]!) - l : NaN;
      if (Number.isNaN(allowed)) {
        const successorDate = toStart ? earlyStartDates[s]! : earlyFinishDates[s]!;
        allowed = c.work(l === 0 ? successorDate : shift(clocks[lagClock[k]!]!, successorDate, -l));
      }
      const room = allowed - (fromFinish ? earlyFinish : earlyStart);
      if (room < free) free = room;
    }
    freeSlack[i] = free;
    critical[i] = total <= criticalLimit && fixed[i] !== FIXED_COMPLETE ? 1 : 0;
  }
  return critical;
}

function collectWarnings(g: Network, a: PlanArrays, o: PassOptions, early: ForwardDates, totalSlack: Float64Array, warnings: ScheduleWarning[]): void {
  const { active, isSummary } = g;
  const deadlines = a.deadline;
  for (let i = 0; i < g.n; i++) {
    if (!active[i] || isSummary[i]) continue;
    if (totalSlack[i]! < 0) {
      warnings.push({ kind: 'negative-slack', task: o.nameOf(i), detail: `has ${-totalSlack[i]!} working minutes of negative slack`, minutes: totalSlack[i]! });
    }
    const deadline = deadlines[i]!;
    if (Number.isFinite(deadline) && early.finish[i]! > deadline) {
      const c = a.clocks[a.slackClock[i]!]!;
      warnings.push({
        kind: 'missed-deadline',
        task: o.nameOf(i),
        detail: `finishes ${formatLocalDateTime(early.finish[i]!)}, after its deadline ${formatLocalDateTime(deadline)}`,
        minutes: c.work(early.finish[i]!) - c.work(deadline),
      });
    }
  }
}
