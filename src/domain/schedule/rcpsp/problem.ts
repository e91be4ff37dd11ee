/**
 * Checks an {@link RcpspInput} and compiles it into the index-based form the search runs on:
 * compressed (CSR) adjacency both ways, per-job demand lists, a topological order.
 */
import { invalid, PharosError, type FieldIssue } from '../../errors.js';
import type { RcpspInput } from './types.js';

/** The compiled instance. Every array is indexed by job unless said otherwise. */
export type Problem = {
  n: number;
  /** Number of resources. */
  R: number;
  dur: Int32Array;
  cap: Int32Array;
  /** Demands with q > 0 of jobs with d > 0: job j owns entries dmStart[j] … dmStart[j+1]−1 of dmRes/dmQty. */
  dmStart: Int32Array;
  dmRes: Int32Array;
  dmQty: Int32Array;
  /**
   * Resource profiles pack the free capacity of `lanes` resources into each 32-bit word (4 lanes
   * of 7 bits, 2 of 15 bits, or 1 of 30 bits, by the largest capacity), `W` words per period, so
   * one subtraction tests several resources (SWAR): a lane has room for q when
   * ((word | guard) − q) keeps the lane's guard bit.
   */
  W: number;
  lanes: number;
  guard: number;
  /** Capacity of each profile word. */
  capWords: Int32Array;
  /** Packed demands of jobs with d > 0: job j owns entries pkStart[j] … pkStart[j+1]−1 of pkWord/pkQty. */
  pkStart: Int32Array;
  pkWord: Int32Array;
  pkQty: Int32Array;
  /** Predecessors (CSR): predJob/predLag/predArc[predStart[j] … predStart[j+1]−1]. */
  predStart: Int32Array;
  predJob: Int32Array;
  predLag: Int32Array;
  predArc: Int32Array;
  /** Successors, the same way. */
  succStart: Int32Array;
  succJob: Int32Array;
  succLag: Int32Array;
  succArc: Int32Array;
  release: Int32Array;
  /** Fixed start, or −1. */
  fixed: Int32Array;
  /** Priorities, or null when every job has the same. */
  priority: Float64Array | null;
  /** All jobs, predecessors first (ties: lower index first). */
  topo: Int32Array;
  /** The jobs that are not fixed, in topological order. */
  free: Int32Array;
  hasFixed: boolean;
  hasRelease: boolean;
  hasNegativeLag: boolean;
  /** Periods in a resource profile: no schedule generation pass can reach past it. */
  horizon: number;
  labels: readonly string[] | undefined;
};

/** Largest resource profile (periods × packed words) the engine accepts: 4 M cells, 16 MB (the search holds four). */
const MAX_PROFILE_CELLS = 1 << 22;
const MAX_VALUE = 1_000_000_000;

/** The name of job j in messages: its label when given, else its index. */
export function jobName(labels: readonly string[] | undefined, j: number): string {
  const label = labels?.[j];
  return label === undefined ? `job ${j}` : `job ${label}`;
}

function checkInts(issues: FieldIssue[], field: string, values: ArrayLike<number>, length: number, min: number): void {
  if (values.length !== length) {
    issues.push({ field, reason: `has ${values.length} entries, expected ${length}` });
    return;
  }
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < min || v > MAX_VALUE) {
      issues.push({ field: `${field}.${i}`, reason: `${v} is not a whole number from ${min} to ${MAX_VALUE}` });
      if (issues.length >= 20) return;
    }
  }
}

function csr(n: number, m: number, key: Int32Array, other: Int32Array, lag: Int32Array) {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[(key[k] as number) + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, n);
  const job = new Int32Array(m);
  const lags = new Int32Array(m);
  const arc = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const at = fill[key[k]!]!++;
    job[at] = other[k]!;
    lags[at] = lag[k]!;
    arc[at] = k;
  }
  return { start, job, lag: lags, arc };
}

