import { parseArgs } from 'node:util';
import { prng } from '../api/fixtures.js';
import { STANDARD_WEEK } from '../../src/domain/schedule/calendar-types.js';
import { levelPlan, type LevellingAssignment, type LevellingInput } from '../../src/domain/schedule/levelling/index.js';
import { formatLocalDateTime, parseLocalDateTime } from '../../src/domain/schedule/local-time.js';
import type { ScheduleLink, ScheduleTask } from '../../src/domain/schedule/types.js';

/**
 * Project levelling (`levelPlan`) on generated plans: n tasks of 1–10 working days on the
 * Standard calendar, about 1.5 FS links per task to earlier tasks, one resource per 10 tasks
 * (capacity 1 or 2) with one or two assignments per task at 50–100 %, a few priority-1000
 * tasks. Prints, per size, the over-allocations before and after, the finish before and
 * after, the schedule() calls' share and the wall time (median of the runs).
 */

const USAGE = 'usage: node --import tsx bench/levelling/project.ts [--sizes 100,300,1000] [--runs 3] [--seed 1]';
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,300,1000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function generate(n: number, seed: number): LevellingInput {
  const rnd = prng(seed);
  const pick = (k: number) => Math.floor(rnd() * k);
  const tasks: ScheduleTask[] = Array.from({ length: n }, (_, i) => ({ id: `T${i}`, durationMinutes: (1 + pick(10)) * 480 }));
  const links: ScheduleLink[] = [];
  for (let i = 1; i < n; i++) {
    const count = pick(3) + (rnd() < 0.5 ? 1 : 0);
    const from = new Set<number>();
    for (let k = 0; k < count; k++) from.add(Math.max(0, i - 1 - pick(20)));
    for (const p of from) links.push({ predecessor: `T${p}`, successor: `T${i}`, type: 'FS' });
  }
  const R = Math.max(1, Math.round(n / 10));
  const resources = Array.from({ length: R }, (_, r) => ({ id: `R${r}`, maxUnits: rnd() < 0.7 ? 1 : 2 }));
  const assignments: LevellingAssignment[] = [];
  for (let i = 0; i < n; i++) {
    const first = pick(R);
    assignments.push({ task: `T${i}`, resource: `R${first}`, units: rnd() < 0.3 ? 0.5 : 1 });
    if (rnd() < 0.3 && R > 1) assignments.push({ task: `T${i}`, resource: `R${(first + 1 + pick(R - 1)) % R}`, units: 0.5 });
  }
  const priorities = Object.fromEntries(tasks.filter(() => rnd() < 0.02).map((t) => [t.id, 1000]));
  return { plan: { tasks, links, calendars: [{ id: 'std', week: STANDARD_WEEK }], projectCalendar: 'std', start: parseLocalDateTime('2026-01-05T08:00')! }, resources, assignments, priorities };
}

const day = (t: number) => formatLocalDateTime(t).slice(0, 10);
console.log('| tasks | resources | over-allocations before → after | finish before → after | time (median of runs) |');
console.log('|---|---|---|---|---|');
for (const n of values.sizes.split(',').map(Number)) {
  const input = generate(n, Number(values.seed));
  const times: number[] = [];
  let last = null as ReturnType<typeof levelPlan> | null;
  for (let k = 0; k < Number(values.runs); k++) {
    const t0 = performance.now();
    last = levelPlan(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = last!;
  console.log(`| ${n} | ${input.resources.length} | ${r.overallocationsBefore.length} → ${r.overallocations.length} | ${day(r.finishBefore)} → ${day(r.finishAfter)} | ${times[times.length >> 1]!.toFixed(0)} ms |`);
}
