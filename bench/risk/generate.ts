import type { RiskModel, RiskTask } from '../../src/domain/risk/types.js';
import { prng } from '../api/fixtures.js';

/**
 * A seeded network of `n` tasks with triangular durations (1–20 working days) and
 * `risks` risk events: each task follows 1–3 of the 40 tasks before it (FS), so the
 * network is deep and wide like a real plan; each risk has a probability of 5–50% and
 * delays 1–3 tasks by a triangular impact of up to 10 days.
 */
export function generateNetwork(n: number, risks = 50, seed = 1): RiskModel {
  const rand = prng(seed);
  const tasks: RiskTask[] = [];
  for (let i = 0; i < n; i++) {
    const min = 1 + Math.floor(rand() * 10);
    const mode = min + rand() * 5;
    const max = mode + 1 + rand() * 10;
    const preds = new Set<string>();
    if (i > 0) for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) preds.add(`T${Math.max(0, i - 1 - Math.floor(rand() * 40))}`);
    tasks.push({ id: `T${i}`, dist: 'triangular', min, mode, max, predecessors: [...preds], costPerDay: 500 + Math.floor(rand() * 1000) });
  }
  return {
    tasks,
    risks: Array.from({ length: risks }, (_, k) => ({
      id: `R${k}`,
      probability: 0.05 + rand() * 0.45,
      impacts: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const min = rand() * 2;
        const mode = min + rand() * 4;
        return { task: `T${Math.floor(rand() * n)}`, min, mode, max: mode + rand() * 4 };
      }),
      cost: { min: 1000, mode: 5000, max: 20000 },
    })),
  };
}
