import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_LEVELS, authorityFor, costPercent, DEFAULT_CHANGE_POLICY as P, policyIssues, type ChangePolicy } from './authority.js';
import { CHANGE_STATUSES, CHANGE_STEPS, FINAL_STATUSES, STEP_RULES, stepProblem, stepsFrom, type ChangeStatus } from './workflow.js';

describe('the change workflow', () => {
  it('runs draft → submitted → assessed → approved → implemented', () => {
    let s: ChangeStatus = 'draft';
    for (const step of ['submit', 'assess', 'approve', 'implement'] as const) {
      expect(stepProblem(s, step)).toBeNull();
      s = STEP_RULES[step].to;
    }
    expect(s).toBe('implemented');
  });

  it('only rejected and implemented are final', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['implemented', 'rejected']);
  });

  it('refuses to approve a rejected request, saying what it is and what it can be', () => {
    expect(stepProblem('rejected', 'approve')).toBe('is rejected; approve needs a request that is assessed and rejected is final');
    expect(stepProblem('draft', 'approve')).toBe('is draft; approve needs a request that is assessed (from draft it can be: submit)');
  });

  it('a deferred request goes back to assessment before anyone decides again', () => {
    expect(stepsFrom('deferred')).toEqual(['reassess']);
    expect(STEP_RULES.reassess.to).toBe('assessed');
  });

  it('every status is reachable from draft, and every non-final status has a way forward', () => {
    const seen = new Set<ChangeStatus>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const step of CHANGE_STEPS) {
        const r = STEP_RULES[step];
        if (r.from.some((f) => seen.has(f)) && !seen.has(r.to)) {
          seen.add(r.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...CHANGE_STATUSES].sort());
    for (const s of CHANGE_STATUSES) expect(stepsFrom(s).length === 0).toBe(FINAL_STATUSES.includes(s));
  });

  it('a decision that turns a request down or parks it needs a note; approving does not', () => {
    expect(CHANGE_STEPS.filter((s) => STEP_RULES[s].needsNote)).toEqual(['reject', 'defer']);
  });
});

describe('the approval authority', () => {
  const size = (costImpact: number, scheduleImpactDays: number, budget: number | null = 1_000_000) => ({ costImpact, scheduleImpactDays, budget });

  it('a small change stays with the project board', () => {
    expect(authorityFor(P, size(20_000, 5), true)).toEqual({ level: 'project', reason: 'within the project board’s limits' });
  });

  it('above 10% of the budget it goes to the portfolio board, saying why', () => {
    expect(authorityFor(P, size(150_000, 0), true)).toEqual({ level: 'portfolio', reason: 'cost is 15% of the budget, above the programme board’s 10%' });
  });

  it('between the limits it goes to the programme board, or past it when the project is in no programme', () => {
    expect(authorityFor(P, size(50_000, 0), true).level).toBe('programme');
    expect(authorityFor(P, size(0, 12), true)).toEqual({ level: 'programme', reason: 'the finish moves 12 working days, above the project board’s 5' });
    expect(authorityFor(P, size(50_000, 0), false)).toEqual({ level: 'portfolio', reason: 'cost is 5% of the budget, above the project board’s 2%, and the project is in no programme' });
  });

  it('a saving or a pulled-in finish counts by its size', () => {
    expect(authorityFor(P, size(-150_000, 0), true).level).toBe('portfolio');
    expect(authorityFor(P, size(0, -30), true).level).toBe('portfolio');
  });

  it('a cost change on a project without a budget cannot be sized, so it goes to the top', () => {
    expect(costPercent(1, null)).toBe(Number.POSITIVE_INFINITY);
    expect(costPercent(0, null)).toBe(0);
    expect(authorityFor(P, size(1, 0, null), true).level).toBe('portfolio');
    expect(authorityFor(P, size(0, 1, null), true).level).toBe('project');
  });

  it('a bigger change never needs a lower board', () => {
    const rank = (l: string) => AUTHORITY_LEVELS.indexOf(l as never);
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.option(fc.integer({ min: 1, max: 1e10 }), { nil: null }),
        fc.boolean(),
        (cost, more, days, moreDays, budget, inProgramme) => {
          const small = authorityFor(P, size(cost, days, budget), inProgramme);
          const big = authorityFor(P, size(Math.sign(cost || 1) * (Math.abs(cost) + more), Math.sign(days || 1) * (Math.abs(days) + moreDays), budget), inProgramme);
          return rank(big.level) >= rank(small.level) && (inProgramme || big.level !== 'programme');
        },
      ),
    );
  });

  it('the default policy is sound, and a project board looser than its programme board is refused', () => {
    expect(policyIssues(P)).toEqual([]);
    const loose: ChangePolicy = { ...P, project: { maxCostPercent: 20, maxScheduleDays: null } };
    expect(policyIssues(loose)).toEqual([
      { field: 'project.maxCostPercent', reason: 'must not exceed the programme board’s limit (a project board cannot approve more than its programme board)' },
      { field: 'project.maxScheduleDays', reason: 'must not exceed the programme board’s limit (a project board cannot approve more than its programme board)' },
    ]);
    expect(policyIssues({ ...P, programme: { maxCostPercent: -1, maxScheduleDays: 20 } })[0]!.field).toBe('programme.maxCostPercent');
  });
});
