import type { Month } from '../capacity/index.js';

/** Whether the optimiser decides (`auto`), must fund (`must`) or must leave out (`never`) a project. */
export const INCLUSIONS = ['auto', 'must', 'never'] as const;
export type Inclusion = (typeof INCLUSIONS)[number];

/** One project's what-if in a scenario. */
export type ProjectOverride = {
  inclusion?: Inclusion;
  /** Months its planned start moves (negative: earlier). */
  shiftMonths?: number;
  /** Its cost times this (1.2: 20% dearer). */
  costFactor?: number;
  /** Projects it needs: funded only if each of these is funded too. */
  requires?: string[];
  /** Projects it cannot be funded with. */
  excludes?: string[];
};

/** Alternatives: at most `max` (default 1) of the members are funded. */
export type ScenarioGroup = { name: string; members: string[]; max?: number };

/** What a scenario changes, and the horizon it optimises over. */
export type ScenarioSettings = {
  /** The scoring model whose scores are the projects' value. */
  modelId: string;
  startMonth: Month;
  /** Horizon length in months (1–60). */
  months: number;
  /** Money in major units (pounds): for the whole horizon, or the same amount every month. */
  budget: { kind: 'total' | 'monthly'; amount: number };
  /** How many months the optimiser may push back a project's start (0: only as planned). */
  maxDelayMonths: number;
  /** Per role id, its capacity times this (1.1: ten per cent more people). */
  capacityFactors: Record<string, number>;
  /** Per project id. */
  projects: Record<string, ProjectOverride>;
  /** Mutually exclusive groups of projects. */
  groups?: ScenarioGroup[];
};
