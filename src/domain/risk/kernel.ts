/**
 * The hot rows of a block as a WebAssembly SIMD kernel: the CPM passes' common shapes, two
 * iterations per instruction, no bounds checks, and a real branch-free max and min; and the
 * Latin hypercube strata of a triangular variable, four random numbers per instruction. The module is a few
 * hundred bytes assembled below (no toolchain, nothing fetched), and computes the very
 * numbers of the JavaScript rows in `cpm.ts`: IEEE additions and subtractions in the same
 * order, `f64x2.pmax(a, b)` being `a < b ? b : a` (the `later` of cpm.ts, ties keep a) and
 * `f64x2.pmin(a, b)` being `b < a ? b : a` (`earlier`).
 *
 * Rows live in the kernel's own memory: {@link blockKernel} gives the views the caller fills
 * (durations) and the CPM reads and writes (times, the finish, the tolerance, a scratch row).
 * Rows are a whole number of pairs long: a block of odd size c computes one lane past c,
 * on finite numbers (earlier blocks' values, or 0), and the caller sets that lane's
 * tolerance to −∞ so it is never counted as critical.
 */

import { STEP, streamSeed } from './prng.js';

const SIMD = 0xfd;
const V128 = 0x7b;
const I32 = 0x7f;
const F64 = 0x7c;

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const simd = (op: number) => [SIMD, ...leb(op)];
const get = (i: number) => [0x20, ...leb(i)];
const set = (i: number) => [0x21, ...leb(i)];
const tee = (i: number) => [0x22, ...leb(i)];
/** The address of lane pair `i` of the row whose byte offset is in local `base`. */
const at = (base: number, i: number) => [...get(base), ...get(i), 0x6a];
const load = (base: number, i: number) => [...at(base, i), ...simd(0x00), 4, 0];
const store = (value: number[], base: number, i: number) => [...at(base, i), ...value, ...simd(0x0b), 4, 0];
const splat = (p: number) => [...get(p), ...simd(0x14)];
const ADD = simd(0xf0);
const SUB = simd(0xf1);
const PMIN = simd(0xf6);
const PMAX = simd(0xf7);
const LE = simd(0x4b);
const I64_SUB = simd(0xd1);

/**
 * A loop over the byte offsets [0, end) by `step` (`end` a multiple of it, at least one
 * step), with local `i` the current offset.
 */
const loop = (i: number, end: number | number[], body: number[], step = 16, fromZero = false) => [
  ...(fromZero ? [0x41, 0, ...set(i)] : []),
  0x03,
  0x40,
  ...body,
  ...get(i),
  0x41,
  step,
  0x6a,
  ...tee(i),
  ...(typeof end === 'number' ? get(end) : end),
  0x49,
  0x0d,
  0,
  0x0b,
];

type Fn = { readonly name: string; readonly params: number[]; readonly result: number | null; readonly locals: number[]; readonly body: number[] };

/** Local indices of a CPM row's operands (row byte offsets, lags, scratch). */
type RowLocals = { t: number; a: number; b: number; c: number; dur: number; fin: number; tol: number; end: number; i: number; la: number; lb: number; lc: number; v: number; late: number; count: number };

/**
 * A forward row with one or three finish-to-start predecessors (the bounding one standing in
 * for a missing one; no predecessor is one link to a row of zeros): f = max over links of
 * (t[p] + lag), plus the duration; and, when the task may hold the finish, fin = max(fin, f).
 */
function forwardRow(L: RowLocals, links: 1 | 3, holds: boolean): number[] {
  const { t, a, b, c, dur, fin, end, i, la, lb, lc, v } = L;
  const es = links === 1 ? [...load(a, i), ...get(la), ...ADD] : [...load(a, i), ...get(la), ...ADD, ...load(b, i), ...get(lb), ...ADD, ...PMAX, ...load(c, i), ...get(lc), ...ADD, ...PMAX];
  return loop(i, end, [...store([...es, ...load(dur, i), ...ADD, ...tee(v)], t, i), ...(holds ? store([...load(fin, i), ...get(v), ...PMAX], fin, i) : [])], 16, true);
}

/**
 * A backward row with one or three finish-to-start successors (none is one link to the finish
 * row, lag 0): the late finish (the min over links of t[s] − lag), the late start replacing
 * the early finish in t, and in local `count` (i64 lanes) the lanes whose total float is
 * within `tol`.
 */
