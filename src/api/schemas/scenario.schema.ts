import { z } from 'zod';
import { INCLUSIONS } from '../../domain/portfolio/scenario/index.js';
import { Month } from './capacity.schema.js';
import { Description, Name, Uuid, Version, VersionedFields } from './common.schema.js';

/** Portfolio scenarios: what-ifs, their optimisation, comparison and publication. */

const Factor = z.number().min(0, 'must be 0 or more').max(10, 'must be at most 10');

export const ScenarioSettings = z.strictObject({
  /** The scoring model whose scores are the projects' value. */
  modelId: Uuid,
  startMonth: Month,
  months: z.number().int('must be a whole number').min(1, 'must be at least 1').max(60, 'must be at most 60'),
  /** Pounds (major units) for the whole horizon, or the same every month. */
  budget: z.strictObject({ kind: z.enum(['total', 'monthly']), amount: z.number().min(0, 'must be 0 or more').max(1e13, 'is too large') }),
  maxDelayMonths: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(24, 'must be at most 24').default(0),
  /** Per role id: capacity times this. */
  capacityFactors: z.record(Uuid, Factor).default({}),
  /** Per project id: must, never, a shift of its start, a cost factor. */
  projects: z
    .record(
      Uuid,
      z.strictObject({
        inclusion: z.enum(INCLUSIONS).optional(),
        shiftMonths: z.number().int('must be a whole number').min(-24, 'must be at least -24').max(24, 'must be at most 24').optional(),
        costFactor: Factor.optional(),
        /** Projects it needs (funded only with each of them). */
        requires: z.array(Uuid).max(50, 'must have at most 50 projects').optional(),
        /** Projects it cannot be funded with. */
        excludes: z.array(Uuid).max(50, 'must have at most 50 projects').optional(),
      }),
    )
    .default({}),
  /** Alternatives: at most `max` (default 1) of the members are funded. */
  groups: z
    .array(z.strictObject({ name: Name, members: z.array(Uuid).min(2, 'must have at least 2 projects').max(100, 'must have at most 100 projects'), max: z.number().int().min(1, 'must be at least 1').default(1) }))
    .max(50, 'must have at most 50 groups')
    .default([]),
});
export type ScenarioSettingsInput = z.infer<typeof ScenarioSettings>;

export const ScenarioCreate = z.strictObject({ name: Name, description: Description.default(''), settings: ScenarioSettings });
export type ScenarioCreate = z.infer<typeof ScenarioCreate>;
export const ScenarioPut = z.strictObject({ version: Version, name: Name, description: Description.default(''), settings: ScenarioSettings });
export type ScenarioPut = z.infer<typeof ScenarioPut>;
export const ScenarioVersion = z.strictObject({ version: Version });

const ProjectRef = { projectId: Uuid, code: z.string(), name: z.string() };

export const ScenarioResult = z.object({
  status: z.enum(['optimal', 'gap-reached', 'time-limit', 'infeasible']),
  /** Total score funded. */
  value: z.number(),
  /** Pounds, past the horizon included. */
  cost: z.number(),
  gap: z.number(),
  bound: z.number(),
  source: z.enum(['highs', 'greedy']),
  /** Months of the horizon, period by period. */
  periods: z.array(z.string()),
  selected: z.array(
    z.object({
      ...ProjectRef,
      start: z.string(),
      plannedStart: z.string(),
      delayMonths: z.number().int(),
      value: z.number(),
      cost: z.number(),
      mustDo: z.boolean(),
      running: z.boolean(),
      /** Months it runs for from its start, and its hours per role code month by month from its start (for the portfolio Gantt). */
      months: z.number().int(),
      demand: z.record(z.string(), z.array(z.number())),
    }),
  ),
  leftOut: z.array(
    z.object({
      ...ProjectRef,
      value: z.number(),
      reason: z.string(),
      /** What would fit it: extra budget or capacity per row, projects it needs or displaces. */
      needs: z.array(z.string()),
      /** Value lost by forcing it in (its shadow cost), or null when not re-solved / impossible. */
      valueLost: z.number().nullable(),
    }),
  ),
  skipped: z.array(z.object({ ...ProjectRef, reason: z.string() })),
  greedy: z.object({ value: z.number(), cost: z.number(), selected: z.array(Uuid), feasible: z.boolean() }),
  binding: z.array(z.object({ label: z.string(), use: z.number(), limit: z.number() })),
  infeasibility: z.array(z.object({ label: z.string(), limit: z.number(), need: z.number(), excess: z.number(), message: z.string() })),
  /** Budget use and limit per period (or the total), capacity use and limit per role id and period. */
  budget: z.object({ kind: z.enum(['total', 'monthly']), use: z.array(z.number()), limit: z.array(z.number()), totalUse: z.number(), totalLimit: z.number().nullable() }),
  capacity: z.array(z.object({ roleId: Uuid, code: z.string(), name: z.string(), use: z.array(z.number()), limit: z.array(z.number()) })),
  /** Open threats' exposure (Σ probability × impact) of the funded projects. */
  riskExposure: z.number(),
  notes: z.array(z.string()),
  solver: z.object({ name: z.string(), seconds: z.number(), nodes: z.number(), columns: z.number(), rows: z.number() }),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const Scenario = z.object({
  id: Uuid,
  organisationId: Uuid,
  portfolioId: Uuid,
  name: z.string(),
  description: z.string(),
  settings: ScenarioSettings,
  status: z.enum(['draft', 'published', 'superseded']),
  runAt: z.string().nullable(),
  runBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  decisionId: z.string().nullable(),
  result: ScenarioResult.nullable(),
  ...VersionedFields,
});
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioCompareQuery = z.strictObject({ a: Uuid, b: Uuid });
const Side = z.object({ id: Uuid, name: z.string(), value: z.number(), cost: z.number(), funded: z.number().int(), riskExposure: z.number(), peakCapacityUse: z.array(z.object({ roleId: Uuid, code: z.string(), peak: z.number() })) });
export const ScenarioComparison = z.object({
  a: Side,
  b: Side,
  /** Projects funded in one and not the other, or at a different start. */
  differences: z.array(z.object({ ...ProjectRef, inA: z.boolean(), inB: z.boolean(), startA: z.string().nullable(), startB: z.string().nullable() })),
});
export type ScenarioComparison = z.infer<typeof ScenarioComparison>;

export const FrontierQuery = z.strictObject({ points: z.coerce.number().int('must be a whole number').min(2, 'must be at least 2').max(30, 'must be at most 30').default(10) });
export const Frontier = z.object({
  min: z.number(),
  max: z.number(),
  points: z.array(z.object({ budget: z.number(), value: z.number(), cost: z.number(), status: z.string(), funded: z.number().int() })),
  /** The scenario's own run, to plot on the curve (null before a run). */
  current: z.object({ budget: z.number(), value: z.number(), cost: z.number() }).nullable(),
});
export type Frontier = z.infer<typeof Frontier>;
