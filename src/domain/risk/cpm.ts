import type { CompiledModel } from './compile.js';
import type { Kernel } from './kernel.js';

/**
 * The CPM passes of one block, vectorised over its c iterations: task-major rows of B
 * (task j's iterations at j·B … j·B + c), every inner loop over one contiguous row.
 *
 * Forward, in topological order: a task's early start is the latest its links allow, never
 * before 0; its early finish (start + duration) goes into `times`, and the iteration's finish
 * `fin` is the latest early finish. Backward from that finish: the late finish is the earliest
 * its successors allow, never after the finish; `times` then holds the late start, and a task
 * whose late start equals its early start (total float within 1e-9 × (1 + finish)) is counted
 * as critical in `critical`. One array serves both passes: a task's early finish is read for
 * the last time just before its late start replaces it.
 *
 * Two bounds spare work without changing a value (max and min are exact, whatever their
 * order): a finish-to-start link with a lag ≥ 0 from a predecessor gives a start ≥ 0 (early
 * finishes are never negative), so such a link, when a task has one, starts the running
 * maximum instead of 0; and such a link to a successor gives a late finish ≤ the finish (late
 * starts never exceed it), so it starts the running minimum instead of the finish, and a task
 * that has one can never hold the finish.
 *
 * `row` and `tol` are scratch rows of at least c.
 *
 * @example
 * const fin = new Float64Array(1);
 * forwardBackward(m, 1, 1, Float64Array.from(m.durations, (d) => d.mode), new Float64Array(m.n), fin, new Float64Array(m.n));
 * fin[0]; // the deterministic finish in working days
 */
/**
 * The pair a comparison picks from. Which of two durations' paths is longer is a coin toss
 * in a simulation, so a branch on it is mispredicted half the time; indexing by the
 * comparison's 0 or 1 compiles without a branch and is about twice as fast in these loops.
 */
const pick = new Float64Array(2);

/** b when b > a, else a: max(a, b), choosing a on ties as `if (b > a) a = b` does. */
function later(a: number, b: number): number {
  pick[0] = a;
  pick[1] = b;
  return pick[+(b > a)]!;
}

/** b when b < a, else a. */
function earlier(a: number, b: number): number {
  pick[0] = a;
  pick[1] = b;
  return pick[+(b < a)]!;
}

export function forwardBackward(
  m: CompiledModel,
  B: number,
  c: number,
  dur: Float64Array,
  times: Float64Array,
  fin: Float64Array,
  critical: Float64Array,
  row: Float64Array = new Float64Array(c),
  tol: Float64Array = new Float64Array(c),
): void {
  passes(m, B, c, dur, times, fin, critical, row, tol, null);
}

/**
 * {@link forwardBackward} on the rows of a {@link Kernel} (its durations filled for the
 * block's c iterations, stride `k.stride`): the usual shapes run in the kernel, two
 * iterations at a time, the others as in forwardBackward. Same numbers; the finish of each
 * iteration goes to `fin[0..c)`.
 */
export function forwardBackwardInKernel(m: CompiledModel, k: Kernel, c: number, fin: Float64Array, critical: Float64Array): void {
  passes(m, k.stride, c, k.dur, k.times, k.fin, critical, k.row, k.tol, k);
  fin.set(k.fin.subarray(0, c));
}

