import { invalid } from '../errors.js';
import type { CompiledModel } from './compile.js';
import { imanConover, normalScores } from './correlation.js';
import { quantiles, UNIFORM, type Dist } from './distributions.js';
import { fillUniforms, streamSeed } from './prng.js';
import type { Sampling, SimulationOptions } from './types.js';

/** Iterations per Latin hypercube block unless the options say otherwise. */
export const DEFAULT_BLOCK = 250;

/**
 * What a range of whole blocks of iterations produced. Chunks of consecutive ranges merge
 * ({@link mergeChunks}) into exactly what one run over the union gives.
 */
export type ChunkResult = {
  readonly from: number;
  readonly to: number;
  /** Finish (working days from the start) and cost of each iteration from `from`. */
  readonly finish: Float64Array;
  readonly cost: Float64Array;
  /** Iterations in which each task was critical (zero total float). */
  readonly critical: Float64Array;
  /** Σ over blocks of (block size × Spearman correlation in the block) of each task's duration with the finish, and with the cost. */
  readonly taskFinishRho: Float64Array;
  readonly taskCostRho: Float64Array;
  /** The same for each risk's effect (days it added; its cost when it has one). */
  readonly riskFinishRho: Float64Array;
  readonly riskCostRho: Float64Array;
  /** Iterations in which each risk happened. */
  readonly occurred: Float64Array;
};

/** Checks run options; throws a validation error naming the field. */
export function checkOptions(o: SimulationOptions): void {
  const issues = [];
  if (!Number.isInteger(o.iterations) || o.iterations < 2) issues.push({ field: 'iterations', reason: 'must be a whole number of at least 2' });
  if (!Number.isInteger(o.seed)) issues.push({ field: 'seed', reason: 'must be a whole number' });
  if (o.block !== undefined && (!Number.isInteger(o.block) || o.block < 2)) issues.push({ field: 'block', reason: 'must be a whole number of at least 2' });
  if (o.sampling !== undefined && o.sampling !== 'lhs' && o.sampling !== 'random') issues.push({ field: 'sampling', reason: 'must be lhs or random' });
  if (issues.length) throw invalid(issues);
}

/** Number of blocks of a run. */
export function blockCount(o: SimulationOptions): number {
  return Math.ceil(o.iterations / (o.block ?? DEFAULT_BLOCK));
}

const UNIT: Dist = { kind: UNIFORM, min: 0, mode: 0.5, max: 1, table: null, values: null };

/** Buffers reused across the blocks of a chunk. */
type Work = {
  dur: Float64Array;
  es: Float64Array;
  lf: Float64Array;
  rank: Int32Array;
  /** Ranks of a variable other than a task's duration. */
  vrank: Int32Array;
  states: Int32Array;
  u: Float64Array;
  q: Float64Array;
  tmp: Float64Array;
  finishRank: Float64Array;
  costRank: Float64Array;
  effect: Float64Array;
  effectCost: Float64Array;
  effectRank: Float64Array;
  occurs: Uint8Array;
  sorted: Float64Array;
};

/**
 * Midranks (0-based; ties share their mean rank) of `x[0..c)` into `out`: a native sort of
 * the values, then each value's rank is the middle of its run of equals, found by bisection.
 */
function midranks(x: Float64Array, c: number, sorted: Float64Array, out: Float64Array): void {
  const s = sorted.subarray(0, c);
  s.set(x.subarray(0, c));
  s.sort();
  for (let i = 0; i < c; i++) {
    const v = x[i]!;
    let lo = 0;
    let hi = c;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (s[m]! < v) lo = m + 1;
      else hi = m;
    }
    let up = lo;
    hi = c;
    while (up < hi) {
      const m = (up + hi) >>> 1;
      if (s[m]! <= v) up = m + 1;
      else hi = m;
    }
    out[i] = (lo + up - 1) / 2;
  }
}

/** Pearson correlation of a permutation of 0..c−1 (`rank`, from `offset`) with midranks `y`. */
function rankCorrelation(rank: Int32Array, offset: number, y: Float64Array, c: number, yVar: number): number {
  if (yVar <= 0) return 0;
  const mean = (c - 1) / 2;
  let s = 0;
  for (let i = 0; i < c; i++) s += rank[offset + i]! * y[i]!;
  return (s / c - mean * mean) / Math.sqrt(((c * c - 1) / 12) * yVar);
}

function variance(y: Float64Array, c: number): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < c; i++) {
    s += y[i]!;
    s2 += y[i]! * y[i]!;
  }
  const m = s / c;
  return s2 / c - m * m;
}

