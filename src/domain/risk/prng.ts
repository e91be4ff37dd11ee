/**
 * Counter-based seeding: every stream of random numbers is named by (seed, block, variable),
 * so any block can be drawn on any worker, in any order, with the same numbers.
 */

/** MurmurHash3's 32-bit finaliser: a bijective mix of the bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 32-bit state that starts the stream of (seed, block, variable). */
export function streamSeed(seed: number, block: number, variable: number): number {
  return fmix32(fmix32(fmix32(seed >>> 0) ^ Math.imul(block + 1, 0x9e3779b9)) ^ Math.imul(variable + 1, 0x7f4a7c15));
}

/** What mulberry32 adds to its state for each number. */
export const STEP = 0x6d2b79f5;

/**
 * The uniform in [0, 1) that mulberry32 gives for a state already stepped by {@link STEP}:
 * `a = (a + STEP) | 0; u = uniformAt(a)` draws the next number of a stream in a caller's
 * own loop (the hot loops of sampling do this rather than fill a buffer first).
 */
export function uniformAt(a: number): number {
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Fills `out[0..count)` with uniforms in [0, 1) from the stream that starts at `state`
 * (mulberry32; period 2^32, far beyond the few hundred numbers a stream gives). Returns the
 * state after them, so a caller can draw more from the same stream.
 *
 * @example
 * const u = new Float64Array(4); fillUniforms(streamSeed(42, 0, 0), u, 4);
 */
export function fillUniforms(state: number, out: Float64Array, count: number): number {
  let a = state | 0;
  for (let i = 0; i < count; i++) {
    a = (a + STEP) | 0;
    out[i] = uniformAt(a);
  }
  return a;
}