function passes(m: CompiledModel, B: number, c: number, dur: Float64Array, times: Float64Array, fin: Float64Array, critical: Float64Array, row: Float64Array, tol: Float64Array, k: Kernel | null): void {
  const { order, predStart, predIdx, predType, predLag, succStart, succIdx, succType, succLag, predBound, succBound, n } = m;
  const t = times;
  // In the kernel, rows are whole pairs: the lane past an odd c is computed and never counted.
  const pairs = k ? c + (c & 1) : c;
  const end = pairs * 8;
  const finAt = k ? fin.byteOffset : 0;
  const tolAt = k ? tol.byteOffset : 0;
  fin.fill(0, 0, pairs);
  const plan = k ? planFor(m, k) : null;
  for (let o = 0; o < n; o++) {
    if (plan) {
      // A run of the usual shapes in one call to the kernel.
      const runEnd = plan.forwardRunEnd[o]!;
      if (runEnd > o) {
        k!.forward(k!.forwardPlan.byteOffset, k!.forwardLags.byteOffset, o, runEnd, finAt, tolAt, end);
        o = runEnd - 1;
        continue;
      }
    }
    const j = order[o]!;
    const jb = j * B;
    const from = predStart[j]!;
    const to = predStart[j + 1]!;
    const first = predBound[j]!;
    const holds = succBound[j]! < 0; // may hold the finish
    // The usual shapes take one pass: no predecessor; one to three finish-to-start links, one bounding.
    if (from === to) {
      for (let i = 0; i < c; i++) {
        const f = 0 + dur[jb + i]!;
        t[jb + i] = f;
        if (holds) fin[i] = later(fin[i]!, f);
      }
      continue;
    }
    if (fewFinishToStart(predType, from, to, first)) {
      const kb = others[0]!;
      const kc = others[1]!;
      const ab = predIdx[first]! * B;
      const lagA = predLag[first]!;
      if (to - from === 1) {
        for (let i = 0; i < c; i++) {
          const f = t[ab + i]! + lagA + dur[jb + i]!;
          t[jb + i] = f;
          if (holds) fin[i] = later(fin[i]!, f);
        }
        continue;
      }
      const bb = predIdx[kb]! * B;
      const cb = predIdx[kc]! * B;
      const lagB = predLag[kb]!;
      const lagC = predLag[kc]!;
      for (let i = 0; i < c; i++) {
        const es = later(later(t[ab + i]! + lagA, t[bb + i]! + lagB), t[cb + i]! + lagC);
        const f = es + dur[jb + i]!;
        t[jb + i] = f;
        if (holds) fin[i] = later(fin[i]!, f);
      }
      continue;
    }
    if (first >= 0) {
      const pb = predIdx[first]! * B;
      const lag = predLag[first]!;
      for (let i = 0; i < c; i++) row[i] = t[pb + i]! + lag;
    } else row.fill(0, 0, c);
    for (let k = from; k < to; k++) {
      if (k === first) continue;
      const pb = predIdx[k]! * B;
      const lag = predLag[k]!;
      switch (predType[k]) {
        case 0: // FS
          for (let i = 0; i < c; i++) row[i] = later(row[i]!, t[pb + i]! + lag);
          break;
        case 1: // SS
          for (let i = 0; i < c; i++) row[i] = later(row[i]!, t[pb + i]! - dur[pb + i]! + lag);
          break;
        case 2: // FF
          for (let i = 0; i < c; i++) row[i] = later(row[i]!, t[pb + i]! + lag - dur[jb + i]!);
          break;
        default: // SF
          for (let i = 0; i < c; i++) row[i] = later(row[i]!, t[pb + i]! - dur[pb + i]! + lag - dur[jb + i]!);
      }
    }
    for (let i = 0; i < c; i++) {
      const f = row[i]! + dur[jb + i]!;
      t[jb + i] = f;
      if (holds) fin[i] = later(fin[i]!, f);
    }
  }
  for (let i = 0; i < c; i++) tol[i] = 1e-9 * (1 + fin[i]!);
  if (pairs > c) tol[c] = -Infinity;
  for (let o = n - 1; o >= 0; o--) {
    if (plan) {
      const runStart = plan.backwardRunStart[o]!;
      if (runStart < o + 1) {
        k!.backward(k!.backwardPlan.byteOffset, k!.backwardLags.byteOffset, runStart, o + 1, finAt, tolAt, end);
        const counts = k!.backwardPlan;
        for (let p = runStart; p <= o; p++) critical[order[p]!]! += counts[p * 8 + 6]!;
        o = runStart;
        continue;
      }
    }
    const j = order[o]!;
    const jb = j * B;
    const from = succStart[j]!;
    const to = succStart[j + 1]!;
    const first = succBound[j]!;
    let count = 0;
    // The same shapes as forward: the late finish, then in the same pass the late start and zero float.
    if (from === to) {
      for (let i = 0; i < c; i++) {
        const d = dur[jb + i]!;
        const late = fin[i]! - d;
        count += +(late - (t[jb + i]! - d) <= tol[i]!);
        t[jb + i] = late;
      }
      critical[j]! += count;
      continue;
    }
    if (fewFinishToStart(succType, from, to, first)) {
      const kb = others[0]!;
      const kc = others[1]!;
      const ab = succIdx[first]! * B;
      const bb = succIdx[kb]! * B;
      const cb = succIdx[kc]! * B;
      const lagA = succLag[first]!;
      const lagB = succLag[kb]!;
      const lagC = succLag[kc]!;
      if (to - from === 1) {
        for (let i = 0; i < c; i++) {
          const d = dur[jb + i]!;
          const late = t[ab + i]! - lagA - d;
          count += +(late - (t[jb + i]! - d) <= tol[i]!);
          t[jb + i] = late;
        }
      } else {
        for (let i = 0; i < c; i++) {
          const d = dur[jb + i]!;
          const late = earlier(earlier(t[ab + i]! - lagA, t[bb + i]! - lagB), t[cb + i]! - lagC) - d;
          count += +(late - (t[jb + i]! - d) <= tol[i]!);
          t[jb + i] = late;
        }
      }
      critical[j]! += count;
      continue;
    }
    if (first >= 0) {
      const sb = succIdx[first]! * B;
      const lag = succLag[first]!;
      for (let i = 0; i < c; i++) row[i] = t[sb + i]! - lag;
    } else for (let i = 0; i < c; i++) row[i] = fin[i]!;
    for (let k = from; k < to; k++) {
      if (k === first) continue;
      const sb = succIdx[k]! * B;
      const lag = succLag[k]!;
      switch (succType[k]) {
        case 0: // FS: finish + lag ≤ successor's late start
          for (let i = 0; i < c; i++) row[i] = earlier(row[i]!, t[sb + i]! - lag);
          break;
        case 1: // SS: start + lag ≤ successor's late start
          for (let i = 0; i < c; i++) row[i] = earlier(row[i]!, t[sb + i]! - lag + dur[jb + i]!);
          break;
        case 2: // FF: finish + lag ≤ successor's late finish
          for (let i = 0; i < c; i++) row[i] = earlier(row[i]!, t[sb + i]! + dur[sb + i]! - lag);
          break;
        default: // SF: start + lag ≤ successor's late finish
          for (let i = 0; i < c; i++) row[i] = earlier(row[i]!, t[sb + i]! + dur[sb + i]! - lag + dur[jb + i]!);
      }
    }
    // row holds the late finish: the late start replaces the early finish, zero float counts.
    for (let i = 0; i < c; i++) {
      const d = dur[jb + i]!;
      const late = row[i]! - d;
      count += +(late - (t[jb + i]! - d) <= tol[i]!);
      t[jb + i] = late;
    }
    critical[j]! += count;
  }
}

