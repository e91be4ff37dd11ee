import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PharosError } from '../domain/errors.js';
import { DEFAULT_MAX_SCHEDULES, solveRcpsp, type RcpspResult } from '../domain/schedule/rcpsp/index.js';
import { parseSm, type PsplibProject } from '../io/psplib/index.js';
import { intOption, progressOn, usage, withProgress } from './common.js';

export type LevelOptions = { json?: boolean; schedules?: number; seed?: number; progress?: boolean };

function readProject(file: string): PsplibProject {
  if (!/\.sm$/i.test(file)) {
    throw new PharosError('unsupported-media-type', `${file}: pharos level reads PSPLIB single-mode files (.sm); levelling MSPDI files is handled elsewhere`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw usage(code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSm(text, file);
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

/** `pharos level FILE.sm`: the shortest schedule the resource-constrained search finds. */
export function registerLevel(program: Command): void {
  withProgress(
    program
      .command('level')
      .description('level a project under its resource limits (PSPLIB .sm files): the makespan and each job\'s start')
      .argument('<file>', 'the project file (.sm)')
      .option('--json', 'print {"makespan": N, "starts": [...]} (one start per job, in the file\'s order)')
      .option('--schedules <n>', `schedules the search may generate (default ${DEFAULT_MAX_SCHEDULES})`, intOption('--schedules', 1, 100_000_000))
      .option('--seed <n>', 'seed of the search (default 1): the same seed gives the same schedule', intOption('--seed', 0, 0xffffffff)),
  ).action((file: string, options: LevelOptions) => {
    process.stdout.write(levelFile(file, options));
  });
}
