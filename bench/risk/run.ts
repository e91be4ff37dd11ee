/**
 * `npm run bench:risk`: the risk engine beside the straightforward implementation
 * (naive.ts) on generated networks of 1,000 and 10,000 tasks with 50 risk events.
 * Options: --iterations N (10,000), --sizes 1000,10000, --naive-cap N (iterations the naive
 * one runs at 10,000 tasks, where keeping every sample of 10,000 iterations would not fit:
 * its rate per iteration is measured on fewer and compared as a rate), --repeat N (timed runs
 * of the engine, 5; the naive one runs min(N, 3) times): the best run counts, and the spread
 * (slowest over best) says how much the machine's other work disturbed the rest. The speed-up
 * is given by wall time and by CPU time (the naive one's best run against the engine's).
 */
import { arch, availableParallelism, cpus, loadavg } from 'node:os';
import { simulate } from '../../src/domain/risk/result.js';
import { simulateInWorkers, stopRiskWorkers } from '../../src/services/risk-simulation-pool.js';
import { generateNetwork } from './generate.js';
import { naiveSimulate } from './naive.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const iterations = Number(arg('iterations', '10000'));
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const naiveCap = Number(arg('naive-cap', '2000'));
const repeat = Math.max(1, Number(arg('repeat', '5')));
const seed = 1;

type Timed<T> = { result: T; best: number; worst: number; cpu: number };

/** Runs `f` `times` times; the best and worst wall-clock seconds, and the process CPU seconds of the best run (all threads). */
async function timed<T>(times: number, f: () => T | Promise<T>): Promise<Timed<T>> {
  let result: T | undefined;
  let best = Infinity;
  let worst = 0;
  let cpu = 0;
  for (let k = 0; k < times; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await f();
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (s < best) {
      best = s;
      cpu = (c.user + c.system) / 1e6;
    }
    worst = Math.max(worst, s);
  }
  return { result: result!, best, worst, cpu };
}

const rate = (its: number, s: number) => Math.round(its / s).toLocaleString('en');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`# bench/risk — ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${availableParallelism()} cores available, Node ${process.version}, load average ${load()}`);
console.log(`${iterations} iterations, seed ${seed}, 50 risk events; criticality and tornado included in every timing; best of ${repeat} engine runs (spread: slowest ÷ best), CPU: process CPU seconds of the best run\n`);
console.log('| tasks | naive it/s (best), CPU s per 1,000 it | engine 1 thread: s (it/s), CPU s, spread | engine 2 workers: s (it/s), CPU s, spread | speed-up vs naive (1 thread / 2 workers) | by CPU time (1 thread / 2 workers) | same answers |');
console.log('|---:|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  const model = generateNetwork(n, 50, seed);
  // Warm-up on a small run so both are JIT-compiled before they are timed.
  simulate(model, { iterations: 500, seed: 99 });
  // The pool's workers start once and stay (as in a server): warm them too, and time their start apart.
  const cold = await timed(1, () => simulateInWorkers(model, { iterations: 1000, seed: 99 }, { workers: 2 }));
  console.error(`${n} tasks: first pooled run of 1,000 iterations, worker start included: ${cold.best.toFixed(2)} s`);
  naiveSimulate(generateNetwork(200, 50, 2), 200, 99);
  const naiveIterations = n > 2000 ? Math.min(iterations, naiveCap) : iterations;
  const naive = await timed(Math.min(repeat, 3), () => naiveSimulate(model, naiveIterations, seed));
  const one = await timed(repeat, () => simulate(model, { iterations, seed }));
  const two = await timed(repeat, () => simulateInWorkers(model, { iterations, seed }, { workers: 2 }));
  const a = one.result;
  const b = two.result;
  if (b.samples.finish.some((v, i) => v !== a.samples.finish[i]) || b.criticality.some((c, j) => c.index !== a.criticality[j]!.index) || b.tornado.finish[0]?.rho !== a.tornado.finish[0]?.rho) throw new Error('two workers gave another result than one thread');
  const naiveRate = naiveIterations / naive.best;
  // CPU seconds per iteration: on a machine shared with other work, the ratio of CPU times is the steadier one (wall time counts the waits for a core).
  const naiveCpu = naive.cpu / naiveIterations;
  const nv = naive.result;
  // Statistically the same: means within 4 standard errors of their difference, criticality within 4 binomial standard errors (+ 0.01 for the ties of the many near-critical paths).
  const se = Math.sqrt(a.finish.sd ** 2 / iterations + nv.finish.sd ** 2 / naiveIterations);
  const meanOk = Math.abs(a.finish.mean - nv.finish.mean) < 4 * se;
  let worst = 0;
  for (const c of a.criticality) worst = Math.max(worst, Math.abs(c.index - nv.criticality.get(c.task)!) / (Math.sqrt(0.25 / naiveIterations + 0.25 / iterations) * 4 + 0.01));
  const topEngine = a.tornado.finish.slice(0, 5).map((d) => d.id);
  const topNaive = nv.tornado.slice(0, 5).map((d) => d.id);
  const overlap = topEngine.filter((id) => topNaive.includes(id)).length;
  const same = `mean ${a.finish.mean.toFixed(2)} vs ${nv.finish.mean.toFixed(2)} (${meanOk ? 'within' : 'OUTSIDE'} 4 SE); criticality ${worst <= 1 ? 'within' : 'OUTSIDE'} 4 SE; top-5 drivers shared ${overlap}/5`;
  const cell = (t: Timed<unknown>) => `${t.best.toFixed(2)} (${rate(iterations, t.best)}), ${t.cpu.toFixed(2)}, ×${(t.worst / t.best).toFixed(2)}`;
  console.log(
    `| ${n.toLocaleString('en')} | ${rate(naiveIterations, naive.best)}${naiveIterations < iterations ? ` (on ${naiveIterations.toLocaleString('en')})` : ''}, ${(naiveCpu * 1000).toFixed(2)} | ${cell(one)} | ${cell(two)} | ${(iterations / one.best / naiveRate).toFixed(1)}× / ${(iterations / two.best / naiveRate).toFixed(1)}× | ${((naiveCpu * iterations) / one.cpu).toFixed(1)}× / ${((naiveCpu * iterations) / two.cpu).toFixed(1)}× | ${same} |`,
  );
}
console.log(`\nload average at the end: ${load()}`);
await stopRiskWorkers();