function backwardRow(L: RowLocals, links: 1 | 3): number[] {
  const { t, a, b, c, dur, tol, end, i, la, lb, lc, v, late, count } = L;
  const lf = links === 1 ? [...load(a, i), ...get(la), ...SUB] : [...load(a, i), ...get(la), ...SUB, ...load(b, i), ...get(lb), ...SUB, ...PMIN, ...load(c, i), ...get(lc), ...SUB, ...PMIN];
  const body = [
    ...load(dur, i),
    ...set(v),
    ...lf,
    ...get(v),
    ...SUB,
    ...set(late),
    // count − (mask: all ones, −1, where late − (t − d) ≤ tol)
    ...get(count),
    ...get(late),
    ...load(t, i),
    ...get(v),
    ...SUB,
    ...SUB,
    ...load(tol, i),
    ...LE,
    ...I64_SUB,
    ...set(count),
    ...store(get(late), t, i),
  ];
  return loop(i, end, body, 16, true);
}

/**
 * The tornado's rank sums of a block: for each of n tasks, Σ rank[i]·y[i] and Σ rank[i]·z[i]
 * over i < c into out[2j], out[2j + 1] (y, z: the finish's and the cost's midranks, zero
 * past c up to a four). Every product is a multiple of ½ and every sum of a block far below
 * 2^51 (ranks.ts, EXACT_BLOCK), so these sums are exact in any order: the same numbers as
 * `rankDots`.
 * params: rank, stride (bytes), n, y, z, out, end (bytes of i32 up to c rounded to four).
 */
function rankSums(): Fn {
  const [rank, stride, n, y, z, out, end] = [0, 1, 2, 3, 4, 5, 6];
  const [i, row, dst, stop, r, y01, y23, z01, z23, lo, hi] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const yz = (base: number, at: number) => [...get(base), ...get(i), ...get(i), 0x6a, 0x6a, ...simd(0x00), 4, at]; // the pair at 2i + at
  const acc = (sum: number, ranks: number, base: number, at: number) => [...get(sum), ...get(ranks), ...yz(base, at), ...MUL, ...ADD, ...set(sum)];
  const body = [
    ...get(row), ...get(i), 0x6a, ...simd(0x00), 4, 0, ...set(r),
    ...get(r), ...simd(0xfe), ...set(lo), // f64x2.convert_low_i32x4_s
    ...get(r), ...get(r), ...HIGH_PAIR, ...simd(0xfe), ...set(hi),
    ...acc(y01, lo, y, 0), ...acc(y23, hi, y, 16), ...acc(z01, lo, z, 0), ...acc(z23, hi, z, 16),
  ];
  const zero = f64x2([0, 0]);
  const lane = (v: number, k: number) => [...get(v), ...simd(0x21), k]; // f64x2.extract_lane
  const task = [
    ...zero, ...set(y01), ...zero, ...set(y23), ...zero, ...set(z01), ...zero, ...set(z23),
    ...loop(i, end, body, 16, true),
    ...get(dst), ...lane(y01, 0), ...lane(y01, 1), 0xa0, ...lane(y23, 0), 0xa0, ...lane(y23, 1), 0xa0, 0x39, 3, 0,
    ...get(dst), ...lane(z01, 0), ...lane(z01, 1), 0xa0, ...lane(z23, 0), 0xa0, ...lane(z23, 1), 0xa0, 0x39, 3, 8,
    ...get(row), ...get(stride), 0x6a, ...set(row),
    ...get(dst), 0x41, 16, 0x6a, ...tee(dst),
    ...get(stop), 0x49, 0x0d, 0,
  ];
  return {
    name: 'rankSums',
    params: [I32, I32, I32, I32, I32, I32, I32],
    result: null,
    locals: [I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128],
    body: [...get(rank), ...set(row), ...get(out), ...set(dst), ...get(out), ...get(n), 0x41, 4, 0x74, 0x6a, ...set(stop), 0x03, 0x40, ...task, 0x0b],
  };
}

/** Size in bytes of a task's record in a CPM plan: six i32 (t, a, b, c, dur, flags), the count, a pad; and three lags and a pad as f64. */
export const PLAN_RECORD = 32;

/**
 * The CPM rows of plan records [from, to) (positions in topological order), forward in
 * order, backward in reverse. A record holds the task's row offsets (its times t, its links'
 * rows a, b, c, its durations), flags (1: the task may hold the finish; 2: three links, else
 * one), and its lags. Backward stores each task's count of critical lanes in its record.
 * params: plan, lags, from, to, fin, tol, end.
 */
