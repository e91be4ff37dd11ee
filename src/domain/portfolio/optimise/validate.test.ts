import { describe, expect, it } from 'vitest';
import { PharosError } from '../../errors.js';
import { compileModel } from './compile.js';
import type { Candidate, PortfolioModel } from './types.js';

const candidate = (id: string, more: Partial<Candidate> = {}): Candidate => ({ id, value: 10, cost: [5], ...more });
const model = (candidates: readonly unknown[], more: Record<string, unknown> = {}): unknown => ({ periods: 4, budgetTotal: 100, capacity: { dev: [10, 10, 10, 10] }, candidates, ...more });

/** The error compiling `input` throws. */
function refusal(input: unknown): PharosError {
  try {
    compileModel(input);
  } catch (e) {
    if (e instanceof PharosError) return e;
    throw e;
  }
  throw new Error('the model was accepted');
}

describe('selection model validation', () => {
  it('names the field and the reason for a bad amount', () => {
    const e = refusal(model([candidate('A'), candidate('B'), candidate('C'), candidate('D', { cost: [1, 2, -3] })]));
    expect(e.code).toBe('validation-failed');
    expect(e.message).toBe('candidates[3].cost[2]: must be a finite number ≥ 0');
    expect(e.details.issues).toEqual([{ field: 'candidates[3].cost[2]', reason: 'must be a finite number ≥ 0' }]);
  });

  it('lists every bad field at once', () => {
    const e = refusal(model([{ id: 'A', cost: ['x'] }, candidate('A')], { budget: [1, 2] }));
    expect(e.details.issues!.map((i) => i.field)).toEqual(['budget', 'candidates[0].value', 'candidates[0].cost[0]', 'candidates[1].id']);
    expect(e.message).toContain('budget: must have one amount per period (4), not 2');
    expect(e.message).toContain('candidates[1].id: "A" is used by candidates[0] too');
  });

  it('refuses unknown ids in requires, excludes and groups, and a candidate naming itself', () => {
    const e = refusal(model([candidate('A', { requires: ['Z'] }), candidate('B', { excludes: ['B'] })], { groups: [{ id: 'G', members: ['A', 'Q'] }] }));
    expect(e.details.issues).toEqual([
      { field: 'candidates[0].requires[0]', reason: 'no candidate has id "Z"' },
      { field: 'candidates[1].excludes[0]', reason: 'a candidate cannot name itself ("B")' },
      { field: 'groups[0].members[1]', reason: 'no candidate has id "Q"' },
    ]);
  });

  it('refuses a latest start before the earliest, and starts outside the horizon', () => {
    expect(refusal(model([candidate('A', { earliestStart: 3, latestStart: 1 })])).message).toBe('candidates[0].latestStart: must not be before earliestStart (1 < 3)');
    expect(refusal(model([candidate('A', { earliestStart: 4 })])).message).toBe('candidates[0].earliestStart: must be a whole period from 0 to 3 (got 4)');
  });

  it('refuses demand on a role that has no capacity, and fields the model does not know', () => {
    const e = refusal(model([candidate('A', { demand: { qa: [1] } }), { ...candidate('B'), mustdo: true }]));
    expect(e.details.issues).toEqual([
      { field: 'candidates[0].demand.qa', reason: 'no capacity is given for role "qa" (roles: dev)' },
      { field: 'candidates[1].mustdo', reason: expect.stringMatching(/^is not a field of the model \(known: id, name, value, cost, demand, earliestStart, latestStart, mustDo, mustNot, requires, excludes\)$/) },
    ]);
  });

  it('names the candidates of a dependency cycle', () => {
    const e = refusal(model([candidate('A', { requires: ['C'] }), candidate('B', { requires: ['A'] }), candidate('C', { requires: ['B'] }), candidate('D')]));
    expect(e.code).toBe('cycle');
    expect(e.message).toBe('candidates: the requirements form a cycle: A → C → B → A');
  });

  it('refuses a candidate that is both must-do and must-not', () => {
    expect(refusal(model([candidate('A', { mustDo: true, mustNot: true })])).message).toBe('candidates[0].mustNot: cannot be true with mustDo');
  });

  it('refuses a must-do that requires (through another) a must-not, naming the chain', () => {
    const e = refusal(model([candidate('A', { mustDo: true, requires: ['B'] }), candidate('B', { requires: ['C'] }), candidate('C', { mustNot: true })]));
    expect(e.message).toBe('candidates[2].mustNot: "C" is must-not but must-do "A → B → C" requires it');
  });

  it('refuses must-dos that exclude each other, and a group with more must-dos than it allows', () => {
    expect(refusal(model([candidate('A', { mustDo: true, excludes: ['B'] }), candidate('X', { mustDo: true, requires: ['B'] }), candidate('B')])).message).toBe(
      'candidates[0].excludes: "A" and "B" exclude each other but both must be funded (A; X → B)',
    );
    expect(refusal(model([candidate('A', { mustDo: true }), candidate('B', { mustDo: true }), candidate('C')], { groups: [{ id: 'G', members: ['A', 'B', 'C'] }] })).message).toBe(
      'groups[0].members: 2 must-do members (A, B) but at most 1 may be funded',
    );
  });

  it('refuses what is not a model at all', () => {
    expect(refusal(null).message).toBe('model: must be an object with periods and candidates');
    expect(refusal({ periods: 0, candidates: [] }).message).toBe('periods: must be a whole number from 1 to 1200 (got 0)');
    expect(refusal({ periods: 2 }).message).toBe('candidates: is missing');
  });

  it('works out what must-do and must-not imply', () => {
    const m: PortfolioModel = {
      periods: 2,
      candidates: [candidate('A', { mustDo: true, requires: ['B'], excludes: ['C'] }), candidate('B'), candidate('C'), candidate('D', { requires: ['C'] }), candidate('E', { mustNot: true }), candidate('F', { requires: ['E'] }), candidate('G')],
      groups: [{ id: 'G1', members: ['B', 'G'] }],
    };
    const cp = compileModel(m);
    expect([...cp.fixedIn]).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect(cp.inReason[1]).toBe('required by A');
    expect([...cp.fixedOut]).toEqual([0, 0, 1, 1, 1, 1, 1]);
    expect(cp.outReason).toEqual([undefined, undefined, 'excluded by must-do A', 'requires C, which cannot be funded (excluded by must-do A)', 'must-not', 'requires E, which cannot be funded (must-not)', 'group G1 is filled by must-do B']);
  });
});
