import { afterAll, describe, expect, it } from 'vitest';
import { optimise } from '../domain/portfolio/optimise/optimise.js';
import type { PortfolioModel } from '../domain/portfolio/optimise/types.js';
import { frontier, optimiseInWorker, stopOptimiserWorkers } from './optimiser-pool.js';

afterAll(() => stopOptimiserWorkers());

// Must-do M (4), then A (5 for 6), B (3 for 4), C (1 for 2), D must-not; total of what may be funded: 4 + 6 + 4 + 2 = 16.
const model: PortfolioModel = {
  periods: 2,
  budgetTotal: 10,
  candidates: [
    { id: 'M', value: 1, cost: [2, 2], mustDo: true },
    { id: 'A', value: 5, cost: [3, 3] },
    { id: 'B', value: 3, cost: [4] },
    { id: 'C', value: 1, cost: [1, 1] },
    { id: 'D', value: 9, cost: [1], mustNot: true },
  ],
};

describe('efficient frontier', () => {
  it('gives the best value at each level, the same in two workers as in this thread', async () => {
    const two = await frontier(model, { points: 5, workers: 2, gap: 0, timeLimitSeconds: 30 });
    const one = await frontier(model, { points: 5, workers: 1, gap: 0, timeLimitSeconds: 30 });
    expect(two).toEqual(one);
    // 4: M; 7: M + C; 10: M + A (6, over M + B + C, 5); 13: M + A + C; 16: everything that may be funded.
    expect(two.points.map((p) => [p.budget, p.value, p.cost])).toEqual([
      [4, 1, 4],
      [7, 2, 6],
      [10, 6, 10],
      [13, 7, 12],
      [16, 10, 16],
    ]);
    expect(two.points.every((p) => p.status === 'optimal')).toBe(true);
    expect(two.points[2]!.selected).toEqual([
      { id: 'M', start: 0 },
      { id: 'A', start: 0 },
    ]);
  });

  it('reports progress per point and refuses a bad number of points', async () => {
    const seen: number[] = [];
    await frontier(model, { points: 3, workers: 2, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3]);
    await expect(frontier(model, { points: 1 })).rejects.toThrow('points: must be a whole number from 2 to 1000 (got 1)');
  });
});

describe('optimise in a worker', () => {
  it('gives what optimise gives here', async () => {
    const here = await optimise(model, { gap: 0 });
    const there = await optimiseInWorker(model, { gap: 0 });
    expect({ ...there, solver: null }).toEqual({ ...here, solver: null });
  });

  it('refuses a bad model with the same error', async () => {
    await expect(optimiseInWorker({ periods: 1, candidates: [{ id: 'A', value: -1, cost: [] }] })).rejects.toThrow('candidates[0].value: must be a finite number ≥ 0');
  });
});
