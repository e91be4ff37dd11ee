import type { Generated } from 'kysely';
import type {
  ApiTokenId,
  ChangeRequestId,
  ChangeStepId,
  AuditEventId,
  ContributionId,
  MembershipId,
  ObjectiveId,
  OrganisationId,
  PortfolioId,
  ProgrammeId,
  ProjectId,
  RaidActionId,
  IssueId,
  RiskId,
  RiskReviewId,
  ScheduleAssignmentId,
  ScheduleBaselineId,
  ScheduleCalendarId,
  ScheduleLinkId,
  SchedulePlanId,
  ScheduleResourceId,
  ScheduleTaskId,
  ProjectScoreId,
  CapacityPersonId,
  CapacityRoleId,
  ProjectDemandId,
  ScenarioId,
  ScoringModelId,
  SimulationId,
  UserId,
} from '../domain/ids.js';
import type { Role, ScopeType } from '../domain/policy/index.js';
import type { PmoMode, ProjectState, Stage } from '../domain/structure/index.js';
import type { IssuePriority, IssueStatus } from '../domain/raid/issue-rules.js';
import type { AssumptionStatus, DecisionStatus, DependencyDirection, DependencyStatus } from '../domain/raid/log-rules.js';
import type { ResponseStrategy, RiskKind, RiskStatus } from '../domain/raid/risk-rules.js';
import type { AuthorityLevel, ChangeStatus, ChangeStep } from '../domain/change/index.js';

/**
 * Table types. Column names are camelCase here and snake_case in the database (Kysely's
 * CamelCasePlugin). Timestamps are ISO-8601 UTC strings and ids UUIDv7, both made in code so
 * SQLite and PostgreSQL store the same values. JSON columns hold text.
 */

type Versioned = { version: number; createdAt: string; updatedAt: string };

export type OrganisationTable = Versioned & {
  id: OrganisationId;
  name: string;
  slug: string;
  pmoMode: PmoMode;
  currency: string;
  fiscalYearStartMonth: number;
  /** JSON: `{ name, workingDays: (1..7)[], hoursPerDay }`, Monday = 1. */
  defaultCalendar: string;
};

export type UserTable = Versioned & {
  id: UserId;
  email: string;
  name: string;
  passwordHash: string | null;
  /** 1 active, 0 disabled (SQLite has no boolean). */
  active: number;
};

export type MembershipTable = {
  id: MembershipId;
  organisationId: OrganisationId;
  userId: UserId;
  role: Role;
  scopeType: ScopeType;
  scopeId: string;
  version: number;
  createdAt: string;
};

export type PortfolioTable = Versioned & {
  id: PortfolioId;
  organisationId: OrganisationId;
  code: string;
  name: string;
  description: string;
  managerId: UserId | null;
  pmoMode: PmoMode | null;
};

export type ProgrammeTable = Versioned & {
  id: ProgrammeId;
  organisationId: OrganisationId;
  portfolioId: PortfolioId;
  parentId: ProgrammeId | null;
  code: string;
  name: string;
  description: string;
  managerId: UserId | null;
};

export type ProjectTable = Versioned & {
  id: ProjectId;
  organisationId: OrganisationId;
  portfolioId: PortfolioId;
  programmeId: ProgrammeId | null;
  code: string;
  name: string;
  description: string;
  sponsorId: UserId | null;
  managerId: UserId | null;
  stage: Stage;
  state: ProjectState;
  plannedStart: string | null;
  plannedFinish: string | null;
  /** Headline budget in minor units of the organisation's currency. */
  budget: number | null;
  /** JSON array of strings. */
  tags: string;
};

export type ObjectiveTable = Versioned & {
  id: ObjectiveId;
  organisationId: OrganisationId;
  parentId: ObjectiveId | null;
  code: string;
  name: string;
  description: string;
  weight: number;
  measure: string;
  target: string;
};

export type ContributionTable = Versioned & {
  id: ContributionId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  objectiveId: ObjectiveId;
  weight: number;
};

export type AuditEventTable = {
  id: AuditEventId;
  organisationId: OrganisationId | null;
  at: string;
  actorId: UserId | null;
  actorName: string;
  action: 'create' | 'update' | 'delete';
  recordType: string;
  recordId: string;
  recordLabel: string;
  /** JSON array of `{ field, before, after }`. */
  changes: string;
};

export type SessionTable = {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  userId: UserId;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
};

