import { invalid } from '../errors.js';
import type { CompiledModel } from './compile.js';
import { imanConover, normalScores } from './correlation.js';
import { forwardBackward, forwardBackwardInKernel } from './cpm.js';
import { blockKernel, type Kernel } from './kernel.js';
import { FIXED, TRIANGULAR, UNIFORM, type Dist } from './distributions.js';
import { EXACT_BLOCK, midranks, permutationCorrelation, rankDots, sparseRankCorrelation, variance } from './ranks.js';
import { STEP, uniformAt } from './prng.js';
import { drawRanks, drawStrata } from './sampling.js';
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

/** Buffers reused across the blocks of a chunk (and across the chunks of one model). */
type Work = {
  /** The stride of the task-major rows: the block size, made even when the CPM runs in the kernel. */
  readonly B: number;
  /** The CPM kernel whose memory holds `dur` and `times`, or null (no WebAssembly SIMD here). */
  readonly kernel: Kernel | null;
  /** Task-major rows of B: sampled durations, then CPM times (early finishes, then late starts). */
  readonly dur: Float64Array;
  readonly times: Float64Array;
  /** The rank of each iteration's sample of each task's duration (a permutation per row). */
  readonly rank: Int32Array;
  readonly states: Int32Array;
  readonly swap: Int32Array;
  readonly q: Float64Array;
  readonly vrank: Int32Array;
  readonly sample: Float64Array;
  readonly row: Float64Array;
  readonly tol: Float64Array;
  readonly occurs: Uint8Array;
  /** Sampled values of each schedule impact and each risk cost, added where their risk happened. */
  readonly impact: Float64Array;
  readonly riskCost: Float64Array;
  readonly effect: Float64Array;
  readonly effectCost: Float64Array;
  readonly finishRank: Float64Array;
  readonly costRank: Float64Array;
  readonly effectRank: Float64Array;
  readonly sorted: Float64Array;
  readonly dots: Float64Array;
};

function allocate(m: CompiledModel, block: number): Work {
  const r = m.riskIds.length;
  const kernel = blockKernel(m.n, block, m.impacts.length + m.riskCosts.length);
  const B = kernel ? kernel.stride : block;
  return {
    B,
    kernel,
    dur: kernel ? kernel.dur : new Float64Array(m.n * B),
    times: kernel ? kernel.times : new Float64Array(m.n * B),
    rank: kernel ? kernel.rank : new Int32Array(m.n * B),
    states: new Int32Array(m.n),
    swap: new Int32Array(B),
    q: kernel ? kernel.q : new Float64Array(B),
    vrank: kernel ? kernel.vrank : new Int32Array(B),
    sample: new Float64Array(B),
    row: new Float64Array(B),
    tol: new Float64Array(B),
    occurs: new Uint8Array(r * B),
    impact: kernel ? kernel.extra.subarray(0, m.impacts.length * B) : new Float64Array(m.impacts.length * B),
    riskCost: kernel ? kernel.extra.subarray(m.impacts.length * B) : new Float64Array(m.riskCosts.length * B),
    effect: new Float64Array(r * B),
    effectCost: new Float64Array(r * B),
    finishRank: kernel ? kernel.finishRank : new Float64Array(B),
    costRank: kernel ? kernel.costRank : new Float64Array(B),
    effectRank: new Float64Array(B),
    sorted: new Float64Array(B),
    dots: new Float64Array(2),
  };
}

/**
 * The buffers of the last run on this thread, for the next run of the same shape (tasks,
 * block, risks, impacts): a worker runs chunk after chunk of models that arrive as new
 * objects, and allocating and zeroing the megabytes of rows for each run costs time and
 * garbage collection. Held weakly, so an idle thread gives the memory back at its next
 * collection.
 */
let last: { readonly key: string; readonly work: WeakRef<Work> } | undefined;

function work(m: CompiledModel, B: number): Work {
  const key = `${m.n}:${B}:${m.riskIds.length}:${m.impacts.length}:${m.riskCosts.length}`;
  const kept = last?.key === key ? last.work.deref() : undefined;
  if (kept) return kept;
  const w = allocate(m, B);
  last = { key, work: new WeakRef(w) };
  return w;
}

/** {@link drawStrata} into w.q, in the kernel for the usual case (Latin hypercube, triangular): the same numbers. */
function strata(w: Work, state: number, sampling: Sampling, c: number, d: Dist): void {
  const k = w.kernel;
  if (k && sampling === 'lhs' && d.kind === TRIANGULAR) {
    const r = d.max - d.min;
    k.triangular(k.q.byteOffset, state, ((c + 3) >> 2) * 32, c, d.min, d.max, (d.mode - d.min) / r, r * (d.mode - d.min), r * (d.max - d.mode));
  } else drawStrata(state, sampling, c, d, w.q);
}

