/**
 * Operators on activity lists (precedence-feasible orders of the free jobs) for the genetic
 * search: Hartmann's (1998) two-point crossover and a swap mutation. Both keep a list
 * precedence-feasible, so every child decodes without repair.
 */
import type { Problem } from './problem.js';
import type { Random } from './random.js';

/** Marks per job, reset by bumping `stamp` instead of clearing. */
export type Marks = { seen: Int32Array; stamp: number };

/** Marks for `n` jobs, all clear. */
export function createMarks(n: number): Marks {
  return { seen: new Int32Array(n), stamp: 0 };
}

/**
 * Two-point crossover: the child takes positions [0, q1) from `mother`, then the jobs it lacks in
 * `father`'s order until it has q2, then the rest in `mother`'s order.
 */
export function crossover(mother: Int32Array, father: Int32Array, count: number, q1: number, q2: number, child: Int32Array, marks: Marks): void {
  const seen = marks.seen;
  const stamp = ++marks.stamp;
  let c = 0;
  for (; c < q1; c++) {
    child[c] = mother[c]!;
    seen[mother[c]!] = stamp;
  }
  for (let x = 0; c < q2 && x < count; x++) {
    const j = father[x]!;
    if (seen[j] !== stamp) {
      child[c++] = j;
      seen[j] = stamp;
    }
  }
  for (let x = q1; c < count && x < count; x++) {
    const j = mother[x]!;
    if (seen[j] !== stamp) {
      child[c++] = j;
      seen[j] = stamp;
    }
  }
}

/** Whether an arc joins job a to job b directly. */
function linked(p: Problem, a: number, b: number): boolean {
  for (let k = p.succStart[a]!, e = p.succStart[a + 1]!; k < e; k++) if (p.succJob[k] === b) return true;
  return false;
}

/**
 * Swaps each pair of neighbours with probability `rate` unless an arc joins them (for neighbours
 * in a precedence-feasible list, a direct arc is the only relation that forbids the swap).
 * Returns the number of swaps made.
 */
export function mutate(p: Problem, list: Int32Array, count: number, rate: number, rng: Random): number {
  let swaps = 0;
  for (let x = 0; x + 1 < count; x++) {
    if (rng.next() >= rate) continue;
    const a = list[x]!;
    const b = list[x + 1]!;
    if (linked(p, a, b)) continue;
    list[x] = b;
    list[x + 1] = a;
    swaps++;
  }
  return swaps;
}

/**
 * Moves the job at position `from` to a random position where it still follows its predecessors
 * and precedes its successors (a shift mutation). Returns whether the list changed.
 */
export function shift(p: Problem, list: Int32Array, count: number, from: number, rng: Random, marks: Marks): boolean {
  const j = list[from]!;
  const seen = marks.seen;
  const stamp = ++marks.stamp;
  for (let k = p.predStart[j]!; k < p.predStart[j + 1]!; k++) seen[p.predJob[k]!] = stamp;
  const succStamp = ++marks.stamp;
  for (let k = p.succStart[j]!; k < p.succStart[j + 1]!; k++) seen[p.succJob[k]!] = succStamp;
  let lo = from;
  while (lo > 0 && seen[list[lo - 1]!] !== stamp) lo--;
  let hi = from;
  while (hi + 1 < count && seen[list[hi + 1]!] !== succStamp) hi++;
  if (hi === lo) return false;
  const to = lo + rng.below(hi - lo + 1);
  if (to === from) return false;
  if (to < from) list.copyWithin(to + 1, to, from);
  else list.copyWithin(from, from + 1, to + 1);
  list[to] = j;
  return true;
}
