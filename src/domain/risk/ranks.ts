/**
 * Rank statistics of one block for the tornado: midranks, and the Pearson correlation of
 * ranks (Spearman's rho within the block).
 *
 * Ranks are whole, midranks halves: every product of two is a multiple of ¼ and every sum
 * over a block of c ≤ {@link EXACT_BLOCK} stays far below 2^51, so these sums are exact in
 * doubles whatever the order of addition. The fast paths below add in another order (several
 * partial sums, or the zeros of a risk's effect all at once) and give bit for bit the
 * numbers of the plain loops.
 */

/** The largest block for which sums of rank products are exact (c³ < 2^49). */
export const EXACT_BLOCK = 65536;

/** Counts the values of ascending `s[0..m)` below `v` (`strict`) or at most `v`. */
function countBelow(s: Float64Array, m: number, v: number, strict: boolean): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? s[mid]! < v : s[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Midranks (0-based; ties share their mean rank) of `x[0..c)` into `out`: a native sort of
 * the values, then each value's rank is the middle of its run of equals, found by bisection.
 */
export function midranks(x: Float64Array, c: number, sorted: Float64Array, out: Float64Array): void {
  const s = sorted.subarray(0, c);
  s.set(x.subarray(0, c));
  s.sort();
  for (let i = 0; i < c; i++) {
    const v = x[i]!;
    out[i] = (countBelow(s, c, v, true) + countBelow(s, c, v, false) - 1) / 2;
  }
}

/**
 * The same midranks as {@link midranks} for a variable that is mostly 0 (a risk's effect is 0
 * in every iteration where the risk did not happen): only the non-zero values are sorted and
 * searched; the zeros share one rank, and a positive value's rank counts them below it.
 * Returns false, leaving `out` alone, when every value is 0 (the ranks are all equal: no
 * correlation).
 */
export function sparseMidranks(x: Float64Array, c: number, sorted: Float64Array, out: Float64Array): boolean {
  let m = 0;
  for (let i = 0; i < c; i++) if (x[i] !== 0) sorted[m++] = x[i]!;
  if (m === 0) return false;
  sorted.subarray(0, m).sort();
  const zeros = c - m;
  const negative = countBelow(sorted, m, 0, true);
  const zeroRank = (negative + (negative + zeros) - 1) / 2;
  for (let i = 0; i < c; i++) {
    const v = x[i]!;
    if (v === 0) out[i] = zeroRank;
    else {
      const shift = v > 0 ? zeros : 0;
      out[i] = (countBelow(sorted, m, v, true) + shift + (countBelow(sorted, m, v, false) + shift) - 1) / 2;
    }
  }
  return true;
}

/** Population variance of `y[0..c)`. */
export function variance(y: Float64Array, c: number): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < c; i++) {
    s += y[i]!;
    s2 += y[i]! * y[i]!;
  }
  const m = s / c;
  return s2 / c - m * m;
}

/** Pearson correlation of `x` with `y` (whose variance is `yVar`) over c values; 0 when either is constant. */
export function pearson(x: Float64Array, y: Float64Array, c: number, yVar: number): number {
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
 * Pearson correlation of a permutation of 0..c−1 (`rank` from `offset`: a task's sampled
 * durations are in that order) with midranks `y` of variance `yVar`, given Σ rank·y: the
 * permutation's mean and variance are known, (c − 1) / 2 and (c² − 1) / 12.
 */
export function permutationCorrelation(sum: number, c: number, yVar: number): number {
  if (yVar <= 0) return 0;
  const mean = (c - 1) / 2;
  return (sum / c - mean * mean) / Math.sqrt(((c * c - 1) / 12) * yVar);
}

/**
 * Σ rank[offset + i]·y[i] and Σ rank[offset + i]·z[i] over i < c into `out[0]`, `out[1]`:
 * a task's ranks against the finish's and the cost's midranks. Four partial sums apiece
 * (exact, see above) rather than one long chain of dependent additions.
 */
export function rankDots(rank: Int32Array, offset: number, y: Float64Array, z: Float64Array, c: number, out: Float64Array): void {
  let y0 = 0;
  let y1 = 0;
  let z0 = 0;
  let z1 = 0;
  let i = 0;
  if (c <= EXACT_BLOCK) {
    for (; i + 1 < c; i += 2) {
      const a = rank[offset + i]!;
      const b = rank[offset + i + 1]!;
      y0 += a * y[i]!;
      y1 += b * y[i + 1]!;
      z0 += a * z[i]!;
      z1 += b * z[i + 1]!;
    }
  }
  for (; i < c; i++) {
    const a = rank[offset + i]!;
    y0 += a * y[i]!;
    z0 += a * z[i]!;
  }
  out[0] = y0 + y1;
  out[1] = z0 + z1;
}

/**
 * Spearman correlation within a block of a variable that is mostly 0 (a risk's effect)
 * with midranks `y` (their sum `ySum`, variance `yVar`): the same number as
 * `pearson(midranks(x), y)`, from the non-zero values alone (sorted, ranked, summed) and the
 * zeros' shared midrank times their count and their y. 0 when every value is 0. `sorted` and
 * `at` are scratch of at least c.
 */
export function sparseRankCorrelation(x: Float64Array, c: number, y: Float64Array, ySum: number, yVar: number, sorted: Float64Array, at: Int32Array, ranks: Float64Array): number {
  if (c > EXACT_BLOCK) return sparseMidranks(x, c, sorted, ranks) ? pearson(ranks, y, c, yVar) : 0;
  let m = 0;
  for (let i = 0; i < c; i++) {
    if (x[i] !== 0) {
      at[m] = i;
      sorted[m++] = x[i]!;
    }
  }
  if (m === 0) return 0;
  sorted.subarray(0, m).sort();
  const zeros = c - m;
  const negative = countBelow(sorted, m, 0, true);
  const zeroRank = (negative + (negative + zeros) - 1) / 2;
  let sx = 0;
  let s2 = 0;
  let sxy = 0;
  let yNonZero = 0;
  for (let k = 0; k < m; k++) {
    const i = at[k]!;
    const v = x[i]!;
    const shift = v > 0 ? zeros : 0;
    const below = countBelow(sorted, m, v, true);
    // Sampled effects rarely tie: the run of equals usually ends at once.
    const atMost = below + 1 >= m || sorted[below + 1] !== v ? below + 1 : countBelow(sorted, m, v, false);
    const r = (below + shift + (atMost + shift) - 1) / 2;
    sx += r;
    s2 += r * r;
    sxy += r * y[i]!;
    yNonZero += y[i]!;
  }
  sx += zeroRank * zeros;
  s2 += zeroRank * zeroRank * zeros;
  sxy += zeroRank * (ySum - yNonZero);
  const mean = sx / c;
  const xVar = s2 / c - mean * mean;
  if (xVar <= 1e-12 || yVar <= 0) return 0;
  return (sxy / c - (sx / c) * (ySum / c)) / Math.sqrt(xVar * yVar);
}
