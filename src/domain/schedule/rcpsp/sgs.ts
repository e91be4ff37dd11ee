/**
 * The serial schedule generation scheme (SGS): takes jobs one by one in the order of an activity
 * list and starts each at the earliest period at which its predecessors are done and every
 * resource it needs has room for its whole duration. The same code runs backward (on the
 * reversed network, in reversed time) for justification.
 */
import { capacityProfile } from './bounds.js';
import type { Problem } from './problem.js';

/** One direction of time: the arcs into each job, the bounds on starts, the profile of fixed jobs. */
export type Direction = {
  predStart: Int32Array;
  predJob: Int32Array;
  predLag: Int32Array;
  /** Lower bound on each job's start (releases going forward; 0 going backward). */
  earliest: Int32Array;
  /** Start after which a job breaks an arc into a fixed job (the earliest such start); null when no job can. */
  latest: Int32Array | null;
  /** Latest start of job j for each of its arcs into a fixed job: deadline[deadlineStart[j] … deadlineStart[j+1]−1]. */
  deadlineStart: Int32Array;
  deadline: Int32Array;
  /** Capacity left per period once fixed jobs are placed (packed, `W` words per period). */
  template: Int32Array;
  /** Periods from which `template` is plain capacity. */
  templateHi: number;
  /** Latest finish of a fixed job in this direction's time. */
  fixedMakespan: number;
};

/** Scratch memory for the passes: one resource profile, reused without allocation. */
export type Workspace = {
  avail: Int32Array;
  /** From this period on, `avail` holds plain capacity. */
  dirtyHi: number;
  /** Arcs into fixed jobs the last pass broke. */
  violations: number;
};

/** A workspace for passes over `p`: one packed profile of `p.horizon` periods, at plain capacity. */
export function createWorkspace(p: Problem): Workspace {
  return { avail: capacityProfile(p), dirtyHi: 0, violations: 0 };
}

/**
 * The forward direction: the input's own arcs, releases and fixed starts. A free job breaks
 * an arc into a fixed successor when it starts after that successor's start − lag − its duration.
 */
export function forwardDirection(p: Problem, template: Int32Array): Direction {
  let fixedMakespan = 0;
  for (let j = 0; j < p.n; j++) if (p.fixed[j]! >= 0) fixedMakespan = Math.max(fixedMakespan, p.fixed[j]! + p.dur[j]!);
  const deadlineStart = new Int32Array(p.n + 1);
  const deadline: number[] = [];
  const latest = new Int32Array(p.n).fill(0x3fffffff);
  for (let j = 0; j < p.n; j++) {
    for (let k = p.succStart[j]!; k < p.succStart[j + 1]! && p.fixed[j]! < 0; k++) {
      const s = p.succJob[k]!;
      if (p.fixed[s]! < 0) continue;
      const by = p.fixed[s]! - p.succLag[k]! - p.dur[j]!;
      deadline.push(by);
      latest[j] = Math.min(latest[j]!, by);
    }
    deadlineStart[j + 1] = deadline.length;
  }
  return {
    predStart: p.predStart,
    predJob: p.predJob,
    predLag: p.predLag,
    earliest: p.release,
    latest: deadline.length > 0 ? latest : null,
    deadlineStart,
    deadline: Int32Array.from(deadline),
    template,
    templateHi: fixedMakespan,
    fixedMakespan,
  };
}

/**
 * Runs the serial SGS on the first `count` jobs of `list` (a precedence-feasible order of the free
 * jobs), writing each start into `start` (which already holds the fixed jobs' starts), and
 * returns the makespan. Jobs start no earlier than `dir.earliest`; ws.violations counts the
 * arcs into fixed jobs that the starts break.
 *
 * @example
 * // list [0, 1] for two 3-period jobs that each need 2 of 3 units: job 1 waits for job 0.
 * serialPass(p, forwardDirection(p, fixedProfile(p)), createWorkspace(p), Int32Array.of(0, 1), 2, start) // 6; start = [0, 3]
 */
export function serialPass(p: Problem, dir: Direction, ws: Workspace, list: Int32Array, count: number, start: Int32Array): number {
  const { W, guard, dur, pkStart, pkWord, pkQty } = p;
  const { predStart, predJob, predLag, earliest, latest } = dir;
  const avail = ws.avail;
  const reset = Math.max(ws.dirtyHi, dir.templateHi) * W;
  const template = dir.template;
  for (let i = 0; i < reset; i++) avail[i] = template[i]!;
  let hi = dir.templateHi;
  let makespan = dir.fixedMakespan;
  let violations = 0;
  const horizon = p.horizon;
  for (let x = 0; x < count; x++) {
    const j = list[x]!;
    let t = earliest[j]!;
    for (let k = predStart[j]!, e = predStart[j + 1]!; k < e; k++) {
      const q = predJob[k]!;
      const f = start[q]! + dur[q]! + predLag[k]!;
      if (f > t) t = f;
    }
    const d = dur[j]!;
    const a = pkStart[j]!;
    const b = pkStart[j + 1]!;
    if (b - a === 1) {
      // One profile word (every PSPLIB job): the same search without the loop over words.
      const w = pkWord[a]!;
      const q = pkQty[a]!;
      let known = t;
      let end = t + d;
      for (;;) {
        let u = end - 1;
        while (u >= known && (((avail[u * W + w]! | guard) - q) & guard) === guard) u--;
        if (u < known) break;
        known = end;
        t = u + 1;
        end = t + d;
      }
      if (end > horizon) throw new RangeError('rcpsp: a pass ran past the profile horizon');
      for (let v = t; v < end; v++) avail[v * W + w]! -= q;
      if (end > hi) hi = end;
    } else if (a < b) {
      // Find the first window [t, t + d) with room. Periods [t, known) are known to have room;
      // the others are tested from the right, so one full period moves the window past all of
      // the periods left of it. Every period is tested at most once.
      let known = t;
      let end = t + d;
      for (;;) {
        let u = end - 1;
        for (; u >= known; u--) {
          const base = u * W;
          let k = a;
          while (k < b && (((avail[base + pkWord[k]!]! | guard) - pkQty[k]!) & guard) === guard) k++;
          if (k < b) break;
        }
        if (u < known) break;
        known = end;
        t = u + 1;
        end = t + d;
      }
      if (end > horizon) throw new RangeError('rcpsp: a pass ran past the profile horizon');
      for (let v = t; v < end; v++) {
        const base = v * W;
        for (let k = a; k < b; k++) avail[base + pkWord[k]!]! -= pkQty[k]!;
      }
      if (end > hi) hi = end;
    }
    start[j] = t;
    if (latest !== null && t > latest[j]!) {
      for (let k = dir.deadlineStart[j]!; k < dir.deadlineStart[j + 1]!; k++) if (t > dir.deadline[k]!) violations++;
    }
    if (t + d > makespan) makespan = t + d;
  }
  ws.dirtyHi = hi;
  ws.violations = violations;
  return makespan;
}