function planRows(direction: 'forward' | 'backward'): Fn {
  const [plan, lags, from, to, fin, tol, end] = [0, 1, 2, 3, 4, 5, 6];
  const [p, stop, pf, t, a, b, c, dur, flags, i] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  const [la, lb, lc, v, late, count] = [17, 18, 19, 20, 21, 22];
  const L: RowLocals = { t, a, b, c, dur, fin, tol, end, i, la, lb, lc, v, late, count };
  const field = (local: number, offset: number) => [...get(p), 0x28, 2, offset, ...set(local)];
  const lag = (local: number, offset: number) => [...get(pf), 0x2b, 3, offset, ...simd(0x14), ...set(local)];
  const flag = (bit: number) => [...get(flags), 0x41, bit, 0x71]; // flags & bit
  const at = (position: number, base: number, into: number) => [...get(position), 0x41, 5, 0x74, ...get(base), 0x6a, ...set(into)]; // base + 32 position
  const record = [...field(t, 0), ...field(a, 4), ...field(b, 8), ...field(c, 12), ...field(dur, 16), ...field(flags, 20), ...lag(la, 0), ...lag(lb, 8), ...lag(lc, 16)];
  const step = (by: number) => [...get(p), 0x41, by, 0x6a, ...set(p), ...get(pf), 0x41, by, 0x6a, ...set(pf)];
  const body =
    direction === 'forward'
      ? [
          ...record,
          ...flag(2),
          0x04, 0x40,
          ...flag(1), 0x04, 0x40, ...forwardRow(L, 3, true), 0x05, ...forwardRow(L, 3, false), 0x0b,
          0x05,
          ...flag(1), 0x04, 0x40, ...forwardRow(L, 1, true), 0x05, ...forwardRow(L, 1, false), 0x0b,
          0x0b,
          ...step(32),
          ...get(p), ...get(stop), 0x49, 0x0d, 0, // while p < stop
        ]
      : [
          ...record,
          ...i32x4([0, 0, 0, 0]), ...set(count),
          ...flag(2),
          0x04, 0x40, ...backwardRow(L, 3), 0x05, ...backwardRow(L, 1), 0x0b,
          // the record's count: the sum of the two lanes' counts
          ...get(p), ...get(count), ...simd(0x1d), 0, ...get(count), ...simd(0x1d), 1, 0x7c, 0xa7, 0x36, 2, 24,
          ...step(-32 & 0x7f),
          ...get(p), ...get(stop), 0x4f, 0x0d, 0, // while p >= stop
        ];
  const start =
    direction === 'forward'
      ? [...at(from, plan, p), ...at(to, plan, stop), ...at(from, lags, pf)]
      : [...get(to), 0x41, 1, 0x6b, ...set(i), ...at(i, plan, p), ...at(i, lags, pf), ...at(from, plan, stop)];
  return {
    name: direction,
    params: [I32, I32, I32, I32, I32, I32, I32],
    result: null,
    locals: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, V128],
    body: [...start, 0x03, 0x40, ...body, 0x0b],
  };
}

const i32x4 = (xs: readonly number[]) => [...simd(0x0c), ...xs.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff])];
const f64x2 = (xs: readonly number[]) => [...simd(0x0c), ...xs.flatMap((x) => Array.from(new Uint8Array(Float64Array.of(x).buffer)))];
const XOR = simd(0x51);
const OR = simd(0x50);
const I32_ADD = simd(0xae);
const I32_MUL = simd(0xb5);
const shrU = (bits: number) => [0x41, bits, ...simd(0xad)];
const DIV = simd(0xf3);
const MUL = simd(0xf2);
const SQRT = simd(0xef);
const LT = simd(0x49);
const TO_F64 = simd(0xff); // f64x2.convert_low_i32x4_u
/** x / 2^32 as x · 2^−32: scaling by a power of two is exact, so the same number as the division, for less. */
const TO_UNIT = [...f64x2([2 ** -32, 2 ** -32]), ...MUL];
const HIGH_PAIR = [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]; // i8x16.shuffle: lanes 2, 3 to 0, 1


/**
 * mulberry32's output for the four states in local `st` into local `t` (as 32-bit lanes):
 * t = imul(a ^ a >>> 15, a | 1); t = (t + imul(t ^ t >>> 7, t | 61)) ^ t; t ^ t >>> 14, as
 * `uniformAt` (prng.ts) before its division by 2^32.
 */
