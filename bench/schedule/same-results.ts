import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CalendarDefinition } from '../../src/domain/schedule/calendar-types.js';
import { schedule } from '../../src/domain/schedule/schedule.js';
import type { ScheduleInput, ScheduleLink, ScheduleResult, ScheduleTask } from '../../src/domain/schedule/types.js';
import { MINUTES_PER_WORKING_DAY } from './generate.js';
import { planFiles, TMP } from './plans.js';

/**
 * Speed work must not change a result. This hashes every result array, the project dates and
 * the warnings (in order) of `schedule()` on the bench plans and on variants of each that
 * exercise what the plain plans lack (backward; ALAP, MSO, MFO, SNLT, FNET, deadlines, a
 * second calendar, resource calendars and work on several calendars, elapsed tasks and lags,
 * percentage lags, levelling delays, progress at a status date, manual and inactive tasks;
 * the same with constraints not honoured; the same backward; the same listed backwards), then saves the hashes
 * (`--save`) or compares them with saved ones (`--check`, exit 1 on any difference).
 * `--warnings-any-order` hashes the warnings sorted, for a change meant only to reorder them
 * (save and check with it).
 *
 *   node --import tsx bench/schedule/same-results.ts --save base      # before a change
 *   node --import tsx bench/schedule/same-results.ts --check base     # after it
 */

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    seed: { type: 'string', default: '20260105' },
    save: { type: 'string' },
    check: { type: 'string' },
    /** Hash the warnings as a set (sorted), for a change that may only reorder them. */
    'warnings-any-order': { type: 'boolean', default: false },
  },
});
if (!values.save === !values.check) {
  console.error('usage: node --import tsx bench/schedule/same-results.ts (--save NAME | --check NAME) [--sizes 10000,100000,1000000] [--seed n] [--warnings-any-order]');
  process.exit(2);
}

const DAY = 1440;
const SECOND_CALENDAR: CalendarDefinition = {
  id: 'long-days',
  name: 'Long days, Monday to Saturday',
  week: [[], ...Array.from({ length: 6 }, () => [{ from: 7 * 60, to: 12 * 60 }, { from: 12 * 60 + 30, to: 19 * 60 }])],
  exceptions: [{ from: '2026-12-24', to: '2027-01-02', working: [] }],
};
const MORNINGS: CalendarDefinition = {
  id: 'mornings',
  name: 'Mornings',
  week: [[], ...Array.from({ length: 5 }, () => [{ from: 6 * 60, to: 12 * 60 }]), []],
};

/** The plan with every kind of task and link the plain bench plan lacks, chosen by index. */
function rich(input: ScheduleInput, base: ScheduleResult): ScheduleInput {
  const parents = new Set<string>();
  for (const t of input.tasks) if (t.parent != null) parents.add(t.parent);
  const statusDate = input.start! + 120 * DAY;
  const tasks = input.tasks.map((t, i): ScheduleTask => {
    if (parents.has(t.id)) return i % 29 === 3 ? { ...t, deadline: base.earlyFinish[i]! - 5 * DAY } : t;
    const es = base.earlyStart[i]!;
    const ef = base.earlyFinish[i]!;
    const r = i % 37;
    const more: { -readonly [K in keyof ScheduleTask]?: ScheduleTask[K] } = {};
    if (r === 1) Object.assign(more, { constraint: 'ALAP' });
    else if (r === 2) Object.assign(more, { constraint: 'MSO', constraintDate: es + (i % 2 ? 3 : -3) * DAY + 60 });
    else if (r === 3) Object.assign(more, { constraint: 'MFO', constraintDate: ef + (i % 2 ? 2 : -4) * DAY });
    else if (r === 4) Object.assign(more, { constraint: 'SNLT', constraintDate: es - (i % 3) * DAY });
    else if (r === 5) Object.assign(more, { constraint: 'FNET', constraintDate: ef + (i % 3) * DAY + 30 });
    else if (r === 6) Object.assign(more, { deadline: ef - (i % 4) * DAY });
    else if (r === 7) Object.assign(more, { calendar: SECOND_CALENDAR.id });
    else if (r === 8) Object.assign(more, { elapsed: true });
    else if (r === 9) Object.assign(more, { levelingDelayMinutes: (i % 5) * DAY });
    else if (r === 10) Object.assign(more, { manual: { start: es + DAY, finish: ef + 2 * DAY } });
    else if (r === 11) Object.assign(more, { inactive: true });
    else if (r === 12) Object.assign(more, { resourceCalendar: MORNINGS.id });
    else if (r === 13) Object.assign(more, { resourceWork: [{ calendar: MORNINGS.id, minutes: t.durationMinutes }, { calendar: SECOND_CALENDAR.id, minutes: Math.round(t.durationMinutes / 2) }] });
    else if (r === 14) Object.assign(more, { constraint: 'ALAP', calendar: SECOND_CALENDAR.id });
    // Progress at the status date.
    if (ef <= statusDate && i % 3 === 0 && r !== 10) Object.assign(more, { actualStart: es, actualFinish: ef });
    else if (es < statusDate && ef > statusDate && r !== 10) Object.assign(more, { actualStart: es, percentComplete: 40, ...(i % 2 ? { remainingMinutes: t.durationMinutes / 2 } : {}) });
    return Object.keys(more).length ? { ...t, ...more } : t;
  });
  const links = input.links.map((l, k): ScheduleLink => {
    const r = k % 31;
    if (r === 1) return { ...l, lagMinutes: 600, lagElapsed: true };
    if (r === 2) return { ...l, lagMinutes: undefined, lagPercent: 50 };
    if (r === 3) return { ...l, lagMinutes: undefined, lagPercent: -25 };
    return l;
  });
  return { ...input, tasks, links, calendars: [...input.calendars, SECOND_CALENDAR, MORNINGS], statusDate, criticalSlackMinutes: MINUTES_PER_WORKING_DAY };
}

