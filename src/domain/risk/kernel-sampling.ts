/**
 * Sampling and rank sums in the risk kernel (`kernel.ts`): mulberry32 four numbers at a time,
 * the Fisher–Yates ranks, a triangular variable's Latin hypercube strata, the gather by rank,
 * and the tornado's rank sums. The same numbers as `sampling.ts` and `ranks.ts`.
 */
import { STEP } from './prng.js';
import { ADD, DIV, F64, HIGH_PAIR, I32, I32_ADD, I32_MUL, LT, MUL, OR, SQRT, SUB, TO_F64, TO_UNIT, V128, XOR, f64x2, get, i32x4, loop, set, shrU, simd, splat, tee, type Fn } from './wasm-code.js';

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
export function ranks(): Fn {
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
export function triangular(): Fn {
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
export function gather(withCost: boolean): Fn {
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

/**
 * The tornado's rank sums of a block: for each of n tasks, Σ rank[i]·y[i] and Σ rank[i]·z[i]
 * over i < c into out[2j], out[2j + 1] (y, z: the finish's and the cost's midranks, zero
 * past c up to a four). Every product is a multiple of ½ and every sum of a block far below
 * 2^51 (ranks.ts, EXACT_BLOCK), so these sums are exact in any order: the same numbers as
 * `rankDots`.
 * params: rank, stride (bytes), n, y, z, out, end (bytes of i32 up to c rounded to four).
 */
export function rankSums(): Fn {
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
