import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PharosError } from '../../errors.js';
import { bruteForce } from './brute-force.js';
import { checkSelection } from './check.js';
import { compileModel } from './compile.js';
import { optimise } from './optimise.js';
import type { Candidate, CandidateGroup, PortfolioModel } from './types.js';

const PERIODS = 4;
const ROLES = ['dev', 'ops'];

/** Small random models: ≤ 8 candidates, ≤ 3 starts each, 2 roles, 4 periods, with every kind of rule. */
const smallModel: fc.Arbitrary<PortfolioModel> = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `C${i}`);
  const candidate = (i: number): fc.Arbitrary<Candidate> =>
    fc
      .record({
        value: fc.integer({ min: 0, max: 20 }),
        length: fc.integer({ min: 1, max: 3 }),
        costs: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }),
        demand: fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }), { nil: undefined, freq: 2 }), { minLength: 2, maxLength: 2 }),
        es: fc.integer({ min: 0, max: PERIODS - 1 }),
        delay: fc.integer({ min: 0, max: 2 }),
        flag: fc.integer({ min: 0, max: 19 }),
        requires: fc.subarray(ids.slice(0, i), { maxLength: Math.min(2, i) }),
        excludes: fc.subarray(ids.filter((_, k) => k !== i), { maxLength: Math.min(1, n - 1) }),
      })
      .map((r) => {
        const demand = Object.fromEntries(ROLES.flatMap((role, k) => (r.demand[k] ? [[role, r.demand[k]!.slice(0, r.length)]] : [])));
        const excludes = r.excludes.filter((e) => !r.requires.includes(e));
        return {
          id: ids[i]!,
          value: r.value,
          cost: r.costs.slice(0, r.length),
          ...(Object.keys(demand).length ? { demand } : {}),
          earliestStart: r.es,
          latestStart: Math.min(PERIODS - 1, r.es + r.delay),
          ...(r.flag === 0 ? { mustDo: true } : r.flag === 1 ? { mustNot: true } : {}),
          ...(r.requires.length ? { requires: r.requires } : {}),
          ...(excludes.length ? { excludes } : {}),
        };
      });
  const group: fc.Arbitrary<CandidateGroup> = fc.record({ members: fc.subarray(ids, { minLength: Math.min(2, n), maxLength: Math.min(3, n) }), max: fc.integer({ min: 1, max: 2 }) }).map((g) => ({ id: 'G', ...g }));
  return fc.record({
    candidates: fc.tuple(...ids.map((_, i) => candidate(i))),
    budget: fc.option(fc.array(fc.integer({ min: 2, max: 20 }), { minLength: PERIODS, maxLength: PERIODS }), { nil: undefined }),
    budgetTotal: fc.option(fc.integer({ min: 5, max: 50 }), { nil: undefined }),
    capacity: fc.array(fc.array(fc.integer({ min: 3, max: 15 }), { minLength: PERIODS, maxLength: PERIODS }), { minLength: 2, maxLength: 2 }),
    groups: fc.array(group, { maxLength: 2 }).map((gs) => gs.map((g, k) => ({ ...g, id: `G${k}` }))),
  }).map((r) => ({
    periods: PERIODS,
    ...(r.budget ? { budget: r.budget } : {}),
    ...(r.budgetTotal !== undefined ? { budgetTotal: r.budgetTotal } : {}),
    capacity: { dev: r.capacity[0]!, ops: r.capacity[1]! },
    candidates: r.candidates,
    groups: r.groups,
  }));
});

/** Whether the model is accepted (random rules can contradict: a must-do requiring a must-not…). */
function accepted(model: PortfolioModel): boolean {
  try {
    compileModel(model);
    return true;
  } catch (e) {
    if (e instanceof PharosError && e.code === 'validation-failed') return false;
    throw e;
  }
}

describe('optimise against brute force', () => {
  it('finds the optimum brute force finds, never below greedy, and every selection meets every rule', async () => {
    await fc.assert(
      fc.asyncProperty(smallModel, async (model) => {
        fc.pre(accepted(model));
        const best = bruteForce(model);
        const r = await optimise(model, { gap: 0, forceInLimit: 2 });
        if (best === null) {
          // No selection meets the rules: only the must-dos can cause that, and the answer says which rows they overrun.
          expect(r.status).toBe('infeasible');
          expect(r.infeasibility.length).toBeGreaterThan(0);
          for (const s of r.infeasibility) expect(s.excess).toBeGreaterThan(0);
          return;
        }
        expect(r.status).toBe('optimal');
        expect(r.value).toBeCloseTo(best.value, 9);
        expect(r.gap).toBe(0);
        expect(checkSelection(model, r.selected)).toEqual([]);
        if (r.greedy.feasible) {
          expect(checkSelection(model, r.greedy.selected)).toEqual([]);
          expect(r.value).toBeGreaterThanOrEqual(r.greedy.value);
        }
        // The shadow cost of a left-out candidate is what brute force loses when it must be in.
        for (const l of r.leftOut) {
          if (!l.forcedIn) continue;
          const forced = bruteForce(model, [l.id]);
          if (!l.forcedIn.feasible) expect(forced).toBeNull();
          else expect(l.forcedIn.value).toBeCloseTo(forced!.value, 9);
        }
      }),
      { numRuns: 150, seed: 20260501 },
    );
  }, 120_000);

  it('finds the optimum within the gap when a gap is allowed', async () => {
    await fc.assert(
      fc.asyncProperty(smallModel, async (model) => {
        fc.pre(accepted(model));
        const best = bruteForce(model);
        fc.pre(best !== null);
        const r = await optimise(model, { gap: 0.05, forceInLimit: 0 });
        expect(checkSelection(model, r.selected)).toEqual([]);
        expect(r.value).toBeGreaterThanOrEqual(best!.value / 1.05 - 1e-9);
        expect(r.bound).toBeGreaterThanOrEqual(best!.value - 1e-6);
        if (r.greedy.feasible) expect(r.value).toBeGreaterThanOrEqual(r.greedy.value);
      }),
      { numRuns: 100, seed: 7 },
    );
  }, 120_000);
});
