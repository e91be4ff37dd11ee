/**
 * Assumptions, dependencies and decisions: the rest of RAID. Each has a status; the open
 * ones escalate like risks when their date nears (the matrix's proximity window) or by hand.
 */

export const ASSUMPTION_STATUSES = ['unvalidated', 'valid', 'invalid'] as const;
export type AssumptionStatus = (typeof ASSUMPTION_STATUSES)[number];

export const DEPENDENCY_DIRECTIONS = ['inbound', 'outbound'] as const;
export type DependencyDirection = (typeof DEPENDENCY_DIRECTIONS)[number];
export const DEPENDENCY_STATUSES = ['proposed', 'agreed', 'at-risk', 'late', 'met', 'cancelled'] as const;
export type DependencyStatus = (typeof DEPENDENCY_STATUSES)[number];

export const DECISION_STATUSES = ['open', 'decided', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const LOG_KINDS = ['assumption', 'dependency', 'decision'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** The statuses in which an item still needs attention (and may escalate). */
export const OPEN_STATUSES: Readonly<Record<LogKind, readonly string[]>> = {
  assumption: ['unvalidated'],
  dependency: ['proposed', 'agreed', 'at-risk', 'late'],
  decision: ['open'],
};

/** The letter items of each kind are numbered with: A-1, D-1, DEC-1. */
export const LOG_PREFIX: Readonly<Record<LogKind, string>> = { assumption: 'A', dependency: 'DEP', decision: 'DEC' };

/** Why an item of a log escalates, or null; a dependency already at risk or late escalates at once. */
export function logEscalationReason(kind: LogKind, item: { status: string; due: string | null; escalatedByHand: boolean }, today: string, proximityDays: number | null): string | null {
  if (!OPEN_STATUSES[kind].includes(item.status)) return null;
  if (item.escalatedByHand) return 'escalated by hand';
  if (kind === 'dependency' && (item.status === 'at-risk' || item.status === 'late')) return `the dependency is ${item.status}`;
  if (item.due !== null && proximityDays !== null) {
    const days = Math.round((Date.parse(`${item.due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    if (days <= proximityDays) return days < 0 ? `${item.due} has passed` : `${item.due} is within ${proximityDays} days`;
  }
  return null;
}
