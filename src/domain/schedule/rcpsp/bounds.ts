/**
 * Resource-free bounds of an instance: the precedence-only (critical path) schedule, latest
 * starts, and the lower bound on the makespan. Also rejects fixed jobs that no schedule can keep.
 */
import { invalid } from '../../errors.js';
import { jobName, type Problem } from './problem.js';

export type Cpm = {
  /** Earliest start of each job ignoring resources (releases, lags and fixed starts honoured). */
  es: Int32Array;
  /** Latest start of each job for a project finishing at `length` (fixed jobs: their start). */
  ls: Int32Array;
  /** Makespan of the precedence-only schedule (the critical-path bound). */
  length: number;
};

/**
 * Forward and backward critical-path passes in topological order, ignoring resources; times in
 * periods. Throws when a fixed start comes before what its release or predecessors allow.
 *
 * @example
 * criticalPath(compileProblem({ durations: [2, 3], capacities: [], demands: [], arcs: { from: [0], to: [1] } }))
 * // { es: [0, 2], ls: [0, 2], length: 5 }
 */
export function criticalPath(p: Problem): Cpm {
  const { n, dur, topo } = p;
  const es = new Int32Array(n);
  let length = 0;
  for (let x = 0; x < n; x++) {
    const j = topo[x]!;
    let t = p.release[j]!;
    for (let k = p.predStart[j]!; k < p.predStart[j + 1]!; k++) t = Math.max(t, es[p.predJob[k]!]! + dur[p.predJob[k]!]! + p.predLag[k]!);
    if (p.fixed[j]! >= 0) {
      if (p.fixed[j]! < t) {
        throw invalid([{ field: `fixedStarts.${j}`, reason: `${jobName(p.labels, j)} is fixed at ${p.fixed[j]} but its release or predecessors allow no start before ${t}` }]);
      }
      t = p.fixed[j]!;
    }
    es[j] = t;
    length = Math.max(length, t + dur[j]!);
  }
  const ls = new Int32Array(n);
  for (let x = n - 1; x >= 0; x--) {
    const j = topo[x]!;
    let t = length - dur[j]!;
    for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) t = Math.min(t, ls[p.succJob[k]!]! - p.succLag[k]! - dur[j]!);
    ls[j] = p.fixed[j]! >= 0 ? p.fixed[j]! : t;
  }
  return { es, ls, length };
}

/** max over r of ceil(Σ_j d_j·q_jr / capacity_r): no schedule finishes all the work sooner. */
export function resourceBound(p: Problem): number {
  const load = new Float64Array(p.R);
  for (let j = 0; j < p.n; j++) {
    for (let k = p.dmStart[j]!; k < p.dmStart[j + 1]!; k++) load[p.dmRes[k]!]! += p.dur[j]! * p.dmQty[k]!;
  }
  let bound = 0;
  for (let r = 0; r < p.R; r++) if (load[r]! > 0) bound = Math.max(bound, Math.ceil(load[r]! / p.cap[r]!));
  return bound;
}

/** Subtracts job j started at `s` from a packed profile (see {@link Problem.W}). */
export function placeJob(p: Problem, profile: Int32Array, j: number, s: number): void {
  const W = p.W;
  for (let k = p.pkStart[j]!; k < p.pkStart[j + 1]!; k++) {
    for (let t = s; t < s + p.dur[j]!; t++) profile[t * W + p.pkWord[k]!]! -= p.pkQty[k]!;
  }
}

/** A packed profile of plain capacity over `p.horizon` periods. */
export function capacityProfile(p: Problem): Int32Array {
  const profile = new Int32Array(p.horizon * p.W);
  for (let t = 0; t < p.horizon; t++) profile.set(p.capWords, t * p.W);
  return profile;
}

/**
 * Capacity left in each period once the fixed jobs are placed, as a packed profile over
 * `p.horizon` periods. Throws when fixed jobs alone exceed a capacity, naming them.
 */
export function fixedProfile(p: Problem): Int32Array {
  const profile = capacityProfile(p);
  if (!p.hasFixed) return profile;
  const { R, n } = p;
  const used = new Float64Array(p.horizon * R);
  for (let j = 0; j < n; j++) {
    const s = p.fixed[j]!;
    if (s < 0) continue;
    for (let k = p.dmStart[j]!; k < p.dmStart[j + 1]!; k++) {
      const r = p.dmRes[k]!;
      for (let t = s; t < s + p.dur[j]!; t++) {
        used[t * R + r]! += p.dmQty[k]!;
        if (used[t * R + r]! > p.cap[r]!) {
          const clash: string[] = [];
          for (let i = 0; i <= j; i++) {
            const uses = p.dmRes.subarray(p.dmStart[i]!, p.dmStart[i + 1]!).includes(r);
            if (uses && p.fixed[i]! >= 0 && p.fixed[i]! <= t && t < p.fixed[i]! + p.dur[i]!) clash.push(jobName(p.labels, i));
          }
          throw invalid([{ field: `fixedStarts.${j}`, reason: `${clash.join(' and ')} are fixed and together need more than the ${p.cap[r]} units of resource ${r + 1} in period ${t}` }]);
        }
      }
    }
    placeJob(p, profile, j, s);
  }
  return profile;
}
