import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schedule } from '../../src/domain/schedule/schedule.js';
import { compareWithStored, type ComparedField } from '../../src/io/mspdi/compare-schedule.js';
import { readMspdi } from '../../src/io/mspdi/read-mspdi.js';
import { scheduleInputFromMspdi } from '../../src/io/mspdi/schedule-input.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(root, '../shared/corpus');
const present = existsSync(join(corpus, 'mspdi'));

/** What conformance compares on every auto-scheduled task: MS Project's start and finish to the minute, total slack and the critical flag. */
const CONFORMANCE: readonly ComparedField[] = ['start', 'finish', 'totalSlack', 'critical'];

/**
 * Why the remaining mismatches remain: each names what the file's stored values depend on
 * that no rule computed from the file reproduces (docs/engines/schedule.md gives the evidence).
 */
const CAUSES = {
  stale:
    'stale late dates: the stored late finish of this task, which has no successor, is not the project finish but an earlier (or, in mspditimephasedsegments, a later) one, kept from a past calculation; its early dates match, and its stored slack is exactly the slack to those stale late dates on the project calendar (finish slack once started)',
  contoured:
    'edited timephased work (WorkContour 8, contoured): the finish is where the typed work ends, not the duration after the start; in the first three groups the late dates are stale as well',
  seconds: 'finishes to the second (a contour or 150 % units on 125 h of work); Pharos schedules whole minutes',
  externalCritical:
    'the file was written by another program (ProjectExternallyEdited): it stores no early or late dates, no slack, and Critical 0 on every task, even on this one, which ends the project; its dates match',
} as const;

const known = (file: string, uids: readonly number[], cause: string): [string, string][] => uids.map((uid) => [`mspdi/${file}#${uid}`, cause]);

/** `file#uid` of each auto-scheduled task whose stored values are not reproduced, and why (docs/engines/schedule.md lists them too). */
export const KNOWN_MISMATCHES: Readonly<Record<string, string>> = Object.fromEntries([
  ...known('mspdiduration.xml', [1, 2, 3, 4], CAUSES.stale),
  ...known('mspdiresource.xml', [3], CAUSES.seconds),
  ...known('mspditimephased.xml', [1, 2, 3, 4, 9, 12, 17, 18, 19, 20], CAUSES.stale),
  ...known('mspditimephased.xml', [5, 6, 13, 14, 21, 22, 29, 30, 37, 38], CAUSES.contoured),
  ...known('mspditimephased.xml', [34], CAUSES.seconds),
  ...known('mspditimephasedsegments.xml', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19], CAUSES.stale),
  ...known('mspditimephasedsegments.xml', [16], CAUSES.seconds),
  ...known('sample1.xml', [1, 2], CAUSES.externalCritical),
]);

function files(): string[] {
  if (!present) return [];
  return ['mspdi', 'generated'].flatMap((dir) =>
    readdirSync(join(corpus, dir))
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );
}

describe.skipIf(!present)(present ? 'conformance with MS Project on the corpus' : 'conformance with MS Project (skipped: ../shared/corpus is absent)', () => {
  const rows: string[] = [];
  let compared = 0;
  let matched = 0;
  const unexpected: string[] = [];
  /** Listed as known mismatches but matching now: the list must be kept true. */
  const stale: string[] = [];

  for (const file of files()) {
    it(`${file}: computed dates match the stored ones`, () => {
      const { document } = readMspdi(readFileSync(join(corpus, file), 'utf8'));
      const adapted = scheduleInputFromMspdi(document);
      const result = schedule(adapted.input);
      const comparisons = compareWithStored(adapted.tasks, result).filter((c) => c.auto);
      let fileMatched = 0;
      for (const c of comparisons) {
        const diffs = c.differences.filter((d) => CONFORMANCE.includes(d.field));
        if (diffs.length === 0) {
          fileMatched++;
          if (KNOWN_MISMATCHES[`${file}#${c.uid}`]) stale.push(`${file}#${c.uid}`);
        } else if (!KNOWN_MISMATCHES[`${file}#${c.uid}`]) {
          unexpected.push(`${file} task ${c.uid} ${c.name}: ${diffs.map((d) => `${d.field} stored ${d.stored} computed ${d.computed}`).join('; ')}`);
        }
      }
      compared += comparisons.length;
      matched += fileMatched;
      rows.push(`${file}: ${fileMatched}/${comparisons.length}`);
    });
  }

  it('reports the match rate and leaves no unexplained mismatch', () => {
    console.log(`MSPDI conformance: ${matched}/${compared} auto-scheduled tasks match (${((100 * matched) / Math.max(1, compared)).toFixed(2)}%)\n${rows.join('\n')}`);
    expect(unexpected.slice(0, 40)).toEqual([]);
    expect(stale, 'known mismatches that now match: remove them from KNOWN_MISMATCHES').toEqual([]);
  });
});
