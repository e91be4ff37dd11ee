import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { waitForQuiet } from '../api/cpu.js';
import { CONTESTANTS, type Contestant, DESCRIPTION, INPUT_OF } from './contestants.js';
import type { NetworkStats } from './generate.js';
import type { MeasureResult } from './measure.js';
import { planFiles, ROOT, TMP } from './plans.js';

/**
 * `npm run bench:schedule`: for each size, generates a plan (seeded) to JSON files under
 * bench/.tmp/schedule/, then runs each contestant in a fresh process (measure.ts): the first
 * call cold with the peak memory during it, then warm calls, median reported. Checks that
 * every FS contestant computed the same dates (all five arrays, exactly), prints a table with
 * the peers' time ratios to ours and the verdict on the targets, and writes it all to
 * bench/.tmp/schedule/results.json.
 */

const USAGE = `usage: npm run bench:schedule -- [options]
  --sizes <n,n,…>       plan sizes in tasks (default 10000,100000,1000000)
  --rounds <n>          timed warm runs per contestant and size (default 20 / 10 / 5 for ≤10k / ≤100k / larger)
  --only <names>        contestants, comma-separated: ${CONTESTANTS.join(', ')} (default all)
  --budget <s>          time budget per contestant and size (default 60): a peer projected to take
                        longer for one call is skipped; warm runs stop when it is spent
  --seed <n>            generator seed (default 20260105)
  --quiet-wait <s>      before each process, wait up to s seconds for the rest of the machine to use
                        < 0.25 core (default 10; 0 = do not wait)`;

const HERE = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    budget: { type: 'string', default: '60' },
    seed: { type: 'string', default: '20260105' },
    'quiet-wait': { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
const only = values.only ? (values.only.split(',') as Contestant[]) : [...CONTESTANTS];
const budget = Number(values.budget);
const seed = Number(values.seed);
const quietWait = Number(values['quiet-wait']);
if (sizes.some((s) => !Number.isInteger(s) || s < 10) || only.some((c) => !CONTESTANTS.includes(c)) || !(budget > 0) || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}

const log = (line: string): void => console.log(line);
const fmtMs = (ms: number): string => (ms >= 10_000 ? Math.round(ms).toLocaleString('en') : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Busy jiffies of the whole machine, and this process's children's (after they are reaped). */
function jiffies(): { machineBusy: number; machineTotal: number; self: number; children: number } | null {
  try {
    const v = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // After "pid (comm) ", utime, stime, cutime, cstime are fields 14–17: indices 11–14.
    return { machineBusy: total - (v[3] ?? 0) - (v[4] ?? 0), machineTotal: total, self: f[11]! + f[12]!, children: f[13]! + f[14]! };
  } catch {
    return null;
  }
}

type Outcome =
  | { readonly kind: 'ok'; readonly result: MeasureResult; readonly outsideCores: number; readonly wallS: number }
  | { readonly kind: 'skipped' | 'failed'; readonly reason: string };

function measure(contestant: Contestant, file: string, size: number, dates: string | null): Promise<Outcome> {
  const rounds = values.rounds ? Number(values.rounds) : size <= 10_000 ? 20 : size <= 100_000 ? 10 : 5;
  const warmup = size <= 10_000 ? 5 : size <= 100_000 ? 3 : 1;
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    join(HERE, 'measure.ts'),
    '--file',
    file,
    '--contestant',
    contestant,
    '--rounds',
    String(rounds),
    '--warmup',
    String(warmup),
    '--budget',
    String(budget),
    ...(dates ? ['--dates', dates] : []),
  ];
  const before = jiffies();
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Loading a large plan takes a while; one call may take the budget, warm runs the budget again.
    const limitMs = (3 * budget + 60) * 1000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallS = (performance.now() - started) / 1000;
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) {
        const after = jiffies();
        let outsideCores = NaN;
        if (before && after && after.machineTotal > before.machineTotal) {
          const wallJiffies = (after.machineTotal - before.machineTotal) / availableParallelism();
          const ours = after.self - before.self + (after.children - before.children);
          outsideCores = Math.max(0, after.machineBusy - before.machineBusy - ours) / wallJiffies;
        }
        resolve({ kind: 'ok', result: JSON.parse(line.slice(7)) as MeasureResult, outsideCores, wallS });
        return;
      }
      const oom = /heap out of memory|Reached heap limit|Allocation failed/i.test(err);
      const reason = oom
        ? `out of memory (Node's default heap limit) after ${wallS.toFixed(0)} s`
        : signal === 'SIGKILL' && wallS * 1000 >= limitMs - 1000
          ? `killed after ${wallS.toFixed(0)} s (time limit)`
          : `exited ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}`;
      resolve({ kind: 'failed', reason });
    });
  });
}

const readDates = (file: string): Float64Array => new Float64Array(new Uint8Array(readFileSync(file)).buffer);

const DATE_NAMES = ['early start', 'early finish', 'late start', 'late finish', 'total slack'];

