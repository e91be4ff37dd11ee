import { describe, expect, it } from 'vitest';
import { baselineVariance } from './baselines.js';

const snap = (start: number, finish: number, durationMinutes: number, cost: number) => ({ start, finish, durationMinutes, cost });

describe('baseline variance', () => {
  it('measures date variance in working time and rolls costs up the outline', () => {
    // Working time: only even minutes count (a stand-in calendar).
    const work = (t: number) => Math.floor(t / 2);
    const v = baselineVariance(
      [
        { current: snap(0, 0, 0, 0), baseline: snap(0, 0, 0, 0), parent: -1 },
        { current: snap(10, 30, 10, 100), baseline: snap(10, 20, 5, 80), parent: 0 },
        { current: snap(30, 40, 5, 50), baseline: snap(20, 30, 5, 50), parent: 0 },
      ],
      work,
    );
    expect(v[1]).toMatchObject({ start: 0, finish: 5, duration: 5, cost: 20 });
    expect(v[2]).toMatchObject({ start: 5, finish: 5, duration: 0, cost: 0 });
    expect(v[0]).toMatchObject({ currentCost: 150, baselineCost: 130, cost: 20 });
  });

  it('leaves variance empty for tasks added or removed since the baseline, but still rolls up their cost', () => {
    const v = baselineVariance(
      [
        { current: snap(0, 0, 0, 0), baseline: snap(0, 0, 0, 0), parent: -1 },
        { current: snap(0, 10, 10, 70), baseline: null, parent: 0 },
      ],
      (t) => t,
    );
    expect(v[1]).toMatchObject({ start: null, finish: null, duration: null, cost: null, baselineCost: null, currentCost: 70 });
    expect(v[0]).toMatchObject({ currentCost: 70, baselineCost: 0, cost: 70 });
  });
});
