/**
 * The hot rows of a block as a WebAssembly SIMD kernel: the CPM passes' usual shapes
 * (`kernel-cpm.ts`), two iterations per instruction with a real branch-free max and min; a
 * triangular variable's Latin hypercube strata, the shuffle that ranks them, the gather by
 * rank and the tornado's rank sums (`kernel-sampling.ts`), four random numbers per
 * instruction; no bounds checks. The module is a few hundred bytes assembled by
 * `wasm-code.ts` (no toolchain, nothing fetched), and computes the very numbers of the
 * JavaScript rows: IEEE additions, divisions and square roots in the same order,
 * `f64x2.pmax(a, b)` being `a < b ? b : a` (the `later` of cpm.ts, ties keep a) and
 * `f64x2.pmin(a, b)` being `b < a ? b : a` (`earlier`).
 *
 * Rows live in the kernel's own memory: {@link blockKernel} gives the views the caller fills
 * (durations) and the CPM reads and writes (times, the finish, the tolerance, a scratch row).
 * Rows are a whole number of pairs long: a block of odd size c computes one lane past c,
 * on finite numbers (earlier blocks' values, or 0), and the caller sets that lane's
 * tolerance to −∞ so it is never counted as critical.
 */
import { PLAN_RECORD, planRows } from './kernel-cpm.js';
import { gather, rankSums, ranks, triangular } from './kernel-sampling.js';
import { STEP, streamSeed } from './prng.js';
import { assemble, type Fn } from './wasm-code.js';

const FUNCTIONS: readonly Fn[] = [planRows('forward'), planRows('backward'), triangular(), gather(false), gather(true), ranks(), rankSums()];

type PlanRows = (plan: number, lags: number, from: number, to: number, fin: number, tol: number, end: number) => void;
type Triangular = (q: number, state: number, end: number, c: number, min: number, max: number, fm: number, lo: number, hi: number) => void;
type Gather = (rank: number, q: number, dur: number, cost: number, rate: number, end: number) => void;
type RankSums = (rank: number, stride: number, n: number, y: number, z: number, out: number, end: number) => void;

/** The kernel's functions and the rows in its memory (arguments are byte offsets into it). */
export type Kernel = {
  /** The CPM rows of plan records [from, to), forward in order, backward in reverse (see `planRows`). */
  readonly forward: PlanRows;
  readonly backward: PlanRows;
  /** The plans' records ({@link PLAN_RECORD} bytes a task, by position in topological order): offsets and flags, and lags. */
  readonly forwardPlan: Int32Array;
  readonly forwardLags: Float64Array;
  readonly backwardPlan: Int32Array;
  readonly backwardLags: Float64Array;
  /** A row of zeros: the predecessor of a task that has none. */
  readonly zeros: Float64Array;
  /** The caller's `extraRows` rows of `stride` (the risks' sampled impacts and costs). */
  readonly extra: Float64Array;
  readonly triangular: Triangular;
  /** gather[withCost] */
  readonly gather: readonly [Gather, Gather];
  /** The tornado's rank sums of every task in a block (see `rankSums`): into `dots`, from `finishRank` and `costRank`. */
  readonly rankSums: RankSums;
  /** Midranks of the finish and of the cost in a block (zero past c up to a four, for `rankSums`), and the tasks' rank sums. */
  readonly finishRank: Float64Array;
  readonly costRank: Float64Array;
  readonly dots: Float64Array;
  /** Task-major rows of `stride` (even) per task: durations, CPM times, sampling ranks. */
  readonly dur: Float64Array;
  readonly times: Float64Array;
  readonly rank: Int32Array;
  /** Ranks of a variable drawn and used at once (risks, impacts, costs). */
  readonly vrank: Int32Array;
  /**
   * `drawRanks` (sampling.ts) in the kernel, into `rank` or `vrank` (a view into this
   * kernel's memory): the same permutation and the same returned state.
   */
  readonly drawRanks: (seed: number, block: number, v: number, c: number, rank: Int32Array, offset: number) => number;
  /** Rows of `stride`: the finish and the cost of each iteration, the critical tolerance, scratch. */
  readonly fin: Float64Array;
  readonly cost: Float64Array;
  readonly tol: Float64Array;
  readonly row: Float64Array;
  /** A variable's strata (a whole number of fours past the stride). */
  readonly q: Float64Array;
  readonly stride: number;
};

