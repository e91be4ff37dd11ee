import type { FieldIssue } from '../errors.js';

export const RISK_KINDS = ['threat', 'opportunity'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** Responses to a threat and to an opportunity (PMBOK, PRINCE2); `accept` serves both. */
export const THREAT_RESPONSES = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export const OPPORTUNITY_RESPONSES = ['exploit', 'enhance', 'share', 'accept'] as const;
export const RESPONSE_STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept', 'exploit', 'enhance', 'share'] as const;
export type ResponseStrategy = (typeof RESPONSE_STRATEGIES)[number];

export const RISK_STATUSES = ['open', 'closed', 'occurred'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Why `strategy` cannot answer a risk of `kind`, or `null`. */
export function responseProblem(kind: RiskKind, strategy: ResponseStrategy | null): string | null {
  if (strategy === null) return null;
  const allowed: readonly string[] = kind === 'threat' ? THREAT_RESPONSES : OPPORTUNITY_RESPONSES;
  return allowed.includes(strategy) ? null : `${strategy} is a response to ${kind === 'threat' ? 'an opportunity' : 'a threat'}; a ${kind} takes ${allowed.join(', ')}`;
}

/** A three-point estimate: the least, the most likely and the most. */
export type ThreePoint = { readonly min: number; readonly mode: number; readonly max: number };

/** A risk's quantified effect for simulation: when it occurs, these days on these tasks and this cost. */
export type RiskQuantification = {
  /** Chance of occurring (0..1). */
  readonly probability: number;
  /** Working days added to named tasks of the plan. */
  readonly schedule: readonly (ThreePoint & { readonly taskId: string })[];
  /** Cost in minor units of the organisation's currency. */
  readonly cost: ThreePoint | null;
};

/** Problems with a three-point estimate: min ≤ mode ≤ max. */
export function threePointIssues(t: ThreePoint, field: string): FieldIssue[] {
  if (t.min <= t.mode && t.mode <= t.max) return [];
  return [{ field, reason: `must have min ≤ mode ≤ max (got ${t.min}, ${t.mode}, ${t.max})` }];
}

/** Problems with a quantification, fields under `prefix`; the task ids are checked by the caller against the plan. */
export function quantificationIssues(q: RiskQuantification, prefix: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(q.probability >= 0 && q.probability <= 1)) issues.push({ field: `${prefix}.probability`, reason: 'must be between 0 and 1' });
  q.schedule.forEach((s, i) => issues.push(...threePointIssues(s, `${prefix}.schedule.${i}`)));
  if (q.cost) issues.push(...threePointIssues(q.cost, `${prefix}.cost`));
  return issues;
}
