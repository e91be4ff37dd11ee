import { describe, expect, it } from 'vitest';
import { simulate } from './result.js';
import type { RiskModel, RiskTask } from './types.js';

// Closed forms the simulation must reproduce. Tolerances are multiples of the plain Monte
// Carlo standard error (Latin hypercube only narrows it), never tuned to the observed value.
const N = 20_000;
const Z = 4;

const triMean = (a: number, c: number, b: number) => (a + b + c) / 3;
const triVar = (a: number, c: number, b: number) => (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
const triCdf = (a: number, c: number, b: number) => (x: number) =>
  x <= a ? 0 : x >= b ? 1 : x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));

const sampleVariance = (x: Float64Array) => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
};

describe('closed forms', () => {
  it('a chain of independent tasks has the sum of the means and of the variances', () => {
    const three = [
      [2, 4, 9],
      [1, 1.5, 3],
      [5, 8, 10],
      [0, 2, 2],
      [3, 6, 12],
    ] as const;
    const tasks: RiskTask[] = three.map(([min, mode, max], i) => ({ id: `T${i}`, dist: 'triangular', min, mode, max, ...(i ? { predecessors: [`T${i - 1}`] } : {}) }));
    const r = simulate({ tasks }, { iterations: N, seed: 11 });
    const mean = three.reduce((s, [a, c, b]) => s + triMean(a, c, b), 0);
    const variance = three.reduce((s, [a, c, b]) => s + triVar(a, c, b), 0);
    expect(Math.abs(r.finish.mean - mean)).toBeLessThan(Z * Math.sqrt(variance / N));
    // Standard error of a sample variance of a near-normal sum: σ² √(2 / (N − 1)).
    expect(Math.abs(sampleVariance(r.samples.finish) - variance)).toBeLessThan(Z * variance * Math.sqrt(2 / (N - 1)));
    expect(r.criticality.every((c) => c.index === 1)).toBe(true);
  });

  it('two parallel triangular tasks finish with the exact distribution of their maximum', () => {
    const A = [2, 4, 9] as const;
    const B = [3, 5, 7] as const;
    const r = simulate({ tasks: [{ id: 'A', dist: 'triangular', min: A[0], mode: A[1], max: A[2] }, { id: 'B', dist: 'triangular', min: B[0], mode: B[1], max: B[2] }] }, { iterations: N, seed: 5 });
    const fa = triCdf(...A);
    const fb = triCdf(...B);
    const F = (x: number) => fa(x) * fb(x);
    const h = 1e-6;
    const density = (x: number) => (F(x + h) - F(x - h)) / (2 * h);
    const exactQuantile = (p: number) => {
      let lo = 2;
      let hi = 9;
      for (let i = 0; i < 60; i++) {
        const m = (lo + hi) / 2;
        if (F(m) < p) lo = m;
        else hi = m;
      }
      return (lo + hi) / 2;
    };
    for (const [p, got] of [
      [0.1, r.finish.p10],
      [0.5, r.finish.p50],
      [0.8, r.finish.p80],
      [0.9, r.finish.p90],
    ] as const) {
      const x = exactQuantile(p);
      // Standard error of a sample quantile: √(p (1 − p) / N) / f(x_p).
      expect(Math.abs(got - x), `P${p * 100}`).toBeLessThan((Z * Math.sqrt((p * (1 - p)) / N)) / density(x));
    }
    // E[max] = 2 + ∫ (1 − F) dx and E[max²] = 4 + ∫ 2x (1 − F) dx over [2, 9] (midpoint rule, fine grid).
    let m1 = 2;
    let m2 = 4;
    const steps = 70_000;
    for (let k = 0; k < steps; k++) {
      const x = 2 + ((k + 0.5) * 7) / steps;
      m1 += ((1 - F(x)) * 7) / steps;
      m2 += ((2 * x * (1 - F(x))) * 7) / steps;
    }
    expect(Math.abs(r.finish.mean - m1)).toBeLessThan(Z * Math.sqrt((m2 - m1 * m1) / N));
    // Criticality: A is the later one with probability P(A > B).
    let pA = 0;
    for (let k = 0; k < steps; k++) {
      const x = 2 + ((k + 0.5) * 7) / steps;
      pA += (fb(x) * (fa(x + h) - fa(x - h))) / (2 * h) * (7 / steps);
    }
    const crit = r.criticality.find((c) => c.task === 'A')!.index;
    expect(Math.abs(crit - pA)).toBeLessThan(Z * Math.sqrt((pA * (1 - pA)) / N));
  });

  it('a risk with probability p shifts the mean by p × the mean impact, for time and for cost', () => {
    const p = 0.3;
    const model: RiskModel = {
      tasks: [{ id: 'A', dist: 'fixed', mode: 10 }],
      risks: [{ id: 'R1', probability: p, impacts: [{ task: 'A', min: 1, mode: 2, max: 4 }], cost: { min: 100, mode: 200, max: 600 } }],
    };
    const r = simulate(model, { iterations: N, seed: 3 });
    const eI = triMean(1, 2, 4);
    const eI2 = triVar(1, 2, 4) + eI * eI;
    const sd = Math.sqrt(p * eI2 - (p * eI) ** 2);
    expect(Math.abs(r.finish.mean - (10 + p * eI))).toBeLessThan((Z * sd) / Math.sqrt(N));
    const eC = triMean(100, 200, 600);
    const eC2 = triVar(100, 200, 600) + eC * eC;
    expect(Math.abs(r.cost.mean - p * eC)).toBeLessThan((Z * Math.sqrt(p * eC2 - (p * eC) ** 2)) / Math.sqrt(N));
    expect(Math.abs(r.risks[0]!.occurred - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / N));
    expect(r.finish.deterministic).toBe(10);
    expect(r.tornado.finish[0]).toMatchObject({ kind: 'risk', id: 'R1' });
  });

  it('correlated tasks in a chain have the variance of correlated uniforms, 2σ² (1 + ρ)', () => {
    // For uniform durations the rank correlation Iman–Conover targets is also their Pearson correlation.
    const rho = 0.7;
    const r = simulate(
      { tasks: [{ id: 'A', dist: 'uniform', min: 0, max: 1 }, { id: 'B', dist: 'uniform', min: 0, max: 1, predecessors: ['A'] }], correlations: [{ tasks: ['A', 'B'], rho }] },
      { iterations: N, seed: 9 },
    );
    const variance = (2 * (1 + rho)) / 12;
    expect(Math.abs(sampleVariance(r.samples.finish) - variance)).toBeLessThan(Z * variance * Math.sqrt(2 / (N - 1)));
    expect(Math.abs(sampleVariance(r.samples.finish) - 2 / 12)).toBeGreaterThan(Z * variance * Math.sqrt(2 / (N - 1)));
  });

  it('Latin hypercube estimates the mean with less variance than plain Monte Carlo', () => {
    const tasks: RiskTask[] = Array.from({ length: 6 }, (_, i) => ({ id: `T${i}`, dist: 'triangular', min: 1, mode: 2 + i, max: 12, ...(i ? { predecessors: [`T${i - 1}`] } : {}) }));
    const spread = (sampling: 'lhs' | 'random') => {
      const means = Array.from({ length: 30 }, (_, k) => simulate({ tasks }, { iterations: 200, seed: 100 + k, sampling, block: 200 }).finish.mean);
      return sampleVariance(Float64Array.from(means));
    };
    // For a sum of monotone terms stratification removes most of the variance; half is a wide margin.
    expect(spread('lhs')).toBeLessThan(spread('random') / 2);
  });
});
