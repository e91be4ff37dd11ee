import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PharosError } from '../errors.js';
import { compileModel } from './compile.js';
import { imanConover, normalScores } from './correlation.js';
import { quantile, regularizedBeta, toDist } from './distributions.js';
import { simulate } from './result.js';
import { mergeChunks, runBlocks } from './simulate.js';
import type { RiskModel, RiskTask } from './types.js';

const model: RiskModel = {
  tasks: [
    { id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 },
    { id: 'B', dist: 'pert', min: 1, mode: 3, max: 8, predecessors: ['A'], costPerDay: 50 },
    { id: 'C', dist: 'discrete', values: [2, 5], weights: [3, 1], predecessors: ['A'], cost: { dist: 'uniform', min: 10, max: 20 } },
    { id: 'D', dist: 'uniform', min: 1, max: 2, predecessors: ['B', 'C'] },
  ],
  risks: [{ id: 'R1', probability: 0.4, impacts: [{ task: 'C', min: 1, mode: 2, max: 5 }], cost: { min: 5, mode: 10, max: 30 } }],
  correlations: [{ tasks: ['B', 'C'], rho: 0.5 }],
};

function failure(m: unknown): PharosError {
  try {
    compileModel(m as RiskModel);
  } catch (e) {
    if (e instanceof PharosError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('risk simulation engine', () => {
  it('gives the same result for the same seed, and another for another seed', () => {
    const a = simulate(model, { iterations: 3000, seed: 42 });
    const b = simulate(model, { iterations: 3000, seed: 42 });
    expect(b.samples.finish).toEqual(a.samples.finish);
    expect(b.samples.cost).toEqual(a.samples.cost);
    expect(simulate(model, { iterations: 3000, seed: 43 }).samples.finish).not.toEqual(a.samples.finish);
  });

  it('gives the same samples and statistics when the blocks are split into chunks', () => {
    const m = compileModel(model);
    const o = { iterations: 2100, seed: 7, block: 200 };
    const whole = runBlocks(m, o, 0, 11);
    const parts = mergeChunks([runBlocks(m, o, 6, 11), runBlocks(m, o, 0, 2), runBlocks(m, o, 2, 6)]);
    expect(parts.finish).toEqual(whole.finish);
    expect(parts.cost).toEqual(whole.cost);
    expect(parts.critical).toEqual(whole.critical);
    for (let j = 0; j < m.n; j++) expect(parts.taskFinishRho[j]).toBeCloseTo(whole.taskFinishRho[j]!, 9);
  });

  it('schedules all four link types with lags and leads', () => {
    // A [0,5); B SS+2 → [2,5); C FF+1 → finishes 6; D SF+3 → finishes 3; E FS−1 after C → [5,6).
    const r = simulate(
      {
        tasks: [
          { id: 'A', dist: 'fixed', mode: 5 },
          { id: 'B', dist: 'fixed', mode: 3, links: [{ task: 'A', type: 'SS', lag: 2 }] },
          { id: 'C', dist: 'fixed', mode: 4, links: [{ task: 'A', type: 'FF', lag: 1 }] },
          { id: 'D', dist: 'fixed', mode: 2, links: [{ task: 'A', type: 'SF', lag: 3 }] },
          { id: 'E', dist: 'fixed', mode: 1, links: [{ task: 'C', type: 'FS', lag: -1 }] },
        ],
      },
      { iterations: 10, seed: 1 },
    );
    expect(r.finish.mean).toBe(6);
    expect(r.finish.deterministic).toBe(6);
    expect(Object.fromEntries(r.criticality.map((c) => [c.task, c.index]))).toEqual({ A: 1, B: 0, C: 1, D: 0, E: 1 });
  });

  it('names the field of each bad estimate, probability and reference', () => {
    expect(failure({ tasks: [{ id: 'A', dist: 'triangular', min: 5, mode: 4, max: 9 }] }).message).toContain('tasks[0].min: must not exceed mode');
    expect(failure({ tasks: [{ id: 'A', dist: 'pert', min: 1, mode: 4, max: 3 }] }).message).toContain('tasks[0].max: must not be below mode');
    expect(failure({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }], risks: [{ id: 'R', probability: 1.5 }] }).message).toContain('risks[0].probability: must be a number from 0 to 1');
    expect(failure({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }], risks: [{ id: 'R', probability: 0.5, impacts: [{ task: 'A', min: 3, mode: 2, max: 4 }] }] }).message).toContain('risks[0].impacts[0].min');
    expect(failure({ tasks: [{ id: 'A', dist: 'fixed', mode: 1, predecessors: ['Z'] }] }).message).toContain('tasks[0].predecessors[0]: no task has id "Z"');
    expect(failure({ tasks: [{ id: 'A', dist: 'lognormal', mode: 1 }] }).message).toContain('tasks[0].dist');
    expect(failure({ tasks: [{ id: 'A', dist: 'fixed', mode: -1 }] }).message).toContain('tasks[0].mode: must not be negative');
    expect(failure({ tasks: [] }).message).toContain('tasks: must be a non-empty list');
    expect(failure({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }, { id: 'B', dist: 'fixed', mode: 1 }], correlations: [{ tasks: ['A', 'B'], rho: 1 }] }).message).toContain('correlations[0].rho');
    expect(() => simulate({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }] }, { iterations: 1, seed: 1 })).toThrow(/iterations: must be a whole number/);
  });

  it('refuses a plan with a cycle, naming the tasks of the loop', () => {
    const e = failure({
      tasks: [
        { id: 'S', dist: 'fixed', mode: 1 },
        { id: 'A', dist: 'fixed', mode: 1, predecessors: ['S', 'C'] },
        { id: 'B', dist: 'fixed', mode: 1, predecessors: ['A'] },
        { id: 'C', dist: 'fixed', mode: 1, predecessors: ['B'] },
      ],
    });
    expect(e.code).toBe('cycle');
    expect(e.message).toMatch(/cycle: (A → B → C → A|B → C → A → B|C → A → B → C)/);
  });

  it('inverts the PERT-beta CDF: the regularised incomplete beta of a quantile is its probability', () => {
    expect(regularizedBeta(0.5, 3, 3)).toBeCloseTo(0.5, 12);
    expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12);
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    const d = toDist({ dist: 'pert', min: 2, mode: 3, max: 10 }); // alpha 1 + 4·1/8 = 1.5, beta 1 + 4·7/8 = 4.5
    for (const u of [0.01, 0.1, 0.5, 0.8, 0.99]) expect(regularizedBeta((quantile(d, u) - 2) / 8, 1.5, 4.5)).toBeCloseTo(u, 5);
  });

  it('Iman–Conover reorders ranks to the target rank correlation', () => {
    const c = 2000;
    const perm = (seed: number) => {
      const p = Int32Array.from({ length: c }, (_, i) => i);
      let s = seed;
      for (let i = c - 1; i > 0; i--) {
        s = (s * 48271) % 2147483647;
        const j = s % (i + 1);
        [p[i], p[j]] = [p[j]!, p[i]!];
      }
      return p;
    };
    for (const rho of [-0.4, 0.3, 0.8]) {
      const a = perm(1);
      const b = perm(2);
      imanConover([a, b], rho, normalScores(c));
      let d2 = 0;
      for (let i = 0; i < c; i++) d2 += (a[i]! - b[i]!) ** 2;
      const spearman = 1 - (6 * d2) / (c * (c * c - 1));
      // Standard error of a Spearman coefficient ≈ (1 − ρ²) / √(c − 1); 4 of them.
      expect(Math.abs(spearman - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(c - 1));
    }
  });

  it('reports a converged run of many iterations, and P80 inside its interval', () => {
    const r = simulate(model, { iterations: 20_000, seed: 2 });
    expect(r.finish.convergence.converged).toBe(true);
    expect(r.finish.convergence.interval[0]).toBeLessThanOrEqual(r.finish.p80);
    expect(r.finish.convergence.interval[1]).toBeGreaterThanOrEqual(r.finish.p80);
    expect(simulate(model, { iterations: 50, seed: 2, block: 10 }).finish.convergence.converged).toBe(false);
    expect(r.joint.atP80).toBeLessThanOrEqual(0.8);
    expect(r.joint.atP80).toBeGreaterThanOrEqual(0.6 - 1e-9); // P(A ∩ B) ≥ P(A) + P(B) − 1
  });
});