/** The two links other than the bounding one that {@link fewFinishToStart} found. */
const others = new Int32Array(2);

/**
 * When the links [from, to) of a task are one to three, all finish-to-start, one of them
 * the bounding link `first`: true, with the other two in {@link others} (the bounding one
 * standing in for a missing one, which a max or a min ignores).
 */
function fewFinishToStart(type: Uint8Array, from: number, to: number, first: number): boolean {
  const count = to - from;
  if (first < 0 || count > 3) return false;
  for (let k = from; k < to; k++) if (type[k] !== 0) return false;
  others[0] = count === 1 ? first : from === first ? from + 1 : from;
  others[1] = count === 3 ? (from + 2 === first ? from + 1 : from + 2) : first;
  return true;
}

/** Where runs of the usual shapes end (forward, exclusive) and start (backward), by position in topological order. */
type Plan = { readonly forwardRunEnd: Int32Array; readonly backwardRunStart: Int32Array };

const plans = new WeakMap<Kernel, { readonly m: CompiledModel; readonly plan: Plan }>();

/**
 * The kernel's plan records for a model (kept for the kernel's next block of the same model):
 * for each task, by position, the rows its forward and backward rows read and write, its lags
 * and flags (see `planRows` in kernel.ts), and where each run of the usual shapes ends, or,
 * for a task of another shape, its own position (then the JavaScript rows run).
 */
function planFor(m: CompiledModel, k: Kernel): Plan {
  const kept = plans.get(k);
  if (kept?.m === m) return kept.plan;
  const { order, predStart, predIdx, predType, predLag, succStart, succIdx, succType, succLag, predBound, succBound, n } = m;
  const S = k.stride;
  const row = (j: number) => k.times.byteOffset + j * S * 8;
  const fast = (start: Int32Array, type: Uint8Array, first: number, j: number) => start[j] === start[j + 1] || fewFinishToStart(type, start[j]!, start[j + 1]!, first);
  const write = (plan: Int32Array, lags: Float64Array, o: number, j: number, idx: Int32Array, lag: Float64Array, from: number, to: number, first: number, none: number, holds: boolean) => {
    const three = to - from > 1;
    const a = from === to ? none : row(idx[first]!);
    plan.set([row(j), a, three ? row(idx[others[0]!]!) : a, three ? row(idx[others[1]!]!) : a, k.dur.byteOffset + j * S * 8, (holds ? 1 : 0) | (three ? 2 : 0), 0, 0], o * 8);
    lags.set([from === to ? 0 : lag[first]!, three ? lag[others[0]!]! : 0, three ? lag[others[1]!]! : 0, 0], o * 4);
  };
  const forwardRunEnd = new Int32Array(n);
  const backwardRunStart = new Int32Array(n);
  for (let o = n - 1, runEnd = n; o >= 0; o--) {
    const j = order[o]!;
    const ok = fast(predStart, predType, predBound[j]!, j);
    if (ok) write(k.forwardPlan, k.forwardLags, o, j, predIdx, predLag, predStart[j]!, predStart[j + 1]!, predBound[j]!, k.zeros.byteOffset, succBound[j]! < 0);
    runEnd = ok ? runEnd : o;
    forwardRunEnd[o] = ok ? runEnd : o;
  }
  for (let o = 0, runStart = 0; o < n; o++) {
    const j = order[o]!;
    const ok = fast(succStart, succType, succBound[j]!, j);
    if (ok) write(k.backwardPlan, k.backwardLags, o, j, succIdx, succLag, succStart[j]!, succStart[j + 1]!, succBound[j]!, k.fin.byteOffset, false);
    runStart = ok ? runStart : o + 1;
    backwardRunStart[o] = ok ? runStart : o + 1;
  }
  const plan = { forwardRunEnd, backwardRunStart };
  plans.set(k, { m, plan });
  return plan;
}
