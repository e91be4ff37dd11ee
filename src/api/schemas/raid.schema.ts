import { z } from 'zod';
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from '../../domain/raid/issue-rules.js';
import { ASSUMPTION_STATUSES, DECISION_STATUSES, DEPENDENCY_DIRECTIONS, DEPENDENCY_STATUSES } from '../../domain/raid/log-rules.js';
import { RESPONSE_STRATEGIES, RISK_KINDS, RISK_STATUSES } from '../../domain/raid/risk-rules.js';
import { CalendarDate, Description, Name, PageQuery, QueryBoolean, ShortText, Uuid, Version, VersionedFields } from './common.schema.js';

/** The RAID registers' shapes: the risk matrix, risks, issues and their actions. */

const Label = z.string().min(1, 'must not be empty').max(60, 'must be at most 60 characters');
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const Level = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10, 'must be at most 10');
const Category = z.string().min(1, 'must not be empty').max(60, 'must be at most 60 characters');

export const RiskMatrix = z.strictObject({
  probability: z.array(z.strictObject({ label: Label, likelihood: z.number() })).readonly(),
  impact: z.array(z.strictObject({ label: Label, description: ShortText.optional() })).readonly(),
  bands: z.array(z.strictObject({ name: Label, minScore: z.number().int('must be a whole number'), colour: Colour })).readonly(),
  escalation: z.strictObject({
    scoreAtLeast: z.number().int('must be a whole number'),
    proximityDays: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(3650, 'must be at most 3650').nullable(),
  }),
  reviewIntervalDays: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(3650, 'must be at most 3650'),
});
export type RiskMatrix = z.infer<typeof RiskMatrix>;

export const RiskMatrixDocument = RiskMatrix.extend({
  organisationId: Uuid,
  /** 0 while the organisation uses the default matrix (never saved). */
  version: z.number().int(),
});
export type RiskMatrixDocument = z.infer<typeof RiskMatrixDocument>;
export const RiskMatrixPut = RiskMatrix.extend({ version: z.number().int('must be a whole number').min(0, 'must be 0 or more') });
export type RiskMatrixPut = z.infer<typeof RiskMatrixPut>;

const Days = z.number().min(0, 'must be 0 or more').max(10_000, 'must be at most 10000');
const ThreePointDays = z.strictObject({ min: Days, mode: Days, max: Days });
const Money = z.number().min(0, 'must be 0 or more').max(9e15, 'must be at most 9e15');
export const RiskQuantification = z.strictObject({
  probability: z.number(),
  schedule: z.array(ThreePointDays.extend({ taskId: Uuid })).max(50, 'must have at most 50 task impacts').default([]),
  cost: z.strictObject({ min: Money, mode: Money, max: Money }).nullable().default(null),
});

export type RiskQuantification = z.infer<typeof RiskQuantification>;

export const RaidScopeType = z.enum(['portfolio', 'programme', 'project']);
export const RaidScope = { scopeType: RaidScopeType, scopeId: Uuid };