/** What this file uses of the WebAssembly global (typed here: the project's libs leave out the DOM's). */
type Wasm = {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
};

const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available (then the JavaScript rows run). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = assemble(FUNCTIONS);
      compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A kernel with rows for n tasks of `block` iterations (the stride rounded up to a pair) and
 * `extraRows` more, or null where WebAssembly SIMD is not available.
 *
 * @example
 * const k = blockKernel(1000, 250); // k.dur.length === 1000 * 250
 */
export function blockKernel(n: number, block: number, extraRows = 0): Kernel | null {
  const module = kernelModule();
  if (!module) return null;
  const stride = block + (block & 1);
  const ints = n * stride + 3 * (stride + 4);
  const doubles = 2 * n * stride + 5 * stride + 3 * (stride + 4) + 18 * n + extraRows * stride + Math.ceil(ints / 2);
  // Offsets are i32: past 2 GB (some 400,000 tasks in blocks of 250), or when the memory cannot be had, the JavaScript rows run.
  if (doubles * 8 > 2 ** 31) return null;
  let memory: { readonly buffer: ArrayBuffer };
  try {
    memory = new wasm!.Memory({ initial: Math.ceil((doubles * 8) / 65536) });
  } catch {
    return null;
  }
  const e = new wasm!.Instance(module, { env: { memory } }).exports as Record<string, PlanRows & Triangular & Gather & RankSums>;
  let at = 0;
  const doublesOf = (length: number) => {
    const v = new Float64Array(memory.buffer, at * 8, length);
    at += length;
    return v;
  };
  const dur = doublesOf(n * stride);
  const times = doublesOf(n * stride);
  const fin = doublesOf(stride);
  const cost = doublesOf(stride);
  const tol = doublesOf(stride);
  const row = doublesOf(stride);
  const q = doublesOf(stride + 4);
  const zeros = doublesOf(stride);
  const extra = doublesOf(extraRows * stride);
  const finishRank = doublesOf(stride + 4);
  const costRank = doublesOf(stride + 4);
  const dots = doublesOf(2 * n);
  // Each plan: n records of lags, then n records of offsets (the same size: 4 doubles, 8 ints).
  const forwardLags = doublesOf(n * 4);
  doublesOf(n * 4);
  const backwardLags = doublesOf(n * 4);
  doublesOf(n * 4);
  const intsOf = (length: number) => {
    const v = new Int32Array(memory.buffer, at * 8, length);
    at += Math.ceil(length / 2);
    return v;
  };
  const rank = intsOf(n * stride);
  const vrank = intsOf(stride + 4);
  const swaps = intsOf(stride + 4);
  const identity = intsOf(stride + 4);
  for (let i = 0; i < identity.length; i++) identity[i] = i;
  const ranksFn = e['ranks'] as unknown as (rank: number, swaps: number, identity: number, state: number, c: number) => void;
  return {
    forward: e['forward']!,
    backward: e['backward']!,
    forwardPlan: new Int32Array(forwardLags.buffer, forwardLags.byteOffset + n * PLAN_RECORD, n * 8),
    forwardLags,
    backwardPlan: new Int32Array(backwardLags.buffer, backwardLags.byteOffset + n * PLAN_RECORD, n * 8),
    backwardLags,
    zeros,
    extra,
    rankSums: e['rankSums']!,
    finishRank,
    costRank,
    dots,
    triangular: e['triangular']!,
    gather: [e['gather']!, e['gatherCost']!],
    dur,
    times,
    rank,
    vrank,
    drawRanks: (seed, block, v, c, into, offset) => {
      const a = streamSeed(seed, block, v) | 0;
      ranksFn(into.byteOffset + offset * 4, swaps.byteOffset, identity.byteOffset, a, c);
      return (a + Math.imul(c, STEP)) | 0;
    },
    fin,
    cost,
    tol,
    row,
    q,
    stride,
  };
}
