import { describe, expect, it } from 'vitest';
import { PharosError } from '../../errors.js';
import { checkSchedule } from './check.js';
import { scheduleByRule, solveRcpsp } from './solve.js';
import { NOT_FIXED, type RcpspInput } from './types.js';

const noArcs = { from: [], to: [] };

function solved(input: RcpspInput, maxSchedules = 2000) {
  const result = solveRcpsp(input, { maxSchedules });
  const check = checkSchedule(input, result.starts);
  expect(check.errors).toEqual([]);
  expect(check.makespan).toBe(result.makespan);
  return { ...result, starts: Array.from(result.starts) };
}

function thrown(fn: () => unknown): PharosError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PharosError) return e;
    throw e;
  }
  throw new Error('expected a PharosError');
}

describe('solveRcpsp on instances worked out by hand', () => {
  it('puts two jobs that each need 2 of 3 units one after the other', () => {
    // Together they need 4 > 3 units, so they cannot overlap: 3 + 3 = 6. LB = max(3, ceil(12/3)) = 4.
    const r = solved({ durations: [3, 3], capacities: [3], demands: [2, 2], arcs: noArcs });
    expect(r.makespan).toBe(6);
    expect(r.starts).toEqual([0, 3]);
    expect(r.lowerBound).toBe(4);
  });

  it('finds the optimum where the latest-finish-time rule does not', () => {
    // Capacity 2, no arcs; durations 3,4,4,1,1 and demands 1,2,1,2,2. Every job has the same
    // LFT, so the rule takes them by index: J0 [0,3), J1 (needs 2) [3,7), J2 [7,11), J3, J4 → 13.
    // Better: J0 and J2 side by side from 0, then J1 [4,8), J3 [8,9), J4 [9,10) → 10 (or J1 first,
    // then J0 and J2), which is the work bound ceil((3 + 8 + 4 + 2 + 2) / 2) = 10, so optimal.
    const input: RcpspInput = { durations: [3, 4, 4, 1, 1], capacities: [2], demands: [1, 2, 1, 2, 2], arcs: noArcs };
    expect(scheduleByRule(input).makespan).toBe(13);
    const r = solved(input);
    expect(r.makespan).toBe(10);
    expect(r.lowerBound).toBe(10);
    // The bound was met, so the search stopped long before its budget.
    expect(r.schedules).toBeLessThan(100);
  });

  it('honours positive and negative lags', () => {
    // A (2) → B with lag 3: B at 5. C (4) → D with lag −2 (a lead): D at 2, during C.
    const r = solved({
      durations: [2, 1, 4, 1],
      capacities: [5],
      demands: [1, 1, 1, 1],
      arcs: { from: [0, 2], to: [1, 3], lag: [3, -2] },
    });
    expect(r.starts).toEqual([0, 5, 0, 2]);
    expect(r.makespan).toBe(6);
  });

  it('keeps a lead from starting before period 0', () => {
    // A (1) → B with lag −5: B could start at −4, but starts are never before 0.
    const r = solved({ durations: [1, 2], capacities: [1], demands: [0, 0], arcs: { from: [0], to: [1], lag: [-5] } });
    expect(r.starts).toEqual([0, 0]);
  });

  it('starts no job before its release', () => {
    // B is released at 4; A (needs the whole resource) fits before it.
    const r = solved({ durations: [3, 2], capacities: [1], demands: [1, 1], arcs: noArcs, releases: [0, 4] });
    expect(r.starts).toEqual([0, 4]);
    expect(r.makespan).toBe(6);
  });

  it('keeps fixed jobs where they are and schedules the others around them', () => {
    // F is fixed at 2 for 3 periods and uses the one unit; A (2) fits before it, B (2) after.
    const r = solved({
      durations: [3, 2, 2],
      capacities: [1],
      demands: [1, 1, 1],
      arcs: noArcs,
      fixedStarts: [2, NOT_FIXED, NOT_FIXED],
    });
    expect(r.starts).toEqual([2, 0, 5]);
    expect(r.violations).toEqual([]);
  });

  it('reports an arc into a fixed job that no schedule can keep', () => {
    // B (job 0) is fixed at [0, 3) and uses the one unit; A (job 1, one period, needs the unit)
    // must precede F (job 2, fixed at 2). Without resources A could finish at 1, so the input is
    // valid, but A cannot run before 3: it finishes at 4 and breaks A → F by 2 periods.
    const input: RcpspInput = {
      durations: [3, 1, 1],
      capacities: [1],
      demands: [1, 1, 0],
      arcs: { from: [1], to: [2] },
      fixedStarts: [0, NOT_FIXED, 2],
    };
    const r = solveRcpsp(input, { maxSchedules: 200 });
    expect(Array.from(r.starts)).toEqual([0, 3, 2]);
    expect(r.violations).toEqual([{ arc: 0, from: 1, to: 2, latePeriods: 2 }]);
  });

  it('lets milestones (duration 0) sit anywhere and use nothing', () => {
    const r = solved({ durations: [0, 2, 0], capacities: [1], demands: [5, 1, 5], arcs: { from: [0, 1], to: [1, 2] } });
    expect(r.starts).toEqual([0, 0, 2]);
    expect(r.makespan).toBe(2);
  });

  it('serves high-priority jobs first among equal makespans', () => {
    // Two identical jobs that cannot overlap: either order gives 4; priority picks the order.
    const input: RcpspInput = { durations: [2, 2], capacities: [1], demands: [1, 1], arcs: noArcs };
    expect(solved({ ...input, priorities: [1, 5] }).starts).toEqual([2, 0]);
    expect(solved({ ...input, priorities: [5, 1] }).starts).toEqual([0, 2]);
  });

  it('gives the same result for the same seed', () => {
    const input: RcpspInput = { durations: [3, 4, 4, 1, 1, 2, 5], capacities: [3], demands: [1, 2, 1, 2, 2, 3, 1], arcs: { from: [0, 2], to: [5, 6] } };
    const a = solveRcpsp(input, { seed: 9, maxSchedules: 300 });
    const b = solveRcpsp(input, { seed: 9, maxSchedules: 300 });
    expect(Array.from(a.starts)).toEqual(Array.from(b.starts));
    expect(a.schedules).toBe(b.schedules);
  });

  it('never generates more schedules than the budget and reports progress', () => {
    const input: RcpspInput = { durations: [3, 4, 4, 1, 1, 2, 5], capacities: [3], demands: [1, 2, 1, 2, 2, 3, 1], arcs: noArcs };
    const seen: number[] = [];
    for (const maxSchedules of [1, 2, 7, 2500]) {
      const r = solveRcpsp(input, { maxSchedules, targetMakespan: 1, onProgress: (p) => seen.push(p.schedules) });
      expect(r.schedules).toBeLessThanOrEqual(maxSchedules);
    }
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('solveRcpsp input checks', () => {
  const base: RcpspInput = { durations: [2, 3], capacities: [4], demands: [1, 2], arcs: { from: [0], to: [1] }, labels: ['A', 'B'] };

  it('names a job that needs more than a capacity', () => {
    const e = thrown(() => solveRcpsp({ ...base, demands: [1, 5] }));
    expect(e.code).toBe('validation-failed');
    expect(e.message).toBe('demands.1: job B needs 5 units of resource 1, whose capacity is 4');
  });

  it('names the jobs of a cycle', () => {
    const e = thrown(() => solveRcpsp({ ...base, arcs: { from: [0, 1], to: [1, 0] } }));
    expect(e.code).toBe('cycle');
    expect(e.message).toMatch(/job A → job B → job A|job B → job A → job B/);
  });

  it('rejects a job linked to itself, arrays of the wrong length and non-integers', () => {
    expect(thrown(() => solveRcpsp({ ...base, arcs: { from: [1], to: [1] } })).code).toBe('cycle');
    expect(thrown(() => solveRcpsp({ ...base, demands: [1] })).message).toBe('demands: has 1 entries, expected 2');
    expect(thrown(() => solveRcpsp({ ...base, durations: [2, 1.5] })).message).toMatch(/^durations\.1: 1.5 is not a whole number/);
    expect(thrown(() => solveRcpsp({ ...base, arcs: { from: [0], to: [7] } })).message).toMatch(/^arcs\.0: joins job 0 to job 7/);
    expect(thrown(() => solveRcpsp({ ...base, releases: [-1, 0] })).message).toMatch(/^releases\.0/);
  });

  it('rejects fixed jobs that overlap beyond a capacity or start before their predecessors allow', () => {
    const overlap = thrown(() => solveRcpsp({ ...base, arcs: noArcs, demands: [3, 3], fixedStarts: [0, 1] }));
    expect(overlap.message).toBe('fixedStarts.1: job A and job B are fixed and together need more than the 4 units of resource 1 in period 1');
    const early = thrown(() => solveRcpsp({ ...base, fixedStarts: [NOT_FIXED, 1] }));
    expect(early.message).toBe('fixedStarts.1: job B is fixed at 1 but its release or predecessors allow no start before 2');
  });

  it('refuses a schedule too long for a resource profile, asking for a coarser period', () => {
    const e = thrown(() => solveRcpsp({ durations: [3_000_000], capacities: [1], demands: [1], arcs: noArcs }));
    expect(e.message).toBe('durations: the schedule could span 6000001 periods × 1 resource, too long to level; use a coarser period');
  });

  it('handles an empty project', () => {
    const r = solveRcpsp({ durations: [], capacities: [], demands: [], arcs: noArcs });
    expect(r.makespan).toBe(0);
    expect(r.starts.length).toBe(0);
  });
});