/** A cycle among the jobs Kahn's algorithm could not order, as job indices, found without recursion. */
function findCycle(n: number, left: Int32Array, predStart: Int32Array, predJob: Int32Array): number[] {
  let j = 0;
  while (j < n && left[j] === 0) j++;
  const seenAt = new Int32Array(n).fill(-1);
  const path: number[] = [];
  for (;;) {
    seenAt[j] = path.length;
    path.push(j);
    let next = -1;
    for (let k = predStart[j]!; k < predStart[j + 1]!; k++) {
      if (left[predJob[k]!]! > 0) {
        next = predJob[k]!;
        break;
      }
    }
    if (seenAt[next]! >= 0) return path.slice(seenAt[next]!).reverse();
    j = next;
  }
}

/** Lane layout and packed demands (see {@link Problem.W}). */
function pack(n: number, R: number, cap: Int32Array, dur: Int32Array, demands: ArrayLike<number>) {
  let maxCap = 0;
  for (let r = 0; r < R; r++) maxCap = Math.max(maxCap, cap[r]!);
  const [lanes, bits, guard] = maxCap < 0x80 ? [4, 8, 0x80808080 | 0] : maxCap < 0x8000 ? [2, 16, 0x80008000 | 0] : [1, 31, 0x40000000];
  const W = Math.max(1, Math.ceil(R / lanes));
  const capWords = new Int32Array(W);
  for (let r = 0; r < R; r++) capWords[Math.floor(r / lanes)]! |= cap[r]! << (bits * (r % lanes));
  const pkStart = new Int32Array(n + 1);
  const pkWord: number[] = [];
  const pkQty: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let w = 0; w < W && dur[j]! > 0; w++) {
      let q = 0;
      for (let r = w * lanes; r < Math.min(R, (w + 1) * lanes); r++) q |= (demands[j * R + r] as number) << (bits * (r % lanes));
      if (q !== 0) {
        pkWord.push(w);
        pkQty.push(q);
      }
    }
    pkStart[j + 1] = pkWord.length;
  }
  return { W, lanes, guard, capWords, pkStart, pkWord: Int32Array.from(pkWord), pkQty: Int32Array.from(pkQty) };
}

/**
 * Validates `input` and compiles it. Throws a PharosError (`validation-failed`, naming each bad
 * field; `cycle` for a precedence cycle) on bad input.
 */
