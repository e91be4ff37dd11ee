/**
 * `npm run bench:portfolio`: the portfolio optimiser on generated portfolios of 1,000 and
 * 5,000 candidates over 24 months and 10 roles (value correlated with cost: the hard case),
 * beside the greedy ratio rule and GLPK (glpk.js) on the same MILP, and a 10-point efficient
 * frontier of 1,000 candidates in worker threads. Every selection is checked with
 * `checkSelection`. Options: --sizes 1000,5000, --seeds 1,2,3, --gap 0.01, --repeat 3 (timed
 * runs of greedy and the engine, alternating; the best counts, the spread is slowest ÷ best),
 * --glpk-time 60 (GLPK's time limit, s; 0 skips it), --baselines 30 (time limit of HiGHS's
 * plain branch and bound with and without the greedy seed, s; 0 skips them), --frontier 1000
 * (candidates; 0 skips it).
 */
import { arch, availableParallelism, cpus, loadavg } from 'node:os';
import { checkSelection } from '../../src/domain/portfolio/optimise/check.js';
import { compileModel } from '../../src/domain/portfolio/optimise/compile.js';
import { modelAtBudget } from '../../src/domain/portfolio/optimise/frontier.js';
import { greedy, greedyPacking } from '../../src/domain/portfolio/optimise/greedy.js';
import { loadHighs, SelectionMilp } from '../../src/domain/portfolio/optimise/milp.js';
import { optimise } from '../../src/domain/portfolio/optimise/optimise.js';
import { Packing } from '../../src/domain/portfolio/optimise/packing.js';
import { relativeGap } from '../../src/domain/portfolio/optimise/solve.js';
import type { OptimiseResult, Placement, PortfolioModel } from '../../src/domain/portfolio/optimise/types.js';
import { frontier, stopOptimiserWorkers } from '../../src/services/optimiser-pool.js';
import { generatePortfolio } from './generate.js';
import { solveWithGlpk } from './glpk.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '1000,5000').split(',').map(Number);
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const gap = Number(arg('gap', '0.01'));
const repeat = Math.max(1, Number(arg('repeat', '3')));
const glpkTime = Number(arg('glpk-time', '60'));
const baselineTime = Number(arg('baselines', '30'));
const frontierSize = Number(arg('frontier', '1000'));

