import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PharosError } from '../../errors.js';
import { scheduleByRule, solveRcpsp } from './solve.js';
import { NOT_FIXED, type RcpspInput } from './types.js';

type Instance = {
  durations: number[];
  capacities: number[];
  demands: number[];
  releases: number[];
  priorities: number[];
  arcs: { from: number[]; to: number[]; lag: number[] };
};

/** Random small instances; arcs go from lower to higher index, so there is never a cycle. */
const instances = (opts: { negativeLags: boolean; releases: boolean }) =>
  fc
    .record({ n: fc.integer({ min: 1, max: 9 }), R: fc.integer({ min: 1, max: 3 }) })
    .chain(({ n, R }) =>
      fc.record({
        // Mostly real jobs, some milestones; small capacities and high demands, so jobs compete.
        durations: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) }), { minLength: n, maxLength: n }),
        capacities: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: R, maxLength: R }),
        load: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n * R, maxLength: n * R }),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: opts.negativeLags ? -3 : 0, max: 3 })), { maxLength: n }),
        releases: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: opts.releases ? 6 : 0 }) }), { minLength: n, maxLength: n }),
        priorities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      }),
    )
    .map((g): Instance => {
      const R = g.capacities.length;
      const arcs = { from: [] as number[], to: [] as number[], lag: [] as number[] };
      for (const [a, b, lag] of g.pairs) {
        if (a === b) continue;
        arcs.from.push(Math.min(a, b));
        arcs.to.push(Math.max(a, b));
        arcs.lag.push(lag);
      }
      const demands = g.load.map((x, i) => Math.min(g.capacities[i % R]!, x));
      return { durations: g.durations, capacities: g.capacities, demands, arcs, releases: g.releases, priorities: g.priorities };
    });

/** Independent check: broken arcs (by index), and whether capacities, releases and fixed starts hold. */
function inspect(input: RcpspInput, starts: ArrayLike<number>): { brokenArcs: number[]; otherwiseFeasible: boolean; makespan: number } {
  const n = input.durations.length;
  const R = input.capacities.length;
  const d = (j: number) => input.durations[j]!;
  const s = (j: number) => starts[j]!;
  const brokenArcs: number[] = [];
  for (let k = 0; k < input.arcs.from.length; k++) {
    const a = input.arcs.from[k]!;
    const b = input.arcs.to[k]!;
    if (s(b) < s(a) + d(a) + (input.arcs.lag?.[k] ?? 0)) brokenArcs.push(k);
  }
  let ok = true;
  let makespan = 0;
  for (let j = 0; j < n; j++) {
    if (!Number.isInteger(s(j)) || s(j) < 0 || s(j) < (input.releases?.[j] ?? 0)) ok = false;
    const fixed = input.fixedStarts?.[j] ?? NOT_FIXED;
    if (fixed !== NOT_FIXED && s(j) !== fixed) ok = false;
    makespan = Math.max(makespan, s(j) + d(j));
  }
  for (let t = 0; t < makespan; t++) {
    for (let r = 0; r < R; r++) {
      let used = 0;
      for (let j = 0; j < n; j++) if (s(j) <= t && t < s(j) + d(j)) used += input.demands[j * R + r]!;
      if (used > input.capacities[r]!) ok = false;
    }
  }
  return { brokenArcs, otherwiseFeasible: ok, makespan };
}

/** Smallest makespan over every precedence-feasible list decoded by a plain serial SGS (exact for lags ≥ 0). */
function bruteForceOptimum(input: Instance): number {
  const n = input.durations.length;
  const R = input.capacities.length;
  let best = Infinity;
  const list: number[] = [];
  const used = new Set<number>();
  const decode = (): number => {
    const start: number[] = new Array<number>(n).fill(0);
    const load: number[] = [];
    let makespan = 0;
    for (const j of list) {
      let t = input.releases[j]!;
      for (let k = 0; k < input.arcs.from.length; k++) if (input.arcs.to[k] === j) t = Math.max(t, start[input.arcs.from[k]!]! + input.durations[input.arcs.from[k]!]! + input.arcs.lag[k]!);
      const fits = (u: number) => [...Array(R).keys()].every((r) => (load[u * R + r] ?? 0) + input.demands[j * R + r]! <= input.capacities[r]! || input.durations[j] === 0);
      while (![...Array(input.durations[j]!).keys()].every((x) => fits(t + x))) t++;
      for (let u = t; u < t + input.durations[j]!; u++) for (let r = 0; r < R; r++) load[u * R + r] = (load[u * R + r] ?? 0) + input.demands[j * R + r]!;
      start[j] = t;
      makespan = Math.max(makespan, t + input.durations[j]!);
    }
    return makespan;
  };
  // Iterative enumeration of topological orders (explicit stack, no recursion).
  const stack: number[] = [0];
  while (stack.length > 0) {
    const depth = stack.length - 1;
    if (list.length > depth) used.delete(list.pop()!);
    const from = stack[depth]!;
    let next = -1;
    for (let j = from; j < n; j++) {
      const ready = !used.has(j) && input.arcs.from.every((a, k) => input.arcs.to[k] !== j || used.has(a));
      if (ready) {
        next = j;
        break;
      }
    }
    if (next < 0) {
      stack.pop();
      continue;
    }
    stack[depth] = next + 1;
    list.push(next);
    used.add(next);
    if (list.length === n) best = Math.min(best, decode());
    else stack.push(0);
  }
  return best;
}