export function compileProblem(input: RcpspInput): Problem {
  const n = input.durations.length;
  const R = input.capacities.length;
  const labels = input.labels;
  const issues: FieldIssue[] = [];
  checkInts(issues, 'durations', input.durations, n, 0);
  checkInts(issues, 'capacities', input.capacities, R, 0);
  checkInts(issues, 'demands', input.demands, n * R, 0);
  const m = input.arcs.from.length;
  checkInts(issues, 'arcs.from', input.arcs.from, m, 0);
  checkInts(issues, 'arcs.to', input.arcs.to, m, 0);
  if (input.arcs.lag) checkInts(issues, 'arcs.lag', input.arcs.lag, m, -MAX_VALUE);
  if (input.releases) checkInts(issues, 'releases', input.releases, n, 0);
  if (input.fixedStarts) checkInts(issues, 'fixedStarts', input.fixedStarts, n, -1);
  if (input.priorities) {
    if (input.priorities.length !== n) issues.push({ field: 'priorities', reason: `has ${input.priorities.length} entries, expected ${n}` });
    else for (let j = 0; j < n; j++) if (!Number.isFinite(input.priorities[j])) issues.push({ field: `priorities.${j}`, reason: 'is not a finite number' });
  }
  if (labels && labels.length !== n) issues.push({ field: 'labels', reason: `has ${labels.length} entries, expected ${n}` });
  if (issues.length > 0) throw invalid(issues);

  const dur = Int32Array.from(input.durations);
  const cap = Int32Array.from(input.capacities);
  const from = Int32Array.from(input.arcs.from);
  const to = Int32Array.from(input.arcs.to);
  const lag = input.arcs.lag ? Int32Array.from(input.arcs.lag) : new Int32Array(m);
  for (let k = 0; k < m; k++) {
    if (from[k]! >= n || to[k]! >= n) issues.push({ field: `arcs.${k}`, reason: `joins job ${from[k]} to job ${to[k]} but there are ${n} jobs` });
  }
  const dmStart = new Int32Array(n + 1);
  const dmRes: number[] = [];
  const dmQty: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < R; r++) {
      const q = input.demands[j * R + r] as number;
      if (q > cap[r]! && dur[j]! > 0) {
        issues.push({ field: `demands.${j * R + r}`, reason: `${jobName(labels, j)} needs ${q} units of resource ${r + 1}, whose capacity is ${cap[r]}` });
      }
      if (q > 0 && dur[j]! > 0) {
        dmRes.push(r);
        dmQty.push(q);
      }
    }
    dmStart[j + 1] = dmRes.length;
  }
  if (issues.length > 0) throw invalid(issues);

  const pred = csr(n, m, to, from, lag);
  const succ = csr(n, m, from, to, lag);
  const left = new Int32Array(n);
  for (let j = 0; j < n; j++) left[j] = pred.start[j + 1]! - pred.start[j]!;
  // Kahn with a queue in index order: ties go to the lower index, so the order is reproducible.
  const topo = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n; j++) if (left[j] === 0) topo[tail++] = j;
  while (head < tail) {
    const j = topo[head++]!;
    for (let k = succ.start[j]!; k < succ.start[j + 1]!; k++) if (--left[succ.job[k]!]! === 0) topo[tail++] = succ.job[k]!;
  }
  if (tail < n) {
    const cycle = findCycle(n, left, pred.start, pred.job);
    const path = [...cycle, cycle[0]!].map((j) => jobName(labels, j)).join(' → ');
    throw new PharosError('cycle', `arcs: the precedence arcs form a cycle (${path})`, { issues: [{ field: 'arcs', reason: `cycle ${path}` }] });
  }

  const release = input.releases ? Int32Array.from(input.releases) : new Int32Array(n);
  const fixed = input.fixedStarts ? Int32Array.from(input.fixedStarts) : new Int32Array(n).fill(-1);
  let hasFixed = false;
  let anchor = 0;
  let work = 0;
  for (let j = 0; j < n; j++) {
    if (fixed[j]! >= 0) {
      hasFixed = true;
      anchor = Math.max(anchor, fixed[j]! + dur[j]!);
    }
    anchor = Math.max(anchor, release[j]!);
    work += dur[j]!;
  }
  for (let k = 0; k < m; k++) work += Math.max(0, lag[k]!);
  // A forward pass never starts a job after max(anchor, partial makespan) + its incoming lags; a
  // backward pass stays within twice that. So 2·(anchor + Σd + Σ positive lags) + 1 bounds both.
  const horizon = 2 * (anchor + work) + 1;
  const packing = pack(n, R, cap, dur, input.demands);
  if (horizon * packing.W > MAX_PROFILE_CELLS) {
    throw invalid([{ field: 'durations', reason: `the schedule could span ${horizon} periods × ${R} resource${R === 1 ? '' : 's'}, too long to level; use a coarser period` }]);
  }
  const free = topo.filter((j) => fixed[j]! < 0);
  return {
    n, R, dur, cap,
    dmStart, dmRes: Int32Array.from(dmRes), dmQty: Int32Array.from(dmQty),
    ...packing,
    predStart: pred.start, predJob: pred.job, predLag: pred.lag, predArc: pred.arc,
    succStart: succ.start, succJob: succ.job, succLag: succ.lag, succArc: succ.arc,
    release, fixed,
    priority: input.priorities && new Set(Array.from(input.priorities)).size > 1 ? Float64Array.from(input.priorities) : null,
    topo, free,
    hasFixed,
    hasRelease: release.some((r) => r > 0),
    hasNegativeLag: lag.some((l) => l < 0),
    horizon,
    labels,
  };
}
