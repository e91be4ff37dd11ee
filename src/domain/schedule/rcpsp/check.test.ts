import { describe, expect, it } from 'vitest';
import { checkSchedule } from './check.js';
import type { RcpspInput } from './types.js';

const input: RcpspInput = {
  durations: [2, 3, 1],
  capacities: [2, 1],
  demands: [1, 1, 1, 1, 1, 0],
  arcs: { from: [0], to: [2], lag: [1] },
  releases: [0, 1, 0],
  fixedStarts: [-1, -1, 3],
};

describe('checkSchedule', () => {
  it('accepts a feasible schedule and gives its makespan', () => {
    // Jobs 0 [0,2) and 1 [2,5) both need resource 2 (capacity 1), so they follow each other;
    // job 2 starts at 3 ≥ finish of job 0 + lag 1, beside job 1 on resource 1 (1 + 1 ≤ 2).
    expect(checkSchedule(input, [0, 2, 3])).toEqual({ ok: true, makespan: 5, errors: [] });
  });

  it('names each broken rule', () => {
    const { ok, errors } = checkSchedule(input, [1, 0, 3]);
    expect(ok).toBe(false);
    expect(errors).toEqual([
      'arc 0 (job 0 → job 2): job 2 starts at 3, before 4',
      'job 1 starts at 0, before its release 1',
      'resource 2 in period 1: 2 units used, capacity 1',
      'resource 2 in period 2: 2 units used, capacity 1',
    ]);
    expect(checkSchedule(input, [0, 2, 4]).errors).toEqual(['job 2 is fixed at 3 but starts at 4']);
  });

  it('rejects starts that are not whole numbers ≥ 0, or of the wrong count', () => {
    expect(checkSchedule(input, [0, -1, 3]).errors).toEqual(['job 1: start -1 is not a whole number ≥ 0']);
    expect(checkSchedule(input, [0, 2]).errors).toEqual(['2 starts for 3 jobs']);
  });
});
