/**
 * The change request workflow: draft → submitted → assessed → approved | rejected | deferred →
 * implemented. Each step is a named move from a set of statuses to one status; anything else
 * is refused with the reason, so a rejected request can never be approved by a stale screen.
 */

export const CHANGE_STATUSES = ['draft', 'submitted', 'assessed', 'approved', 'rejected', 'deferred', 'implemented'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const CHANGE_STEPS = ['submit', 'withdraw', 'assess', 'approve', 'reject', 'defer', 'reassess', 'implement'] as const;
export type ChangeStep = (typeof CHANGE_STEPS)[number];

/** Who may take a step: the raiser (or a manager), a manager, or an approver at the request's authority. */
export type StepRole = 'raiser' | 'manager' | 'approver';

type StepRule = { from: readonly ChangeStatus[]; to: ChangeStatus; by: StepRole; needsNote: boolean; label: string };

/** Every step: where it may start, where it leads, who takes it, whether it needs a note. */
export const STEP_RULES: Readonly<Record<ChangeStep, StepRule>> = {
  submit: { from: ['draft'], to: 'submitted', by: 'raiser', needsNote: false, label: 'Submitted' },
  withdraw: { from: ['submitted'], to: 'draft', by: 'raiser', needsNote: false, label: 'Withdrawn to draft' },
  assess: { from: ['submitted'], to: 'assessed', by: 'manager', needsNote: false, label: 'Assessed' },
  approve: { from: ['assessed'], to: 'approved', by: 'approver', needsNote: false, label: 'Approved' },
  reject: { from: ['assessed'], to: 'rejected', by: 'approver', needsNote: true, label: 'Rejected' },
  defer: { from: ['assessed'], to: 'deferred', by: 'approver', needsNote: true, label: 'Deferred' },
  reassess: { from: ['deferred'], to: 'assessed', by: 'manager', needsNote: false, label: 'Reassessed' },
  implement: { from: ['approved'], to: 'implemented', by: 'manager', needsNote: false, label: 'Implemented' },
};

/** The statuses in which the request's content may still be edited (before anyone assessed it). */
export const EDITABLE_STATUSES: readonly ChangeStatus[] = ['draft'];

/** The statuses from which no step leads anywhere. */
export const FINAL_STATUSES: readonly ChangeStatus[] = CHANGE_STATUSES.filter((s) => !CHANGE_STEPS.some((step) => STEP_RULES[step].from.includes(s)));

/** The steps open from a status, in workflow order. */
export function stepsFrom(status: ChangeStatus): ChangeStep[] {
  return CHANGE_STEPS.filter((s) => STEP_RULES[s].from.includes(status));
}

/**
 * Why `step` cannot be taken from `status`, or null when it can.
 *
 * @example stepProblem('rejected', 'approve') // 'is rejected; approve needs a request that is assessed'
 */
export function stepProblem(status: ChangeStatus, step: ChangeStep): string | null {
  const rule = STEP_RULES[step];
  if (rule.from.includes(status)) return null;
  const open = stepsFrom(status);
  const then = open.length ? ` (from ${status} it can be: ${open.join(', ')})` : ` and ${status} is final`;
  return `is ${status}; ${step} needs a request that is ${rule.from.join(' or ')}${then}`;
}