const mulberry = (st: number, t: number) => [
  ...get(st),
  ...get(st),
  ...shrU(15),
  ...XOR,
  ...get(st),
  ...i32x4([1, 1, 1, 1]),
  ...OR,
  ...I32_MUL,
  ...set(t),
  ...get(t),
  ...get(t),
  ...get(t),
  ...shrU(7),
  ...XOR,
  ...get(t),
  ...i32x4([61, 61, 61, 61]),
  ...OR,
  ...I32_MUL,
  ...I32_ADD,
  ...get(t),
  ...XOR,
  ...tee(t),
  ...get(t),
  ...shrU(14),
  ...XOR,
  ...set(t),
];

/** The four states in local `st` stepped four times. */
const nextFour = (st: number) => [...get(st), ...i32x4([Math.imul(4, STEP), Math.imul(4, STEP), Math.imul(4, STEP), Math.imul(4, STEP)]), ...I32_ADD, ...set(st)];

/** Local `st` = the stream's states 1 to 4 after the state in (i32) local `state`. */
const firstFour = (state: number, st: number) => [...get(state), ...simd(0x11), ...i32x4([STEP, Math.imul(2, STEP), Math.imul(3, STEP), Math.imul(4, STEP)]), ...I32_ADD, ...set(st)];

/**
 * A variable's ranks, as `drawRanks` (sampling.ts) draws them: rank[0..c) = 0..c−1 (copied from
 * `identity`), then Fisher–Yates from i = c − 1 down to 1, swapping i with
 * ⌊u_i (i + 1)⌋, u_i the (i + 1)-th number of the stream from `state`. The swap indices are
 * computed first, four at a time, into `swaps` (at least c rounded up to four).
 * params: rank, swaps, identity, state, c.
 */
function ranks(): Fn {
  const [rank, swaps, identity, state, c] = [0, 1, 2, 3, 4];
  const [i, st, t, m, jb, v] = [5, 6, 7, 8, 9, 10];
  // ⌊u (i + 1)⌋ of two lanes, i + 1 in m (then stepped by 2).
  const half = (lanes: number[]) => [...lanes, ...TO_F64, ...TO_UNIT, ...get(m), ...MUL, ...simd(0xfc), ...get(m), ...f64x2([2, 2]), ...ADD, ...set(m)];
  const draw = [
    ...get(swaps),
    ...get(i),
    0x6a,
    ...mulberry(st, t),
    ...half(get(t)),
    ...half([...get(t), ...get(t), ...HIGH_PAIR]),
    ...simd(0x0d), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, // i8x16.shuffle: both pairs of indices into one vector
    ...simd(0x0b), 4, 0,
    ...nextFour(st),
  ];
  const swap = [
    ...get(swaps), ...get(i), 0x6a, 0x28, 2, 0, 0x41, 2, 0x74, ...get(rank), 0x6a, ...set(jb), // address of rank[j]
    ...get(rank), ...get(i), 0x6a, 0x28, 2, 0, ...set(v), // v = rank[i]
    ...get(rank), ...get(i), 0x6a, ...get(jb), 0x28, 2, 0, 0x36, 2, 0, // rank[i] = rank[j]
    ...get(jb), ...get(v), 0x36, 2, 0, // rank[j] = v
    ...get(i), 0x41, 4, 0x6b, ...tee(i), 0x0d, 0, // i −= 1, while i > 0
  ];
  return {
    name: 'ranks',
    params: [I32, I32, I32, I32, I32],
    result: null,
    locals: [I32, V128, V128, V128, I32, I32],
    body: [
      ...get(rank), ...get(identity), ...get(c), 0x41, 2, 0x74, 0xfc, 10, 0, 0, // memory.copy(rank, identity, 4c)
      ...firstFour(state, st),
      ...f64x2([1, 2]), ...set(m),
      ...loop(i, [...get(c), 0x41, 3, 0x6a, 0x41, 2, 0x76, 0x41, 4, 0x74], draw, 16, true),
      // i = 4 (c − 1), the last position, down to 4 (position 1)
      ...get(c), 0x41, 1, 0x6b, 0x41, 2, 0x74, ...tee(i),
      0x04, 0x40, 0x03, 0x40, ...swap, 0x0b, 0x0b,
    ],
  };
}

/**
 * The strata of a triangular variable, Latin hypercube: q[k] = the quantile at
 * (k + u_k) / c, u_k the (k + 1)-th number of mulberry32 from `state`, as `drawStrata`
 * computes it (sampling.ts), for k in [0, end / 8) (whole fours; those past c are not read).
 * params: q, state, end, c, min, max, fm, lo, hi (fm, lo, hi as drawStrata derives them).
 */
