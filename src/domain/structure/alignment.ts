import type { PmoMode, Stage } from './vocabulary.js';

export type StageChange = {
  mode: PmoMode;
  from: Stage;
  to: Stage;
  /** Number of strategic objectives the project contributes to. */
  contributionCount: number;
};

/** A project is aligned when it contributes to at least one strategic objective. */
export function isAligned(contributionCount: number): boolean {
  return contributionCount > 0;
}

/**
 * Why a stage change is refused, or `null` when it may go ahead.
 *
 * Rule: in controlling and directive mode a project cannot leave the proposal stage until it
 * contributes to at least one strategic objective. In supportive mode the rule only warns
 * (see {@link stageChangeWarning}).
 *
 * @example stageChangeBlock({ mode: 'controlling', from: 'proposal', to: 'initiation', contributionCount: 0 })
 * // 'the project contributes to no strategic objective; in controlling mode it cannot leave the proposal stage until it is aligned'
 */
export function stageChangeBlock(change: StageChange): string | null {
  if (change.from !== 'proposal' || change.to === 'proposal') return null;
  if (isAligned(change.contributionCount)) return null;
  if (change.mode === 'supportive') return null;
  return `the project contributes to no strategic objective; in ${change.mode} mode it cannot leave the proposal stage until it is aligned`;
}

/** The supportive-mode warning for the same rule, or `null`. */
export function stageChangeWarning(change: StageChange): string | null {
  if (change.from !== 'proposal' || change.to === 'proposal') return null;
  if (isAligned(change.contributionCount) || change.mode !== 'supportive') return null;
  return 'the project contributes to no strategic objective (supportive mode: allowed, but it should be aligned)';
}
