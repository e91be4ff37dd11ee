/**
 * The two phases of the search over activity lists. A genetic phase: a population seeded by
 * priority rules with biased random sampling, improved generation by generation with
 * two-point crossover and swap mutation (Hartmann 1998), every child justified and its list
 * rewritten to the improved schedule's order. Then a local phase: random shifts of the best
 * list, each decoded and justified, kept when no worse (so the walk crosses plateaus).
 */
import { createMarks, crossover, mutate, shift } from './genetic.js';
import { listByRule, PRIORITY_RULES, ruleValues, sampleList } from './priority.js';
import { compareFitness, evaluate, searching, type Search } from './search.js';

/** Tunables of the search. */
export type SearchSettings = {
  populationSize: number;
  /** Probability of swapping each pair of neighbours in a child. */
  mutationRate: number;
  /** Share of the budget for the genetic phase; the local phase gets the rest. */
  geneticShare: number;
  /** The local phase shifts 1 … this many jobs per move. */
  maxShifts: number;
};

type Population = {
  size: number;
  lists: Int32Array;
  makespan: Int32Array;
  violations: Int32Array;
  tie: Float64Array;
  hash: Int32Array;
};

function createPopulation(size: number, count: number): Population {
  return {
    size,
    lists: new Int32Array(size * count),
    makespan: new Int32Array(size),
    violations: new Int32Array(size),
    tie: new Float64Array(size),
    hash: new Int32Array(size),
  };
}

/** FNV-1a of a list: lists are start orders of left-justified schedules, so equal hashes mean (almost surely) equal schedules. */
function listHash(list: Int32Array): number {
  let h = 0x811c9dc5;
  for (let x = 0; x < list.length; x++) h = Math.imul(h ^ list[x]!, 0x01000193);
  return h;
}

/** Copies individual `i` of `from` (or the last evaluation, when `from` is null) into slot `at` of `to`. */
function put(s: Search, to: Population, at: number, list: Int32Array, from: Population | null, i: number): void {
  to.lists.set(list, at * s.count);
  to.makespan[at] = from ? from.makespan[i]! : s.makespan;
  to.violations[at] = from ? from.violations[i]! : s.violations;
  to.tie[at] = from ? from.tie[i]! : s.tie;
  to.hash[at] = from ? from.hash[i]! : listHash(list);
}

/**
 * Fills a population: the deterministic LFT list first (so the result is never worse than the
 * classic single pass), then the other rules, then biased random samples of every rule.
 * Returns how many individuals were made before the budget or the target stopped it.
 */
function seedPopulation(s: Search, pop: Population): number {
  const values = PRIORITY_RULES.map((rule) => ruleValues(s.p, s.cpm, rule));
  const list = new Int32Array(s.count);
  let made = 0;
  for (let i = 0; i < pop.size && (i === 0 || searching(s)); i++) {
    const v = values[i % values.length]!;
    if (i < values.length) listByRule(s.p, v, list);
    else sampleList(s.p, v, s.rng, 1 + (i % 3), list);
    evaluate(s, list);
    put(s, pop, i, list, null, 0);
    made++;
  }
  return made;
}

/** Sorts `merged` best first and keeps the first `keep` distinct schedules in `out`; returns how many. */
function survive(s: Search, merged: Population, filled: number, keep: number, out: Population): number {
  const order = Array.from({ length: filled }, (_, i) => i);
  const m = merged;
  order.sort((a, b) => compareFitness(m.violations[a]!, m.makespan[a]!, m.tie[a]!, m.violations[b]!, m.makespan[b]!, m.tie[b]!) || a - b);
  let kept = 0;
  const taken = new Set<number>();
  for (const i of order) {
    if (kept >= keep) break;
    if (taken.has(m.hash[i]!)) continue;
    taken.add(m.hash[i]!);
    put(s, out, kept++, m.lists.subarray(i * s.count, (i + 1) * s.count), m, i);
  }
  return kept;
}

/**
 * Runs both phases until the budget is spent or the target reached. The population is kept
 * best first; each generation makes as many children as there are places (parents chosen by
 * binary tournament), and parents and children compete for the places.
 */
export function runSearch(s: Search, settings: SearchSettings): void {
  const size = Math.max(2, settings.populationSize);
  const count = s.count;
  let pop = createPopulation(size, count);
  const merged = createPopulation(2 * size, count);
  let spare = createPopulation(size, count);
  let alive = survive(s, pop, seedPopulation(s, pop), size, spare);
  [pop, spare] = [spare, pop];
  if (count < 2) return;
  const child = new Int32Array(count);
  const marks = createMarks(s.p.n);
  const rng = s.rng;
  const geneticBudget = Math.floor(s.budget * settings.geneticShare);
  // Binary tournament on a population sorted best first: the smaller of two random ranks.
  const parent = (): number => Math.min(rng.below(alive), rng.below(alive));
  while (searching(s) && s.schedules < geneticBudget) {
    merged.lists.set(pop.lists.subarray(0, alive * count));
    merged.makespan.set(pop.makespan.subarray(0, alive));
    merged.violations.set(pop.violations.subarray(0, alive));
    merged.tie.set(pop.tie.subarray(0, alive));
    merged.hash.set(pop.hash.subarray(0, alive));
    let filled = alive;
    for (let c = 0; c < size && searching(s); c++) {
      const a = parent();
      const b = parent();
      let q1 = rng.below(count + 1);
      let q2 = rng.below(count + 1);
      if (q1 > q2) [q1, q2] = [q2, q1];
      crossover(pop.lists.subarray(a * count, (a + 1) * count), pop.lists.subarray(b * count, (b + 1) * count), count, q1, q2, child, marks);
      mutate(s.p, child, count, settings.mutationRate, rng);
      evaluate(s, child);
      put(s, merged, filled++, child, null, 0);
    }
    alive = survive(s, merged, filled, size, spare);
    [pop, spare] = [spare, pop];
  }
  // Local phase on the best list.
  const best = pop.lists.slice(0, count);
  let bestViolations = pop.violations[0]!;
  let bestMakespan = pop.makespan[0]!;
  let bestTie = pop.tie[0]!;
  while (searching(s)) {
    child.set(best);
    const moves = 1 + rng.below(settings.maxShifts);
    for (let i = 0; i < moves; i++) shift(s.p, child, count, rng.below(count), rng, marks);
    evaluate(s, child);
    if (compareFitness(s.violations, s.makespan, s.tie, bestViolations, bestMakespan, bestTie) <= 0) {
      best.set(child);
      bestViolations = s.violations;
      bestMakespan = s.makespan;
      bestTie = s.tie;
    }
  }
}