/** The same instance with the picked jobs fixed where a feasible schedule (the LFT pass) put them: still feasible. */
function withFixedJobs(input: Instance, pick: boolean[]): RcpspInput {
  const base = scheduleByRule(input);
  return { ...input, fixedStarts: input.durations.map((_, j) => (pick[j] ? base.starts[j]! : NOT_FIXED)) };
}

/**
 * The same instance with the picked jobs fixed at their earliest start ignoring resources: their
 * predecessors then have no room to wait for resources, so arcs into fixed jobs may break.
 */
function withJobsAtEarliest(input: Instance, pick: boolean[]): RcpspInput {
  const es = input.releases.slice();
  for (let j = 0; j < es.length; j++) {
    for (let k = 0; k < input.arcs.to.length; k++) {
      const a = input.arcs.from[k]!;
      if (input.arcs.to[k] === j) es[j] = Math.max(es[j]!, es[a]! + input.durations[a]! + input.arcs.lag[k]!);
    }
  }
  return { ...input, fixedStarts: es.map((t, j) => (pick[j] ? t : NOT_FIXED)) };
}

/** Solves, or returns null when the fixed starts themselves are invalid (overlap, or before what arcs allow). */
function solveOrSkip(input: RcpspInput, maxSchedules: number) {
  try {
    return solveRcpsp(input, { maxSchedules });
  } catch (e) {
    if (e instanceof PharosError && e.details.issues?.[0]?.field.startsWith('fixedStarts')) return null;
    throw e;
  }
}

describe('solveRcpsp properties', () => {
  it('returns feasible schedules, never worse than the LFT pass, never below the lower bound', () => {
    fc.assert(
      fc.property(instances({ negativeLags: true, releases: true }), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), (inst, pick) => {
        const variants: RcpspInput[] = [inst, withFixedJobs(inst, pick), withJobsAtEarliest(inst, pick)];
        for (const input of variants) {
          const result = solveOrSkip(input, 150);
          if (result === null) continue;
          const seen = inspect(input, result.starts);
          expect(seen.otherwiseFeasible).toBe(true);
          // Only arcs into fixed jobs may break, and exactly those are reported.
          expect(seen.brokenArcs).toEqual(result.violations.map((v) => v.arc));
          for (const v of result.violations) expect(input.fixedStarts?.[v.to]).not.toBe(NOT_FIXED);
          expect(seen.makespan).toBe(result.makespan);
          expect(result.makespan).toBeGreaterThanOrEqual(result.lowerBound);
          expect(result.schedules).toBeLessThanOrEqual(150);
          const baseline = scheduleByRule(input);
          const worse = result.violations.length > baseline.violations.length || (result.violations.length === baseline.violations.length && result.makespan > baseline.makespan);
          expect(worse).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(instances({ negativeLags: true, releases: true }), fc.integer(), (input, seed) => {
        const a = solveRcpsp(input, { maxSchedules: 60, seed });
        const b = solveRcpsp(input, { maxSchedules: 60, seed });
        expect(Array.from(a.starts)).toEqual(Array.from(b.starts));
      }),
      { numRuns: 50 },
    );
  });

  it('finds the optimum of tiny instances (checked by enumerating every activity list)', () => {
    const tiny = instances({ negativeLags: false, releases: true }).filter((i) => i.durations.length <= 6);
    fc.assert(
      fc.property(tiny, (input) => {
        const optimum = bruteForceOptimum(input);
        const result = solveRcpsp(input, { maxSchedules: 1500 });
        expect(result.lowerBound).toBeLessThanOrEqual(optimum);
        expect(result.makespan).toBe(optimum);
      }),
      { numRuns: 120, seed: 20_251_122 },
    );
  });
});
