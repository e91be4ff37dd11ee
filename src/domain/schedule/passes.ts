import { finishFrom, shift, snapFinish, snapStart, startFrom } from './clocks.js';
import { type Arena, noArena } from './arena.js';
import type { LocalMinute } from './local-time.js';
import { CONSTRAINT_CODE as C } from './network.js';
import type { Network } from './network.js';
import { FIXED_COMPLETE, FIXED_MANUAL, FIXED_NONE, FIXED_STARTED, type PlanArrays } from './plan-arrays.js';
import { partsFinish, partsFinishBy, partsStart, partsStartBy } from './resource-work.js';
import type { ScheduleWarning } from './types.js';
import { ELAPSED_CLOCK, type WorkClock } from './working-calendar.js';

export type PassOptions = {
  readonly honorConstraints: boolean;
  readonly statusDate: LocalMinute | null;
  /** A task's name for warnings; only called when there is something to warn about. */
  readonly nameOf: (task: number) => string;
};

/** Early (or scheduled) dates: what a forward pass writes. */
export type ForwardDates = {
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly driver: Int32Array;
};

/** Late dates: what a backward pass writes. */
export type BackwardDates = { readonly start: Float64Array; readonly finish: Float64Array };

/**
 * Working-minute counts of a task's start and finish on its own clock (`taskClock`): exactly
 * `clock.work(date)`, kept by a pass that knows them without asking the calendar, so that
 * slack and the other pass need not convert the dates back.
 */
export type Counts = { readonly start: Float64Array; readonly finish: Float64Array };

const FS = 0;
const SS = 1;
const FF = 2;

/**
 * The forward pass: each task's earliest start and finish from the project start, its
 * links (from the predecessors' dates in `dates`), its outline parent's bounds and its
 * constraint, in topological order. With `pinned`, tasks flagged there keep the dates
 * already in `dates` (used to place ALAP tasks at their late dates and re-flow successors).
 * Each warning's task index goes to `warned` (at most one warning per task).
 */
