import { z } from 'zod';
import { AUTHORITY_LEVELS, CHANGE_STATUSES, CHANGE_STEPS } from '../../domain/change/index.js';
import { Description, Name, PageQuery, Uuid, Version, VersionedFields } from './common.schema.js';

/** Change control: the organisation's approval thresholds, change requests and their workflow steps. */

const Limit = z.strictObject({
  maxCostPercent: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').nullable(),
  maxScheduleDays: z.number().min(0, 'must be 0 or more').max(10_000, 'must be at most 10000').nullable(),
});
export const ChangePolicy = z.strictObject({ project: Limit, programme: Limit, selfApproval: z.boolean() });
export type ChangePolicy = z.infer<typeof ChangePolicy>;
export const ChangePolicyDocument = ChangePolicy.extend({
  organisationId: Uuid,
  /** 0 while the organisation uses the default policy (never saved). */
  version: z.number().int(),
});
export type ChangePolicyDocument = z.infer<typeof ChangePolicyDocument>;
export const ChangePolicyPut = ChangePolicy.extend({ version: z.number().int('must be a whole number').min(0, 'must be 0 or more') });
export type ChangePolicyPut = z.infer<typeof ChangePolicyPut>;

/** Signed money in minor units: a change can cost more or save. */
const SignedMinorUnits = z
  .number()
  .min(-9_000_000_000_000_000, 'must be at least -90 trillion in major units')
  .max(9_000_000_000_000_000, 'must be at most 90 trillion in major units')
  .refine(Number.isInteger, 'must be a whole number of minor units (e.g. pence)');
const SignedDays = z.number().min(-10_000, 'must be at least -10000').max(10_000, 'must be at most 10000');
export const TaskChange = z.strictObject({
  taskId: Uuid,
  /** Working days added to the task's duration (negative: taken away). */
  days: SignedDays.refine((d) => d !== 0, 'must not be 0 (a change of no days changes nothing)'),
});
export type TaskChange = z.infer<typeof TaskChange>;
const ChangeLink = z.strictObject({ type: z.enum(['risk', 'issue', 'assumption', 'dependency', 'decision']), id: Uuid });

const Impact = {
  costImpact: SignedMinorUnits,
  /** Working days the project finish moves; computed from `taskChanges` when there are any. */
  scheduleImpactDays: SignedDays,
  taskChanges: z.array(TaskChange).max(200, 'must have at most 200 task changes'),
  scopeImpact: Description,
  benefitsImpact: Description,
  riskImpact: Description,
};

export const ChangeStepRecord = z.object({
  id: Uuid,
  step: z.enum(CHANGE_STEPS),
  fromStatus: z.enum(CHANGE_STATUSES),
  toStatus: z.enum(CHANGE_STATUSES),
  actorName: z.string(),
  note: z.string(),
  at: z.string(),
});
export type ChangeStepRecord = z.infer<typeof ChangeStepRecord>;

export const ChangeRequest = z.object({
  id: Uuid,
  organisationId: Uuid,
  projectId: Uuid,
  projectCode: z.string(),
  projectName: z.string(),
  /** `CR-` and the number, unique in the organisation. */
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  reason: z.string(),
  requestedBy: Uuid,
  requestedByName: z.string(),
  status: z.enum(CHANGE_STATUSES),
  ...Impact,
  links: z.array(ChangeLink),
  /** The board that must decide, fixed at assessment (null before). */
  authority: z.enum(AUTHORITY_LEVELS).nullable(),
  authorityReason: z.string().nullable(),
  budgetBefore: z.number().nullable(),
  budgetAfter: z.number().nullable(),
  baselineNumber: z.number().int().nullable(),
  decisionId: Uuid.nullable(),
  /** The steps the caller may take now. */
  allowedSteps: z.array(z.enum(CHANGE_STEPS)),
  ...VersionedFields,
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;
export const ChangeRequestDetail = ChangeRequest.extend({ steps: z.array(ChangeStepRecord) });
export type ChangeRequestDetail = z.infer<typeof ChangeRequestDetail>;

export const ChangeRequestCreate = z.strictObject({
  projectId: Uuid,
  title: Name,
  description: Description.default(''),
  reason: Description.default(''),
  costImpact: Impact.costImpact.default(0),
  scheduleImpactDays: Impact.scheduleImpactDays.default(0),
  taskChanges: Impact.taskChanges.default([]),
  scopeImpact: Description.default(''),
  benefitsImpact: Description.default(''),
  riskImpact: Description.default(''),
  links: z.array(ChangeLink).max(50, 'must have at most 50 links').default([]),
});
export type ChangeRequestCreate = z.infer<typeof ChangeRequestCreate>;

/** Edits a draft (before submission) or, while assessing, the impact fields. */
export const ChangeRequestPatch = z.strictObject({
  version: Version,
  title: Name.optional(),
  description: Description.optional(),
  reason: Description.optional(),
  costImpact: Impact.costImpact.optional(),
  scheduleImpactDays: Impact.scheduleImpactDays.optional(),
  taskChanges: Impact.taskChanges.optional(),
  scopeImpact: Description.optional(),
  benefitsImpact: Description.optional(),
  riskImpact: Description.optional(),
  links: z.array(ChangeLink).max(50, 'must have at most 50 links').optional(),
});
export type ChangeRequestPatch = z.infer<typeof ChangeRequestPatch>;

export const ChangeStepInput = z.strictObject({
  step: z.enum(CHANGE_STEPS),
  version: Version,
  /** Why: required to reject or defer, kept with every step. */
  note: Description.default(''),
  /** On approval: the baseline (0–10) to save the approved plan as; the lowest free of 1–10 when absent. */
  baselineNumber: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10, 'must be at most 10').optional(),
});
export type ChangeStepInput = z.infer<typeof ChangeStepInput>;

export const CHANGE_SORTS = ['ref', '-ref', 'title', '-title', 'updatedAt', '-updatedAt'] as const;
export const ChangeListQuery = z.strictObject({
  /** The level to list: the requests of every project inside it. */
  scopeType: z.enum(['organisation', 'portfolio', 'programme', 'project']),
  scopeId: Uuid,
  status: z.enum(CHANGE_STATUSES).optional(),
  /** Only the requests waiting for this board's decision. */
  awaiting: z.enum(AUTHORITY_LEVELS).optional(),
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  sort: z.enum(CHANGE_SORTS).default('-ref'),
  ...PageQuery,
});
export type ChangeListQuery = z.infer<typeof ChangeListQuery>;

/** What the plan would do if the request's task changes were made: the finish before and after. */
export const ChangeForecast = z.object({
  finishBefore: z.string().nullable(),
  finishAfter: z.string().nullable(),
  scheduleImpactDays: z.number(),
});
export type ChangeForecast = z.infer<typeof ChangeForecast>;
