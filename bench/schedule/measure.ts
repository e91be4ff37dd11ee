import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ScheduleInput } from '../../src/domain/schedule/types.js';
import { CONTESTANTS, type Contestant, prepare } from './contestants.js';
import type { FsNetwork } from './generate.js';

/**
 * One contestant in a fresh process (started by run.ts with `--expose-gc`): reads the
 * generated plan, then times the first call (cold: nothing of the contestant's code has run
 * yet) with the peak memory during it, then warms up and times more calls (warm). Prints one
 * `RESULT {json}` line. With `--dates`, writes the first call's dates there for run.ts to
 * compare across contestants.
 *
 * Memory: Linux's high-water mark of the process's resident set (`VmHWM`), reset to the
 * current RSS (write 5 to `/proc/self/clear_refs`) just before the first call, so the peak is
 * the whole process's during that call (Node itself and the loaded plan included), not the
 * higher one of reading and parsing the JSON.
 */

export type MeasureResult = {
  readonly contestant: Contestant;
  readonly tasks: number;
  readonly coldMs: number;
  /** Resident set before the first call, and its peak during it, in MB (null off Linux). */
  readonly rssBeforeMb: number | null;
  readonly rssPeakMb: number | null;
  readonly warmMs: readonly number[];
  /** CPU time of the process (all threads: the call and V8's GC helpers) during the cold call and each warm one. */
  readonly coldCpuMs: number;
  readonly warmCpuMs: readonly number[];
  readonly warmups: number;
  /** Why there are fewer warm runs than asked, if there are. */
  readonly warmNote: string | null;
  readonly warnings: number;
  readonly finish: number;
  readonly checksum: number;
};

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    contestant: { type: 'string' },
    rounds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    budget: { type: 'string', default: '60' },
    dates: { type: 'string' },
  },
});

const contestant = values.contestant as Contestant;
if (!values.file || !CONTESTANTS.includes(contestant)) {
  console.error(`usage: node --expose-gc --import tsx bench/schedule/measure.ts --file <json> --contestant ${CONTESTANTS.join('|')} [--rounds n] [--warmup n] [--budget s] [--dates <bin>]`);
  process.exit(2);
}

function status(field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

let text: string | null = readFileSync(values.file, 'utf8');
const data = JSON.parse(text) as ScheduleInput | FsNetwork;
text = null;
const tasks = data.tasks.length;
const run = await prepare(contestant, data);
gc();
gc();
const peakOk = resetPeak();
const rssBeforeMb = status('VmRSS');

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const first = run();
const coldMs = performance.now() - t0;
const cpuCold = process.cpuUsage(cpu0);
const rssPeakMb = peakOk ? status('VmHWM') : null;

if (values.dates && first.dates) {
  const d = first.dates;
  const all = new Float64Array(5 * tasks);
  [d.earlyStart, d.earlyFinish, d.lateStart, d.lateFinish, d.totalSlack].forEach((a, k) => all.set(a, k * tasks));
  writeFileSync(values.dates, all);
}
const checksum = first.earlyFinish.reduce((a, b) => a + b, 0);

// Warm: warm-up calls, then timed ones, within the time budget.
const budgetMs = Number(values.budget) * 1000;
const rounds = Number(values.rounds);
const wantWarmups = Number(values.warmup);
const warmMs: number[] = [];
const warmCpuMs: number[] = [];
let warmups = 0;
let warmNote: string | null = null;
const started = performance.now();
if (coldMs > budgetMs) warmNote = `one call took ${(coldMs / 1000).toFixed(1)} s, over the ${values.budget} s budget: no warm runs`;
else {
  for (; warmups < wantWarmups; warmups++) {
    if (performance.now() - started + coldMs > budgetMs / 2) break;
    run();
  }
  gc();
  while (warmMs.length < rounds) {
    if (warmMs.length > 0 && performance.now() - started + (warmMs[warmMs.length - 1] ?? coldMs) > budgetMs) {
      warmNote = `${warmMs.length} of ${rounds} timed runs fitted in the ${values.budget} s budget`;
      break;
    }
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    run();
    const ms = performance.now() - w0;
    const c = process.cpuUsage(c0);
    warmMs.push(ms);
    warmCpuMs.push((c.user + c.system) / 1000);
  }
  if (warmups < wantWarmups && !warmNote) warmNote = `${warmups} of ${wantWarmups} warm-up runs fitted in half the budget`;
}

const result: MeasureResult = {
  contestant,
  tasks,
  coldMs,
  rssBeforeMb,
  rssPeakMb,
  warmMs,
  coldCpuMs: (cpuCold.user + cpuCold.system) / 1000,
  warmCpuMs,
  warmups,
  warmNote,
  warnings: first.warnings,
  finish: first.finish,
  checksum,
};
console.log(`RESULT ${JSON.stringify(result)}`);