/**
 * Whether a risk happens in each iteration of a block (its occurrence variable, uniform on
 * [0, 1), below its probability p) into `occurs[offset..offset + c)`; returns how many times.
 * Latin hypercube: the strata's points (k + u_k) / c ascend with k, so the iterations below p
 * are those whose rank is below K, the number of points below p, found by bisection on the
 * points computed where needed (the stream is counter-based): the same answers as sampling
 * every value and comparing it with p.
 */
function occurrences(seed: number, block: number, v: number, c: number, p: number, sampling: Sampling, w: Work, occurs: Uint8Array, offset: number): number {
  let count = 0;
  if (sampling === 'lhs') {
    const state = (w.kernel ? w.kernel.drawRanks : drawRanks)(seed, block, v, c, w.vrank, 0);
    let lo = 0;
    let hi = c;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // The uniform distribution's quantile 0 + x · 1 is x itself.
      if ((mid + uniformAt((state + Math.imul(mid + 1, STEP)) | 0)) / c < p) lo = mid + 1;
      else hi = mid;
    }
    const { vrank } = w;
    for (let i = 0; i < c; i++) {
      const hit = +(vrank[i]! < lo);
      occurs[offset + i] = hit;
      count += hit;
    }
    return count;
  }
  sampleVariable(seed, block, v, c, UNIT, sampling, w, w.sample, 0);
  for (let i = 0; i < c; i++) {
    const hit = w.sample[i]! < p ? 1 : 0;
    occurs[offset + i] = hit;
    count += hit;
  }
  return count;
}

/** Samples a variable straight into `out` (no rank kept). */
function sampleVariable(seed: number, block: number, v: number, c: number, d: Dist, sampling: Sampling, w: Work, out: Float64Array, offset: number): void {
  const k = w.kernel;
  const state = (k ? k.drawRanks : drawRanks)(seed, block, v, c, w.vrank, 0);
  strata(w, state, sampling, c, d);
  if (k && out.buffer === k.q.buffer) {
    k.gather[0](w.vrank.byteOffset, k.q.byteOffset, out.byteOffset + offset * 8, 0, 0, c * 4);
    return;
  }
  const { q, vrank } = w;
  for (let i = 0; i < c; i++) out[offset + i] = q[vrank[i]!]!;
}

/**
 * Runs the iterations of blocks [fromBlock, toBlock) of a simulation. Each block of c
 * iterations is one Latin hypercube design per random variable, drawn from streams named by
 * (seed, block, variable): so the result of a block does not depend on which worker runs it,
 * what ran before, or the order in which its variables are drawn. `onBlock` is told after
 * each block (for progress and cancelling).
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
  const w = work(m, B);
  const S = w.B; // the rows' stride
  const kernel = w.kernel;
  const { dur, rank, q, occurs, impact, riskCost, effect, effectCost } = w;
  const { durations, costPerDay, grouped, impactStart, impactOrder, impactRisk } = m;
  const nCost = m.costTask.length;
  const vCost = n;
  const vOcc = vCost + nCost;
  const vImpact = vOcc + r;
  const vRiskCost = vImpact + m.impacts.length;
  const scores = new Map<number, Float64Array>();
  for (let b = fromBlock; b < toBlock; b++) {
    const start = b * B;
    const c = Math.min(B, o.iterations - start);
    if (c <= 0) break;
    const fin = out.finish.subarray(start - from, start - from + c);
    const costOut = out.cost.subarray(start - from, start - from + c);
    const cost = kernel ? kernel.cost : costOut;
    // Risks first: whether each happens, and the values of its impacts and cost.
    effect.fill(0);
    effectCost.fill(0);
    for (let k = 0; k < r; k++) out.occurred[k]! += occurrences(seed, b, vOcc + k, c, m.probability[k]!, sampling, w, occurs, k * S);
    for (let x = 0; x < m.impacts.length; x++) {
      sampleVariable(seed, b, vImpact + x, c, m.impacts[x]!, sampling, w, impact, x * S);
      const kb = impactRisk[x]! * S;
      for (let i = 0; i < c; i++) if (occurs[kb + i]) effect[kb + i]! += impact[x * S + i]!;
    }
    for (let x = 0; x < m.riskCosts.length; x++) {
      sampleVariable(seed, b, vRiskCost + x, c, m.riskCosts[x]!, sampling, w, riskCost, x * S);
      const kb = m.riskCostRisk[x]! * S;
      for (let i = 0; i < c; i++) if (occurs[kb + i]) effectCost[kb + i]! += riskCost[x * S + i]!;
    }
    // Durations: the ranks of correlated tasks first, reordered by Iman–Conover.
    if (m.groups.length) {
      for (let j = 0; j < n; j++) if (grouped[j]) w.states[j] = drawRanks(seed, b, j, c, rank, j * S);
      let sc = scores.get(c);
      if (!sc) scores.set(c, (sc = normalScores(c)));
      for (const g of m.groups) imanConover(Array.from(g.tasks, (j) => rank.subarray(j * S, j * S + c)), g.rho, sc);
    }
    // Then each task's values, its risks' impacts (in impact order) and its cost by the day.
    cost.fill(0);
    for (let j = 0; j < n; j++) {
      const d = durations[j]!;
      const jb = j * S;
      const rate = costPerDay[j]!;
      if (d.kind === FIXED && !grouped[j]) dur.fill(d.mode, jb, jb + c);
      else {
        const state = grouped[j] ? w.states[j]! : kernel ? kernel.drawRanks(seed, b, j, c, rank, jb) : drawRanks(seed, b, j, c, rank, jb);
        strata(w, state, sampling, c, d);
        // Without impacts, the cost by the day is added in the same pass.
        const plain = impactStart[j] === impactStart[j + 1] && rate !== 0;
        if (kernel) kernel.gather[+plain]!(rank.byteOffset + jb * 4, q.byteOffset, dur.byteOffset + jb * 8, cost.byteOffset, rate, c * 4);
        else if (plain) {
          for (let i = 0; i < c; i++) {
            const v = q[rank[jb + i]!]!;
            dur[jb + i] = v;
            cost[i]! += rate * v;
          }
        } else for (let i = 0; i < c; i++) dur[jb + i] = q[rank[jb + i]!]!;
        if (plain) continue;
      }
      for (let e = impactStart[j]!; e < impactStart[j + 1]!; e++) {
        const x = impactOrder[e]!;
        const kb = impactRisk[x]! * S;
        for (let i = 0; i < c; i++) if (occurs[kb + i]) dur[jb + i] = Math.max(0, dur[jb + i]! + impact[x * S + i]!);
      }
      if (rate !== 0) for (let i = 0; i < c; i++) cost[i]! += rate * dur[jb + i]!;
    }
    // Costs apart from the days: the tasks', then the risks' where they happened.
    for (let x = 0; x < nCost; x++) {
      sampleVariable(seed, b, vCost + x, c, m.costs[x]!, sampling, w, w.sample, 0);
      for (let i = 0; i < c; i++) cost[i]! += w.sample[i]!;
    }
    for (let x = 0; x < m.riskCosts.length; x++) {
      const kb = m.riskCostRisk[x]! * S;
      for (let i = 0; i < c; i++) if (occurs[kb + i]) cost[i]! += riskCost[x * S + i]!;
    }
    if (kernel) {
      costOut.set(kernel.cost.subarray(0, c));
      forwardBackwardInKernel(m, kernel, c, fin, out.critical);
    }
    else forwardBackward(m, S, c, dur, w.times, fin, out.critical, w.row, w.tol);
    tornado(m, w, c, fin, cost, out);
    onBlock?.(b - fromBlock + 1);
  }
  return out;
}

/**
 * The tornado of one block: Spearman correlation of each task's duration and each risk's
 * effect with the finish and the cost within the block, weighted by its size c. A task's
 * ranks are its sampling permutation; a risk's effect is ranked with its zeros apart.
 */
