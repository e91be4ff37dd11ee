import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { planFiles, ROOT, TMP } from './plans.js';

/**
 * Old engine against new on the shared machine: bundles `src/domain/schedule/schedule.ts` as
 * it is at a commit (`--base`, default HEAD) and as it is in the working tree, then runs them
 * in alternation, each in a fresh process per round (cold call, warm-up, timed warm calls on
 * the full plan), and prints per engine the median over rounds of the cold time, the warm
 * median, the CPU per warm call and the peak RSS during the cold call, with the load average.
 *
 *   node --import tsx bench/schedule/ab.ts --sizes 10000,100000 --rounds 5
 *   node --import tsx bench/schedule/ab.ts --base 51344e6 --sizes 1000000 --rounds 3
 */

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    rounds: { type: 'string', default: '5' },
    base: { type: 'string', default: 'HEAD' },
    warm: { type: 'string' },
    seed: { type: 'string', default: '20260105' },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});

type One = { coldMs: number; coldCpuMs: number; warmMs: number[]; warmCpuMs: number[]; rssBeforeMb: number; rssPeakMb: number };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function status(field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

if (values.child) {
  // One engine in this process: the call as measure.ts times it.
  type Engine = { schedule: (input: unknown) => { earlyFinish: Float64Array } };
  const engine = (await import(values.child)) as Engine;
  const input: unknown = JSON.parse(readFileSync(values.file!, 'utf8'));
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const warm = Number(values.warm);
  gc();
  gc();
  writeFileSync('/proc/self/clear_refs', '5');
  const rssBeforeMb = status('VmRSS');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  engine.schedule(input);
  const coldMs = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const rssPeakMb = status('VmHWM');
  for (let i = 0; i < Math.max(1, Math.floor(warm / 4)); i++) engine.schedule(input);
  gc();
  const warmMs: number[] = [];
  const warmCpuMs: number[] = [];
  for (let i = 0; i < warm; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    engine.schedule(input);
    warmMs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    warmCpuMs.push((d.user + d.system) / 1000);
  }
  const one: One = { coldMs, coldCpuMs: (c1.user + c1.system) / 1000, warmMs, warmCpuMs, rssBeforeMb, rssPeakMb };
  console.log(`RESULT ${JSON.stringify(one)}`);
  process.exit(0);
}

const dir = join(TMP, 'ab');
mkdirSync(dir, { recursive: true });
const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
const bundle = (srcRoot: string, out: string): string => {
  execFileSync(esbuild, [join(srcRoot, 'src/domain/schedule/schedule.ts'), '--bundle', '--format=esm', '--platform=node', `--outfile=${out}`, '--log-level=warning']);
  return out;
};
const baseRoot = join(dir, 'base-src');
execFileSync('sh', ['-c', `rm -rf '${baseRoot}' && mkdir -p '${baseRoot}' && git -C '${ROOT}' archive ${values.base} src/domain | tar -x -C '${baseRoot}'`]);
const engines = [
  { name: `base (${values.base})`, file: bundle(baseRoot, join(dir, 'base.mjs')) },
  { name: 'working tree', file: bundle(ROOT, join(dir, 'new.mjs')) },
];

const rounds = Number(values.rounds);
for (const size of values.sizes.split(',').map(Number)) {
  const plan = planFiles(size, Number(values.seed)).full;
  const warm = Number(values.warm ?? (size <= 10_000 ? 30 : size <= 100_000 ? 10 : 3));
  const results: One[][] = engines.map(() => []);
  const loads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which engine goes first.
    const turn = r % 2 ? [1, 0] : [0, 1];
    for (const e of turn) {
      loads.push(loadavg()[0]!);
      const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/schedule/ab.ts'), '--child', engines[e]!.file, '--file', plan, '--warm', String(warm)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) throw new Error(`${engines[e]!.name} failed: ${out.stderr.slice(-2000)}`);
      results[e]!.push(JSON.parse(line.slice(7)) as One);
    }
  }
  console.log(`\n${size.toLocaleString('en')} tasks (${basename(plan)}), ${rounds} rounds alternated, ${warm} warm calls each; load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
  console.log('engine               cold ms (min)      cold CPU   warm ms med (min)   warm CPU ms med (min)   peak RSS MB (+)');
  engines.forEach((e, k) => {
    const rs = results[k]!;
    const warmAll = rs.map((x) => median(x.warmMs));
    const f = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
    console.log(
      `${e.name.padEnd(20)} ${f(median(rs.map((x) => x.coldMs))).padStart(7)} (${f(Math.min(...rs.map((x) => x.coldMs)))})`.padEnd(38) +
        `${f(median(rs.map((x) => x.coldCpuMs))).padStart(8)}   ${f(median(warmAll)).padStart(7)} (${f(Math.min(...rs.flatMap((x) => x.warmMs)))})`.padEnd(34) +
        `${f(median(rs.flatMap((x) => x.warmCpuMs))).padStart(8)} (${f(Math.min(...rs.flatMap((x) => x.warmCpuMs)))})`.padEnd(24) +
        `${f(median(rs.map((x) => x.rssPeakMb))).padStart(8)} (+${f(median(rs.map((x) => x.rssPeakMb - x.rssBeforeMb)))})`,
    );
  });
}
