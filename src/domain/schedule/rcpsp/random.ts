/**
 * A small seeded pseudo-random generator (mulberry32, public domain): the search is repeatable,
 * so the same input and seed always give the same schedule. Domain code never calls Math.random.
 */

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  below(n: number): number;
};

/**
 * The mulberry32 generator started from `seed` (any number; its low 32 bits are used).
 *
 * @example const rng = seededRandom(42); rng.below(10) // the same digit on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n) };
}
