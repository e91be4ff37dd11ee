import { z } from 'zod';
import { Code, Description, Name, ShortText, Uuid, Version, VersionedFields, Weight } from './common.schema.js';

export const Objective = z.object({
  id: Uuid,
  organisationId: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  /** Relative weight among its siblings, 0–100. */
  weight: z.number(),
  /** How progress is measured, e.g. "Customer satisfaction (CSAT, %)". */
  measure: z.string(),
  /** The value to reach, e.g. "85% by March 2028". */
  target: z.string(),
  ...VersionedFields,
});
export type Objective = z.infer<typeof Objective>;

export const ObjectiveCreate = z.strictObject({
  organisationId: Uuid,
  parentId: Uuid.nullable().default(null),
  code: Code,
  name: Name,
  description: Description.default(''),
  weight: Weight.default(1),
  measure: ShortText.default(''),
  target: ShortText.default(''),
});
export type ObjectiveCreate = z.infer<typeof ObjectiveCreate>;

export const ObjectivePatch = z.strictObject({
  version: Version,
  parentId: Uuid.nullable().optional(),
  code: Code.optional(),
  name: Name.optional(),
  description: Description.optional(),
  weight: Weight.optional(),
  measure: ShortText.optional(),
  target: ShortText.optional(),
});
export type ObjectivePatch = z.infer<typeof ObjectivePatch>;

export const ObjectiveListQuery = z.strictObject({ organisationId: Uuid });

/** The objective tree with the projects that serve each objective. */
export const StrategyNode = Objective.extend({
  depth: z.number().int(),
  contributors: z.array(
    z.object({ contributionId: Uuid, projectId: Uuid, code: z.string(), name: z.string(), weight: z.number() }),
  ),
});
export const Strategy = z.object({ objectives: z.array(StrategyNode) });
export type Strategy = z.infer<typeof Strategy>;

export const Contribution = z.object({
  id: Uuid,
  organisationId: Uuid,
  projectId: Uuid,
  objectiveId: Uuid,
  objectiveCode: z.string(),
  objectiveName: z.string(),
  /** How much of the project serves this objective, 0–100. */
  weight: z.number(),
  ...VersionedFields,
});
export type Contribution = z.infer<typeof Contribution>;

export const ContributionCreate = z.strictObject({ objectiveId: Uuid, weight: Weight.default(100) });
export type ContributionCreate = z.infer<typeof ContributionCreate>;

export const ContributionPatch = z.strictObject({ version: Version, weight: Weight });
export type ContributionPatch = z.infer<typeof ContributionPatch>;
