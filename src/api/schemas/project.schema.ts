import { z } from 'zod';
import { STAGES, STATES } from '../../domain/structure/index.js';
import {
  CalendarDate,
  Code,
  Description,
  MinorUnits,
  Name,
  PageQuery,
  QueryBoolean,
  Tags,
  Uuid,
  Version,
  VersionedFields,
} from './common.schema.js';

export const Stage = z.enum(STAGES);
export const ProjectState = z.enum(STATES);

export const Project = z.object({
  id: Uuid,
  organisationId: Uuid,
  portfolioId: Uuid,
  programmeId: Uuid.nullable(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  sponsorId: Uuid.nullable(),
  managerId: Uuid.nullable(),
  stage: Stage,
  state: ProjectState,
  plannedStart: z.string().nullable(),
  plannedFinish: z.string().nullable(),
  /** Headline budget in minor units of the organisation's currency. */
  budget: z.number().int().nullable(),
  tags: z.array(z.string()),
  /** Number of strategic objectives the project contributes to. */
  contributionCount: z.number().int(),
  /** False when the project contributes to no strategic objective. */
  aligned: z.boolean(),
  ...VersionedFields,
});
export type Project = z.infer<typeof Project>;

/** The planned finish may not come before the planned start. */
function finishNotBeforeStart(v: { plannedStart?: string | null; plannedFinish?: string | null }, ctx: z.RefinementCtx) {
  if (v.plannedStart && v.plannedFinish && v.plannedFinish < v.plannedStart) {
    ctx.addIssue({ code: 'custom', path: ['plannedFinish'], message: `must not be before plannedStart (${v.plannedStart})` });
  }
}

export const ProjectCreate = z
  .strictObject({
    /** Required unless `programmeId` is given (the programme's portfolio is then used). */
    portfolioId: Uuid.optional(),
    programmeId: Uuid.nullable().default(null),
    code: Code,
    name: Name,
    description: Description.default(''),
    sponsorId: Uuid.nullable().default(null),
    managerId: Uuid.nullable().default(null),
    stage: Stage.default('proposal'),
    state: ProjectState.default('active'),
    plannedStart: CalendarDate.nullable().default(null),
    plannedFinish: CalendarDate.nullable().default(null),
    budget: MinorUnits.nullable().default(null),
    tags: Tags.default([]),
  })
  .superRefine(finishNotBeforeStart)
  .superRefine((v, ctx) => {
    if (!v.portfolioId && !v.programmeId) {
      ctx.addIssue({ code: 'custom', path: ['portfolioId'], message: 'is required unless programmeId is given' });
    }
  });
export type ProjectCreate = z.infer<typeof ProjectCreate>;

export const ProjectPatch = z
  .strictObject({
    version: Version,
    portfolioId: Uuid.optional(),
    programmeId: Uuid.nullable().optional(),
    code: Code.optional(),
    name: Name.optional(),
    description: Description.optional(),
    sponsorId: Uuid.nullable().optional(),
    managerId: Uuid.nullable().optional(),
    stage: Stage.optional(),
    state: ProjectState.optional(),
    plannedStart: CalendarDate.nullable().optional(),
    plannedFinish: CalendarDate.nullable().optional(),
    budget: MinorUnits.nullable().optional(),
    tags: Tags.optional(),
  })
  .superRefine(finishNotBeforeStart);
export type ProjectPatch = z.infer<typeof ProjectPatch>;

export const PROJECT_SORTS = [
  'name',
  '-name',
  'code',
  '-code',
  'plannedStart',
  '-plannedStart',
  'plannedFinish',
  '-plannedFinish',
  'budget',
  '-budget',
  'stage',
  '-stage',
  'state',
  '-state',
  'updatedAt',
  '-updatedAt',
] as const;

export const ProjectListQuery = z.strictObject({
  organisationId: Uuid.optional(),
  portfolioId: Uuid.optional(),
  programmeId: Uuid.optional(),
  stage: Stage.optional(),
  state: ProjectState.optional(),
  aligned: QueryBoolean.optional(),
  tag: z.string().max(40).optional(),
  managerId: Uuid.optional(),
  /** Matches code or name, case-insensitive. */
  q: z.string().max(200).optional(),
  sort: z.enum(PROJECT_SORTS).default('name'),
  ...PageQuery,
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
