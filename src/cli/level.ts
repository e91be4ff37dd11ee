import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { PharosError } from '../domain/errors.js';
import { levelPlan, type LevellingOrder, type LevellingResult } from '../domain/schedule/levelling/index.js';
import { formatLocalDateTime } from '../domain/schedule/local-time.js';
import { DEFAULT_MAX_SCHEDULES, solveRcpsp, type RcpspResult } from '../domain/schedule/rcpsp/index.js';
import { levellingInputFromMspdi, type MspdiLevellingInput } from '../io/mspdi/levelling-input.js';
import { readMspdi } from '../io/mspdi/read-mspdi.js';
import { parseSm, type PsplibProject } from '../io/psplib/index.js';
import { intOption, progressOn, usage, withProgress } from './common.js';

export type LevelOptions = { json?: boolean; schedules?: number; seed?: number; progress?: boolean; withinSlack?: boolean; order?: LevellingOrder };

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw usage(code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readProject(file: string): PsplibProject {
  return parseSm(readText(file), file);
}

/** The readable report: the makespan, then one row per job in the file's order. */
function formatTable(project: PsplibProject, result: RcpspResult): string {
  const { input } = project;
  const R = input.capacities.length;
  const head = ['job', 'duration', 'start', 'finish', ...Array.from({ length: R }, (_, r) => `R${r + 1}`)];
  const rows = Array.from({ length: project.jobs }, (_, j) => {
    const d = input.durations[j]!;
    const s = result.starts[j]!;
    return [String(j + 1), String(d), String(s), String(s + d), ...Array.from({ length: R }, (_, r) => String(input.demands[j * R + r]))];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  const gap = result.makespan - result.lowerBound;
  return [
    `Makespan ${result.makespan} periods (lower bound ${result.lowerBound}${gap === 0 ? ': optimal' : `, ${gap} above it`}; ${result.schedules} schedules generated)`,
    `Capacities: ${Array.from(input.capacities, (c, r) => `R${r + 1} ${c}`).join(', ')}`,
    '',
    line(head),
    ...rows.map(line),
    '',
  ].join('\n');
}

/**
 * Levels `file` (a PSPLIB `.sm` project) and returns what `pharos level` prints: a table, or
 * with `json` exactly `{"makespan":N,"starts":[…]}` with one start per job in the file's
 * order (the two dummy jobs included). Progress goes to stderr when asked for.
 */
export function levelFile(file: string, options: LevelOptions = {}): string {
  if (/\.xml$/i.test(file)) return levelMspdi(file, options, (note) => process.stderr.write(`note: ${note}\n`));
  if (!/\.sm$/i.test(file)) {
    throw new PharosError('unsupported-media-type', `${file}: pharos level reads PSPLIB single-mode files (.sm) and MS Project XML files (.xml)`);
  }
  return levelSm(file, options);
}

function levelSm(file: string, options: LevelOptions): string {
  const project = readProject(file);
  const progress = progressOn('level', options.progress);
  let result: RcpspResult;
  try {
    result = solveRcpsp(project.input, {
      maxSchedules: options.schedules ?? DEFAULT_MAX_SCHEDULES,
      seed: options.seed ?? 1,
      onProgress: (p) => progress.update({ step: 'schedules', done: p.schedules, total: p.maxSchedules }),
    });
  } finally {
    progress.finish();
  }
  if (options.json) return `${JSON.stringify({ makespan: result.makespan, starts: Array.from(result.starts) })}\n`;
  return formatTable(project, result);
}

/** One task of `pharos level FILE.xml --json`; datetimes in the file's own local time. */
export type LevelledTaskJson = {
  uid: number;
  name: string;
  start: string;
  finish: string;
  /** Levelling delay in elapsed minutes. */
  delayMinutes: number;
  /** The resources the task waited for and the tasks holding them, or null when it was not delayed. */
  cause: { resource: number; resourceName: string; tasks: number[] }[] | null;
  /** Why the task could not get the delay it needed, or null. */
  unresolved: string | null;
};

export type OverallocationJson = {
  resource: number;
  resourceName: string;
  from: string;
  to: string;
  units: number;
  capacity: number;
  tasks: number[];
  reason: string;
  detail: string;
};

export type LevelJson = { finishBefore: string; finishAfter: string; overallocationsBefore: number; tasks: LevelledTaskJson[]; overallocations: OverallocationJson[] };

const text = (t: number): string => (Number.isFinite(t) ? formatLocalDateTime(t) : '');

/** The levelled plan as `pharos level FILE.xml --json` prints it. */
export function levelJson(adapted: MspdiLevellingInput, result: LevellingResult): LevelJson {
  const names = new Map(adapted.input.resources.map((r) => [r.id, r.name ?? r.id]));
  return {
    finishBefore: text(result.finishBefore),
    finishAfter: text(result.finishAfter),
    overallocationsBefore: result.overallocationsBefore.length,
    tasks: adapted.tasks.map((t, i) => {
      const l = result.tasks[i]!;
      return {
        uid: t.uid,
        name: t.name ?? '',
        start: text(result.schedule.start[i]!),
        finish: text(result.schedule.finish[i]!),
        delayMinutes: l.delayMinutes,
        cause: l.causes.length ? l.causes.map((c) => ({ resource: Number(c.resource), resourceName: names.get(c.resource) ?? c.resource, tasks: c.tasks.map(Number) })) : null,
        unresolved: l.unresolved ?? null,
      };
    }),
    overallocations: result.overallocations.map((o) => ({
      resource: Number(o.resource),
      resourceName: names.get(o.resource) ?? o.resource,
      from: text(o.from),
      to: text(o.to),
      units: o.units,
      capacity: o.capacity,
      tasks: o.tasks.map(Number),
      reason: o.reason,
      detail: o.detail,
    })),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const elapsedDays = (minutes: number): string => (minutes > 0 ? `${+(minutes / 1440).toFixed(2)}ed` : '');
const percent = (units: number): string => `${+(units * 100).toFixed(1)}%`;

/** The readable report: finishes before and after, one row per task, then the over-allocations left. */
function levelTable(json: LevelJson): string {
  const names = new Map(json.tasks.map((t) => [t.uid, t.name]));
  const who = (uids: number[]) => uids.map((u) => `${u}${names.get(u) ? ` ${names.get(u)}` : ''}`).join(', ');
  const rows = json.tasks.map((t) => [
    String(t.uid),
    t.name,
    t.start,
    t.finish,
    elapsedDays(t.delayMinutes),
    t.cause ? t.cause.map((c) => `${c.resourceName}, held by ${who(c.tasks)}`).join('; ') : t.unresolved ? `not levelled: ${t.unresolved}` : '',
  ]);
  const out = [
    `Finish before levelling: ${json.finishBefore}`,
    `Finish after levelling:  ${json.finishAfter}`,
    `Over-allocations: ${json.overallocationsBefore} before, ${json.overallocations.length} after`,
    '',
    table(['UID', 'Task', 'Start', 'Finish', 'Delay', 'Cause'], rows),
  ];
  if (json.overallocations.length) {
    const left = json.overallocations.map((o) => [o.resourceName, o.from, o.to, `${percent(o.units)} of ${percent(o.capacity)}`, who(o.tasks), `${o.reason}: ${o.detail}`]);
    out.push('', 'Over-allocations left:', table(['Resource', 'From', 'To', 'Units', 'Tasks', 'Reason'], left));
  }
  return `${out.join('\n')}\n`;
}

/**
 * Levels an MS Project XML file: the plan and its resources as {@link levellingInputFromMspdi}
 * reads them, levelled by {@link levelPlan}. Returns the table, or with `json` the
 * {@link LevelJson} document; notes on what the file holds that levelling does not use go to
 * `note`.
 */
export function levelMspdi(file: string, options: LevelOptions = {}, note: (line: string) => void = () => undefined): string {
  const { document, unsupported } = readMspdi(readText(file));
  const adapted = levellingInputFromMspdi(document);
  for (const line of adapted.notes) note(line);
  if (unsupported.length) note(`${unsupported.length} kinds of element in the file are not used (e.g. ${unsupported[0]!.path})`);
  const result = levelPlan(adapted.input, { withinSlackOnly: options.withinSlack ?? false, order: options.order ?? 'standard' });
  const json = levelJson(adapted, result);
  return options.json ? `${JSON.stringify(json)}\n` : levelTable(json);
}

/** `pharos level FILE`: a PSPLIB project's shortest schedule, or an MS Project plan levelled. */
export function registerLevel(program: Command): void {
  withProgress(
    program
      .command('level')
      .description('level a project under its resource limits: a PSPLIB .sm file (makespan and starts) or an MS Project XML file (finish before and after, each task\'s delay and cause)')
      .argument('<file>', 'the project file (.sm or .xml)')
      .option('--json', '.sm: print {"makespan": N, "starts": [...]}; .xml: print {finishBefore, finishAfter, tasks: [{uid, name, start, finish, delayMinutes, cause}], overallocations: [...]}')
      .option('--schedules <n>', `.sm: schedules the search may generate (default ${DEFAULT_MAX_SCHEDULES})`, intOption('--schedules', 1, 100_000_000))
      .option('--seed <n>', '.sm: seed of the search (default 1): the same seed gives the same schedule', intOption('--seed', 0, 0xffffffff))
      .option('--within-slack', '.xml: delay tasks only within their total slack (the finish does not move)')
      .addOption(new Option('--order <order>', '.xml: which task keeps a resource: standard (slack, start, priority) or priority first').choices(['standard', 'priority']).default('standard')),
  ).action((file: string, options: LevelOptions) => {
    process.stdout.write(levelFile(file, options));
  });
}
