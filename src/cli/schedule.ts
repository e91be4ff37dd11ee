import type { Command } from 'commander';
import { formatLocalDateTime } from '../domain/schedule/local-time.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ScheduleResult } from '../domain/schedule/types.js';
import { compareWithStored } from '../io/mspdi/compare-schedule.js';
import type { MspdiTask } from '../io/mspdi/mspdi-document.js';
import { readMspdi } from '../io/mspdi/read-mspdi.js';
import { scheduleInputFromMspdi } from '../io/mspdi/schedule-input.js';
import { readInputFile } from './common.js';

type ScheduleOptions = { json?: boolean; compare?: boolean };

/** One task of `pharos schedule --json`; datetimes in the file's own local time. */
export type ScheduledTaskJson = {
  uid: number;
  name: string;
  start: string;
  finish: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  totalSlackMinutes: number;
  freeSlackMinutes: number;
  critical: boolean;
};

const text = (t: number): string => (Number.isFinite(t) ? formatLocalDateTime(t) : '');

/** The computed plan as `pharos schedule --json` prints it. */
export function scheduleJson(tasks: readonly MspdiTask[], result: ScheduleResult): { tasks: ScheduledTaskJson[] } {
  return {
    tasks: tasks.map((t, i) => ({
      uid: t.uid,
      name: t.name ?? '',
      start: text(result.start[i]!),
      finish: text(result.finish[i]!),
      earlyStart: text(result.earlyStart[i]!),
      earlyFinish: text(result.earlyFinish[i]!),
      lateStart: text(result.lateStart[i]!),
      lateFinish: text(result.lateFinish[i]!),
      totalSlackMinutes: result.totalSlack[i]!,
      freeSlackMinutes: result.freeSlack[i]!,
      critical: result.critical[i] === 1,
    })),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const days = (minutes: number, perDay: number): string => (Number.isFinite(minutes) ? `${+(minutes / perDay).toFixed(2)}d` : '');

/** `pharos schedule FILE.xml`: compute an MS Project file's schedule and print it, or compare it with the file's dates. */
export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('compute the schedule of an MS Project XML (MSPDI) file: a table, --json, or --compare with the dates stored in the file')
    .argument('<file>', 'an MSPDI .xml file, or - to read stdin')
    .option('--json', 'print {tasks: [{uid, name, start, finish, earlyStart, …, totalSlackMinutes, freeSlackMinutes, critical}]}')
    .option('--compare', 'print, task by task, where the computed values differ from those stored in the file')
    .action(async (file: string, options: ScheduleOptions) => {
      const { document, unsupported } = readMspdi(await readInputFile(file));
      const adapted = scheduleInputFromMspdi(document);
      const result = schedule(adapted.input);
      for (const note of adapted.notes) process.stderr.write(`note: ${note}\n`);
      if (unsupported.length) process.stderr.write(`note: ${unsupported.length} kinds of element in the file are not used (e.g. ${unsupported[0]!.path})\n`);
      for (const w of result.warnings) process.stderr.write(`warning: ${w.task}: ${w.detail}\n`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(scheduleJson(adapted.tasks, result))}\n`);
        return;
      }
      const perDay = document.header.minutesPerDay ?? 480;
      if (options.compare) {
        const comparisons = compareWithStored(adapted.tasks, result);
        const rows = comparisons.flatMap((c) => c.differences.map((d) => [String(d.uid), d.name, d.field, d.stored, d.computed]));
        const auto = comparisons.filter((c) => c.auto);
        const same = auto.filter((c) => c.differences.length === 0).length;
        if (rows.length) process.stdout.write(`${table(['UID', 'Task', 'Field', 'In the file', 'Computed'], rows)}\n`);
        process.stdout.write(`${same} of ${auto.length} auto-scheduled tasks match the file on every stored value${comparisons.length > auto.length ? ` (${comparisons.length - auto.length} manually scheduled not counted)` : ''}.\n`);
        return;
      }
      const rows = adapted.tasks.map((t, i) => {
        const level = Math.max(0, (t.outlineLevel ?? 1) - 1);
        return [
          String(t.uid),
          `${'  '.repeat(level)}${t.name ?? ''}`,
          text(result.start[i]!),
          text(result.finish[i]!),
          days(result.totalSlack[i]!, perDay),
          days(result.freeSlack[i]!, perDay),
          result.critical[i] ? 'yes' : '',
        ];
      });
      process.stdout.write(`${table(['UID', 'Task', 'Start', 'Finish', 'Total slack', 'Free slack', 'Critical'], rows)}\n`);
      process.stdout.write(`Project: ${text(result.projectStart)} to ${text(result.projectFinish)}\n`);
    });
}