function hashResult(r: ScheduleResult): string {
  const h = createHash('sha256');
  h.update(r.ids.join('\n'));
  for (const a of [r.start, r.finish, r.earlyStart, r.earlyFinish, r.lateStart, r.lateFinish, r.totalSlack, r.freeSlack, r.critical, r.drivingPredecessor]) {
    h.update(a.constructor.name);
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  const warnings = values['warnings-any-order'] ? r.warnings.map((w) => JSON.stringify(w)).sort() : r.warnings;
  h.update(JSON.stringify([r.projectStart, r.projectFinish, warnings]));
  return h.digest('hex').slice(0, 16);
}

function run(input: ScheduleInput): { hash: string; warnings: number; result: ScheduleResult | null } {
  try {
    const result = schedule(input);
    return { hash: hashResult(result), warnings: result.warnings.length, result };
  } catch (e) {
    return { hash: `error: ${(e as Error).message.slice(0, 200)}`, warnings: 0, result: null };
  }
}

const hashes: Record<string, string> = {};
for (const size of values.sizes.split(',').map(Number)) {
  const files = planFiles(size, Number(values.seed), console.log);
  const input = JSON.parse(readFileSync(files.full, 'utf8')) as ScheduleInput;
  const variants: [string, () => ScheduleInput][] = [];
  const base = run(input);
  const baseResult = base.result!;
  const backward = (i: ScheduleInput): ScheduleInput => ({ ...i, direction: 'backward', finish: baseResult.projectFinish + 30 * DAY });
  const richInput = rich(input, baseResult);
  variants.push(
    ['backward', () => backward(input)],
    ['rich', () => richInput],
    ['rich, constraints not honoured', () => ({ ...richInput, honorConstraints: false })],
    ['rich, backward', () => backward(richInput)],
    // Tasks and links listed backwards: not in outline order, so the passes take Kahn's order.
    ['rich, listed backwards', () => ({ ...richInput, tasks: [...richInput.tasks].reverse(), links: [...richInput.links].reverse() })],
  );
  const report = (name: string, r: { hash: string; warnings: number }): void => {
    hashes[`${size} ${name}`] = r.hash;
    console.log(`${String(size).padStart(8)} ${name.padEnd(32)} ${r.hash}  (${r.warnings} warnings)`);
  };
  report('plan', base);
  for (const [name, make] of variants) report(name, run(make()));
}

const file = (name: string): string => join(TMP, `same-results-${name}.json`);
if (values.save) {
  writeFileSync(file(values.save), JSON.stringify(hashes, null, 1));
  console.log(`saved → ${file(values.save)}`);
} else {
  const path = file(values.check!);
  if (!existsSync(path)) {
    console.error(`no saved hashes at ${path}`);
    process.exit(2);
  }
  const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const differ = Object.keys(hashes).filter((k) => k in saved && saved[k] !== hashes[k]);
  const missing = Object.keys(hashes).filter((k) => !(k in saved));
  for (const k of differ) console.log(`DIFFERS: ${k}: ${saved[k]} → ${hashes[k]}`);
  if (missing.length) console.log(`not in the saved set: ${missing.join(', ')}`);
  console.log(differ.length ? `${differ.length} of ${Object.keys(hashes).length} differ` : `all ${Object.keys(hashes).length - missing.length} identical`);
  process.exit(differ.length ? 1 : 0);
}