export type ApiTokenTable = {
  id: ApiTokenId;
  userId: UserId;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export type LoginFailureTable = {
  id: Generated<number>;
  key: string;
  at: string;
};

/** Plan dates are the plan's wall-clock time as text `YYYY-MM-DDTHH:MM:SS`; flags are 1/0. */
type LocalDateTimeText = string;

export type SchedulePlanTable = Versioned & {
  id: SchedulePlanId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  direction: 'forward' | 'backward';
  start: LocalDateTimeText;
  finish: LocalDateTimeText | null;
  statusDate: LocalDateTimeText | null;
  calendarId: ScheduleCalendarId | null;
  criticalSlackMinutes: number;
  honorConstraints: number;
  /** How many working minutes make a "day" when durations are shown in days. */
  minutesPerDay: number;
  computedStart: LocalDateTimeText | null;
  computedFinish: LocalDateTimeText | null;
  /** JSON array of the engine's warnings at the last recalculation. */
  warnings: string;
  /** Counts recalculations: a client holding an older revision has stale computed dates. */
  revision: number;
};

export type ScheduleCalendarTable = Versioned & {
  id: ScheduleCalendarId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  name: string;
  baseId: ScheduleCalendarId | null;
  /** JSON: `{ week, workWeeks, exceptions }` as in the engine's CalendarDefinition. */
  definition: string;
};

export type ScheduleTaskTable = Versioned & {
  id: ScheduleTaskId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  /** Stable number within the project (MS Project's UID). */
  uid: number;
  /** Row in outline order, 0-based. */
  position: number;
  parentId: ScheduleTaskId | null;
  name: string;
  notes: string;
  durationMinutes: number;
  elapsed: number;
  milestone: number;
  calendarId: ScheduleCalendarId | null;
  constraintType: string;
  constraintDate: LocalDateTimeText | null;
  deadline: LocalDateTimeText | null;
  actualStart: LocalDateTimeText | null;
  actualFinish: LocalDateTimeText | null;
  percentComplete: number;
  remainingMinutes: number | null;
  manual: number;
  manualStart: LocalDateTimeText | null;
  manualFinish: LocalDateTimeText | null;
  inactive: number;
  priority: number;
  levelingDelayMinutes: number;
  /** Minor units. */
  fixedCost: number;
  start: LocalDateTimeText | null;
  finish: LocalDateTimeText | null;
  earlyStart: LocalDateTimeText | null;
  earlyFinish: LocalDateTimeText | null;
  lateStart: LocalDateTimeText | null;
  lateFinish: LocalDateTimeText | null;
  totalSlackMinutes: number | null;
  freeSlackMinutes: number | null;
  critical: number;
  drivingPredecessorId: ScheduleTaskId | null;
};

export type ScheduleLinkTable = Versioned & {
  id: ScheduleLinkId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  predecessorId: ScheduleTaskId;
  successorId: ScheduleTaskId;
  type: 'FS' | 'SS' | 'FF' | 'SF';
  lagMinutes: number;
  lagPercent: number | null;
  lagElapsed: number;
};

export type ScheduleResourceTable = Versioned & {
  id: ScheduleResourceId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  uid: number;
  name: string;
  kind: 'work' | 'material' | 'cost';
  /** 1 = 100 %. */
  maxUnits: number;
  calendarId: ScheduleCalendarId | null;
  /** Minor units per hour of work. */
  standardRate: number;
  /** The organisation role this resource stands for: its assignments are the project's demand for it. */
  roleId: CapacityRoleId | null;
};

export type ScheduleAssignmentTable = Versioned & {
  id: ScheduleAssignmentId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  taskId: ScheduleTaskId;
  resourceId: ScheduleResourceId;
  units: number;
  workMinutes: number;
};

export type ScheduleBaselineTable = Versioned & {
  id: ScheduleBaselineId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  /** 0–10, as MS Project's Baseline, Baseline1 … Baseline10. */
  number: number;
  name: string;
  savedBy: string;
  projectStart: LocalDateTimeText | null;
  projectFinish: LocalDateTimeText | null;
  /** JSON array of `{ taskId, uid, name, start, finish, durationMinutes, cost }`. */
  tasks: string;
};

/** Where a RAID item belongs: a portfolio, a programme or a project. */
export type RaidScopeType = 'portfolio' | 'programme' | 'project';

export type RaidMatrixTable = Versioned & {
  organisationId: OrganisationId;
  /** JSON: the RiskMatrix (src/domain/raid/matrix.ts). */
  definition: string;
};

export type RaidRiskTable = Versioned & {
  id: RiskId;
  organisationId: OrganisationId;
  scopeType: RaidScopeType;
  scopeId: string;
  number: number;
  kind: RiskKind;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string | null;
  ownerId: UserId | null;
  probability: number;
  impact: number;
  residualProbability: number | null;
  residualImpact: number | null;
  proximity: string | null;
  responseStrategy: ResponseStrategy | null;
  response: string;
  status: RiskStatus;
  /** 1 when a person escalated it by hand. */
  escalated: number;
  /** JSON: RiskQuantification, or null. */
  quantification: string | null;
  issueId: IssueId | null;
  reviewedOn: string;
};

export type RaidRiskReviewTable = {
  id: RiskReviewId;
  organisationId: OrganisationId;
  riskId: RiskId;
  at: string;
  actorName: string;
  probability: number;
  impact: number;
  residualProbability: number | null;
  residualImpact: number | null;
  status: RiskStatus;
  note: string;
};

export type RaidIssueTable = Versioned & {
  id: IssueId;
  organisationId: OrganisationId;
  scopeType: RaidScopeType;
  scopeId: string;
  number: number;
  title: string;
  description: string;
  category: string | null;
  ownerId: UserId | null;
  priority: IssuePriority;
  severity: number;
  status: IssueStatus;
  due: string | null;
  resolution: string;
  riskId: RiskId | null;
  escalated: number;
};

export type RaidActionTable = Versioned & {
  id: RaidActionId;
  organisationId: OrganisationId;
  itemType: 'risk' | 'issue';
  itemId: string;
  title: string;
  ownerId: UserId | null;
  due: string | null;
  doneOn: string | null;
};

type RaidLogHead = Versioned & {
  organisationId: OrganisationId;
  scopeType: RaidScopeType;
  scopeId: string;
  number: number;
  title: string;
  description: string;
  ownerId: UserId | null;
  /** The date it is needed by (validate by, needed by, decide by). */
  due: string | null;
  escalated: number;
};

export type RaidAssumptionTable = RaidLogHead & { id: string; status: AssumptionStatus; validatorId: UserId | null; outcome: string };
export type RaidDependencyTable = RaidLogHead & { id: string; status: DependencyStatus; direction: DependencyDirection; otherProjectId: ProjectId | null; ownTaskId: string | null; otherTaskId: string | null };
export type RaidDecisionTable = RaidLogHead & {
  id: string;
  status: DecisionStatus;
  /** JSON: the options considered, as strings. */
  options: string;
  decision: string;
  rationale: string;
  /** Who decided: a person or a board, as written. */
  decidedBy: string;
  decidedOn: string | null;
  /** JSON: `[{ type, id }]` of the RAID items the decision concerns. */
  links: string;
};

export type ChangePolicyTable = Versioned & {
  organisationId: OrganisationId;
  /** JSON: the `ChangePolicy` (approval thresholds per board, self-approval). */
  definition: string;
};

export type ChangeRequestTable = Versioned & {
  id: ChangeRequestId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  number: number;
  title: string;
  description: string;
  reason: string;
  requestedBy: UserId;
  status: ChangeStatus;
  /** Signed, in minor units of the organisation's currency. */
  costImpact: number;
  /** Signed working days the project finish moves (computed from `taskChanges` when there are any). */
  scheduleImpactDays: number;
  /** JSON: `[{ taskId, days }]`, working days added to (or taken from) each task's duration on approval. */
  taskChanges: string;
  scopeImpact: string;
  benefitsImpact: string;
  riskImpact: string;
  /** JSON: `[{ type, id }]` of the RAID items the change concerns. */
  links: string;
  /** The board that must approve it, fixed when it is assessed. */
  authority: AuthorityLevel | null;
  authorityReason: string | null;
  budgetBefore: number | null;
  budgetAfter: number | null;
  /** The baseline approval saved the new plan as. */
  baselineNumber: number | null;
  /** The decision log entry of the approval board's decision. */
  decisionId: string | null;
};

export type ChangeRequestStepTable = {
  id: ChangeStepId;
  organisationId: OrganisationId;
  changeRequestId: ChangeRequestId;
  step: ChangeStep;
  fromStatus: ChangeStatus;
  toStatus: ChangeStatus;
  actorId: UserId | null;
  actorName: string;
  note: string;
  at: string;
};

export type SimulationStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A risk simulation run of a project (src/services/simulations.ts). */
export type RiskSimulationTable = {
  id: SimulationId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  startedById: UserId | null;
  startedByName: string;
  status: SimulationStatus;
  progressDone: number;
  progressTotal: number;
  /** JSON: the run's options as asked for, defaults filled in (iterations, seed, band, target date, confidence, correlation). */
  options: string;
  /** JSON: the RiskModel as built from the plan and the register. */
  model: string;
  /** JSON: what turns the model's working days back into dates, labels of tasks and risks, and the notes of the mapping. */
  context: string;
  /** The plan's revision the model was built from. */
  planRevision: number;
  /** JSON: the result without the samples, once done. */
  result: string | null;
  /** JSON: `{ finish, cost }` per iteration as base64 of Float64Array, for roll-ups. */
  samples: string | null;
  error: string | null;
  /** The process running it, and when it last said so: a run whose heartbeat stops is marked failed. */
  runner: string | null;
  heartbeatAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type ScoringModelTable = Versioned & {
  id: ScoringModelId;
  organisationId: OrganisationId;
  portfolioId: PortfolioId;
  name: string;
  description: string;
  /** JSON: ScoringModelDefinition (src/domain/portfolio/scoring/criteria.ts). */
  definition: string;
};

export type ProjectScoreTable = Versioned & {
  id: ProjectScoreId;
  organisationId: OrganisationId;
  modelId: ScoringModelId;
  projectId: ProjectId;
  /** JSON: { [criterion id]: number }. */
  values: string;
  note: string;
};

export type CapacityRoleTable = Versioned & {
  id: CapacityRoleId;
  organisationId: OrganisationId;
  code: string;
  name: string;
  description: string;
  hoursPerFteMonth: number;
  /** JSON: FteStep[] (src/domain/portfolio/capacity). */
  fteSteps: string;
};

export type CapacityPersonTable = Versioned & {
  id: CapacityPersonId;
  organisationId: OrganisationId;
  roleId: CapacityRoleId;
  userId: UserId | null;
  name: string;
  fte: number;
  nonProjectShare: number;
  fromMonth: string | null;
  toMonth: string | null;
  /** JSON: { from, to, note }[]. */
  absences: string;
};

export type ProjectDemandTable = Versioned & {
  id: ProjectDemandId;
  organisationId: OrganisationId;
  projectId: ProjectId;
  roleId: CapacityRoleId;
  /** JSON: { [YYYY-MM]: hours }. */
  hours: string;
  note: string;
};

export type PortfolioScenarioTable = Versioned & {
  id: ScenarioId;
  organisationId: OrganisationId;
  portfolioId: PortfolioId;
  name: string;
  description: string;
  /** JSON: ScenarioSettings (src/domain/portfolio/scenario). */
  settings: string;
  /** `draft`, `published` (the plan of record) or `superseded` (a plan of record another replaced). */
  status: 'draft' | 'published' | 'superseded';
  /** JSON: the last run (the optimiser's answer with the model it solved), or null. */
  result: string | null;
  runAt: string | null;
  runBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  decisionId: string | null;
};

export type Database = {
  organisation: OrganisationTable;
  userAccount: UserTable;
  membership: MembershipTable;
  portfolio: PortfolioTable;
  programme: ProgrammeTable;
  project: ProjectTable;
  objective: ObjectiveTable;
  contribution: ContributionTable;
  auditEvent: AuditEventTable;
  session: SessionTable;
  apiToken: ApiTokenTable;
  loginFailure: LoginFailureTable;
  schedulePlan: SchedulePlanTable;
  scheduleCalendar: ScheduleCalendarTable;
  scheduleTask: ScheduleTaskTable;
  scheduleLink: ScheduleLinkTable;
  scheduleResource: ScheduleResourceTable;
  scheduleAssignment: ScheduleAssignmentTable;
  scheduleBaseline: ScheduleBaselineTable;
  raidMatrix: RaidMatrixTable;
  raidRisk: RaidRiskTable;
  raidRiskReview: RaidRiskReviewTable;
  raidIssue: RaidIssueTable;
  raidAction: RaidActionTable;
  raidAssumption: RaidAssumptionTable;
  raidDependency: RaidDependencyTable;
  raidDecision: RaidDecisionTable;
  changePolicy: ChangePolicyTable;
  changeRequest: ChangeRequestTable;
  changeRequestStep: ChangeRequestStepTable;
  riskSimulation: RiskSimulationTable;
  scoringModel: ScoringModelTable;
  projectScore: ProjectScoreTable;
  capacityRole: CapacityRoleTable;
  capacityPerson: CapacityPersonTable;
  projectDemand: ProjectDemandTable;
  portfolioScenario: PortfolioScenarioTable;
};
