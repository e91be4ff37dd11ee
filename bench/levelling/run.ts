import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSince, cpuSnapshot, waitForQuiet } from '../api/cpu.js';
import { checkSchedule, DEFAULT_MAX_SCHEDULES, scheduleByRule, solveRcpsp } from '../../src/domain/schedule/rcpsp/index.js';
import { parseSm } from '../../src/io/psplib/index.js';
import { summarise, table, type Row } from './report.js';

/**
 * The levelling engine on PSPLIB: for every instance of the visible j30 / j120 sets, the
 * single-pass serial SGS with the LFT rule (the baseline) and the solver at a fixed schedule
 * budget, in this process, one instance after the other. Every schedule is checked; the
 * solver's schedules go to bench/.tmp/levelling/results.json and through the corpus's own
 * evaluator (tools/psplib-eval.mjs), whose table is printed too.
 */

const USAGE = `usage: node --import tsx bench/levelling/run.ts [options]
  --set <j30|j120|both>   instance sets (default both)
  --schedules <n>         schedule budget per instance (default ${DEFAULT_MAX_SCHEDULES}, the solver's default)
  --limit <k>             only k instances per set, evenly spread over the sorted names (default all)
  --seed <n>              solver seed (default 1)
  --corpus <dir>          PSPLIB folder (default ../shared/corpus/psplib)
  --quiet-wait <s>        before each set, wait up to s seconds for the rest of the machine to use
                          < 0.25 core (default 30; 0 = start at once)`;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, 'bench', '.tmp', 'levelling');

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
}

type Reference = { upperBound: number; lowerBound: number; optimal: boolean; cpmLb: number };

function readReferences(corpus: string): Map<string, Reference> {
  const [head, ...rows] = readFileSync(join(corpus, 'reference.csv'), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return new Map(
    rows.map((row) => {
      const v = row.split(',');
      const ref = { upperBound: Number(v[at('upper_bound')]), lowerBound: Number(v[at('lower_bound')]), optimal: v[at('optimal')] === 'true', cpmLb: Number(v[at('cpm_lb')]) };
      return [v[at('instance')]!, ref];
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'both' },
      schedules: { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
      'quiet-wait': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!['j30', 'j120', 'both'].includes(values.set)) throw new Error(`--set must be j30, j120 or both (got "${values.set}")`);
  const sets = values.set === 'both' ? ['j30', 'j120'] : [values.set];
  const budget = wholeNumber('schedules', values.schedules, DEFAULT_MAX_SCHEDULES, 1);
  const limit = wholeNumber('limit', values.limit, Infinity, 1);
  const seed = wholeNumber('seed', values.seed, 1, 0);
  const quietWait = wholeNumber('quiet-wait', values['quiet-wait'], 30, 0);
  const corpus = resolve(values.corpus ?? join(ROOT, '..', 'shared', 'corpus', 'psplib'));
  if (!existsSync(join(corpus, 'reference.csv'))) throw new Error(`no PSPLIB corpus at ${corpus} (reference.csv missing)`);
  const refs = readReferences(corpus);

  console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${availableParallelism()}; budget ${budget} schedules, seed ${seed}`);
  const results: Record<string, { makespan: number; starts: number[] }> = {};
  const summaries = [];
  for (const set of sets) {
    const files = readdirSync(join(corpus, set)).filter((f) => f.endsWith('.sm')).sort();
    const count = Math.min(files.length, limit);
    const chosen = Array.from({ length: count }, (_, i) => files[Math.floor((i * files.length) / count)]!);
    const rows: Row[] = [];
    if (quietWait > 0) await waitForQuiet(quietWait, 0.25, (outside) => process.stderr.write(`waiting for a quiet machine (others use ${outside.toFixed(2)} cores)…\n`));
    const cpu = cpuSnapshot();
    for (const file of chosen) {
      const name = file.replace(/\.sm$/, '');
      const ref = refs.get(name);
      if (!ref) throw new Error(`${name}: not in reference.csv`);
      const { input } = parseSm(readFileSync(join(corpus, set, file), 'utf8'), file);
      const t0 = performance.now();
      const base = scheduleByRule(input);
      const t1 = performance.now();
      const solved = solveRcpsp(input, { maxSchedules: budget, seed });
      const t2 = performance.now();
      for (const [who, r] of [['baseline', base], ['solver', solved]] as const) {
        const check = checkSchedule(input, r.starts);
        if (!check.ok || check.makespan !== r.makespan) throw new Error(`${name}: ${who} schedule infeasible: ${check.errors[0] ?? `makespan ${check.makespan} ≠ ${r.makespan}`}`);
      }
      results[name] = { makespan: solved.makespan, starts: Array.from(solved.starts) };
      rows.push({ name, ref, baseline: base.makespan, solver: solved.makespan, schedules: solved.schedules, baselineMs: t1 - t0, solverMs: t2 - t1 });
      process.stderr.write(`\r${set}: ${rows.length}/${count}`);
    }
    process.stderr.write('\n');
    const load = cpuSince(cpu);
    summaries.push(summarise(set, rows, load.machine - load.server));
  }
  console.log(table(summaries));

  mkdirSync(OUT, { recursive: true });
  const resultsFile = join(OUT, 'results.json');
  writeFileSync(resultsFile, JSON.stringify(results));
  console.log(`\nSchedules written to ${resultsFile}.`);
  const tool = join(corpus, '..', 'tools', 'psplib-eval.mjs');
  if (existsSync(tool) && limit === Infinity) {
    const dirs = sets.map((s) => join(corpus, s));
    console.log(`\nnode ${tool} ${dirs.join(' ')} --results ${resultsFile}`);
    const run = spawnSync(process.execPath, [tool, ...dirs, '--results', resultsFile], { encoding: 'utf8' });
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    if (run.status !== 0) throw new Error(`psplib-eval exited with ${run.status}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
