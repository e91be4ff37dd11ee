/**
 * Drawing one variable's c samples of a block: the ranks (which iteration gets which
 * stratum), then the values of the strata. Both come from the variable's own stream, the
 * ranks first, so a block's samples do not depend on the order its variables are drawn in.
 */
import { quantiles, TRIANGULAR, type Dist } from './distributions.js';
import { STEP, streamSeed, uniformAt } from './prng.js';
import type { Sampling } from './types.js';

/**
 * Draws the ranks of variable `v` in block `block` (c iterations): a random permutation
 * (Fisher–Yates, position i swapped with ⌊u_i (i + 1)⌋ for i from c − 1 down to 1, on the
 * first c uniforms of the stream of (seed, block, v)) into `rank[offset..offset + c)`.
 * Returns the stream's state after them, from which {@link drawStrata} continues. The
 * stream is counter-based (its i-th state is the first plus (i + 1) steps), so each u_i is
 * computed where the shuffle needs it, last first, with no buffer in between.
 */
export function drawRanks(seed: number, block: number, v: number, c: number, rank: Int32Array, offset: number): number {
  const a = streamSeed(seed, block, v) | 0;
  for (let i = 0; i < c; i++) rank[offset + i] = i;
  for (let i = c - 1; i > 0; i--) {
    const j = offset + ((uniformAt((a + Math.imul(i + 1, STEP)) | 0) * (i + 1)) | 0);
    const t = rank[offset + i]!;
    rank[offset + i] = rank[j]!;
    rank[j] = t;
  }
  return (a + Math.imul(c, STEP)) | 0;
}

/**
 * The values of a variable's c strata into `q`, in ascending order, from the stream at
 * `state`: Latin hypercube, the inverse CDF at (k + u_k) / c, one point in each stratum
 * [k/c, (k+1)/c); random, at c sorted independent uniforms. Iteration i's sample is then
 * q[rank[i]]: the same number as the inverse CDF of the uniform placed at i, with the
 * triangular branch taken in order (predictable) and no buffer of uniforms in between.
 *
 * @example
 * const state = drawRanks(1, 0, 0, 250, rank, 0);
 * drawStrata(state, 'lhs', 250, toDist({ dist: 'triangular', min: 2, mode: 4, max: 9 }), q);
 */
export function drawStrata(state: number, sampling: Sampling, c: number, d: Dist, q: Float64Array): void {
  let a = state | 0;
  if (sampling === 'lhs' && d.kind === TRIANGULAR) {
    // quantiles() of a triangular distribution, fused with the stratified uniforms.
    const r = d.max - d.min;
    const fm = (d.mode - d.min) / r;
    const lo = r * (d.mode - d.min);
    const hi = r * (d.max - d.mode);
    const { min, max } = d;
    for (let k = 0; k < c; k++) {
      a = (a + STEP) | 0;
      const x = (k + uniformAt(a)) / c;
      q[k] = x < fm ? min + Math.sqrt(x * lo) : max - Math.sqrt((1 - x) * hi);
    }
    return;
  }
  for (let k = 0; k < c; k++) {
    a = (a + STEP) | 0;
    q[k] = uniformAt(a);
  }
  if (sampling === 'lhs') for (let k = 0; k < c; k++) q[k] = (k + q[k]!) / c;
  else q.subarray(0, c).sort();
  quantiles(d, q, q, 0, c);
}
