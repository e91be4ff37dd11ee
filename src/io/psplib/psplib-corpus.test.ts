import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scheduleByRule, solveRcpsp, type RcpspInput } from '../../domain/schedule/rcpsp/index.js';
import { parseSm } from './parse-sm.js';

/**
 * A fixed sample of the PSPLIB instances in the shared corpus (real benchmark projects, with
 * optimal makespans for j30): every schedule is re-checked here, and the j30 sample must come
 * close to the optima at a modest budget. The full measurement is `bench/levelling/run.ts`.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = path.resolve(root, '../shared/corpus/psplib');
const hasCorpus = existsSync(path.join(corpus, 'reference.csv'));

type Reference = { upperBound: number; optimal: boolean; cpmLb: number };

function references(): Map<string, Reference> {
  const [head, ...rows] = readFileSync(path.join(corpus, 'reference.csv'), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return new Map(
    rows.map((row) => {
      const v = row.split(',');
      return [v[at('instance')]!, { upperBound: Number(v[at('upper_bound')]), optimal: v[at('optimal')] === 'true', cpmLb: Number(v[at('cpm_lb')]) }];
    }),
  );
}

/** Every `step`-th instance of a set, in name order: the same sample on every run. */
function sample(set: string, count: number): string[] {
  const files = readdirSync(path.join(corpus, set)).filter((f) => f.endsWith('.sm')).sort();
  const step = files.length / count;
  return Array.from({ length: count }, (_, i) => files[Math.floor(i * step)]!);
}

/** Independent feasibility check: every arc, and every resource in every period. Returns the makespan, or throws. */
function verify(name: string, input: RcpspInput, starts: ArrayLike<number>): number {
  const n = input.durations.length;
  const R = input.capacities.length;
  let makespan = 0;
  for (let j = 0; j < n; j++) makespan = Math.max(makespan, starts[j]! + input.durations[j]!);
  for (let k = 0; k < input.arcs.from.length; k++) {
    const a = input.arcs.from[k]!;
    const b = input.arcs.to[k]!;
    if (starts[b]! < starts[a]! + input.durations[a]!) throw new Error(`${name}: job ${b + 1} starts before job ${a + 1} ends`);
  }
  for (let t = 0; t < makespan; t++) {
    for (let r = 0; r < R; r++) {
      let used = 0;
      for (let j = 0; j < n; j++) if (starts[j]! <= t && t < starts[j]! + input.durations[j]!) used += input.demands[j * R + r]!;
      if (used > input.capacities[r]!) throw new Error(`${name}: resource ${r + 1} over capacity in period ${t}`);
    }
  }
  return makespan;
}

describe.skipIf(!hasCorpus)(hasCorpus ? 'PSPLIB corpus' : 'PSPLIB corpus (skipped: no corpus at ../shared/corpus/psplib)', () => {
  const refs = hasCorpus ? references() : new Map<string, Reference>();

  it('solves a sample of 24 j30 instances close to their optima, with feasible schedules', () => {
    const deviations: number[] = [];
    let atOptimum = 0;
    for (const file of sample('j30', 24)) {
      const name = file.replace(/\.sm$/, '');
      const { input } = parseSm(readFileSync(path.join(corpus, 'j30', file), 'utf8'), file);
      const ref = refs.get(name)!;
      expect(ref.optimal).toBe(true);
      const result = solveRcpsp(input, { maxSchedules: 5000, seed: 1 });
      const makespan = verify(name, input, result.starts);
      expect(makespan).toBe(result.makespan);
      expect(makespan).toBeGreaterThanOrEqual(ref.upperBound);
      expect(result.lowerBound).toBeLessThanOrEqual(ref.upperBound);
      expect(makespan).toBeLessThanOrEqual(scheduleByRule(input).makespan);
      deviations.push((100 * (makespan - ref.upperBound)) / ref.upperBound);
      if (makespan === ref.upperBound) atOptimum++;
    }
    const average = deviations.reduce((a, b) => a + b, 0) / deviations.length;
    console.log(`PSPLIB j30 sample: ${atOptimum}/${deviations.length} at the optimum, ${average.toFixed(2)} % above it on average (at most 5,000 schedules each)`);
    expect(average).toBeLessThanOrEqual(1.0);
    expect(atOptimum).toBeGreaterThanOrEqual(18);
  });

  it('solves a sample of 6 j120 instances feasibly, well below the single LFT pass', () => {
    let solver = 0;
    let baseline = 0;
    for (const file of sample('j120', 6)) {
      const name = file.replace(/\.sm$/, '');
      const { input } = parseSm(readFileSync(path.join(corpus, 'j120', file), 'utf8'), file);
      const ref = refs.get(name)!;
      const result = solveRcpsp(input, { maxSchedules: 2000, seed: 1 });
      const makespan = verify(name, input, result.starts);
      expect(makespan).toBeGreaterThanOrEqual(ref.cpmLb);
      solver += (100 * (makespan - ref.cpmLb)) / ref.cpmLb;
      baseline += (100 * (scheduleByRule(input).makespan - ref.cpmLb)) / ref.cpmLb;
    }
    console.log(`PSPLIB j120 sample: ${(solver / 6).toFixed(1)} % above the critical path (LFT single pass: ${(baseline / 6).toFixed(1)} %)`);
    expect(solver).toBeLessThan(baseline);
  });
});