function triangular(): Fn {
  const [q, state, end, cP, minP, maxP, fmP, loP, hiP] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, st, t, k, x, mask, c, min, max, fm, lo, hi] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
  const A = [...get(min), ...get(x), ...get(lo), ...MUL, ...SQRT, ...ADD];
  const B = [...get(max), ...f64x2([1, 1]), ...get(x), ...SUB, ...get(hi), ...MUL, ...SQRT, ...SUB];
  // The quantile of the two strata in x: the lower branch below fm (strata ascend, so mixed pairs are rare).
  const quantile = [
    ...get(x),
    ...get(fm),
    ...LT,
    ...tee(mask),
    ...simd(0x53), // v128.any_true
    0x04,
    V128,
    ...get(mask),
    ...simd(0xc3), // i64x2.all_true
    0x04,
    V128,
    ...A,
    0x05,
    ...A,
    ...B,
    ...get(mask),
    ...simd(0x52), // v128.bitselect
    0x0b,
    0x05,
    ...B,
    0x0b,
  ];
  // Two strata from two 32-bit numbers in the low lanes of `lanes`, stored at q + i + at.
  const half = (lanes: number[], at: number) => [
    ...get(q),
    ...get(i),
    0x6a,
    ...get(k),
    ...lanes,
    ...TO_F64,
    ...TO_UNIT,
    ...ADD,
    ...get(c),
    ...DIV,
    ...set(x),
    ...quantile,
    ...simd(0x0b),
    4,
    at,
    ...get(k),
    ...f64x2([2, 2]),
    ...ADD,
    ...set(k),
  ];
  const body = [...mulberry(st, t), ...half(get(t), 0), ...half([...get(t), ...get(t), ...HIGH_PAIR], 16), ...nextFour(st)];
  return {
    name: 'triangular',
    params: [I32, I32, I32, F64, F64, F64, F64, F64, F64],
    result: null,
    locals: [I32, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128],
    body: [
      ...firstFour(state, st),
      ...f64x2([0, 1]),
      ...set(k),
      ...splat(cP),
      ...set(c),
      ...splat(minP),
      ...set(min),
      ...splat(maxP),
      ...set(max),
      ...splat(fmP),
      ...set(fm),
      ...splat(loP),
      ...set(lo),
      ...splat(hiP),
      ...set(hi),
      ...loop(i, end, body, 32),
    ],
  };
}

/**
 * Iteration i's sample is q[rank[i]]: into dur[i] and, with `rate` (the cost by the day of a
 * task without risk impacts), cost[i] += rate · dur[i], for i in [0, end / 4).
 * params: rank, q, dur, cost, rate, end.
 */
function gather(withCost: boolean): Fn {
  const [rank, q, dur, cost, rate, end] = [0, 1, 2, 3, 4, 5];
  const [i, v, at] = [6, 7, 8];
  const body = [
    // v = q[rank[i]]
    ...get(q),
    ...get(rank),
    ...get(i),
    0x6a,
    0x28, 2, 0, // i32.load
    0x41, 3,
    0x74, // i32.shl
    0x6a,
    0x2b, 3, 0, // f64.load
    ...set(v),
    ...get(i),
    ...get(i),
    0x6a,
    ...set(at), // the byte offset of a double: 2i
    ...get(dur),
    ...get(at),
    0x6a,
    ...get(v),
    0x39, 3, 0, // f64.store
    ...(withCost
      ? [...get(cost), ...get(at), 0x6a, ...get(cost), ...get(at), 0x6a, 0x2b, 3, 0, ...get(rate), ...get(v), 0xa2, 0xa0, 0x39, 3, 0]
      : []),
  ];
  return {
    name: withCost ? 'gatherCost' : 'gather',
    params: [I32, I32, I32, I32, F64, I32],
    result: null,
    locals: [I32, F64, I32],
    body: loop(i, end, body, 4),
  };
}

const FUNCTIONS: readonly Fn[] = [planRows('forward'), planRows('backward'), triangular(), gather(false), gather(true), ranks(), rankSums()];

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/** The module: memory imported as env.memory, one exported function per row shape. */
function assemble(): Uint8Array {
  const types = FUNCTIONS.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...(f.result === null ? [0] : [1, f.result])]);
  const codes = FUNCTIONS.map((f) => {
    const body = [...vec(f.locals.map((l) => [1, l])), ...f.body, 0x0b];
    return [...leb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(FUNCTIONS.map((_, k) => leb(k)))),
    ...section(7, vec(FUNCTIONS.map((f, k) => [...name(f.name), 0x00, ...leb(k)]))),
    ...section(10, vec(codes)),
  ]);
}

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
      const bytes = assemble();
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
