import { describe, expect, it } from 'vitest';
import { simulate } from './result.js';
import type { RiskModel } from './types.js';

// Every distribution, all four link types with lags and a lead, a milestone-like fixed task,
// a correlated pair, a threat and an opportunity on the same task, a last block shorter than the others.
const model: RiskModel = {
  tasks: [
    { id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 },
    { id: 'B', dist: 'pert', min: 1, mode: 3, max: 8, predecessors: ['A'], costPerDay: 50 },
    { id: 'C', dist: 'discrete', values: [2, 5], weights: [3, 1], predecessors: ['A'], cost: { dist: 'uniform', min: 10, max: 20 } },
    { id: 'D', dist: 'uniform', min: 1, max: 2, predecessors: ['B', 'C'] },
    { id: 'E', dist: 'triangular', min: 1, mode: 2, max: 6, links: [{ task: 'B', type: 'SS', lag: 1 }, { task: 'C', type: 'FF', lag: -1 }] },
    { id: 'F', dist: 'fixed', mode: 2, links: [{ task: 'D', type: 'SF', lag: 2 }, { task: 'A', type: 'FS', lag: 3 }] },
  ],
  risks: [
    { id: 'R1', probability: 0.4, impacts: [{ task: 'C', min: 1, mode: 2, max: 5 }], cost: { min: 5, mode: 10, max: 30 } },
    { id: 'R2', probability: 0.3, impacts: [{ task: 'E', min: -2, mode: -1, max: 0 }, { task: 'C', min: 0, mode: 1, max: 1 }] },
  ],
  correlations: [{ tasks: ['B', 'C'], rho: 0.5 }],
};

/** FNV-1a (32 bits) of the JSON text, numbers written exactly (shortest round-trip form). */
const fingerprint = (x: unknown) => {
  const text = JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return { length: text.length, hash: (h >>> 0).toString(16) };
};

describe('reproducibility across versions', () => {
  it('a seed gives bit for bit the samples, criticality, tornado and risk frequencies it gave before the engine was sped up', () => {
    // Fingerprint of the engine as of 97f3227 (before the speed work); a stored run re-run with its seed must give the same numbers.
    const r = simulate(model, { iterations: 2000, seed: 42, block: 150 });
    expect(fingerprint({ finish: r.samples.finish, cost: r.samples.cost, criticality: r.criticality, tornado: r.tornado, risks: r.risks })).toEqual({ length: 75362, hash: '60206ccc' });
  });
});
