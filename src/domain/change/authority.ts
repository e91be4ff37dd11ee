import type { FieldIssue } from '../errors.js';

/**
 * Who approves a change depends on how big it is. The PMO sets, per organisation, how much
 * cost (as a share of the project's budget) and delay (working days on the project finish) a
 * project board may approve, and how much a programme board may; anything larger goes to the
 * portfolio board. A project outside any programme skips the programme level.
 */

export const AUTHORITY_LEVELS = ['project', 'programme', 'portfolio'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/** The most a board may approve: both limits must hold (a null limit means no limit on that measure). */
export type AuthorityLimit = { maxCostPercent: number | null; maxScheduleDays: number | null };

export type ChangePolicy = {
  /** What the project board (its sponsor) may approve. */
  project: AuthorityLimit;
  /** What the programme board may approve; larger changes go to the portfolio board. */
  programme: AuthorityLimit;
  /** Whether the person who raised a change may also approve it (off: separation of duties). */
  selfApproval: boolean;
};

/** The default: the project board takes up to 2% of budget and 5 days, the programme board up to 10% and 20 days. */
export const DEFAULT_CHANGE_POLICY: ChangePolicy = {
  project: { maxCostPercent: 2, maxScheduleDays: 5 },
  programme: { maxCostPercent: 10, maxScheduleDays: 20 },
  selfApproval: false,
};

/** A change's size on the two measures thresholds look at. */
export type ChangeSize = { costImpact: number; scheduleImpactDays: number; budget: number | null };

/**
 * The cost impact as a percentage of the budget (by magnitude: a saving is a change too).
 * No cost impact is 0%; a cost impact on a project without a budget is unbounded.
 */
export function costPercent(costImpact: number, budget: number | null): number {
  if (costImpact === 0) return 0;
  if (budget === null || budget <= 0) return Number.POSITIVE_INFINITY;
  return (Math.abs(costImpact) / budget) * 100;
}

function within(limit: AuthorityLimit, size: ChangeSize): boolean {
  const cost = limit.maxCostPercent === null || costPercent(size.costImpact, size.budget) <= limit.maxCostPercent;
  const time = limit.maxScheduleDays === null || Math.abs(size.scheduleImpactDays) <= limit.maxScheduleDays;
  return cost && time;
}

/**
 * The lowest board that may approve a change of this size, with the reason it is not lower.
 *
 * @example authorityFor(DEFAULT_CHANGE_POLICY, { costImpact: 150_00, scheduleImpactDays: 0, budget: 1000_00 }, true)
 * // { level: 'portfolio', reason: 'cost is 15% of the budget, above the programme board's 10%' }
 */
export function authorityFor(policy: ChangePolicy, size: ChangeSize, inProgramme: boolean): { level: AuthorityLevel; reason: string } {
  if (within(policy.project, size)) return { level: 'project', reason: 'within the project board’s limits' };
  if (inProgramme && within(policy.programme, size)) return { level: 'programme', reason: beyond(policy.project, size, 'project board') };
  const last = inProgramme ? policy.programme : policy.project;
  const why = beyond(last, size, inProgramme ? 'programme board' : 'project board');
  return { level: 'portfolio', reason: inProgramme ? why : `${why}, and the project is in no programme` };
}

function beyond(limit: AuthorityLimit, size: ChangeSize, board: string): string {
  const parts: string[] = [];
  const pct = costPercent(size.costImpact, size.budget);
  if (limit.maxCostPercent !== null && pct > limit.maxCostPercent) {
    parts.push(Number.isFinite(pct) ? `cost is ${round(pct)}% of the budget, above the ${board}’s ${limit.maxCostPercent}%` : `cost changes a project without a budget, beyond the ${board}’s limit`);
  }
  if (limit.maxScheduleDays !== null && Math.abs(size.scheduleImpactDays) > limit.maxScheduleDays) {
    parts.push(`the finish moves ${round(Math.abs(size.scheduleImpactDays))} working days, above the ${board}’s ${limit.maxScheduleDays}`);
  }
  return parts.join('; ');
}

const round = (x: number) => Math.round(x * 10) / 10;

/** What is wrong with a policy, field by field (empty when it is sound). */
export function policyIssues(p: ChangePolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const level of ['project', 'programme'] as const) {
    const l = p[level];
    if (l.maxCostPercent !== null && !(l.maxCostPercent >= 0 && Number.isFinite(l.maxCostPercent))) issues.push({ field: `${level}.maxCostPercent`, reason: 'must be a percentage of 0 or more, or null for no limit' });
    if (l.maxScheduleDays !== null && !(l.maxScheduleDays >= 0 && Number.isFinite(l.maxScheduleDays))) issues.push({ field: `${level}.maxScheduleDays`, reason: 'must be a number of working days of 0 or more, or null for no limit' });
  }
  const looser = (a: number | null, b: number | null) => (a === null ? b !== null : b !== null && a > b);
  if (looser(p.project.maxCostPercent, p.programme.maxCostPercent)) issues.push({ field: 'project.maxCostPercent', reason: 'must not exceed the programme board’s limit (a project board cannot approve more than its programme board)' });
  if (looser(p.project.maxScheduleDays, p.programme.maxScheduleDays)) issues.push({ field: 'project.maxScheduleDays', reason: 'must not exceed the programme board’s limit (a project board cannot approve more than its programme board)' });
  return issues;
}