type Timed<T> = { result: T; best: number; worst: number; cpu: number };
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
/** Wall-clock seconds of `f`, and the process CPU seconds (all threads) it took. */
async function once<T>(f: () => T | Promise<T>): Promise<{ result: T; s: number; cpu: number }> {
  const c0 = cpuNow();
  const t0 = performance.now();
  const result = await f();
  return { result, s: (performance.now() - t0) / 1000, cpu: cpuNow() - c0 };
}
function fold<T>(runs: { result: T; s: number; cpu: number }[]): Timed<T> {
  const best = runs.reduce((a, b) => (b.s < a.s ? b : a));
  return { result: best.result, best: best.s, worst: Math.max(...runs.map((r) => r.s)), cpu: best.cpu };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
let failures = 0;
function check(model: PortfolioModel, who: string, selection: readonly Placement[] | null): string {
  if (!selection) return '';
  const v = checkSelection(model, selection);
  if (v.length === 0) return '';
  failures++;
  return ` **${who} breaks ${v.length} rule(s): ${v[0]!.message}**`;
}

console.log(`# bench/portfolio — ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${availableParallelism()} cores available, Node ${process.version}, load average ${load()}`);
const highs = await loadHighs();
console.log(`HiGHS ${highs.version.string} (highs npm, WebAssembly, one thread); gap ${pct(gap)}; 24 months, 10 roles; best of ${repeat} alternating runs (spread: slowest ÷ best); CPU: process CPU seconds of the best run\n`);
// Warm-up: the first solves in a thread run while V8 still compiles the WebAssembly to optimised code.
{
  const warm = generatePortfolio(1000, { seed: 99 });
  const cold = await once(() => optimise(warm, { gap, explain: false, timeLimitSeconds: 10 }));
  greedy(warm);
  console.error(`warm-up: first optimise of 1,000 candidates (WebAssembly tier-up included) ${f2(cold.s)} s`);
  await optimise(warm, { gap, explain: false, timeLimitSeconds: 10 });
}

console.log('| candidates | seed | greedy: value, s | engine: value, s (CPU), spread | proved gap, status, found by | optimised ÷ greedy | with explanations: s | HiGHS B&B alone: value, s, gap | B&B + greedy seed: value, s, gap | GLPK: value, s, status | checks |');
console.log('|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  for (const seed of seeds) {
    const model = generatePortfolio(n, { seed });
    const greedyRuns: { result: ReturnType<typeof greedy>; s: number; cpu: number }[] = [];
    const engineRuns: { result: OptimiseResult; s: number; cpu: number }[] = [];
    for (let k = 0; k < repeat; k++) {
      greedyRuns.push(await once(() => greedy(model)));
      engineRuns.push(await once(() => optimise(model, { gap, explain: false })));
    }
    const g = fold(greedyRuns);
    const e = fold(engineRuns);
    const r = e.result;
    const explained = await once(() => optimise(model, { gap }));
    let checks = check(model, 'engine', r.selected) + check(model, 'greedy', g.result.selected) + check(model, 'engine (explained)', explained.result.selected);
    if (r.value < g.result.value) {
      failures++;
      checks += ' **below greedy**';
    }
    if (r.status === 'infeasible') checks += ' infeasible';
    let plain = '–';
    let seeded = '–';
    let glpkCell = '–';
    if (baselineTime > 0 || glpkTime > 0) {
      const cp = compileModel(model);
      const milp = new SelectionMilp(highs, cp);
      try {
        const value = (chosen: Int32Array | null) => (chosen ? Packing.of(cp, chosen).value() : NaN);
        if (baselineTime > 0) {
          const a = await once(() => milp.mip({ gap, timeLimitSeconds: baselineTime }, null));
          plain = `${int(value(a.result.chosen))}, ${f2(a.s)}, ${a.result.kind === 'limit' ? 'limit ' : ''}${pct(relativeGap(value(a.result.chosen), a.result.bound))}`;
          const gp = greedyPacking(cp);
          const b = await once(() => milp.mip({ gap, timeLimitSeconds: baselineTime }, gp.feasible ? gp.packing : null));
          seeded = `${int(value(b.result.chosen))}, ${f2(b.s)}, ${b.result.kind === 'limit' ? 'limit ' : ''}${pct(relativeGap(value(b.result.chosen), b.result.bound))}`;
        }
        if (glpkTime > 0) {
          const gl = solveWithGlpk(cp, milp, gap, glpkTime);
          glpkCell = `${int(gl.value)}, ${f2(gl.seconds)}, ${gl.status}`;
          checks += check(model, 'GLPK', gl.selected);
        }
      } finally {
        milp.dispose();
      }
    }
    console.log(
      `| ${n.toLocaleString('en')} | ${seed} | ${int(g.result.value)}, ${f2(g.best)} | ${int(r.value)}, ${f2(e.best)} (${f2(e.cpu)}), ×${f2(e.worst / e.best)} | ${pct(r.gap)}, ${r.status}, ${r.solver.foundBy} | ${f2(r.value / g.result.value)} | ${f2(explained.s)} | ${plain} | ${seeded} | ${glpkCell} | ${checks || 'all selections valid'} |`,
    );
  }
}

if (frontierSize > 0) {
  const model = generatePortfolio(frontierSize, { seed: 1 });
  const cold = await once(() => frontier(model, { points: 10, workers: 2, gap }));
  const runs: { result: Awaited<ReturnType<typeof frontier>>; s: number; cpu: number }[] = [];
  const oneRuns: typeof runs = [];
  for (let k = 0; k < repeat; k++) {
    runs.push(await once(() => frontier(model, { points: 10, workers: 2, gap })));
    oneRuns.push(await once(() => frontier(model, { points: 10, workers: 1, gap })));
  }
  const two = fold(runs);
  const one = fold(oneRuns);
  const pts = two.result.points;
  let rising = true;
  for (let k = 1; k < pts.length; k++) if (pts[k]!.value < pts[k - 1]!.value * (1 - gap) - 1e-9) rising = false;
  const pointChecks = pts.map((p) => check(modelAtBudget(model, p.budget), `frontier point ${int(p.budget)}`, p.selected)).join('');
  console.log(`\nFrontier, ${frontierSize.toLocaleString('en')} candidates, 10 points (budget per period scaled from ${int(two.result.min)} to ${int(two.result.max)} in total), gap ${pct(gap)}:`);
  console.log(`- 2 workers: ${f2(two.best)} s (CPU ${f2(two.cpu)}), spread ×${f2(two.worst / two.best)}; first call, workers started and HiGHS loaded in each: ${f2(cold.s)} s`);
  console.log(`- this thread: ${f2(one.best)} s (CPU ${f2(one.cpu)}), spread ×${f2(one.worst / one.best)}`);
  console.log(`- values: ${pts.map((p) => `${int(p.budget)} → ${int(p.value)}${p.status === 'optimal' || p.status === 'gap-reached' ? '' : ` (${p.status}, gap ${pct(p.gap)})`}`).join('; ')}; ${rising ? 'non-decreasing within the gap' : '**not non-decreasing**'}; ${pointChecks || 'every point\'s selection valid at its budget'}`);
  await stopOptimiserWorkers();
}

console.log(`\nLoad average at the end: ${load()}`);
if (failures) {
  console.log(`\n**${failures} check(s) failed**`);
  process.exitCode = 1;
}
