/**
 * `node --import tsx bench/risk/same-numbers.ts [--no-wasm]`: whole results of six runs
 * (every sample, criticality, tornado, risk frequency and summary) fingerprinted and compared
 * with those of the engine before its speed work (97f3227). Speed work on the engine must
 * keep these: a stored run re-run with its seed gives the same numbers. `--no-wasm` runs
 * without WebAssembly (the JavaScript rows), which must give the same numbers too.
 * `src/domain/risk/reproducible.test.ts` pins one small model in the unit tests; this covers
 * the bench's networks (1,000 and 3,000 tasks), random sampling and blocks of 2.
 */
import type { RiskModel } from '../../src/domain/risk/types.js';

if (process.argv.includes('--no-wasm')) (globalThis as { WebAssembly?: unknown }).WebAssembly = undefined;
// Imported after the switch above: the kernel looks for WebAssembly when its module loads.
const { simulate } = await import('../../src/domain/risk/result.js');
const { generateNetwork } = await import('./generate.js');

/** FNV-1a (32 bits) of the JSON text, numbers written exactly (shortest round-trip form), and its length. */
const fingerprint = (x: unknown) => {
  const text = JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
};
const whole = (r: ReturnType<typeof simulate>) =>
  fingerprint({ finish: r.samples.finish, cost: r.samples.cost, criticality: r.criticality, tornado: r.tornado, risks: r.risks, f: r.finish, c: r.cost, j: r.joint });

// Every distribution, all link types with lags and a lead, a fixed task, modes at min and at max, a correlated group, risks that never and always happen.
const small: RiskModel = {
  tasks: [
    { id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 },
    { id: 'B', dist: 'pert', min: 1, mode: 3, max: 8, predecessors: ['A'], costPerDay: 50 },
    { id: 'C', dist: 'discrete', values: [2, 5], weights: [3, 1], predecessors: ['A'], cost: { dist: 'uniform', min: 10, max: 20 } },
    { id: 'D', dist: 'uniform', min: 1, max: 2, predecessors: ['B', 'C'] },
    { id: 'E', dist: 'triangular', min: 1, mode: 2, max: 6, links: [{ task: 'B', type: 'SS', lag: 1 }, { task: 'C', type: 'FF', lag: -1 }] },
    { id: 'F', dist: 'fixed', mode: 2, links: [{ task: 'D', type: 'SF', lag: 2 }, { task: 'A', type: 'FS', lag: 3 }] },
    { id: 'G', dist: 'triangular', min: 1, mode: 1, max: 6, predecessors: ['F'] },
    { id: 'H', dist: 'triangular', min: 1, mode: 6, max: 6, predecessors: ['G', 'E'] },
  ],
  risks: [
    { id: 'R1', probability: 0.4, impacts: [{ task: 'C', min: 1, mode: 2, max: 5 }, { task: 'H', min: 1, mode: 1, max: 1 }], cost: { min: 5, mode: 10, max: 30 } },
    { id: 'R2', probability: 0.3, impacts: [{ task: 'E', min: -2, mode: -1, max: 0 }, { task: 'C', min: 0, mode: 1, max: 1 }] },
    { id: 'R3', probability: 0, impacts: [{ task: 'A', min: 1, mode: 2, max: 3 }] },
    { id: 'R4', probability: 1, impacts: [{ task: 'G', min: 1, mode: 2, max: 3 }], cost: { min: 5, mode: 5, max: 5 } },
  ],
  correlations: [{ tasks: ['B', 'C', 'A'], rho: 0.5 }],
};

const runs: [string, () => string, string][] = [
  ['small, Latin hypercube, blocks of 150', () => whole(simulate(small, { iterations: 2000, seed: 42, block: 150 })), '90026:7dfaf0e5'],
  ['small, random sampling, blocks of 97', () => whole(simulate(small, { iterations: 2001, seed: 7, sampling: 'random', block: 97 })), '90162:25d4c97d'],
  ['small, blocks of 2 (the last of 1)', () => whole(simulate(small, { iterations: 101, seed: -3, block: 2 })), '19247:12d36b69'],
  ['bench network, 1,000 tasks, 10,000 iterations', () => whole(simulate(generateNetwork(1000, 50, 1), { iterations: 10000, seed: 1 })), '519276:9fc95c51'],
  ['bench network, 1,000 tasks, random sampling', () => whole(simulate(generateNetwork(1000, 50, 1), { iterations: 3000, seed: 5, sampling: 'random', block: 333 })), '270078:d46e03fd'],
  ['3,000 tasks, 200 risks, blocks of 500', () => whole(simulate(generateNetwork(3000, 200, 3), { iterations: 2000, seed: 9, block: 500 })), '534664:ce9b6751'],
];
let differ = 0;
for (const [name, run, expected] of runs) {
  const got = run();
  if (got !== expected) differ++;
  console.log(`${got === expected ? 'same     ' : 'DIFFERENT'} ${name}: ${got}${got === expected ? '' : ` (was ${expected})`}`);
}
process.exitCode = differ ? 1 : 0;
