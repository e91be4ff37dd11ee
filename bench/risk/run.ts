/**
 * `npm run bench:risk`: the risk engine beside the straightforward implementation
 * (naive.ts) on generated networks of 1,000 and 10,000 tasks with 50 risk events.
 * Options: --iterations N (10,000), --sizes 1000,10000, --naive-cap N (iterations the naive
 * one runs at 10,000 tasks, where keeping every sample of 10,000 iterations would not fit:
 * its rate per iteration is measured on fewer and compared as a rate).
 */
import { arch, cpus, availableParallelism } from 'node:os';
import { simulate } from '../../src/domain/risk/result.js';
import { simulateInWorkers } from '../../src/services/risk-simulation-pool.js';
import { generateNetwork } from './generate.js';
import { naiveSimulate } from './naive.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const iterations = Number(arg('iterations', '10000'));
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const naiveCap = Number(arg('naive-cap', '2000'));
const seed = 1;

const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
};

console.log(`# bench/risk — ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${availableParallelism()} cores available, Node ${process.version}`);
console.log(`${iterations} iterations, seed ${seed}, 50 risk events; criticality and tornado included in every timing\n`);
console.log('| tasks | naive it/s | engine 1 thread: s (it/s) | engine 2 workers: s (it/s) | speed-up vs naive (1 thread / 2 workers) | same answers |');
console.log('|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  const model = generateNetwork(n, 50, seed);
  // Warm-up on a small run so both are JIT-compiled before they are timed.
  simulate(model, { iterations: 500, seed: 99 });
  // The pool's workers start once and stay (as in a server): warm them too, and time their start apart.
  const [, coldSeconds] = await time(() => simulateInWorkers(model, { iterations: 1000, seed: 99 }, { workers: 2 }));
  console.error(`${n} tasks: first pooled run of 1,000 iterations, worker start included: ${coldSeconds.toFixed(2)} s`);
  naiveSimulate(generateNetwork(200, 50, 2), 200, 99);
  const naiveIterations = n > 2000 ? Math.min(iterations, naiveCap) : iterations;
  const [naive, naiveSeconds] = await time(() => naiveSimulate(model, naiveIterations, seed));
  const [one, oneSeconds] = await time(() => simulate(model, { iterations, seed }));
  const [two, twoSeconds] = await time(() => simulateInWorkers(model, { iterations, seed }, { workers: 2 }));
  if (two.finish.mean !== one.finish.mean) throw new Error('two workers gave another result than one thread');
  const naiveRate = naiveIterations / naiveSeconds;
  // Statistically the same: means within 4 standard errors of their difference, criticality within 4 binomial standard errors (+ 0.01 for the ties of the many near-critical paths).
  const se = Math.sqrt(one.finish.sd ** 2 / iterations + naive.finish.sd ** 2 / naiveIterations);
  const meanOk = Math.abs(one.finish.mean - naive.finish.mean) < 4 * se;
  let worst = 0;
  for (const c of one.criticality) worst = Math.max(worst, Math.abs(c.index - naive.criticality.get(c.task)!) / (Math.sqrt(0.25 / naiveIterations + 0.25 / iterations) * 4 + 0.01));
  const topEngine = one.tornado.finish.slice(0, 5).map((d) => d.id);
  const topNaive = naive.tornado.slice(0, 5).map((d) => d.id);
  const overlap = topEngine.filter((id) => topNaive.includes(id)).length;
  const same = `mean ${one.finish.mean.toFixed(2)} vs ${naive.finish.mean.toFixed(2)} (${meanOk ? 'within' : 'OUTSIDE'} 4 SE); criticality ${worst <= 1 ? 'within' : 'OUTSIDE'} 4 SE; top-5 drivers shared ${overlap}/5`;
  console.log(
    `| ${n.toLocaleString('en')} | ${Math.round(naiveRate).toLocaleString('en')}${naiveIterations < iterations ? ` (on ${naiveIterations.toLocaleString('en')})` : ''} | ${oneSeconds.toFixed(2)} (${Math.round(iterations / oneSeconds).toLocaleString('en')}) | ${twoSeconds.toFixed(2)} (${Math.round(iterations / twoSeconds).toLocaleString('en')}) | ${(iterations / oneSeconds / naiveRate).toFixed(1)}× / ${(iterations / twoSeconds / naiveRate).toFixed(1)}× | ${same} |`,
  );
}