function pearson(x: Float64Array, y: Float64Array, c: number, yVar: number): number {
  const xVar = variance(x, c);
  if (xVar <= 1e-12 || yVar <= 0) return 0;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < c; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxy += x[i]! * y[i]!;
  }
  return (sxy / c - (sx / c) * (sy / c)) / Math.sqrt(xVar * yVar);
}

/**
 * Draws variable `v` of block `block` (c iterations): a random permutation `rank` (the rank
 * of each iteration's sample) from the stream of (seed, block, v), returning the stream's
 * state after it, from which {@link drawValues} continues.
 */
function drawRanks(seed: number, block: number, v: number, c: number, rank: Int32Array, offset: number, tmp: Float64Array): number {
  const state = fillUniforms(streamSeed(seed, block, v), tmp, c);
  for (let i = 0; i < c; i++) rank[offset + i] = i;
  for (let i = c - 1; i > 0; i--) {
    const j = Math.floor(tmp[i]! * (i + 1));
    const t = rank[offset + i]!;
    rank[offset + i] = rank[offset + j]!;
    rank[offset + j] = t;
  }
  return state;
}

/**
 * The uniforms of a variable: its c ordered points q (Latin hypercube: one in each stratum
 * [k/c, (k+1)/c); random: c sorted independent uniforms), placed by `rank`.
 */
function drawValues(state: number, sampling: Sampling, c: number, rank: Int32Array, offset: number, w: Work): Float64Array {
  fillUniforms(state, w.q, c);
  if (sampling === 'lhs') for (let k = 0; k < c; k++) w.q[k] = (k + w.q[k]!) / c;
  else w.q.subarray(0, c).sort();
  for (let i = 0; i < c; i++) w.u[i] = w.q[rank[offset + i]!]!;
  return w.u;
}

/** Samples a variable straight into `out` (no rank kept). */
function sampleVariable(seed: number, block: number, v: number, c: number, d: Dist, sampling: Sampling, w: Work, out: Float64Array): void {
  const state = drawRanks(seed, block, v, c, w.vrank, 0, w.tmp);
  quantiles(d, drawValues(state, sampling, c, w.vrank, 0, w), out, 0, c);
}

function allocate(m: CompiledModel, B: number): Work {
  const r = m.riskIds.length;
  return {
    dur: new Float64Array(m.n * B),
    es: new Float64Array(m.n * B),
    lf: new Float64Array(m.n * B),
    rank: new Int32Array(Math.max(m.n, 1) * B),
    vrank: new Int32Array(B),
    states: new Int32Array(m.n),
    u: new Float64Array(B),
    q: new Float64Array(B),
    tmp: new Float64Array(B),
    finishRank: new Float64Array(B),
    costRank: new Float64Array(B),
    effect: new Float64Array(r * B),
    effectCost: new Float64Array(r * B),
    effectRank: new Float64Array(B),
    occurs: new Uint8Array(r * B),
    sorted: new Float64Array(B),
  };
}

/**
 * Runs the iterations of blocks [fromBlock, toBlock) of a simulation. Each block of c
 * iterations is one Latin hypercube design per random variable, drawn from streams named by
 * (seed, block, variable): so the result of a block does not depend on which worker runs it
 * or what ran before. `onBlock` is told after each block (for progress and cancelling).
 *
 * @example
 * const chunk = runBlocks(compileModel(model), { iterations: 1000, seed: 1 }, 0, 4);
 */