export function forwardPass(
  g: Network,
  a: PlanArrays,
  projectStart: LocalMinute,
  o: PassOptions,
  dates: ForwardDates,
  warnings: ScheduleWarning[] | null,
  pinned: Uint8Array | null = null,
  warned: number[] | null = null,
  counts: Counts | null = null,
  arena: Arena = noArena(),
): void {
  const { start: es, finish: ef, driver } = dates;
  // A task's bounds live in its own date slots from its entry node to its exit node, which
  // overwrites them (the start bound in `es`, the finish bound in `ef`, the task whose link
  // set the start bound in `driver`): nothing reads a task's dates in between but its own
  // exit and its children's entries (which want the bounds). Pinned tasks keep their dates.
  const sb = es;
  const fb = ef;
  const sDrive = driver;
  const fDrive = arena.i32(g.n);
  // 1 for a summary whose start bound holds more than the project start (links into it or
  // into a summary above it, or its own SNET or MSO date), which its subtasks inherit.
  const logic = arena.u8(g.n);
  const { clocks, taskClock, lagClock, duration, lag, constraintDate, fixed, fixedStart, fixedFinish, delay, partStart } = a;
  // The network's arrays in locals: the loop reads them for every task.
  const { order, parent, constraint, isSummary, inStart, inList, inPred, inType, childStart, childList } = g;
  const statusDate = o.statusDate;
  for (let x = 0; x < order.length; x++) {
    const node = order[x]!;
    const i = node >> 1;
    if ((node & 1) === 0) {
      // Entry: bounds from the parent, the links and the constraint.
      const p = parent[i]!;
      const c = constraint[i]!;
      let sBound = p >= 0 ? sb[p]! : projectStart;
      // The project start is only the default start of a task that nothing else bounds: an
      // SNET date replaces it, even an earlier one, as MS Project stores it (corpus
      // assignment-text files), and so does an MSO or MFO date. An FNET date does not (see
      // docs/engines/schedule.md). A levelling delay still counts from the project start.
      if ((c === C.SNET || c === C.MSO || c === C.MFO) && !isSummary[i] && delay[i] === 0 && inStart[i] === inStart[i + 1] && (p < 0 || logic[p] === 0)) sBound = -Infinity;
      let fBound = p >= 0 ? fb[p]! : -Infinity;
      let sd = -1;
      let fd = -1;
      for (let e = inStart[i]!; e < inStart[i + 1]!; e++) {
        const k = inList === null ? e : inList[e]!;
        const q = inPred[e]!;
        const type = inType[e]!;
        const clock = clocks[lagClock[k]!]!;
        if (type === FS || type === SS) {
          const t = shift(clock, type === FS ? ef[q]! : es[q]!, lag[k]!);
          if (t > sBound || (t === sBound && sd < 0)) {
            sBound = t;
            sd = q;
          }
        } else {
          const t = shift(clock, type === FF ? ef[q]! : es[q]!, lag[k]!);
          if (t > fBound || (t === fBound && fd < 0)) {
            fBound = t;
            fd = q;
          }
        }
      }
      if (delay[i]! > 0) sBound += delay[i]!;
      if (isSummary[i]) logic[i] = (p >= 0 && logic[p] === 1) || inStart[i]! < inStart[i + 1]! || c === C.SNET || c === C.MSO ? 1 : 0;
      const date = constraintDate[i]!;
      if (c === C.SNET || (isSummary[i] && c === C.MSO)) sBound = Math.max(sBound, date);
      else if (c === C.FNET || (isSummary[i] && c === C.MFO)) fBound = Math.max(fBound, date);
      if (statusDate !== null && fixed[i] === FIXED_NONE && !isSummary[i]) sBound = Math.max(sBound, statusDate);
      if (pinned && pinned[i] && !isSummary[i]) continue;
      sb[i] = sBound;
      fb[i] = fBound;
      sDrive[i] = sd;
      fDrive[i] = fd;
      continue;
    }
    if (isSummary[i]) {
      let s = Infinity;
      let f = -Infinity;
      let first = -1;
      let last = -1;
      for (let k = childStart[i]!; k < childStart[i + 1]!; k++) {
        const child = childList[k]!;
        if (es[child]! < s) {
          s = es[child]!;
          first = child;
        }
        if (ef[child]! > f) {
          f = ef[child]!;
          last = child;
        }
      }
      es[i] = s;
      ef[i] = f;
      driver[i] = -1;
      if (counts) {
        // A child on the summary's clock already holds the count of the same date.
        const own = taskClock[i]!;
        counts.start[i] = first >= 0 && taskClock[first] === own ? counts.start[first]! : countOf(clocks[own]!, s);
        counts.finish[i] = last >= 0 && taskClock[last] === own ? counts.finish[last]! : countOf(clocks[own]!, f);
      }
      continue;
    }
    if (pinned && pinned[i]) continue;
    const clock = clocks[taskClock[i]!]!;
    const d = duration[i]!;
    const state = fixed[i]!;
    if (state === FIXED_MANUAL || state === FIXED_COMPLETE) {
      es[i] = fixedStart[i]!;
      ef[i] = fixedFinish[i]!;
      driver[i] = -1;
      if (counts) {
        counts.start[i] = countOf(clock, es[i]!);
        counts.finish[i] = countOf(clock, ef[i]!);
      }
      continue;
    }
    if (state === FIXED_STARTED) {
      es[i] = fixedStart[i]!;
      const started = clock.work(es[i]!);
      let w = started + d;
      if (statusDate !== null) w = Math.max(w, clock.work(statusDate) + a.remaining[i]!);
      const same = d === 0 && statusDate === null;
      ef[i] = same ? es[i]! : clock.finishAt(w);
      driver[i] = -1;
      if (counts) {
        counts.start[i] = started;
        counts.finish[i] = same ? started : w;
      }
      continue;
    }
    // A task on several calendars at once (resourceWork) places each of its parts.
    const multi = partStart !== null && partStart[i]! < partStart[i + 1]!;
    // The counts of the dates below, NaN where not known. `startAt(w)` and `finishAt(w)` are
    // moments whose count is `w`, so each date's count comes with it (snapStart, finishFrom,
    // finishOnBound and startFrom written out).
    let fromStart: LocalMinute;
    let fromStartW = NaN;
    if (multi) fromStart = partsStart(a, i, sb[i]!);
    else {
      const t = sb[i]!;
      if (!Number.isFinite(t)) fromStart = t;
      else {
        fromStartW = clock.work(t);
        fromStart = d === 0 && clock.finishAt(fromStartW) === t ? t : clock.startAt(fromStartW);
      }
    }
    // A finish bound fixes the finish where it falls (see finishOnBound), and the start is
    // that much work before it.
    let finishBound = fb[i]!;
    let finishBoundW = NaN;
    let fromFinish = -Infinity;
    if (finishBound !== -Infinity) {
      if (multi) fromFinish = partsStartBy(a, i, finishBound, true);
      else if (Number.isFinite(finishBound)) {
        finishBoundW = clock.work(finishBound);
        const before = clock.finishAt(finishBoundW);
        if (before !== finishBound && clock.startAt(finishBoundW) !== finishBound) finishBound = before;
        fromFinish = d === 0 ? finishBound : clock.startAt(finishBoundW - d);
      } else fromFinish = startFrom(clock, finishBound, d);
    }
    // On a tie the finish bound wins: it is the same working minute, perhaps on the later side
    // of a break (an SF successor of a task starting Monday 08:00 finishes Monday 08:00).
    const byFinish = fromFinish >= fromStart;
    let s = byFinish ? fromFinish : fromStart;
    let sw = byFinish ? finishBoundW - d : fromStartW;
    let f: LocalMinute;
    let fw = NaN;
    if (multi) f = partsFinish(a, i, s);
    else if (byFinish) {
      f = finishBound;
      fw = finishBoundW;
    } else if (d === 0) {
      f = s;
      fw = sw;
    } else if (Number.isNaN(sw)) f = finishFrom(clock, s, d);
    else {
      fw = sw + d;
      f = clock.finishAt(fw);
    }
    driver[i] = byFinish && (fromFinish > fromStart || sDrive[i]! < 0) ? fDrive[i]! : sDrive[i]!;
    const c = constraint[i]!;
    if (c === C.MSO || c === C.MFO || c === C.SNLT || c === C.FNLT) {
      const date = constraintDate[i]!;
      const target = c === C.MSO || c === C.SNLT ? (multi ? partsStart(a, i, date) : snapStart(clock, date, d)) : multi ? partsStartBy(a, i, date, false) : startFrom(clock, snapFinish(clock, date, d), d);
      const exact = c === C.MSO || c === C.MFO;
      if (s > target) {
        if (o.honorConstraints) {
          warned?.push(i);
          warnings?.push({ kind: 'link-overruled', task: o.nameOf(i), detail: `its ${constraintName(c)} constraint holds it before its links allow`, minutes: clock.work(s) - clock.work(target) });
          s = target;
          f = multi ? partsFinish(a, i, s) : finishFrom(clock, s, d);
          sw = fw = NaN;
          driver[i] = -1;
        } else {
          warned?.push(i);
          warnings?.push({ kind: 'constraint-overruled', task: o.nameOf(i), detail: `its links move it past its ${constraintName(c)} constraint`, minutes: clock.work(s) - clock.work(target) });
        }
      } else if (exact && s < target) {
        s = target;
        f = multi ? partsFinish(a, i, s) : finishFrom(clock, s, d);
        sw = fw = NaN;
        driver[i] = -1;
      }
    }
    es[i] = s;
    ef[i] = f;
    if (counts) {
      counts.start[i] = Number.isNaN(sw) ? countOf(clock, s) : sw;
      counts.finish[i] = Number.isNaN(fw) ? countOf(clock, f) : fw;
    }
  }
}

