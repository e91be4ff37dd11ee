import { formatLocalDateTime } from '../../domain/schedule/local-time.js';
import type { ScheduleResult } from '../../domain/schedule/types.js';
import type { MspdiTask } from './mspdi-document.js';

export const COMPARED_FIELDS = ['start', 'finish', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack', 'freeSlack', 'critical'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** One value where the computed plan and the file differ. Slack is in minutes. */
export type ScheduleDifference = {
  readonly uid: number;
  readonly name: string;
  readonly field: ComparedField;
  readonly stored: string;
  readonly computed: string;
};

export type TaskComparison = {
  readonly uid: number;
  readonly name: string;
  /** Auto-scheduled (not manual): the dates are the scheduler's, so they can be compared. */
  readonly auto: boolean;
  readonly summary: boolean;
  readonly differences: readonly ScheduleDifference[];
};

const dateText = (t: number): string => (Number.isFinite(t) ? formatLocalDateTime(t) : '—');

/**
 * Compares a computed plan with the dates, slack and critical flags an MSPDI file stored,
 * task by task (`tasks[i]` is the file's task behind result row `i`). Values the file does
 * not hold are not compared.
 */
export function compareWithStored(tasks: readonly MspdiTask[], result: ScheduleResult): TaskComparison[] {
  return tasks.map((t, i) => {
    const differences: ScheduleDifference[] = [];
    const name = t.name ?? `Task ${t.uid}`;
    const check = (field: ComparedField, stored: string | undefined, computed: string) => {
      if (stored !== undefined && stored !== computed) differences.push({ uid: t.uid, name, field, stored, computed });
    };
    const slack = (tenths: number | undefined) => (tenths === undefined ? undefined : String(tenths / 10));
    check('start', t.start, dateText(result.start[i]!));
    check('finish', t.finish, dateText(result.finish[i]!));
    check('earlyStart', t.earlyStart, dateText(result.earlyStart[i]!));
    check('earlyFinish', t.earlyFinish, dateText(result.earlyFinish[i]!));
    check('lateStart', t.lateStart, dateText(result.lateStart[i]!));
    check('lateFinish', t.lateFinish, dateText(result.lateFinish[i]!));
    check('totalSlack', slack(t.totalSlackTenthMinutes), String(result.totalSlack[i]!));
    check('freeSlack', slack(t.freeSlackTenthMinutes), String(result.freeSlack[i]!));
    check('critical', t.critical === undefined ? undefined : String(t.critical), String(result.critical[i] === 1));
    return { uid: t.uid, name, auto: !t.manual, summary: t.summary === true, differences };
  });
}