export function runBlocks(m: CompiledModel, o: SimulationOptions, fromBlock: number, toBlock: number, onBlock?: (done: number) => void): ChunkResult {
  checkOptions(o);
  const B = o.block ?? DEFAULT_BLOCK;
  const sampling = o.sampling ?? 'lhs';
  const seed = o.seed;
  const n = m.n;
  const r = m.riskIds.length;
  const from = Math.min(fromBlock * B, o.iterations);
  const to = Math.min(toBlock * B, o.iterations);
  const out: ChunkResult = {
    from,
    to,
    finish: new Float64Array(to - from),
    cost: new Float64Array(to - from),
    critical: new Float64Array(n),
    taskFinishRho: new Float64Array(n),
    taskCostRho: new Float64Array(n),
    riskFinishRho: new Float64Array(r),
    riskCostRho: new Float64Array(r),
    occurred: new Float64Array(r),
  };
  const w = allocate(m, B);
  const { dur, rank } = w;
  const nCost = m.costTask.length;
  const vCost = n;
  const vOcc = vCost + nCost;
  const vImpact = vOcc + r;
  const vRiskCost = vImpact + m.impacts.length;
  const scores = new Map<number, Float64Array>();
  const sample = new Float64Array(B);
  for (let b = fromBlock; b < toBlock; b++) {
    const start = b * B;
    const c = Math.min(B, o.iterations - start);
    if (c <= 0) break;
    const fin = out.finish.subarray(start - from, start - from + c);
    const cost = out.cost.subarray(start - from, start - from + c);
    // Durations: ranks first, then Iman–Conover on correlated groups, then the values.
    for (let j = 0; j < n; j++) w.states[j] = drawRanks(seed, b, j, c, rank, j * B, w.tmp);
    if (m.groups.length) {
      let sc = scores.get(c);
      if (!sc) scores.set(c, (sc = normalScores(c)));
      for (const g of m.groups) imanConover(Array.from(g.tasks, (j) => rank.subarray(j * B, j * B + c)), g.rho, sc);
    }
    for (let j = 0; j < n; j++) quantiles(m.durations[j]!, drawValues(w.states[j]!, sampling, c, rank, j * B, w), dur, j * B, c);
    // Risks: occurrence, then each impact added to its task's duration.
    w.effect.fill(0);
    w.effectCost.fill(0);
    for (let k = 0; k < r; k++) {
      sampleVariable(seed, b, vOcc + k, c, UNIT, sampling, w, sample);
      const p = m.probability[k]!;
      let count = 0;
      for (let i = 0; i < c; i++) {
        const hit = sample[i]! < p ? 1 : 0;
        w.occurs[k * B + i] = hit;
        count += hit;
      }
      out.occurred[k]! += count;
    }
    for (let x = 0; x < m.impacts.length; x++) {
      sampleVariable(seed, b, vImpact + x, c, m.impacts[x]!, sampling, w, sample);
      const k = m.impactRisk[x]!;
      const tb = m.impactTask[x]! * B;
      for (let i = 0; i < c; i++) {
        if (w.occurs[k * B + i]) {
          dur[tb + i] = Math.max(0, dur[tb + i]! + sample[i]!);
          w.effect[k * B + i]! += sample[i]!;
        }
      }
    }
    // Costs.
    cost.fill(0);
    for (let j = 0; j < n; j++) {
      const rate = m.costPerDay[j]!;
      if (rate !== 0) for (let i = 0; i < c; i++) cost[i]! += rate * dur[j * B + i]!;
    }
    for (let x = 0; x < nCost; x++) {
      sampleVariable(seed, b, vCost + x, c, m.costs[x]!, sampling, w, sample);
      for (let i = 0; i < c; i++) cost[i]! += sample[i]!;
    }
    for (let x = 0; x < m.riskCosts.length; x++) {
      sampleVariable(seed, b, vRiskCost + x, c, m.riskCosts[x]!, sampling, w, sample);
      const k = m.riskCostRisk[x]!;
      for (let i = 0; i < c; i++) {
        if (w.occurs[k * B + i]) {
          cost[i]! += sample[i]!;
          w.effectCost[k * B + i]! += sample[i]!;
        }
      }
    }
    forwardBackward(m, B, c, dur, w.es, w.lf, fin, out.critical);
    // Tornado: Spearman correlation within the block, weighted by its size.
    midranks(fin, c, w.sorted, w.finishRank);
    midranks(cost, c, w.sorted, w.costRank);
    const fVar = variance(w.finishRank, c);
    const cVar = variance(w.costRank, c);
    for (let j = 0; j < n; j++) {
      if (m.durations[j]!.kind === 0) continue;
      out.taskFinishRho[j]! += c * rankCorrelation(rank, j * B, w.finishRank, c, fVar);
      out.taskCostRho[j]! += c * rankCorrelation(rank, j * B, w.costRank, c, cVar);
    }
    for (let k = 0; k < r; k++) {
      midranks(w.effect.subarray(k * B, k * B + c), c, w.sorted, w.effectRank);
      out.riskFinishRho[k]! += c * pearson(w.effectRank, w.finishRank, c, fVar);
      midranks(w.effectCost.subarray(k * B, k * B + c), c, w.sorted, w.effectRank);
      out.riskCostRho[k]! += c * pearson(w.effectRank, w.costRank, c, cVar);
    }
    onBlock?.(b - fromBlock + 1);
  }
  return out;
}

/**
 * The CPM passes of one block, vectorised over its c iterations (task-major arrays, row
 * j·B). Forward: the early start of a task is the latest its links allow (never before 0),
 * kept as the early finish `ef`; the iteration's finish is the latest early finish.
 * Backward from that finish: the late start `ls`; a task whose late start equals its early
 * start (zero total float) is critical and counted.
 */
