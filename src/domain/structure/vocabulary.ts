/** The words of the P3 model: PMO modes, lifecycle stages, project states. */

export const PMO_MODES = ['supportive', 'controlling', 'directive'] as const;
export type PmoMode = (typeof PMO_MODES)[number];

/** The default lifecycle, in order. Governance templates refine it later. */
export const STAGES = ['proposal', 'initiation', 'planning', 'delivery', 'closure'] as const;
export type Stage = (typeof STAGES)[number];

export const STATES = ['active', 'on-hold', 'completed', 'cancelled'] as const;
export type ProjectState = (typeof STATES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  proposal: 'Proposal',
  initiation: 'Initiation',
  planning: 'Planning',
  delivery: 'Delivery',
  closure: 'Closure',
};

export const STATE_LABELS: Record<ProjectState, string> = {
  active: 'Active',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const PMO_MODE_LABELS: Record<PmoMode, string> = {
  supportive: 'Supportive',
  controlling: 'Controlling',
  directive: 'Directive',
};

/** A portfolio may override its organisation's PMO mode; `null` inherits it. */
export function effectivePmoMode(organisationMode: PmoMode, portfolioOverride: PmoMode | null): PmoMode {
  return portfolioOverride ?? organisationMode;
}
