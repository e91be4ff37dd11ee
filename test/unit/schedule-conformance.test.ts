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
 * Why the remaining mismatches remain: each names what MS Project used that the file's
 * stored dates depend on and Pharos does not reproduce.
 */
const CAUSES = {
  'mspdiduration.xml': 'elapsed-duration tasks end the project (2009-04-24 08:00); Project gives the working-time tasks of 1 minute to 1 week two days less slack than that finish allows, yet the 1-month task the full amount; not reproduced',
  'mspdiresource.xml': 'resource-driven: the finish comes from assignments on resource calendars (Project ends the work at the start of the next working period, 08:00), and the contoured assignment ends to the second (09:08:24); Pharos schedules whole minutes and uniform assignments',
  'mspditimephased.xml': 'resource-driven: assignments at 50 % and 150 % units on Night Shift and 24-hour resource calendars with timephased work; Project derives these durations and slack from the timephased assignment data',
  'mspditimephasedsegments.xml': 'split tasks: the segments exist only in timephased data and Start/Finish span the split; Pharos does not model splits, so the project finish and every slack differ',
  'sample': 'resource-driven: two assignments (50 % and 75 % units) on two resource calendars; Project finishes each on its own calendar (08:00 the next morning); the stored Duration (800 h) is stale against the assignments (400 h)',
} as const;

/** `file#uid` of each auto-scheduled task whose stored values are not reproduced, and why (docs/engines/schedule.md lists them too). */
export const KNOWN_MISMATCHES: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['mspdi/mspdiduration.xml#1', CAUSES['mspdiduration.xml']],
      ['mspdi/mspdiduration.xml#2', CAUSES['mspdiduration.xml']],
      ['mspdi/mspdiduration.xml#3', CAUSES['mspdiduration.xml']],
      ['mspdi/mspdiduration.xml#4', CAUSES['mspdiduration.xml']],
      ['mspdi/mspdiresource.xml#2', CAUSES['mspdiresource.xml']],
      ['mspdi/mspdiresource.xml#3', CAUSES['mspdiresource.xml']],
      ['mspdi/mspditimephased.xml#1', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#10', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#11', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#12', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#13', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#14', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#17', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#18', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#19', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#2', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#20', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#21', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#22', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#29', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#3', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#30', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#34', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#37', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#38', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#4', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#5', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#6', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephased.xml#9', CAUSES['mspditimephased.xml']],
      ['mspdi/mspditimephasedsegments.xml#10', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#11', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#12', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#13', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#14', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#15', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#16', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#17', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#18', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#19', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#2', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#3', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#4', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#5', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#6', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#7', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#8', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/mspditimephasedsegments.xml#9', CAUSES['mspditimephasedsegments.xml']],
      ['mspdi/sample.xml#1', CAUSES['sample']],
      ['mspdi/sample.xml#2', CAUSES['sample']],
      ['mspdi/sample1.xml#1', CAUSES['sample']],
      ['mspdi/sample1.xml#2', CAUSES['sample']],
    ] as const
  ).map(([key, cause]) => [key, cause]),
);

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
