/**
 * The demo seed's random numbers: mulberry32, a small, fast PRNG with a 32-bit state (plenty
 * for demo data). The same seed gives the same sequence on every machine, so the demo is the
 * same in every fresh database.
 */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    /** A whole number from `lo` to `hi` inclusive. */
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number): boolean => next() < p,
    /** Log-uniform between `lo` and `hi`: budgets spread over orders of magnitude. */
    logUniform: (lo: number, hi: number): number => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo))),
  };
}
export type Rng = ReturnType<typeof prng>;