function tornado(m: CompiledModel, w: Work, c: number, fin: Float64Array, cost: Float64Array, out: ChunkResult): void {
  const { B, rank, finishRank, costRank, effectRank, sorted, dots } = w;
  midranks(fin, c, sorted, finishRank);
  midranks(cost, c, sorted, costRank);
  const fVar = variance(finishRank, c);
  const cVar = variance(costRank, c);
  const k = w.kernel;
  if (k && c <= EXACT_BLOCK) {
    // Every task's two rank sums in one call (exact in any order, as rankDots's).
    const four = (c + 3) & ~3;
    finishRank.fill(0, c, four);
    costRank.fill(0, c, four);
    k.rankSums(rank.byteOffset, B * 4, m.n, finishRank.byteOffset, costRank.byteOffset, k.dots.byteOffset, four * 4);
    const sums = k.dots;
    for (let j = 0; j < m.n; j++) {
      if (m.durations[j]!.kind === FIXED) continue;
      out.taskFinishRho[j]! += c * permutationCorrelation(sums[2 * j]!, c, fVar);
      out.taskCostRho[j]! += c * permutationCorrelation(sums[2 * j + 1]!, c, cVar);
    }
  } else {
    for (let j = 0; j < m.n; j++) {
      if (m.durations[j]!.kind === FIXED) continue;
      rankDots(rank, j * B, finishRank, costRank, c, dots);
      out.taskFinishRho[j]! += c * permutationCorrelation(dots[0]!, c, fVar);
      out.taskCostRho[j]! += c * permutationCorrelation(dots[1]!, c, cVar);
    }
  }
  let fSum = 0;
  let cSum = 0;
  for (let i = 0; i < c; i++) {
    fSum += finishRank[i]!;
    cSum += costRank[i]!;
  }
  for (let k = 0; k < m.riskIds.length; k++) {
    const effect = w.effect.subarray(k * B, k * B + c);
    const effectCost = w.effectCost.subarray(k * B, k * B + c);
    out.riskFinishRho[k]! += c * sparseRankCorrelation(effect, c, finishRank, fSum, fVar, sorted, w.swap, effectRank);
    out.riskCostRho[k]! += c * sparseRankCorrelation(effectCost, c, costRank, cSum, cVar, sorted, w.swap, effectRank);
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
