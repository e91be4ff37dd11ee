import { z } from 'zod';
import { CRITERION_SOURCES, DIRECTIONS, MAX_CRITERIA, WEIGHTING_METHODS } from '../../domain/portfolio/scoring/index.js';
import { Description, Name, ShortText, Uuid, VersionedFields } from './common.schema.js';
import { ProjectState, Stage } from './project.schema.js';

/** Scoring models of a portfolio, projects' values on them, and the ranking they give. */

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const CriterionInput = z.strictObject({
  /** Stable key inside the model, e.g. `npv`; scores are stored under it. */
  id: z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  name: Name,
  description: Description.default(''),
  /** What the scale counts, e.g. `£m`, `points`, `%`. */
  unit: z.string().max(20, 'must be at most 20 characters').default(''),
  min: Finite,
  max: Finite,
  direction: z.enum(DIRECTIONS).default('higher-is-better'),
  /** The direct weight (any number ≥ 0; the model's weights are scaled to sum to 1). */
  weight: Finite.default(1),
  /** `alignment`: computed from the project's contributions to strategic objectives (0–100). */
  source: z.enum(CRITERION_SOURCES).default('entered'),
});

export const PairwiseInput = z.strictObject({
  a: z.string(),
  b: z.string(),
  /** How many times as important `a` is as `b`, on Saaty's scale 1/9 … 9. */
  value: Finite,
});

const ModelFields = {
  name: Name,
  description: Description.default(''),
  weighting: z.enum(WEIGHTING_METHODS).default('direct'),
  criteria: z.array(CriterionInput).max(MAX_CRITERIA, `must have at most ${MAX_CRITERIA} criteria`),
  pairwise: z.array(PairwiseInput).max(200, 'must have at most 200 comparisons').default([]),
};

export const ScoringModelCreate = z.strictObject(ModelFields);
export type ScoringModelCreate = z.infer<typeof ScoringModelCreate>;

export const ScoringModelPut = z.strictObject({ version: z.number().int().min(1, 'must be 1 or more'), ...ModelFields });
export type ScoringModelPut = z.infer<typeof ScoringModelPut>;

export const Criterion = CriterionInput.extend({ description: z.string(), unit: z.string(), direction: z.enum(DIRECTIONS), weight: z.number(), source: z.enum(CRITERION_SOURCES) });

export const ScoringModel = z.object({
  id: Uuid,
  organisationId: Uuid,
  portfolioId: Uuid,
  name: z.string(),
  description: z.string(),
  weighting: z.enum(WEIGHTING_METHODS),
  criteria: z.array(Criterion),
  pairwise: z.array(PairwiseInput),
  /** The weights scores are computed with, per criterion in order, summing to 1. */
  effectiveWeights: z.array(z.number()),
  /** Pairwise weighting only: λmax, the consistency ratio (warned above 0.1) and pairs not compared. */
  consistency: z
    .object({ lambdaMax: z.number(), consistencyRatio: z.number(), missing: z.array(z.object({ a: z.string(), b: z.string() })) })
    .nullable(),
  warnings: z.array(z.string()),
  ...VersionedFields,
});
export type ScoringModel = z.infer<typeof ScoringModel>;

export const ScoreSheetPut = z.strictObject({
  /** 0 when the project has no values on this model yet; otherwise the sheet's version. */
  version: z.number().int().min(0, 'must be 0 or more'),
  /** Values by criterion id; `null` clears one. Criteria left out keep their value. */
  values: z.record(z.string(), Finite.nullable()),
  note: ShortText.optional(),
});
export type ScoreSheetPut = z.infer<typeof ScoreSheetPut>;

export const ScoreSheet = z.object({
  modelId: Uuid,
  projectId: Uuid,
  values: z.record(z.string(), z.number()),
  note: z.string(),
  /** 0 when nothing was entered yet. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ScoreSheet = z.infer<typeof ScoreSheet>;

const CriterionPart = z.object({
  criterionId: z.string(),
  value: z.number().nullable(),
  normalised: z.number(),
  weight: z.number(),
  points: z.number(),
});

export const RankingRow = z.object({
  projectId: Uuid,
  code: z.string(),
  name: z.string(),
  programmeId: Uuid.nullable(),
  stage: Stage,
  state: ProjectState,
  /** Headline budget in minor units, or null. */
  budget: z.number().nullable(),
  /** Sum of probability × impact of the project's open threats (the bubble chart's risk axis). */
  riskExposure: z.number(),
  openRisks: z.number().int(),
  score: z.number(),
  rank: z.number().int(),
  completeness: z.number(),
  parts: z.array(CriterionPart),
  sheet: ScoreSheet,
  /** Why this project is above the next one down: the score gap by criterion, largest first. */
  gapToNext: z.object({ below: Uuid, points: z.number(), parts: z.array(z.object({ criterionId: z.string(), points: z.number() })) }).nullable(),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const Ranking = z.object({ model: ScoringModel, rows: z.array(RankingRow) });
export type Ranking = z.infer<typeof Ranking>;

export const RankingQuery = z.strictObject({
  /** `open` (default): active and on-hold projects; `all` adds completed and cancelled ones. */
  include: z.enum(['open', 'all']).default('open'),
});
export const ModelScoreParams = z.strictObject({ id: Uuid, projectId: Uuid });
