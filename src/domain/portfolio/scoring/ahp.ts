import type { Criterion, PairwiseComparison } from './criteria.js';

/**
 * Saaty's random consistency index by matrix size (index = n): the mean consistency index of
 * random reciprocal matrices. Sizes 1 and 2 are always consistent.
 */
const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** Above this consistency ratio the comparisons contradict each other too much to trust (Saaty). */
export const CONSISTENCY_LIMIT = 0.1;

export type PairwiseWeights = {
  /** Weight per criterion, in the criteria's order, summing to 1. */
  weights: number[];
  /** The principal eigenvalue of the comparison matrix (n when perfectly consistent). */
  lambdaMax: number;
  /** (λmax − n) / (n − 1). */
  consistencyIndex: number;
  /** CI divided by Saaty's random index; 0 for one or two criteria. */
  consistencyRatio: number;
  /** Pairs nobody compared yet, taken as equally important. */
  missing: Array<{ a: string; b: string }>;
};

/**
 * Criteria weights from pairwise comparisons by the analytic hierarchy process: the
 * principal right eigenvector of the reciprocal comparison matrix (power iteration), with
 * λmax, the consistency index and the consistency ratio. A pair not compared counts as 1
 * (equal) and is listed in `missing`.
 *
 * @example
 * // cost is 3× as important as risk: weights 0.75 / 0.25, perfectly consistent
 * pairwiseWeights([{ id: 'cost' }, { id: 'risk' }], [{ a: 'cost', b: 'risk', value: 3 }])
 * // { weights: [0.75, 0.25], lambdaMax: 2, consistencyIndex: 0, consistencyRatio: 0, missing: [] }
 */
export function pairwiseWeights(criteria: readonly Pick<Criterion, 'id'>[], comparisons: readonly PairwiseComparison[]): PairwiseWeights {
  const n = criteria.length;
  const index = new Map(criteria.map((c, i) => [c.id, i] as const));
  const a = Array.from({ length: n }, () => new Float64Array(n).fill(1));
  const given = Array.from({ length: n }, () => new Uint8Array(n));
  for (const p of comparisons) {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined || i === j) continue;
    a[i]![j] = p.value;
    a[j]![i] = 1 / p.value;
    given[i]![j] = given[j]![i] = 1;
  }
  const missing: Array<{ a: string; b: string }> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!given[i]![j]) missing.push({ a: criteria[i]!.id, b: criteria[j]!.id });
  if (n === 0) return { weights: [], lambdaMax: 0, consistencyIndex: 0, consistencyRatio: 0, missing };

  // Power iteration from the row geometric means (already the exact answer for a consistent matrix).
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let logSum = 0;
    for (let j = 0; j < n; j++) logSum += Math.log(a[i]![j]!);
    w[i] = Math.exp(logSum / n);
  }
  scaleToSum(w);
  const next = new Float64Array(n);
  for (let iteration = 0; iteration < 10_000; iteration++) {
    multiply(a, w, next);
    scaleToSum(next);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(next[i]! - w[i]!));
    w.set(next);
    if (change < 1e-15) break;
  }
  multiply(a, w, next);
  let lambda = 0;
  for (let i = 0; i < n; i++) lambda += next[i]! / w[i]!;
  lambda /= n;
  const consistencyIndex = n > 2 ? Math.max(0, (lambda - n) / (n - 1)) : 0;
  const ri = RANDOM_INDEX[n] ?? RANDOM_INDEX[RANDOM_INDEX.length - 1]!;
  return {
    weights: Array.from(w),
    lambdaMax: lambda,
    consistencyIndex,
    consistencyRatio: ri > 0 ? consistencyIndex / ri : 0,
    missing,
  };
}

function multiply(a: readonly Float64Array[], w: Float64Array, out: Float64Array): void {
  for (let i = 0; i < w.length; i++) {
    let s = 0;
    const row = a[i]!;
    for (let j = 0; j < w.length; j++) s += row[j]! * w[j]!;
    out[i] = s;
  }
}

function scaleToSum(w: Float64Array): void {
  let s = 0;
  for (const x of w) s += x;
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / s;
}
