import { describe, expect, it } from 'vitest';
import { PharosError } from '../../domain/errors.js';
import { solveRcpsp } from '../../domain/schedule/rcpsp/index.js';
import { SMALL_SM as SMALL } from '../../../test/support/psplib-small.js';
import { parseSm } from './parse-sm.js';

/** A 4-job project in PSPLIB layout (plus the dummy source 1 and sink 6), two resources. */


function parseError(text: string): PharosError {
  try {
    parseSm(text, 'x.sm');
  } catch (e) {
    if (e instanceof PharosError) return e;
    throw e;
  }
  throw new Error('expected a PharosError');
}

describe('parseSm', () => {
  it('reads jobs, arcs, durations, demands and capacities (job k of the file is index k − 1)', () => {
    const { input, jobs, horizon } = parseSm(SMALL);
    expect(jobs).toBe(6);
    expect(horizon).toBe(10);
    expect(Array.from(input.durations)).toEqual([0, 3, 2, 4, 1, 0]);
    expect(Array.from(input.capacities)).toEqual([3, 1]);
    expect(Array.from(input.demands)).toEqual([0, 0, 2, 0, 2, 1, 0, 1, 1, 1, 0, 0]);
    expect(Array.from(input.arcs.from)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(Array.from(input.arcs.to)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(input.labels).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('gives an input the solver takes (and CRLF line ends are fine)', () => {
    // Jobs 2 and 3 cannot overlap (R1: 2 + 2 > 3), and 3, 4 and 5 take turns on the one unit of
    // R2. Best: 3 [0,2), then 2 [2,5) beside 5 [2,3), then 4 [5,9) → 9. Starting with 2 instead
    // puts 3 after it and 4 (after 2) in turn with 3 and 5 on R2 → 10. Both bounds are only 7.
    const { input } = parseSm(SMALL.replace(/\n/g, '\r\n'));
    const result = solveRcpsp(input);
    expect(result.makespan).toBe(9);
  });

  it('names the line of a malformed row', () => {
    const e = parseError(SMALL.replace('   3        1          1           5', '   3        1          2           5'));
    expect(e.code).toBe('malformed-request');
    expect(e.message).toBe('x.sm line 21: job 3 announces 2 successors but lists 1');
    expect(parseError(SMALL.replace('   4        1          1           6', '   4        2          1           6')).message).toBe(
      'x.sm line 22: job 4 has 2 modes; only single-mode files (.sm) are supported',
    );
    expect(parseError(SMALL.replace('           4\n', '           9\n')).message).toBe('x.sm line 20: job 2 has successor 9, but jobs are numbered 1 to 6');
    expect(parseError(SMALL.replace('  5      1     1       1    1', '  5      1     1       1')).message).toBe(
      'x.sm line 33: job 5 has 4 columns, expected 5 (job, mode, duration, 2 resources)',
    );
    expect(parseError(SMALL.replace('    3    1\n', '    3    x\n')).message).toBe('x.sm line 38: expected the resource availabilities as whole numbers, found "3    x"');
    expect(parseError(SMALL.replace('  2      1     3', '  7      1     3')).message).toBe('x.sm line 30: expected the request row of job 2, found job 7');
  });

  it('names what is missing', () => {
    expect(parseError('hello').message).toBe('x.sm line 1: missing "jobs (incl. supersource/sink ):"');
    expect(parseError(SMALL.slice(0, SMALL.indexOf('REQUESTS'))).message).toMatch(/missing "REQUESTS\/DURATIONS:"$/);
    expect(parseError(SMALL.slice(0, SMALL.indexOf('  4      1     4'))).message).toMatch(/the file ends before the request row of job 4$/);
  });
});