/** Every FS contestant's five date arrays must equal graphlib's (or the first one's), exactly. */
function crossCheck(size: number, files: Partial<Record<Contestant, string>>): string[] {
  const present = (['graphlib', 'engine-fs', 'chronograph'] as const).filter((c) => files[c] && existsSync(files[c]));
  const problems: string[] = [];
  if (present.length < 2) return problems;
  const [reference, ...others] = present;
  const ref = readDates(files[reference!]!);
  const n = ref.length / 5;
  for (const other of others) {
    const got = readDates(files[other]!);
    let wrong = 0;
    for (let k = 0; k < ref.length; k++) {
      if (got[k] === ref[k]) continue;
      if (wrong++ < 5) problems.push(`${size} tasks: ${other} ${DATE_NAMES[Math.floor(k / n)]} of FS task #${k % n} is ${got[k]}, ${reference} says ${ref[k]}`);
    }
    if (wrong) problems.push(`${size} tasks: ${other} disagrees with ${reference} on ${wrong} of ${ref.length} dates`);
    else log(`  cross-check: ${other} = ${reference} on all ${n} FS tasks × 5 dates`);
  }
  return problems;
}

type SizeResult = { size: number; stats: NetworkStats; outcomes: Partial<Record<Contestant, Outcome>> };

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  log(`# bench/schedule: Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB`);
  log(`sizes ${sizes.join(', ')}; contestants ${only.join(', ')}; budget ${budget} s; seed ${seed}`);
  const results: SizeResult[] = [];
  const problems: string[] = [];
  const previous = new Map<Contestant, { size: number; outcome: Outcome }>();
  for (const size of sizes) {
    log(`\n## ${size.toLocaleString('en')} tasks`);
    const files = planFiles(size, seed, log);
    const s = files.stats;
    log(
      `  plan: ${s.leaves} leaves + ${s.summaries} summaries (${s.phases} phases in ${s.streams} streams), ${s.milestones} milestones; ` +
        `${s.links} links (${s.linksPerTask.toFixed(2)}/task: FS ${s.byType.FS}, SS ${s.byType.SS}, FF ${s.byType.FF}, SF ${s.byType.SF}; ${s.summaryLinks} between packages; ` +
        `${s.lags} lags, ${s.leads} leads); ${s.snet} SNET + ${s.fnlt} FNLT; ${s.holidays} holidays ${s.calendarYears}`,
    );
    const outcomes: Partial<Record<Contestant, Outcome>> = {};
    const dates: Partial<Record<Contestant, string>> = {};
    for (const c of only) {
      const prev = previous.get(c);
      let skip: string | null = null;
      if (prev?.outcome.kind === 'failed' || prev?.outcome.kind === 'skipped') skip = `skipped: at ${prev.size.toLocaleString('en')} tasks it was ${prev.outcome.reason}`;
      else if (prev?.outcome.kind === 'ok') {
        const projected = (prev.outcome.result.coldMs / 1000) * (size / prev.size);
        if (projected > budget) skip = `skipped: ${(prev.outcome.result.coldMs / 1000).toFixed(1)} s at ${prev.size.toLocaleString('en')} tasks projects to ${projected.toFixed(0)} s for one call, over the ${budget} s budget`;
      }
      if (skip) {
        outcomes[c] = { kind: 'skipped', reason: skip };
        log(`  ${c.padEnd(12)} ${skip}`);
        previous.set(c, { size, outcome: outcomes[c] });
        continue;
      }
      if (quietWait > 0) {
        await waitForQuiet(quietWait, 0.25, (outside) => log(`  (waiting up to ${quietWait} s: the rest of the machine uses ${outside.toFixed(2)} cores)`));
      }
      const datesFile = INPUT_OF[c] === 'fs' ? join(TMP, `dates-${size}-${c}.bin`) : null;
      const o = await measure(c, INPUT_OF[c] === 'full' ? files.full : files.fs, size, datesFile);
      outcomes[c] = o;
      previous.set(c, { size, outcome: o });
      if (o.kind === 'ok') {
        if (datesFile) dates[c] = datesFile;
        const r = o.result;
        const w = r.warmMs.length
          ? `warm median ${fmtMs(median(r.warmMs))} ms (${fmtMs(Math.min(...r.warmMs))}–${fmtMs(Math.max(...r.warmMs))}, n=${r.warmMs.length}; CPU ${fmtMs(median(r.warmCpuMs))} ms)`
          : 'no warm runs';
        const mem = r.rssPeakMb === null ? '' : `, peak RSS ${r.rssPeakMb.toFixed(0)} MB (+${(r.rssPeakMb - (r.rssBeforeMb ?? 0)).toFixed(0)} during the call)`;
        log(`  ${c.padEnd(12)} cold ${fmtMs(r.coldMs)} ms (CPU ${fmtMs(r.coldCpuMs)} ms), ${w}${mem}; ${r.warnings} warnings; other load ${o.outsideCores.toFixed(2)} cores${r.warmNote ? `; ${r.warmNote}` : ''}`);
      } else log(`  ${c.padEnd(12)} ${o.reason}`);
    }
    problems.push(...crossCheck(size, dates));
    results.push({ size, stats: s, outcomes });
  }
  writeFileSync(join(TMP, 'results.json'), JSON.stringify({ node: process.version, cpus: availableParallelism(), when: new Date().toISOString(), seed, budget, results }, null, 2));
  log(`\n${table(results)}\n\n${verdicts(results)}`);
  if (problems.length) {
    console.error(`\nCROSS-CHECK FAILED:\n${problems.join('\n')}`);
    process.exit(1);
  }
}

