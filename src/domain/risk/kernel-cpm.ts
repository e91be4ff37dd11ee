/**
 * The CPM passes in the risk kernel (`kernel.ts`): a plan of the usual task shapes run
 * forward and backward over a block's lanes, two at a time. The same arithmetic as the
 * JavaScript rows of `cpm.ts`, operation for operation.
 */
import { ADD, I32, I64_SUB, LE, PMAX, PMIN, SUB, V128, get, i32x4, load, loop, set, simd, store, tee, type Fn } from './wasm-code.js';

/** Local indices of a CPM row's operands (row byte offsets, lags, scratch). */
type RowLocals = { t: number; a: number; b: number; c: number; dur: number; fin: number; tol: number; end: number; i: number; la: number; lb: number; lc: number; v: number; late: number; count: number };

/**
 * A forward row with one or three finish-to-start predecessors (the bounding one standing in
 * for a missing one; no predecessor is one link to a row of zeros): f = max over links of
 * (t[p] + lag), plus the duration; and, when the task may hold the finish, fin = max(fin, f).
 */
export function forwardRow(L: RowLocals, links: 1 | 3, holds: boolean): number[] {
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
export function backwardRow(L: RowLocals, links: 1 | 3): number[] {
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


/** Size in bytes of a task's record in a CPM plan: six i32 (t, a, b, c, dur, flags), the count, a pad; and three lags and a pad as f64. */
export const PLAN_RECORD = 32;

/**
 * The CPM rows of plan records [from, to) (positions in topological order), forward in
 * order, backward in reverse. A record holds the task's row offsets (its times t, its links'
 * rows a, b, c, its durations), flags (1: the task may hold the finish; 2: three links, else
 * one), and its lags. Backward stores each task's count of critical lanes in its record.
 * params: plan, lags, from, to, fin, tol, end.
 */
export function planRows(direction: 'forward' | 'backward'): Fn {
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
