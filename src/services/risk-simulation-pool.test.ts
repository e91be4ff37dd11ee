import { afterAll, describe, expect, it } from 'vitest';
import { PharosError } from '../domain/errors.js';
import { simulate } from '../domain/risk/result.js';
import type { RiskModel } from '../domain/risk/types.js';
import { SimulationCancelled, simulateInWorkers, stopRiskWorkers } from './risk-simulation-pool.js';

afterAll(() => stopRiskWorkers());

const model: RiskModel = {
  tasks: Array.from({ length: 40 }, (_, i) => ({
    id: `T${i}`,
    dist: 'triangular' as const,
    min: 1,
    mode: 2 + (i % 5),
    max: 10,
    costPerDay: 100,
    ...(i ? { predecessors: [`T${Math.floor(i / 2)}`] } : {}),
  })),
  risks: [{ id: 'R1', probability: 0.2, impacts: [{ task: 'T3', min: 1, mode: 3, max: 6 }], cost: { min: 10, mode: 20, max: 50 } }],
  correlations: [{ tasks: ['T4', 'T5', 'T6'], rho: 0.6 }],
};

describe('risk simulation pool', () => {
  it('gives in two worker threads exactly what one thread gives for the same seed, and reports progress to the end', async () => {
    const options = { iterations: 3000, seed: 17, block: 100 };
    const seen: number[] = [];
    const pooled = await simulateInWorkers(model, options, { workers: 2, onProgress: (p) => seen.push(p.done) });
    const here = simulate(model, options);
    expect(pooled.samples.finish).toEqual(here.samples.finish);
    expect(pooled.samples.cost).toEqual(here.samples.cost);
    expect(pooled.criticality).toEqual(here.criticality);
    expect(pooled.finish.p80).toBe(here.finish.p80);
    expect(seen.at(-1)).toBe(3000);
    expect(seen.length).toBeGreaterThanOrEqual(30);
  }, 30_000);

  it('stops and rejects when cancelled', async () => {
    const controller = new AbortController();
    const run = simulateInWorkers(model, { iterations: 2_000_000, seed: 1 }, { workers: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
    // The pool replaces the workers the cancel ended.
    const after = await simulateInWorkers(model, { iterations: 400, seed: 3, block: 100 }, { workers: 2 });
    expect(after.samples.finish).toEqual(simulate(model, { iterations: 400, seed: 3, block: 100 }).samples.finish);
    const inThread = new AbortController();
    const here = simulateInWorkers(model, { iterations: 2_000_000, seed: 1 }, { workers: 1, signal: inThread.signal, onProgress: () => inThread.abort() });
    await expect(here).rejects.toBeInstanceOf(SimulationCancelled);
  }, 30_000);

  it('refuses bad input before starting a worker, naming the field', async () => {
    await expect(simulateInWorkers({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }], risks: [{ id: 'R', probability: -0.1 }] }, { iterations: 100, seed: 1 })).rejects.toThrow(PharosError);
    await expect(simulateInWorkers({ tasks: [{ id: 'A', dist: 'fixed', mode: 1 }], risks: [{ id: 'R', probability: -0.1 }] }, { iterations: 100, seed: 1 })).rejects.toThrow(/risks\[0\]\.probability/);
  });
});
