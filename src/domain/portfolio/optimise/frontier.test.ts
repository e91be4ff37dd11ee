import { describe, expect, it } from 'vitest';
import { frontierLevels, modelAtBudget, monotoneFrontier, type FrontierPoint } from './frontier.js';
import type { PortfolioModel } from './types.js';

const model: PortfolioModel = {
  periods: 2,
  budgetTotal: 10,
  candidates: [
    { id: 'M', value: 1, cost: [2, 2], mustDo: true },
    { id: 'A', value: 5, cost: [3, 3] },
    { id: 'B', value: 3, cost: [4] },
    { id: 'D', value: 9, cost: [1], mustNot: true },
  ],
};

describe('frontier levels', () => {
  it('span the budget from the must-do minimum to what every candidate that may be funded would cost', () => {
    const plan = frontierLevels(model, 4);
    expect(plan).toMatchObject({ min: 4, max: 14, levels: [4, 4 + 10 / 3, 4 + 20 / 3, 14] });
    expect(plan.models.map((m) => m.budgetTotal)).toEqual(plan.levels);
  });

  it('scale a budget per period, from where the must-dos at their earliest starts fit its shape', () => {
    expect(modelAtBudget({ ...model, budget: [6, 2] }, 4).budget).toEqual([3, 1]);
    // M spends 2 in each period; a budget shaped 6:2 gives period 1 a quarter of the total: 8.
    const plan = frontierLevels({ ...model, budget: [6, 2], budgetTotal: undefined }, 2);
    expect(plan.levels).toEqual([8, 14]);
    expect(plan.models[0]!.budget).toEqual([6, 2]);
    expect(plan.models[0]!.budgetTotal).toBeUndefined();
  });

  it('refuse fewer than two points', () => {
    expect(() => frontierLevels(model, 1)).toThrow('points: must be a whole number from 2 to 1000 (got 1)');
  });
});

describe('monotone frontier', () => {
  const point = (budget: number, value: number, bound: number, status: FrontierPoint['status'] = 'time-limit'): FrontierPoint => ({ budget, value, cost: budget, status, gap: (bound - value) / value, bound, selected: [{ id: `S${value}`, start: 0 }] });

  it('gives a point the selection below it when that is worth more, with its gap against its own bound', () => {
    const out = monotoneFrontier([point(10, 100, 100, 'optimal'), point(20, 95, 104), point(30, 120, 121, 'gap-reached')], 0.01);
    expect(out.map((p) => [p.value, p.selected[0]!.id, p.status])).toEqual([
      [100, 'S100', 'optimal'],
      [100, 'S100', 'time-limit'],
      [120, 'S120', 'gap-reached'],
    ]);
    expect(out[1]!.gap).toBeCloseTo(0.04, 12);
    expect(out[1]!.cost).toBe(10);
  });
});