function ok(o: Outcome | undefined): MeasureResult | null {
  return o?.kind === 'ok' ? o.result : null;
}

const ratio = (peer: number | undefined, ours: number | undefined): string => (peer !== undefined && ours !== undefined && ours > 0 ? `${(peer / ours).toFixed(peer / ours >= 10 ? 0 : 1)}×` : '—');

/** The Markdown table: times, memory, and each peer's time over ours (FS part like for like, and over the full plan). */
export function table(results: readonly SizeResult[]): string {
  const rows = [
    '| tasks | contestant | cold ms | warm ms, median (min–max, n) | warm CPU ms | peak RSS MB (+ during call) | ÷ ours FS, cold / warm | ÷ ours full, cold / warm | other load |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { size, outcomes } of results) {
    const fs = ok(outcomes['engine-fs']);
    const full = ok(outcomes['engine-full']);
    for (const c of only) {
      const o = outcomes[c];
      if (!o) continue;
      if (o.kind !== 'ok') {
        rows.push(`| ${size.toLocaleString('en')} | ${DESCRIPTION[c]} | ${o.reason} |||||||`);
        continue;
      }
      const r = o.result;
      const warm = r.warmMs.length ? median(r.warmMs) : undefined;
      const warmText = warm === undefined ? '—' : `${fmtMs(warm)} (${fmtMs(Math.min(...r.warmMs))}–${fmtMs(Math.max(...r.warmMs))}, ${r.warmMs.length})`;
      const mem = r.rssPeakMb === null ? '—' : `${r.rssPeakMb.toFixed(0)} (+${(r.rssPeakMb - (r.rssBeforeMb ?? 0)).toFixed(0)})`;
      const peer = c === 'graphlib' || c === 'chronograph';
      const fsWarm = fs?.warmMs.length ? median(fs.warmMs) : undefined;
      const fullWarm = full?.warmMs.length ? median(full.warmMs) : undefined;
      const vsFs = peer ? `${ratio(r.coldMs, fs?.coldMs)} / ${ratio(warm, fsWarm)}` : '';
      const vsFull = peer ? `${ratio(r.coldMs, full?.coldMs)} / ${ratio(warm, fullWarm)}` : '';
      rows.push(`| ${size.toLocaleString('en')} | ${DESCRIPTION[c]} | ${fmtMs(r.coldMs)} | ${warmText} | ${r.warmCpuMs.length ? fmtMs(median(r.warmCpuMs)) : '—'} | ${mem} | ${vsFs} | ${vsFull} | ${o.outsideCores.toFixed(2)} |`);
    }
  }
  return rows.join('\n');
}

/** The issue's targets, on the full plan. Memory: the whole process's peak during the call, and what the call added. */
export function verdicts(results: readonly SizeResult[]): string {
  const lines: string[] = ['Targets (our engine, full plan):'];
  const at = (size: number): MeasureResult | null => ok(results.find((r) => r.size === size)?.outcomes['engine-full']);
  const check = (what: string, value: number | undefined, limit: number, unit: string): void => {
    if (value === undefined || Number.isNaN(value)) lines.push(`- ${what} ≤ ${limit} ${unit}: not measured`);
    else lines.push(`- ${what} ≤ ${limit} ${unit}: ${value.toFixed(unit === 'ms' && value < 100 ? 1 : 0)} ${unit}, ${value <= limit ? 'MET' : 'MISSED'}`);
  };
  const warm = (r: MeasureResult | null): number | undefined => (r?.warmMs.length ? median(r.warmMs) : undefined);
  const r10k = at(10_000);
  const r100k = at(100_000);
  const r1m = at(1_000_000);
  check('10k tasks warm', warm(r10k), 10, 'ms');
  check('100k tasks warm', warm(r100k), 100, 'ms');
  check('100k tasks cold', r100k?.coldMs, 200, 'ms');
  check('1M tasks warm', warm(r1m), 1000, 'ms');
  check('1M tasks cold', r1m?.coldMs, 1000, 'ms');
  check('1M tasks peak RSS of the whole process during the cold call', r1m?.rssPeakMb ?? undefined, 500, 'MB');
  check('1M tasks memory added by the cold call (peak − before)', r1m && r1m.rssPeakMb !== null ? r1m.rssPeakMb - (r1m.rssBeforeMb ?? 0) : undefined, 500, 'MB');
  return lines.join('\n');
}

await main();