const dag = fc
  .array(fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 12 })
  .map((rows): RiskTask[] =>
    rows.map(([min, a, b, preds], i) => {
      const mode = min + 5 * a;
      return { id: `T${i}`, dist: 'triangular', min, mode, max: mode + 5 * b, predecessors: i ? [...new Set(preds.map((p) => `T${p % i}`))] : [] };
    }),
  );

describe('risk simulation properties', () => {
  it('never finishes before the plan at minimum durations, and every iteration has a critical task', () => {
    fc.assert(
      fc.property(dag, fc.integer(), (tasks, seed) => {
        const atMin = simulate({ tasks: tasks.map((t) => ({ id: t.id, predecessors: t.predecessors!, dist: 'fixed', mode: (t as { min: number }).min })) }, { iterations: 2, seed: 1 }).finish.mean;
        const r = simulate({ tasks }, { iterations: 200, seed, block: 50 });
        expect(r.finish.min).toBeGreaterThanOrEqual(atMin - 1e-9);
        for (const c of r.criticality) {
          expect(c.index).toBeGreaterThanOrEqual(0);
          expect(c.index).toBeLessThanOrEqual(1);
        }
        expect(r.criticality.reduce((s, c) => s + c.index, 0)).toBeGreaterThanOrEqual(1 - 1e-9);
        for (const d of r.tornado.finish) expect(Math.abs(d.rho)).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});