export const RaidAction = z.object({
  id: Uuid,
  itemType: z.enum(['risk', 'issue']),
  itemId: Uuid,
  title: z.string(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  due: z.string().nullable(),
  doneOn: z.string().nullable(),
  /** Open and past its due date. */
  overdue: z.boolean(),
  ...VersionedFields,
});
export type RaidAction = z.infer<typeof RaidAction>;
export const RaidActionCreate = z.strictObject({ title: Name, ownerId: Uuid.nullable().default(null), due: CalendarDate.nullable().default(null) });
export type RaidActionCreate = z.infer<typeof RaidActionCreate>;
export const RaidActionPatch = z.strictObject({
  version: Version,
  title: Name.optional(),
  ownerId: Uuid.nullable().optional(),
  due: CalendarDate.nullable().optional(),
  /** The day it was done; `null` reopens it. */
  doneOn: CalendarDate.nullable().optional(),
});
export type RaidActionPatch = z.infer<typeof RaidActionPatch>;

/** Where an item sits, for lists that gather items from the levels below. */
const ScopeLabel = { scopeType: RaidScopeType, scopeId: Uuid, scopeCode: z.string(), scopeName: z.string() };
const Escalation = z.object({ reason: z.string() }).nullable();

export const Risk = z.object({
  id: Uuid,
  organisationId: Uuid,
  ...ScopeLabel,
  /** `R-` and the number, unique in the organisation. */
  ref: z.string(),
  kind: z.enum(RISK_KINDS),
  title: z.string(),
  cause: z.string(),
  event: z.string(),
  effect: z.string(),
  category: z.string().nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  probability: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  band: z.string(),
  residualProbability: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  residualScore: z.number().int().nullable(),
  residualBand: z.string().nullable(),
  proximity: z.string().nullable(),
  responseStrategy: z.enum(RESPONSE_STRATEGIES).nullable(),
  response: z.string(),
  status: z.enum(RISK_STATUSES),
  /** Escalated by hand (the rule may escalate it too: see `escalation`). */
  escalate: z.boolean(),
  escalation: Escalation,
  quantification: RiskQuantification.nullable(),
  /** The issue it became when it occurred. */
  issueId: Uuid.nullable(),
  reviewedOn: z.string(),
  staleReview: z.boolean(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  ...VersionedFields,
});
export type Risk = z.infer<typeof Risk>;
export const RiskDetail = Risk.extend({ actions: z.array(RaidAction) });
export type RiskDetail = z.infer<typeof RiskDetail>;

const RiskFields = {
  kind: z.enum(RISK_KINDS),
  title: Name,
  cause: Description,
  event: Description,
  effect: Description,
  category: Category.nullable(),
  ownerId: Uuid.nullable(),
  probability: Level,
  impact: Level,
  residualProbability: Level.nullable(),
  residualImpact: Level.nullable(),
  proximity: CalendarDate.nullable(),
  responseStrategy: z.enum(RESPONSE_STRATEGIES).nullable(),
  response: Description,
  escalate: z.boolean(),
  quantification: RiskQuantification.nullable(),
};

export const RiskCreate = z.strictObject({
  ...RaidScope,
  kind: RiskFields.kind.default('threat'),
  title: Name,
  cause: Description.default(''),
  event: Description.default(''),
  effect: Description.default(''),
  category: RiskFields.category.default(null),
  ownerId: RiskFields.ownerId.default(null),
  probability: Level,
  impact: Level,
  residualProbability: RiskFields.residualProbability.default(null),
  residualImpact: RiskFields.residualImpact.default(null),
  proximity: RiskFields.proximity.default(null),
  responseStrategy: RiskFields.responseStrategy.default(null),
  response: Description.default(''),
  escalate: z.boolean().default(false),
  quantification: RiskFields.quantification.default(null),
  actions: z.array(RaidActionCreate).max(50, 'must have at most 50 actions').default([]),
});
export type RiskCreate = z.infer<typeof RiskCreate>;

export const RiskPatch = z.strictObject({
  version: Version,
  ...Object.fromEntries(Object.entries(RiskFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof RiskFields]: z.ZodOptional<(typeof RiskFields)[K]> },
  /** Open or close; a risk that happened goes through `POST /risks/{id}/occurred`. */
  status: z.enum(['open', 'closed']).optional(),
  /** Records a review without other changes (any change of rating or status is a review too). */
  reviewed: z.literal(true).optional(),
  /** Why the rating changed: kept in the review history. */
  note: ShortText.optional(),
});
export type RiskPatch = z.infer<typeof RiskPatch>;

export const RaidInclude = z.enum(['own', 'escalated', 'all']);
const ListScope = {
  /** The level to list: its own items and, with `include`, those escalated from the levels below. Without it, the whole organisation. */
  scopeType: z.enum(['organisation', 'portfolio', 'programme', 'project']),
  scopeId: Uuid,
  include: RaidInclude.default('all'),
};

export const RISK_SORTS = ['ref', '-ref', 'score', '-score', 'residualScore', '-residualScore', 'proximity', '-proximity', 'title', '-title', 'updatedAt', '-updatedAt'] as const;
export const RiskListQuery = z.strictObject({
  ...ListScope,
  status: z.enum(RISK_STATUSES).optional(),
  kind: z.enum(RISK_KINDS).optional(),
  band: Label.optional(),
  category: Category.optional(),
  ownerId: Uuid.optional(),
  escalated: QueryBoolean.optional(),
  /** One heat-map cell: risks rated at this probability and impact (after response with `residual=true`). */
  probability: z.coerce.number().pipe(Level).optional(),
  impact: z.coerce.number().pipe(Level).optional(),
  residual: QueryBoolean.optional(),
  /** Matches title, cause, event or effect, case-insensitive. */
  q: z.string().max(200).optional(),
  sort: z.enum(RISK_SORTS).default('-score'),
  ...PageQuery,
});
export type RiskListQuery = z.infer<typeof RiskListQuery>;

export const RiskOccurred = z.strictObject({
  version: Version,
  /** The issue's title; the risk's title by default. */
  title: Name.optional(),
  priority: z.enum(ISSUE_PRIORITIES).default('high'),
  /** The first action on the issue. */
  action: RaidActionCreate,
});
export type RiskOccurred = z.infer<typeof RiskOccurred>;

export const RiskReview = z.object({
  at: z.string(),
  actorName: z.string(),
  probability: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  residualProbability: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  residualScore: z.number().int().nullable(),
  status: z.enum(RISK_STATUSES),
  note: z.string(),
});

export const HeatMapQuery = z.strictObject({ ...ListScope, residual: QueryBoolean.default(false) });
export type HeatMapQuery = z.infer<typeof HeatMapQuery>;
export const HeatMap = z.object({
  residual: z.boolean(),
  probabilityLabels: z.array(z.string()),
  impactLabels: z.array(z.string()),
  /** Rows from the highest probability down; cells from the lowest impact across. */
  rows: z.array(z.array(z.object({ probability: z.number().int(), impact: z.number().int(), score: z.number().int(), band: z.string(), colour: z.string(), count: z.number().int(), riskIds: z.array(Uuid) }))),
  /** Open risks without a residual rating (left off a residual map). */
  unrated: z.number().int(),
});
export type HeatMap = z.infer<typeof HeatMap>;

export const TrendQuery = z.strictObject({
  ...ListScope,
  from: CalendarDate,
  to: CalendarDate,
  stepDays: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(366, 'must be at most 366').default(7),
});
export type TrendQuery = z.infer<typeof TrendQuery>;
export const Trend = z.object({
  points: z.array(
    z.object({
      date: z.string(),
      open: z.number().int(),
      exposure: z.number(),
      residualExposure: z.number(),
      byBand: z.record(z.string(), z.number().int()),
      /** The open risks behind the point, highest score first (at most five). */
      top: z.array(z.object({ riskId: Uuid, ref: z.string(), title: z.string(), score: z.number() })),
    }),
  ),
});
export type Trend = z.infer<typeof Trend>;

export const Issue = z.object({
  id: Uuid,
  organisationId: Uuid,
  ...ScopeLabel,
  /** `I-` and the number, unique in the organisation. */
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  priority: z.enum(ISSUE_PRIORITIES),
  /** On the organisation's impact scale. */
  severity: z.number().int(),
  status: z.enum(ISSUE_STATUSES),
  due: z.string().nullable(),
  overdue: z.boolean(),
  resolution: z.string(),
  /** The risk it came from, when a risk occurred. */
  riskId: Uuid.nullable(),
  escalate: z.boolean(),
  escalation: Escalation,
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  ...VersionedFields,
});
export type Issue = z.infer<typeof Issue>;
export const IssueDetail = Issue.extend({ actions: z.array(RaidAction) });
export type IssueDetail = z.infer<typeof IssueDetail>;

export const IssueCreate = z.strictObject({
  ...RaidScope,
  title: Name,
  description: Description.default(''),
  category: Category.nullable().default(null),
  ownerId: Uuid.nullable().default(null),
  priority: z.enum(ISSUE_PRIORITIES).default('medium'),
  severity: Level,
  due: CalendarDate.nullable().default(null),
  escalate: z.boolean().default(false),
  actions: z.array(RaidActionCreate).max(50, 'must have at most 50 actions').default([]),
});
export type IssueCreate = z.infer<typeof IssueCreate>;

export const IssuePatch = z.strictObject({
  version: Version,
  title: Name.optional(),
  description: Description.optional(),
  category: Category.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  priority: z.enum(ISSUE_PRIORITIES).optional(),
  severity: Level.optional(),
  status: z.enum(ISSUE_STATUSES).optional(),
  due: CalendarDate.nullable().optional(),
  resolution: Description.optional(),
  escalate: z.boolean().optional(),
});
export type IssuePatch = z.infer<typeof IssuePatch>;

export const ISSUE_SORTS = ['ref', '-ref', 'severity', '-severity', 'due', '-due', 'title', '-title', 'updatedAt', '-updatedAt'] as const;
export const IssueListQuery = z.strictObject({
  ...ListScope,
  status: z.enum(ISSUE_STATUSES).optional(),
  priority: z.enum(ISSUE_PRIORITIES).optional(),
  category: Category.optional(),
  ownerId: Uuid.optional(),
  escalated: QueryBoolean.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(ISSUE_SORTS).default('-severity'),
  ...PageQuery,
});
export type IssueListQuery = z.infer<typeof IssueListQuery>;

// Assumptions, dependencies and decisions: one head, kind-specific fields.

const LogHead = {
  id: Uuid,
  organisationId: Uuid,
  ...ScopeLabel,
  /** `A-`, `DEP-` or `DEC-` and the number, unique in the organisation. */
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  /** Validate by, needed by or decide by. */
  due: z.string().nullable(),
  escalate: z.boolean(),
  escalation: Escalation,
  ...VersionedFields,
};
const LogCreateHead = {
  ...RaidScope,
  title: Name,
  description: Description.default(''),
  ownerId: Uuid.nullable().default(null),
  due: CalendarDate.nullable().default(null),
  escalate: z.boolean().default(false),
};
const LogPatchHead = {
  version: Version,
  title: Name.optional(),
  description: Description.optional(),
  ownerId: Uuid.nullable().optional(),
  due: CalendarDate.nullable().optional(),
  escalate: z.boolean().optional(),
};

export const Assumption = z.object({ ...LogHead, status: z.enum(ASSUMPTION_STATUSES), validatorId: Uuid.nullable(), validatorName: z.string().nullable(), outcome: z.string() });
export type Assumption = z.infer<typeof Assumption>;
export const AssumptionCreate = z.strictObject({ ...LogCreateHead, validatorId: Uuid.nullable().default(null) });
export type AssumptionCreate = z.infer<typeof AssumptionCreate>;
export const AssumptionPatch = z.strictObject({ ...LogPatchHead, validatorId: Uuid.nullable().optional(), status: z.enum(ASSUMPTION_STATUSES).optional(), outcome: Description.optional() });
export type AssumptionPatch = z.infer<typeof AssumptionPatch>;

export const Dependency = z.object({
  ...LogHead,
  status: z.enum(DEPENDENCY_STATUSES),
  /** Inbound: this scope needs something from the other project; outbound: the other project needs something from this one. */
  direction: z.enum(DEPENDENCY_DIRECTIONS),
  otherProjectId: Uuid.nullable(),
  otherProjectCode: z.string().nullable(),
  ownTaskId: Uuid.nullable(),
  otherTaskId: Uuid.nullable(),
});
export type Dependency = z.infer<typeof Dependency>;
export const DependencyCreate = z.strictObject({
  ...LogCreateHead,
  direction: z.enum(DEPENDENCY_DIRECTIONS),
  status: z.enum(DEPENDENCY_STATUSES).default('proposed'),
  otherProjectId: Uuid.nullable().default(null),
  ownTaskId: Uuid.nullable().default(null),
  otherTaskId: Uuid.nullable().default(null),
});
export type DependencyCreate = z.infer<typeof DependencyCreate>;
export const DependencyPatch = z.strictObject({
  ...LogPatchHead,
  direction: z.enum(DEPENDENCY_DIRECTIONS).optional(),
  status: z.enum(DEPENDENCY_STATUSES).optional(),
  otherProjectId: Uuid.nullable().optional(),
  ownTaskId: Uuid.nullable().optional(),
  otherTaskId: Uuid.nullable().optional(),
});
export type DependencyPatch = z.infer<typeof DependencyPatch>;

const DecisionLink = z.strictObject({ type: z.enum(['risk', 'issue', 'assumption', 'dependency', 'decision', 'change-request']), id: Uuid });
const Options = z.array(z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters')).max(20, 'must have at most 20 options');
export const Decision = z.object({
  ...LogHead,
  status: z.enum(DECISION_STATUSES),
  options: z.array(z.string()),
  decision: z.string(),
  rationale: z.string(),
  decidedBy: z.string(),
  decidedOn: z.string().nullable(),
  links: z.array(DecisionLink),
});
export type Decision = z.infer<typeof Decision>;
export const DecisionCreate = z.strictObject({
  ...LogCreateHead,
  options: Options.default([]),
  links: z.array(DecisionLink).max(50, 'must have at most 50 links').default([]),
});
export type DecisionCreate = z.infer<typeof DecisionCreate>;
export const DecisionPatch = z.strictObject({
  ...LogPatchHead,
  options: Options.optional(),
  links: z.array(DecisionLink).max(50, 'must have at most 50 links').optional(),
  /** Record the decision: its text, rationale, who decided and when (all required to decide). */
  status: z.enum(DECISION_STATUSES).optional(),
  decision: Description.optional(),
  rationale: Description.optional(),
  decidedBy: ShortText.optional(),
  decidedOn: CalendarDate.nullable().optional(),
});
export type DecisionPatch = z.infer<typeof DecisionPatch>;

export const LogListQuery = z.strictObject({
  ...ListScope,
  status: z.string().max(40).optional(),
  escalated: QueryBoolean.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['ref', '-ref', 'due', '-due', 'title', '-title', 'updatedAt', '-updatedAt']).default('ref'),
  ...PageQuery,
});
export type LogListQuery = z.infer<typeof LogListQuery>;
