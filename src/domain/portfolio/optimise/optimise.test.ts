import { describe, expect, it } from 'vitest';
import { checkSelection } from './check.js';
import { greedy } from './greedy.js';
import { optimise } from './optimise.js';
import type { Candidate, OptimiseResult, PortfolioModel } from './types.js';

const c = (id: string, value: number, cost: number[], more: Partial<Candidate> = {}): Candidate => ({ id, value, cost, ...more });
const picked = (r: { selected: readonly { id: string; start: number }[] }) => r.selected.map((s) => `${s.id}@${s.start}`);
const exact = { gap: 0 };

/** Optimises and checks the answer against every rule of the model. */
async function solve(model: PortfolioModel, options = exact): Promise<OptimiseResult> {
  const r = await optimise(model, options);
  expect(checkSelection(model, r.selected)).toEqual([]);
  if (r.greedy.feasible) expect(checkSelection(model, r.greedy.selected)).toEqual([]);
  return r;
}

describe('optimise: hand-worked selections', () => {
  it('beats the ratio rule on a knapsack: two mid-ratio projects over one high-ratio one', async () => {
    // Budget 10: A (6 for 6) has the best ratio on a tie broken by value, but B + C give 10.
    const model: PortfolioModel = { periods: 1, budgetTotal: 10, candidates: [c('A', 6, [6]), c('B', 5, [5]), c('C', 5, [5])] };
    const r = await solve(model);
    expect(picked(r)).toEqual(['B@0', 'C@0']);
    expect(r).toMatchObject({ status: 'optimal', value: 10, cost: 10, gap: 0, bound: 10, source: 'highs' });
    expect(r.greedy).toEqual({ selected: [{ id: 'A', start: 0 }], value: 6, cost: 6, feasible: true });
    expect(greedy(model)).toEqual(r.greedy);
    expect(r.binding).toEqual([{ constraint: { kind: 'budget-total' }, label: 'total budget', use: 10, limit: 10 }]);
    // A left out: 6 more budget would fit it; forced in, the best is A alone (6), 4 less.
    expect(r.leftOut).toEqual([
      {
        id: 'A',
        value: 6,
        reason: 'needs 6 more total budget',
        needs: { start: 0, extra: [{ constraint: { kind: 'budget-total' }, label: 'total budget', extra: 6 }], alsoFund: [], displaces: [], fullGroups: [] },
        forcedIn: { feasible: true, value: 6, valueLost: 4, gap: 0 },
      },
    ]);
  });

  it('counts what a project requires: B is worth the most but needs A, and C + D beat A + B', async () => {
    const model: PortfolioModel = { periods: 1, budgetTotal: 10, candidates: [c('A', 1, [5]), c('B', 10, [5], { requires: ['A'] }), c('C', 7, [5]), c('D', 7, [5])] };
    const r = await solve(model);
    expect(picked(r)).toEqual(['C@0', 'D@0']);
    expect(r.value).toBe(14);
    // Greedy takes B first (ratio 2) and A with it.
    expect(r.greedy.selected.map((s) => s.id)).toEqual(['A', 'B']);
    expect(r.greedy.value).toBe(11);
    const b = r.leftOut.find((l) => l.id === 'B')!;
    expect(b.reason).toBe('requires A (not funded); needs 10 more total budget');
    expect(b.needs!.alsoFund).toEqual(['A']);
    expect(b.forcedIn).toEqual({ feasible: true, value: 11, valueLost: 3, gap: 0 });
  });

  it('funds a must-do with what it requires, whatever their value', async () => {
    const model: PortfolioModel = { periods: 1, budgetTotal: 10, candidates: [c('A', 0, [4]), c('B', 1, [4], { mustDo: true, requires: ['A'] }), c('C', 9, [6])] };
    const r = await solve(model);
    expect(picked(r)).toEqual(['A@0', 'B@0']);
    expect(r.selected.map((s) => s.mustDo)).toEqual([true, true]);
    expect(r.leftOut[0]).toMatchObject({ id: 'C', reason: 'needs 4 more total budget' });
  });

  it('keeps excluded projects apart, and says an exclusion binds when the other would fit', async () => {
    const candidates = [c('A', 8, [5], { excludes: ['B'] }), c('B', 7, [5]), c('C', 3, [5])];
    const tight = await solve({ periods: 1, budgetTotal: 10, candidates });
    expect(picked(tight)).toEqual(['A@0', 'C@0']);
    expect(tight.binding.map((b) => b.label)).toEqual(['total budget']);
    const roomy = await solve({ periods: 1, budgetTotal: 15, candidates });
    expect(picked(roomy)).toEqual(['A@0', 'C@0']);
    expect(roomy.binding).toEqual([{ constraint: { kind: 'exclusion', candidate: 'B', excludes: 'A' }, label: 'B excludes A (funded)', use: 1, limit: 1 }]);
    expect(roomy.leftOut[0]).toMatchObject({ id: 'B', reason: 'excludes funded A', forcedIn: { feasible: true, value: 10, valueLost: 1 } });
  });

  it('funds at most the group maximum, the most valuable members', async () => {
    const candidates = [c('A', 4, [1]), c('B', 6, [1]), c('C', 5, [1]), c('D', 1, [1])];
    const one = await solve({ periods: 1, candidates, groups: [{ id: 'G', members: ['A', 'B', 'C'] }] });
    expect(picked(one)).toEqual(['B@0', 'D@0']);
    expect(one.binding).toEqual([{ constraint: { kind: 'group', group: 'G' }, label: 'group G (at most 1)', use: 1, limit: 1 }]);
    expect(one.leftOut.map((l) => [l.id, l.reason])).toEqual([
      ['A', 'group G is full'],
      ['C', 'group G is full'],
    ]);
    const two = await solve({ periods: 1, candidates, groups: [{ id: 'G', members: ['A', 'B', 'C'], max: 2 }] });
    expect(picked(two)).toEqual(['B@0', 'C@0', 'D@0']);
  });

  it('delays starts to fit more in, where the ratio rule takes the earliest start and runs out of room', async () => {
    // One unit of budget a period; A must start at 0, B may start 0–2, C 0–1.
    const model: PortfolioModel = { periods: 3, budget: [10, 10, 10], candidates: [c('A', 5, [10]), c('B', 5, [10], { latestStart: 2 }), c('C', 5, [10], { latestStart: 1 })] };
    const r = await solve(model);
    expect(picked(r)).toEqual(['A@0', 'B@2', 'C@1']);
    expect(r.value).toBe(15);
    expect(r.greedy.selected).toEqual([
      { id: 'A', start: 0 },
      { id: 'B', start: 1 },
    ]);
  });

  it('starts each funded project as early as the others, where they are, allow', async () => {
    const model: PortfolioModel = { periods: 4, budget: [10, 10, 10, 10], candidates: [c('A', 5, [6], { latestStart: 3 }), c('B', 5, [6], { latestStart: 3 }), c('C', 5, [6], { earliestStart: 1, latestStart: 3 })] };
    const r = await solve(model);
    expect(r.value).toBe(15);
    expect(r.selected.map((s) => s.start).sort()).toEqual([0, 1, 2]);
    for (const s of r.selected)
      for (let earlier = model.candidates.find((x) => x.id === s.id)!.earliestStart ?? 0; earlier < s.start; earlier++) {
        const moved = r.selected.map((x) => (x.id === s.id ? { id: x.id, start: earlier } : x));
        expect(checkSelection(model, moved)).not.toEqual([]);
      }
  });

  it('holds a budget per period where a total budget would fund both', async () => {
    const candidates = [c('P', 5, [6, 6]), c('Q', 4, [6, 6])];
    expect(picked(await solve({ periods: 2, budget: [10, 10], candidates }))).toEqual(['P@0']);
    expect(picked(await solve({ periods: 2, budgetTotal: 24, candidates }))).toEqual(['P@0', 'Q@0']);
    expect(picked(await solve({ periods: 2, budgetTotal: 23, candidates }))).toEqual(['P@0']);
  });

  it('charges cost past the horizon to no period, but to the total budget', async () => {
    // R started in period 1 of 2 spends 5 in period 1; its other 10 fall past the horizon.
    const candidates = [c('R', 5, [5, 5, 5], { earliestStart: 1 })];
    const perPeriod = await solve({ periods: 2, budget: [0, 5], candidates });
    expect(perPeriod.selected).toEqual([{ id: 'R', start: 1, value: 5, cost: 15, costBeyondHorizon: 10, mustDo: false }]);
    expect(perPeriod.use.budget).toEqual([0, 5]);
    const total = await solve({ periods: 2, budgetTotal: 14, candidates });
    expect(total.selected).toEqual([]);
    expect(total.leftOut[0]!.reason).toBe('needs 1 more total budget');
  });

  it('holds each role to its capacity per period and reports the row that binds', async () => {
    const model: PortfolioModel = {
      periods: 2,
      capacity: { dev: [100, 100], ops: [50, 50] },
      candidates: [c('A', 5, [1], { demand: { dev: [80] } }), c('B', 4, [1], { demand: { dev: [30], ops: [10] } }), c('C', 3, [1], { demand: { ops: [45] } })],
    };
    const r = await solve(model);
    expect(picked(r)).toEqual(['A@0', 'C@0']);
    expect(r.use.capacity).toEqual({ dev: [80, 0], ops: [45, 0] });
    // Both rows left less room than B needs there (10 dev, 5 ops): fullest first.
    expect(r.binding).toEqual([
      { constraint: { kind: 'capacity', role: 'ops', period: 0 }, label: 'ops capacity in period 0', use: 45, limit: 50 },
      { constraint: { kind: 'capacity', role: 'dev', period: 0 }, label: 'dev capacity in period 0', use: 80, limit: 100 },
    ]);
    expect(r.leftOut[0]).toMatchObject({ id: 'B', reason: 'needs 10 more dev capacity in period 0, 5 more ops capacity in period 0' });
  });

  it('says why a project can never be funded', async () => {
    const r = await solve({ periods: 1, candidates: [c('A', 1, [1], { mustNot: true }), c('B', 9, [1], { requires: ['A'] }), c('C', 1, [1])] });
    expect(picked(r)).toEqual(['C@0']);
    expect(r.leftOut).toEqual([
      { id: 'A', value: 1, reason: 'must-not' },
      { id: 'B', value: 9, reason: 'requires A, which cannot be funded (must-not)' },
    ]);
  });

  it('names the rows must-do projects overrun, and by how much, when they cannot all fit', async () => {
    const model: PortfolioModel = {
      periods: 3,
      budget: [10, 10, 10],
      capacity: { dev: [100, 100, 100] },
      candidates: [c('P1', 1, [8, 8], { demand: { dev: [60, 60] }, mustDo: true }), c('P7', 1, [5], { mustDo: true, demand: { dev: [50] }, latestStart: 1, requires: ['P3'] }), c('P3', 1, [1]), c('X', 3, [1])],
    };
    const r = await optimise(model, exact);
    expect(r.status).toBe('infeasible');
    expect(r.selected).toEqual([]);
    expect(r.infeasibility.map((s) => s.message)).toEqual([
      'budget in period 1 exceeded by 3 by must-do projects P1, P7 (needs 13, limit 10)',
      'dev capacity in period 1 exceeded by 10 by must-do projects P1, P7 (needs 110, limit 100)',
    ]);
    expect(r.infeasibility[0]).toMatchObject({ constraint: { kind: 'budget', period: 1 }, limit: 10, need: 13, excess: 3, by: ['P1', 'P7'] });
    expect(r.greedy.feasible).toBe(false);
  });

  it('names a must-do that is only in because another requires it', async () => {
    const r = await optimise({ periods: 1, budgetTotal: 5, candidates: [c('A', 1, [4], { mustDo: true, requires: ['B'] }), c('B', 1, [3])] }, exact);
    expect(r.infeasibility.map((s) => s.message)).toEqual(['total budget exceeded by 2 by must-do projects A, B (required by A) (needs 7, limit 5)']);
  });

  it('answers an empty portfolio, and one where nothing may be funded', async () => {
    expect(await solve({ periods: 2, candidates: [] })).toMatchObject({ status: 'optimal', selected: [], value: 0, gap: 0 });
    expect(await solve({ periods: 2, candidates: [c('A', 3, [1], { mustNot: true })] })).toMatchObject({ status: 'optimal', selected: [], value: 0, leftOut: [{ id: 'A', reason: 'must-not' }] });
  });

  it('refuses bad options, naming them', async () => {
    await expect(optimise({ periods: 1, candidates: [] }, { gap: 1.5 })).rejects.toThrow('gap: must be a fraction from 0 to below 1, e.g. 0.01 for 1% (got 1.5)');
    await expect(optimise({ periods: 1, candidates: [] }, { timeLimitSeconds: 0 })).rejects.toThrow('timeLimitSeconds: must be a number of seconds above 0 (got 0)');
  });
});