export function forwardBackward(m: CompiledModel, B: number, c: number, dur: Float64Array, ef: Float64Array, ls: Float64Array, fin: Float64Array, critical: Float64Array): void {
  const { order, predStart, predIdx, predType, predLag, succStart, succIdx, succType, succLag, n } = m;
  fin.fill(0);
  for (let t = 0; t < n; t++) {
    const j = order[t]!;
    const jb = j * B;
    ef.fill(0, jb, jb + c);
    for (let k = predStart[j]!; k < predStart[j + 1]!; k++) {
      const pb = predIdx[k]! * B;
      const lag = predLag[k]!;
      switch (predType[k]) {
        case 0: // FS
          for (let i = 0; i < c; i++) {
            const v = ef[pb + i]! + lag;
            if (v > ef[jb + i]!) ef[jb + i] = v;
          }
          break;
        case 1: // SS
          for (let i = 0; i < c; i++) {
            const v = ef[pb + i]! - dur[pb + i]! + lag;
            if (v > ef[jb + i]!) ef[jb + i] = v;
          }
          break;
        case 2: // FF
          for (let i = 0; i < c; i++) {
            const v = ef[pb + i]! + lag - dur[jb + i]!;
            if (v > ef[jb + i]!) ef[jb + i] = v;
          }
          break;
        default: // SF
          for (let i = 0; i < c; i++) {
            const v = ef[pb + i]! - dur[pb + i]! + lag - dur[jb + i]!;
            if (v > ef[jb + i]!) ef[jb + i] = v;
          }
      }
    }
    for (let i = 0; i < c; i++) {
      const f = ef[jb + i]! + dur[jb + i]!;
      ef[jb + i] = f;
      if (f > fin[i]!) fin[i] = f;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    const j = order[t]!;
    const jb = j * B;
    for (let i = 0; i < c; i++) ls[jb + i] = fin[i]!;
    for (let k = succStart[j]!; k < succStart[j + 1]!; k++) {
      const sb = succIdx[k]! * B;
      const lag = succLag[k]!;
      switch (succType[k]) {
        case 0: // FS: finish + lag ≤ successor's late start
          for (let i = 0; i < c; i++) {
            const v = ls[sb + i]! - lag;
            if (v < ls[jb + i]!) ls[jb + i] = v;
          }
          break;
        case 1: // SS: start + lag ≤ successor's late start
          for (let i = 0; i < c; i++) {
            const v = ls[sb + i]! - lag + dur[jb + i]!;
            if (v < ls[jb + i]!) ls[jb + i] = v;
          }
          break;
        case 2: // FF: finish + lag ≤ successor's late finish
          for (let i = 0; i < c; i++) {
            const v = ls[sb + i]! + dur[sb + i]! - lag;
            if (v < ls[jb + i]!) ls[jb + i] = v;
          }
          break;
        default: // SF: start + lag ≤ successor's late finish
          for (let i = 0; i < c; i++) {
            const v = ls[sb + i]! + dur[sb + i]! - lag + dur[jb + i]!;
            if (v < ls[jb + i]!) ls[jb + i] = v;
          }
      }
    }
    // ls holds the late finish so far; turn it into the late start and count zero float.
    let count = 0;
    for (let i = 0; i < c; i++) {
      const d = dur[jb + i]!;
      const late = ls[jb + i]! - d;
      ls[jb + i] = late;
      if (late - (ef[jb + i]! - d) <= 1e-9 * (1 + fin[i]!)) count++;
    }
    critical[j]! += count;
  }
}

/** Joins chunk results of consecutive ranges (in any order) into one over their union. */
export function mergeChunks(chunks: readonly ChunkResult[]): ChunkResult {
  const sorted = [...chunks].sort((a, b) => a.from - b.from);
  const first = sorted[0]!;
  const total = sorted.reduce((s, ch) => s + (ch.to - ch.from), 0);
  const finish = new Float64Array(total);
  const cost = new Float64Array(total);
  const sum = (key: 'critical' | 'taskFinishRho' | 'taskCostRho' | 'riskFinishRho' | 'riskCostRho' | 'occurred') => {
    const acc = new Float64Array(first[key].length);
    for (const ch of sorted) for (let i = 0; i < acc.length; i++) acc[i]! += ch[key][i]!;
    return acc;
  };
  let at = 0;
  for (const ch of sorted) {
    if (ch.from !== first.from + at) throw new Error(`chunks are not consecutive: ${ch.from} follows ${first.from + at}`);
    finish.set(ch.finish, at);
    cost.set(ch.cost, at);
    at += ch.to - ch.from;
  }
  return {
    from: first.from,
    to: first.from + total,
    finish,
    cost,
    critical: sum('critical'),
    taskFinishRho: sum('taskFinishRho'),
    taskCostRho: sum('taskCostRho'),
    riskFinishRho: sum('riskFinishRho'),
    riskCostRho: sum('riskCostRho'),
    occurred: sum('occurred'),
  };
}