/** `clock.work(t)`, or NaN for a date that is not a moment on a working calendar (elapsed time counts any date as itself). */
function countOf(clock: WorkClock, t: LocalMinute): number {
  return Number.isFinite(t) || clock === ELAPSED_CLOCK ? clock.work(t) : NaN;
}

/**
 * The backward pass: each task's latest start and finish that keeps `projectFinish` and
 * every successor's late dates, in reverse topological order. With the forward pass's
 * `early` dates, a child under a summary that has start-side successors (SS, SF) keeps its
 * offset from the summary's start; without them (backward plans) every child takes the
 * summary's bound.
 */
export function backwardPass(g: Network, a: PlanArrays, projectFinish: LocalMinute, late: BackwardDates, early?: BackwardDates, counts: Counts | null = null, earlyCounts: Counts | null = null): void {
  const { start: ls, finish: lf } = late;
  // A summary's bounds live in its late dates from its exit node to its entry node (which
  // sets the dates from its children's); only its children read them in between.
  const lsb = ls;
  const lfb = lf;
  const { clocks, taskClock, lagClock, duration, lag, constraintDate, deadline, fixed, fixedStart, fixedFinish, delay, partStart } = a;
  const { order, parent, constraint, isSummary, outStart, outList, outSucc, outType, childStart, childList } = g;
  for (let x = order.length - 1; x >= 0; x--) {
    const node = order[x]!;
    const i = node >> 1;
    if ((node & 1) === 0) {
      if (!isSummary[i]) continue;
      let s = Infinity;
      let f = -Infinity;
      for (let k = childStart[i]!; k < childStart[i + 1]!; k++) {
        const child = childList[k]!;
        if (ls[child]! < s) s = ls[child]!;
        if (lf[child]! > f) f = lf[child]!;
      }
      ls[i] = s;
      lf[i] = f;
      if (counts) {
        const clock = clocks[taskClock[i]!]!;
        counts.start[i] = countOf(clock, s);
        counts.finish[i] = countOf(clock, f);
      }
      continue;
    }
    const p = parent[i]!;
    let fBound = p >= 0 ? lfb[p]! : projectFinish;
    let sBound = Infinity;
    if (p >= 0 && lsb[p]! !== Infinity) {
      // A summary's start-side successors bound its start, which is its earliest child's.
      // Its subtree moves as a block: each child may start as much later than the bound as
      // it starts after the summary in the forward pass (so a late child is not given
      // negative slack by a link that its earlier sibling already satisfies).
      const clock = clocks[taskClock[i]!]!;
      if (early) {
        const own = earlyCounts ? earlyCounts.start[i]! : clock.work(early.start[i]!);
        const summary = earlyCounts && taskClock[p] === taskClock[i] ? earlyCounts.start[p]! : clock.work(early.start[p]!);
        sBound = clock.startAt(clock.work(lsb[p]!) + own - summary);
      } else sBound = lsb[p]!;
    }
    for (let e = outStart[i]!; e < outStart[i + 1]!; e++) {
      const k = outList[e]!;
      const s = outSucc[e]!;
      const type = outType[e]!;
      const clock = clocks[lagClock[k]!]!;
      if (type === FS || type === FF) {
        const t = shift(clock, type === FS ? ls[s]! - delay[s]! : lf[s]!, -lag[k]!);
        if (t < fBound) fBound = t;
      } else {
        const t = shift(clock, type === SS ? ls[s]! - delay[s]! : lf[s]!, -lag[k]!);
        if (t < sBound) sBound = t;
      }
    }
    const c = constraint[i]!;
    const date = constraintDate[i]!;
    if (c === C.FNLT || c === C.MFO) fBound = Math.min(fBound, date);
    else if (c === C.SNLT || c === C.MSO) sBound = Math.min(sBound, date);
    if (Number.isFinite(deadline[i]!)) fBound = Math.min(fBound, deadline[i]!);
    if (isSummary[i]) {
      lsb[i] = sBound;
      lfb[i] = fBound;
      continue;
    }
    const clock = clocks[taskClock[i]!]!;
    if (fixed[i] === FIXED_COMPLETE) {
      ls[i] = fixedStart[i]!;
      lf[i] = fixedFinish[i]!;
      if (counts) {
        counts.start[i] = countOf(clock, ls[i]!);
        counts.finish[i] = countOf(clock, lf[i]!);
      }
      continue;
    }
    if (fixed[i] === FIXED_NONE && partStart !== null && partStart[i]! < partStart[i + 1]!) {
      // On several calendars at once: every part finishes by the bound, the first to start sets the late start.
      const f = partsFinishBy(a, i, Math.min(fBound, sBound === Infinity ? Infinity : partsFinish(a, i, sBound)));
      lf[i] = f;
      ls[i] = partsStartBy(a, i, f, false);
      if (counts) {
        counts.start[i] = countOf(clock, ls[i]!);
        counts.finish[i] = countOf(clock, lf[i]!);
      }
      continue;
    }
    const d = fixed[i] === FIXED_NONE ? duration[i]! : clock.work(fixedFinish[i]!) - clock.work(fixedStart[i]!);
    // snapStart, finishFrom, snapFinish and startFrom written out, each date's count kept
    // (`startAt(w)` and `finishAt(w)` are moments whose count is `w`).
    let fromStart = Infinity;
    if (sBound !== Infinity) {
      if (!Number.isFinite(sBound)) fromStart = finishFrom(clock, sBound, d);
      else {
        const w = clock.work(sBound);
        const snapped = d === 0 && clock.finishAt(w) === sBound ? sBound : clock.startAt(w);
        fromStart = d === 0 ? snapped : clock.finishAt(w + d);
      }
    }
    const bound = Math.min(fBound, fromStart);
    if (!Number.isFinite(bound)) {
      lf[i] = bound;
      ls[i] = startFrom(clock, bound, d);
      if (counts) {
        counts.start[i] = countOf(clock, ls[i]!);
        counts.finish[i] = countOf(clock, bound);
      }
      continue;
    }
    const w = clock.work(bound);
    const f = d === 0 && clock.startAt(w) === bound ? bound : clock.finishAt(w);
    lf[i] = f;
    ls[i] = d === 0 ? f : clock.startAt(w - d);
    if (counts) {
      counts.start[i] = w - d;
      counts.finish[i] = w;
    }
  }
}

function constraintName(code: number): string {
  return (Object.keys(C) as (keyof typeof C)[]).find((k) => C[k] === code) ?? 'date';
}
