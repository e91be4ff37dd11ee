import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar-date.js';
import { invalid, PharosError, type FieldIssue } from '../domain/errors.js';
import { ROLES, SCOPE_TYPES } from '../domain/policy/index.js';
import { PMO_MODES, STAGES, STATES, treeOrder } from '../domain/structure/index.js';
import type {
  ApiTokenTable,
  AuditEventTable,
  ContributionTable,
  MembershipTable,
  ObjectiveTable,
  OrganisationTable,
  PortfolioTable,
  ProgrammeTable,
  ProjectTable,
  RaidActionTable,
  RaidAssumptionTable,
  RaidDecisionTable,
  RaidDependencyTable,
  RaidIssueTable,
  RaidMatrixTable,
  RaidRiskReviewTable,
  RaidRiskTable,
  ChangePolicyTable,
  ChangeRequestStepTable,
  ChangeRequestTable,
  ProjectScoreTable,
  ScoringModelTable,
  CapacityPersonTable,
  CapacityRoleTable,
  ProjectDemandTable,
  PortfolioScenarioTable,
  RiskSimulationTable,
  ScheduleAssignmentTable,
  ScheduleBaselineTable,
  ScheduleCalendarTable,
  ScheduleLinkTable,
  SchedulePlanTable,
  ScheduleResourceTable,
  ScheduleTaskTable,
  UserTable,
} from '../store/schema.js';
import { CONSTRAINT_TYPES, LINK_TYPES } from '../domain/schedule/types.js';
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from '../domain/raid/issue-rules.js';
import { ASSUMPTION_STATUSES, DECISION_STATUSES, DEPENDENCY_DIRECTIONS, DEPENDENCY_STATUSES } from '../domain/raid/log-rules.js';
import { matrixIssues, type RiskMatrix } from '../domain/raid/matrix.js';
import { RESPONSE_STRATEGIES, RISK_KINDS, RISK_STATUSES } from '../domain/raid/risk-rules.js';
import { AUTHORITY_LEVELS, CHANGE_STATUSES, CHANGE_STEPS, policyIssues, type ChangePolicy } from '../domain/change/index.js';
import { validateModel, type ScoringModelDefinition } from '../domain/portfolio/scoring/index.js';
import { isMonth } from '../domain/portfolio/capacity/index.js';

/**
 * The organisation export format (`pharos-organisation`, version 1): every row of one
 * organisation exactly as stored, table by table. These schemas check a document before any
 * of it touches the database, and name the path of each bad field (`projects.12.budget`).
 */

export const EXPORT_FORMAT = 'pharos-organisation';
/**
 * Version 2 added the projects' plans (schedule tables), version 3 the RAID registers, change
 * control and risk simulation runs, version 4 the portfolios' scoring models and scores, roles,
 * people and projects' demand; older
 * documents still import, without what they did not carry.
 */
export const EXPORT_FORMAT_VERSION = 4;
const READABLE_VERSIONS: readonly number[] = [1, 2, 3, 4];

const Id = z.uuid({ message: 'must be an id (UUID)' });
const Timestamp = z.iso.datetime({ message: 'must be an ISO-8601 UTC timestamp' });
const Text = z.string();
const Version = z.number().int().min(1);
const Versioned = { version: Version, createdAt: Timestamp, updatedAt: Timestamp };
const CalendarDate = z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD');

/** A text column that holds JSON; the check parses it so a bad value is caught here, not on read. */
const jsonText = (check: (value: unknown) => boolean, what: string) =>
  z.string().refine((s) => {
    try {
      return check(JSON.parse(s));
    } catch {
      return false;
    }
  }, `must be JSON text holding ${what}`);
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

const OrganisationRow = z.strictObject({
  id: Id,
  name: Text,
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-"'),
  pmoMode: z.enum(PMO_MODES),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  defaultCalendar: jsonText(isObject, 'an object'),
  ...Versioned,
});

const UserRow = z.strictObject({
  id: Id,
  email: z.string().min(3).includes('@', { message: 'must be an email address' }),
  name: Text,
  passwordHash: z.string().nullable(),
  active: z.union([z.literal(0), z.literal(1)]),
  ...Versioned,
});

const MembershipRow = z.strictObject({
  id: Id,
  organisationId: Id,
  userId: Id,
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: Id,
  version: Version,
  createdAt: Timestamp,
});

const PortfolioRow = z.strictObject({
  id: Id,
  organisationId: Id,
  code: Text,
  name: Text,
  description: Text,
  managerId: Id.nullable(),
  pmoMode: z.enum(PMO_MODES).nullable(),
  ...Versioned,
});

const ProgrammeRow = z.strictObject({
  id: Id,
  organisationId: Id,
  portfolioId: Id,
  parentId: Id.nullable(),
  code: Text,
  name: Text,
  description: Text,
  managerId: Id.nullable(),
  ...Versioned,
});

const ProjectRow = z.strictObject({
  id: Id,
  organisationId: Id,
  portfolioId: Id,
  programmeId: Id.nullable(),
  code: Text,
  name: Text,
  description: Text,
  sponsorId: Id.nullable(),
  managerId: Id.nullable(),
  stage: z.enum(STAGES),
  state: z.enum(STATES),
  plannedStart: CalendarDate.nullable(),
  plannedFinish: CalendarDate.nullable(),
  budget: z.number().int().min(0).nullable(),
  tags: jsonText((v) => Array.isArray(v) && v.every((t) => typeof t === 'string'), 'an array of strings'),
  ...Versioned,
});

const ObjectiveRow = z.strictObject({
  id: Id,
  organisationId: Id,
  parentId: Id.nullable(),
  code: Text,
  name: Text,
  description: Text,
  weight: z.number(),
  measure: Text,
  target: Text,
  ...Versioned,
});

const ContributionRow = z.strictObject({
  id: Id,
  organisationId: Id,
  projectId: Id,
  objectiveId: Id,
  weight: z.number(),
  ...Versioned,
});

const ApiTokenRow = z.strictObject({
  id: Id,
  userId: Id,
  name: Text,
  tokenHash: Text,
  prefix: Text,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
});

const AuditEventRow = z.strictObject({
  id: Id,
  organisationId: Id.nullable(),
  at: Timestamp,
  actorId: Id.nullable(),
  actorName: Text,
  action: z.enum(['create', 'update', 'delete']),
  recordType: Text,
  recordId: Text,
  recordLabel: Text,
  changes: jsonText(Array.isArray, 'an array'),
});

/** A plan's wall-clock date and time, `YYYY-MM-DDTHH:MM:SS`. */
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'must be a local date and time YYYY-MM-DDTHH:MM:SS');
const Flag = z.union([z.literal(0), z.literal(1)]);
const Int = z.number().int();
const InProject = { id: Id, organisationId: Id, projectId: Id };

const SchedulePlanRow = z.strictObject({
  ...InProject,
  direction: z.enum(['forward', 'backward']),
  start: LocalDateTime,
  finish: LocalDateTime.nullable(),
  statusDate: LocalDateTime.nullable(),
  calendarId: Id.nullable(),
  criticalSlackMinutes: Int,
  honorConstraints: Flag,
  minutesPerDay: Int.min(1),
  computedStart: LocalDateTime.nullable(),
  computedFinish: LocalDateTime.nullable(),
  warnings: jsonText(Array.isArray, 'an array'),
  revision: Int,
  ...Versioned,
});

const ScheduleCalendarRow = z.strictObject({
  ...InProject,
  name: Text,
  baseId: Id.nullable(),
  definition: jsonText((v) => isObject(v) && Array.isArray((v as { week?: unknown }).week), 'an object with a week'),
  ...Versioned,
});

const ScheduleTaskRow = z.strictObject({
  ...InProject,
  uid: Int,
  position: Int.min(0),
  parentId: Id.nullable(),
  name: Text,
  notes: Text,
  durationMinutes: Int.min(0),
  elapsed: Flag,
  milestone: Flag,
  calendarId: Id.nullable(),
  constraintType: z.enum(CONSTRAINT_TYPES),
  constraintDate: LocalDateTime.nullable(),
  deadline: LocalDateTime.nullable(),
  actualStart: LocalDateTime.nullable(),
  actualFinish: LocalDateTime.nullable(),
  percentComplete: z.number().min(0).max(100),
  remainingMinutes: Int.nullable(),
  manual: Flag,
  manualStart: LocalDateTime.nullable(),
  manualFinish: LocalDateTime.nullable(),
  inactive: Flag,
  priority: Int,
  levelingDelayMinutes: Int.min(0),
  fixedCost: Int,
  start: LocalDateTime.nullable(),
  finish: LocalDateTime.nullable(),
  earlyStart: LocalDateTime.nullable(),
  earlyFinish: LocalDateTime.nullable(),
  lateStart: LocalDateTime.nullable(),
  lateFinish: LocalDateTime.nullable(),
  totalSlackMinutes: Int.nullable(),
  freeSlackMinutes: Int.nullable(),
  critical: Flag,
  drivingPredecessorId: Id.nullable(),
  ...Versioned,
});

const ScheduleLinkRow = z.strictObject({
  ...InProject,
  predecessorId: Id,
  successorId: Id,
  type: z.enum(LINK_TYPES),
  lagMinutes: Int,
  lagPercent: z.number().nullable(),
  lagElapsed: Flag,
  ...Versioned,
});

const ScheduleResourceRow = z.strictObject({
  ...InProject,
  uid: Int,
  name: Text,
  kind: z.enum(['work', 'material', 'cost']),
  maxUnits: z.number().min(0),
  calendarId: Id.nullable(),
  standardRate: Int.min(0),
  // Version 4: the role a resource stands for (absent before).
  roleId: Id.nullable().default(null),
  ...Versioned,
});

const ScheduleAssignmentRow = z.strictObject({
  ...InProject,
  taskId: Id,
  resourceId: Id,
  units: z.number().min(0),
  workMinutes: Int.min(0),
  ...Versioned,
});

const ScheduleBaselineRow = z.strictObject({
  ...InProject,
  number: Int.min(0).max(10),
  name: Text,
  savedBy: Text,
  projectStart: LocalDateTime.nullable(),
  projectFinish: LocalDateTime.nullable(),
  tasks: jsonText(Array.isArray, 'an array'),
  ...Versioned,
});

const InScope = { id: Id, organisationId: Id, scopeType: z.enum(['portfolio', 'programme', 'project']), scopeId: Id, number: Int.min(1) };
const Level = Int.min(1).max(10);
const DateOrNull = CalendarDate.nullable();
const Escalated = { escalated: Flag };

const RaidMatrixRow = z.strictObject({
  organisationId: Id,
  definition: jsonText((v) => isObject(v) && matrixIssues(v as RiskMatrix).length === 0, 'a sound risk matrix'),
  ...Versioned,
});
const RaidRiskRow = z.strictObject({
  ...InScope,
  kind: z.enum(RISK_KINDS),
  title: Text,
  cause: Text,
  event: Text,
  effect: Text,
  category: Text.nullable(),
  ownerId: Id.nullable(),
  probability: Level,
  impact: Level,
  residualProbability: Level.nullable(),
  residualImpact: Level.nullable(),
  proximity: DateOrNull,
  responseStrategy: z.enum(RESPONSE_STRATEGIES).nullable(),
  response: Text,
  status: z.enum(RISK_STATUSES),
  ...Escalated,
  quantification: jsonText(isObject, 'an object').nullable(),
  issueId: Id.nullable(),
  reviewedOn: CalendarDate,
  ...Versioned,
});
const RaidRiskReviewRow = z.strictObject({
  id: Id,
  organisationId: Id,
  riskId: Id,
  at: Timestamp,
  actorName: Text,
  probability: Level,
  impact: Level,
  residualProbability: Level.nullable(),
  residualImpact: Level.nullable(),
  status: z.enum(RISK_STATUSES),
  note: Text,
});
const RaidIssueRow = z.strictObject({
  ...InScope,
  title: Text,
  description: Text,
  category: Text.nullable(),
  ownerId: Id.nullable(),
  priority: z.enum(ISSUE_PRIORITIES),
  severity: Level,
  status: z.enum(ISSUE_STATUSES),
  due: DateOrNull,
  resolution: Text,
  riskId: Id.nullable(),
  ...Escalated,
  ...Versioned,
});
const RaidActionRow = z.strictObject({
  id: Id,
  organisationId: Id,
  itemType: z.enum(['risk', 'issue']),
  itemId: Id,
  title: Text,
  ownerId: Id.nullable(),
  due: DateOrNull,
  doneOn: DateOrNull,
  ...Versioned,
});
const LogHead = { ...InScope, title: Text, description: Text, ownerId: Id.nullable(), due: DateOrNull, ...Escalated, ...Versioned };
const RaidAssumptionRow = z.strictObject({ ...LogHead, status: z.enum(ASSUMPTION_STATUSES), validatorId: Id.nullable(), outcome: Text });
const RaidDependencyRow = z.strictObject({
  ...LogHead,
  status: z.enum(DEPENDENCY_STATUSES),
  direction: z.enum(DEPENDENCY_DIRECTIONS),
  otherProjectId: Id.nullable(),
  ownTaskId: Id.nullable(),
  otherTaskId: Id.nullable(),
});
const RaidDecisionRow = z.strictObject({
  ...LogHead,
  status: z.enum(DECISION_STATUSES),
  options: jsonText(Array.isArray, 'an array'),
  decision: Text,
  rationale: Text,
  decidedBy: Text,
  decidedOn: DateOrNull,
  links: jsonText(Array.isArray, 'an array'),
});

const ChangePolicyRow = z.strictObject({
  organisationId: Id,
  definition: jsonText((v) => isObject(v) && policyIssues(v as ChangePolicy).length === 0, 'a sound change policy'),
  ...Versioned,
});
const ChangeRequestRow = z.strictObject({
  id: Id,
  organisationId: Id,
  projectId: Id,
  number: Int.min(1),
  title: Text,
  description: Text,
  reason: Text,
  requestedBy: Id,
  status: z.enum(CHANGE_STATUSES),
  costImpact: Int,
  scheduleImpactDays: z.number(),
  taskChanges: jsonText(Array.isArray, 'an array'),
  scopeImpact: Text,
  benefitsImpact: Text,
  riskImpact: Text,
  links: jsonText(Array.isArray, 'an array'),
  authority: z.enum(AUTHORITY_LEVELS).nullable(),
  authorityReason: Text.nullable(),
  budgetBefore: Int.nullable(),
  budgetAfter: Int.nullable(),
  baselineNumber: Int.min(0).max(10).nullable(),
  decisionId: Id.nullable(),
  ...Versioned,
});
const ChangeRequestStepRow = z.strictObject({
  id: Id,
  organisationId: Id,
  changeRequestId: Id,
  step: z.enum(CHANGE_STEPS),
  fromStatus: z.enum(CHANGE_STATUSES),
  toStatus: z.enum(CHANGE_STATUSES),
  actorId: Id.nullable(),
  actorName: Text,
  note: Text,
  at: Timestamp,
});
const RiskSimulationRow = z.strictObject({
  id: Id,
  organisationId: Id,
  projectId: Id,
  startedById: Id.nullable(),
  startedByName: Text,
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progressDone: Int.min(0),
  progressTotal: Int.min(0),
  options: jsonText(isObject, 'an object'),
  model: jsonText(isObject, 'an object'),
  context: jsonText(isObject, 'an object'),
  planRevision: Int,
  result: jsonText(isObject, 'an object').nullable(),
  samples: Text.nullable(),
  error: Text.nullable(),
  runner: Text.nullable(),
  heartbeatAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  ...Versioned,
});
const ScoringModelRow = z.strictObject({
  id: Id,
  organisationId: Id,
  portfolioId: Id,
  name: Text,
  description: Text,
  definition: jsonText((v) => isObject(v) && Array.isArray((v as ScoringModelDefinition).criteria) && Array.isArray((v as ScoringModelDefinition).pairwise) && validateModel(v as ScoringModelDefinition).length === 0, 'a sound scoring model'),
  ...Versioned,
});
const ProjectScoreRow = z.strictObject({
  id: Id,
  organisationId: Id,
  modelId: Id,
  projectId: Id,
  values: jsonText((v) => isObject(v) && Object.values(v as object).every((x) => typeof x === 'number' && Number.isFinite(x)), 'an object of numbers'),
  note: Text,
  ...Versioned,
});
const MonthText = z.string().refine(isMonth, 'must be a month written YYYY-MM');
const CapacityRoleRow = z.strictObject({
  id: Id,
  organisationId: Id,
  code: Text,
  name: Text,
  description: Text,
  hoursPerFteMonth: z.number().positive(),
  fteSteps: jsonText((v) => Array.isArray(v) && v.every((x) => isObject(x) && isMonth(String((x as { from: unknown }).from)) && typeof (x as { fte: unknown }).fte === 'number'), 'an array of {from: YYYY-MM, fte}'),
  ...Versioned,
});
const CapacityPersonRow = z.strictObject({
  id: Id,
  organisationId: Id,
  roleId: Id,
  userId: Id.nullable(),
  name: Text,
  fte: z.number().min(0),
  nonProjectShare: z.number().min(0).max(1),
  fromMonth: MonthText.nullable(),
  toMonth: MonthText.nullable(),
  absences: jsonText((v) => Array.isArray(v) && v.every((x) => isObject(x) && isCalendarDate(String((x as { from: unknown }).from)) && isCalendarDate(String((x as { to: unknown }).to))), 'an array of {from, to} dates'),
  ...Versioned,
});
const ProjectDemandRow = z.strictObject({
  id: Id,
  organisationId: Id,
  projectId: Id,
  roleId: Id,
  hours: jsonText((v) => isObject(v) && Object.entries(v as object).every(([k, x]) => isMonth(k) && typeof x === 'number' && x >= 0), 'an object of hours by month'),
  note: Text,
  ...Versioned,
});
const PortfolioScenarioRow = z.strictObject({
  id: Id,
  organisationId: Id,
  portfolioId: Id,
  name: Text,
  description: Text,
  settings: jsonText((v) => isObject(v) && typeof (v as { modelId: unknown }).modelId === 'string', 'scenario settings'),
  status: z.enum(['draft', 'published', 'superseded']),
  result: jsonText(isObject, 'an object').nullable(),
  runAt: Timestamp.nullable(),
  runBy: Text.nullable(),
  publishedAt: Timestamp.nullable(),
  publishedBy: Text.nullable(),
  decisionId: Id.nullable(),
  ...Versioned,
});

// Each row schema must name exactly the columns of its table: a new column fails to compile
// here until the export format learns it.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const columnsMatch: [
  SameKeys<z.infer<typeof OrganisationRow>, OrganisationTable>,
  SameKeys<z.infer<typeof UserRow>, UserTable>,
  SameKeys<z.infer<typeof MembershipRow>, MembershipTable>,
  SameKeys<z.infer<typeof PortfolioRow>, PortfolioTable>,
  SameKeys<z.infer<typeof ProgrammeRow>, ProgrammeTable>,
  SameKeys<z.infer<typeof ProjectRow>, ProjectTable>,
  SameKeys<z.infer<typeof ObjectiveRow>, ObjectiveTable>,
  SameKeys<z.infer<typeof ContributionRow>, ContributionTable>,
  SameKeys<z.infer<typeof ApiTokenRow>, ApiTokenTable>,
  SameKeys<z.infer<typeof AuditEventRow>, AuditEventTable>,
  SameKeys<z.infer<typeof SchedulePlanRow>, SchedulePlanTable>,
  SameKeys<z.infer<typeof ScheduleCalendarRow>, ScheduleCalendarTable>,
  SameKeys<z.infer<typeof ScheduleTaskRow>, ScheduleTaskTable>,
  SameKeys<z.infer<typeof ScheduleLinkRow>, ScheduleLinkTable>,
  SameKeys<z.infer<typeof ScheduleResourceRow>, ScheduleResourceTable>,
  SameKeys<z.infer<typeof ScheduleAssignmentRow>, ScheduleAssignmentTable>,
  SameKeys<z.infer<typeof ScheduleBaselineRow>, ScheduleBaselineTable>,
  SameKeys<z.infer<typeof RaidMatrixRow>, RaidMatrixTable>,
  SameKeys<z.infer<typeof RaidRiskRow>, RaidRiskTable>,
  SameKeys<z.infer<typeof RaidRiskReviewRow>, RaidRiskReviewTable>,
  SameKeys<z.infer<typeof RaidIssueRow>, RaidIssueTable>,
  SameKeys<z.infer<typeof RaidActionRow>, RaidActionTable>,
  SameKeys<z.infer<typeof ChangePolicyRow>, ChangePolicyTable>,
  SameKeys<z.infer<typeof ChangeRequestRow>, ChangeRequestTable>,
  SameKeys<z.infer<typeof ChangeRequestStepRow>, ChangeRequestStepTable>,
  SameKeys<z.infer<typeof RiskSimulationRow>, RiskSimulationTable>,
  SameKeys<z.infer<typeof RaidAssumptionRow>, RaidAssumptionTable>,
  SameKeys<z.infer<typeof RaidDependencyRow>, RaidDependencyTable>,
  SameKeys<z.infer<typeof RaidDecisionRow>, RaidDecisionTable>,
  SameKeys<z.infer<typeof ScoringModelRow>, ScoringModelTable>,
  SameKeys<z.infer<typeof ProjectScoreRow>, ProjectScoreTable>,
  SameKeys<z.infer<typeof CapacityRoleRow>, CapacityRoleTable>,
  SameKeys<z.infer<typeof CapacityPersonRow>, CapacityPersonTable>,
  SameKeys<z.infer<typeof ProjectDemandRow>, ProjectDemandTable>,
  SameKeys<z.infer<typeof PortfolioScenarioRow>, PortfolioScenarioTable>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void columnsMatch;

export const OrganisationDocumentSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  exportedAt: Timestamp,
  organisation: OrganisationRow,
  users: z.array(UserRow),
  memberships: z.array(MembershipRow),
  portfolios: z.array(PortfolioRow),
  programmes: z.array(ProgrammeRow),
  projects: z.array(ProjectRow),
  objectives: z.array(ObjectiveRow),
  contributions: z.array(ContributionRow),
  apiTokens: z.array(ApiTokenRow),
  auditEvents: z.array(AuditEventRow),
  // Version 2: the projects' plans (absent from version 1 documents).
  schedulePlans: z.array(SchedulePlanRow).default([]),
  scheduleCalendars: z.array(ScheduleCalendarRow).default([]),
  scheduleTasks: z.array(ScheduleTaskRow).default([]),
  scheduleLinks: z.array(ScheduleLinkRow).default([]),
  scheduleResources: z.array(ScheduleResourceRow).default([]),
  scheduleAssignments: z.array(ScheduleAssignmentRow).default([]),
  scheduleBaselines: z.array(ScheduleBaselineRow).default([]),
  // Version 3: the RAID registers.
  raidMatrices: z.array(RaidMatrixRow).max(1, 'must hold at most one matrix').default([]),
  raidRisks: z.array(RaidRiskRow).default([]),
  raidRiskReviews: z.array(RaidRiskReviewRow).default([]),
  raidIssues: z.array(RaidIssueRow).default([]),
  raidActions: z.array(RaidActionRow).default([]),
  raidAssumptions: z.array(RaidAssumptionRow).default([]),
  raidDependencies: z.array(RaidDependencyRow).default([]),
  raidDecisions: z.array(RaidDecisionRow).default([]),
  changePolicies: z.array(ChangePolicyRow).max(1, 'must hold at most one policy').default([]),
  changeRequests: z.array(ChangeRequestRow).default([]),
  changeRequestSteps: z.array(ChangeRequestStepRow).default([]),
  riskSimulations: z.array(RiskSimulationRow).default([]),
  // Version 4: portfolio scoring.
  scoringModels: z.array(ScoringModelRow).default([]),
  projectScores: z.array(ProjectScoreRow).default([]),
  capacityRoles: z.array(CapacityRoleRow).default([]),
  capacityPeople: z.array(CapacityPersonRow).default([]),
  projectDemands: z.array(ProjectDemandRow).default([]),
  portfolioScenarios: z.array(PortfolioScenarioRow).default([]),
});

/** An organisation export, rows typed exactly as the store's tables. */
export type OrganisationDocument = {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1 | 2 | 3 | 4;
  exportedAt: string;
  organisation: OrganisationTable;
  users: UserTable[];
  memberships: MembershipTable[];
  portfolios: PortfolioTable[];
  programmes: ProgrammeTable[];
  projects: ProjectTable[];
  objectives: ObjectiveTable[];
  contributions: ContributionTable[];
  apiTokens: ApiTokenTable[];
  auditEvents: AuditEventTable[];
  schedulePlans: SchedulePlanTable[];
  scheduleCalendars: ScheduleCalendarTable[];
  scheduleTasks: ScheduleTaskTable[];
  scheduleLinks: ScheduleLinkTable[];
  scheduleResources: ScheduleResourceTable[];
  scheduleAssignments: ScheduleAssignmentTable[];
  scheduleBaselines: ScheduleBaselineTable[];
  raidMatrices: RaidMatrixTable[];
  raidRisks: RaidRiskTable[];
  raidRiskReviews: RaidRiskReviewTable[];
  raidIssues: RaidIssueTable[];
  raidActions: RaidActionTable[];
  raidAssumptions: RaidAssumptionTable[];
  raidDependencies: RaidDependencyTable[];
  raidDecisions: RaidDecisionTable[];
  changePolicies: ChangePolicyTable[];
  changeRequests: ChangeRequestTable[];
  changeRequestSteps: ChangeRequestStepTable[];
  riskSimulations: RiskSimulationTable[];
  scoringModels: ScoringModelTable[];
  projectScores: ProjectScoreTable[];
  capacityRoles: CapacityRoleTable[];
  capacityPeople: CapacityPersonTable[];
  projectDemands: ProjectDemandTable[];
  portfolioScenarios: PortfolioScenarioTable[];
};

/** The tables of a document that hold lists of rows, in the order they are inserted. */
export const ROW_TABLES = [
  'users',
  'memberships',
  'portfolios',
  'programmes',
  'projects',
  'objectives',
  'contributions',
  'apiTokens',
  'auditEvents',
  'scheduleCalendars',
  'schedulePlans',
  'scheduleTasks',
  'scheduleLinks',
  'scheduleResources',
  'scheduleAssignments',
  'scheduleBaselines',
  'raidMatrices',
  'raidRisks',
  'raidRiskReviews',
  'raidIssues',
  'raidActions',
  'raidAssumptions',
  'raidDependencies',
  'raidDecisions',
  'changePolicies',
  'changeRequests',
  'changeRequestSteps',
  'riskSimulations',
  'scoringModels',
  'projectScores',
  'capacityRoles',
  'capacityPeople',
  'projectDemands',
  'portfolioScenarios',
] as const;
/**
 * The tables of versions 3 and 4: RAID registers, change control, simulation runs and portfolio
 * scoring, with the store table each goes to, in insertion order (a risk before the issue it
 * became, a request before its steps, a model before its scores).
 */
export const REGISTER_TABLES = [
  ['raidMatrices', 'raidMatrix'],
  ['raidRisks', 'raidRisk'],
  ['raidRiskReviews', 'raidRiskReview'],
  ['raidIssues', 'raidIssue'],
  ['raidActions', 'raidAction'],
  ['raidAssumptions', 'raidAssumption'],
  ['raidDependencies', 'raidDependency'],
  ['raidDecisions', 'raidDecision'],
  ['changePolicies', 'changePolicy'],
  ['changeRequests', 'changeRequest'],
  ['changeRequestSteps', 'changeRequestStep'],
  ['riskSimulations', 'riskSimulation'],
  ['scoringModels', 'scoringModel'],
  ['projectScores', 'projectScore'],
  ['capacityRoles', 'capacityRole'],
  ['capacityPeople', 'capacityPerson'],
  ['projectDemands', 'projectDemand'],
  ['portfolioScenarios', 'portfolioScenario'],
] as const;
/** The tables with one row per organisation and no id of their own. */
export const PER_ORGANISATION = ['raidMatrices', 'changePolicies'] as const;
type Keyless = (typeof PER_ORGANISATION)[number];
/** The schedule tables, with the store table each goes to. */
export const SCHEDULE_TABLES = [
  ['scheduleCalendars', 'scheduleCalendar'],
  ['schedulePlans', 'schedulePlan'],
  ['scheduleTasks', 'scheduleTask'],
  ['scheduleLinks', 'scheduleLink'],
  ['scheduleResources', 'scheduleResource'],
  ['scheduleAssignments', 'scheduleAssignment'],
  ['scheduleBaselines', 'scheduleBaseline'],
] as const;
export type RowTable = (typeof ROW_TABLES)[number];

const MAX_LISTED = 5;

function refuse(issues: FieldIssue[]): never {
  const shown = issues.slice(0, MAX_LISTED);
  const error = invalid(shown);
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more problems)` : '';
  throw new PharosError('validation-failed', `the export document is not valid: ${error.message}${more}`, { issues });
}

/**
 * Checks a parsed JSON value is a complete, self-consistent organisation export: the right
 * format and version, every field of the right type, every reference pointing at a row of
 * the document, no duplicate ids, codes or emails, and no cycles in the trees. Throws a
 * `validation-failed` PharosError naming each bad field by its path.
 */
export function validateDocument(value: unknown): OrganisationDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse([{ field: '(document)', reason: 'must be a JSON object' }]);
  const head = value as Record<string, unknown>;
  if (head.format !== EXPORT_FORMAT) refuse([{ field: 'format', reason: `must be "${EXPORT_FORMAT}": this is not a Pharos organisation export` }]);
  if (!READABLE_VERSIONS.includes(head.formatVersion as number)) {
    refuse([{ field: 'formatVersion', reason: `is ${JSON.stringify(head.formatVersion)}, but this Pharos reads versions ${READABLE_VERSIONS.slice(0, -1).join(', ')} and ${READABLE_VERSIONS.at(-1)}` }]);
  }
  const parsed = OrganisationDocumentSchema.safeParse(value);
  if (!parsed.success) {
    refuse(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(document)', reason: i.message })));
  }
  const doc = parsed.data as unknown as OrganisationDocument;
  const issues = referenceIssues(doc);
  if (issues.length > 0) refuse(issues);
  return doc;
}

function referenceIssues(doc: OrganisationDocument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const orgId = doc.organisation.id;
  const idSet = (table: Exclude<RowTable, Keyless>): Set<string> => {
    const seen = new Set<string>();
    doc[table].forEach((row, i) => {
      if (seen.has(row.id)) issues.push({ field: `${table}.${i}.id`, reason: `repeats id ${row.id}` });
      seen.add(row.id);
    });
    return seen;
  };
  const users = idSet('users');
  const portfolios = idSet('portfolios');
  const programmes = idSet('programmes');
  const projects = idSet('projects');
  const objectives = idSet('objectives');
  for (const table of ['memberships', 'contributions', 'apiTokens', 'auditEvents', 'schedulePlans', 'scheduleLinks', 'scheduleAssignments', 'scheduleBaselines'] as const) idSet(table);
  const calendars = idSet('scheduleCalendars');
  const tasks = idSet('scheduleTasks');
  const resources = idSet('scheduleResources');

  const unique = (table: RowTable, key: (row: never) => string, what: string) => {
    const seen = new Set<string>();
    (doc[table] as never[]).forEach((row, i) => {
      const k = key(row);
      if (seen.has(k)) issues.push({ field: `${table}.${i}`, reason: `repeats ${what} ${k}` });
      seen.add(k);
    });
  };
  unique('users', (u: UserTable) => u.email, 'email');
  for (const table of ['portfolios', 'programmes', 'projects', 'objectives'] as const) unique(table, (r: { code: string }) => r.code, 'code');
  unique('contributions', (c: ContributionTable) => `${c.projectId} → ${c.objectiveId}`, 'contribution');
  unique('memberships', (m: MembershipTable) => `${m.userId} ${m.role} ${m.scopeType} ${m.scopeId}`, 'grant');

  const ref = (ok: boolean, field: string, reason: string) => {
    if (!ok) issues.push({ field, reason });
  };
  const sameOrg = (table: RowTable, rows: readonly { organisationId: string | null }[]) =>
    rows.forEach((r, i) => ref(r.organisationId === orgId, `${table}.${i}.organisationId`, `must be the organisation's id ${orgId}`));
  sameOrg('memberships', doc.memberships);
  sameOrg('portfolios', doc.portfolios);
  sameOrg('programmes', doc.programmes);
  sameOrg('projects', doc.projects);
  sameOrg('objectives', doc.objectives);
  sameOrg('contributions', doc.contributions);
  sameOrg('auditEvents', doc.auditEvents);

  const user = (id: string | null, field: string) => ref(id === null || users.has(id), field, 'is not a user of the document');
  doc.memberships.forEach((m, i) => {
    user(m.userId, `memberships.${i}.userId`);
    const scopes = { organisation: new Set<string>([orgId]), portfolio: portfolios, programme: programmes, project: projects };
    ref(scopes[m.scopeType].has(m.scopeId), `memberships.${i}.scopeId`, `is not a ${m.scopeType} of the document`);
  });
  doc.portfolios.forEach((p, i) => user(p.managerId, `portfolios.${i}.managerId`));
  const programmePortfolio = new Map(doc.programmes.map((p) => [p.id as string, p.portfolioId as string]));
  doc.programmes.forEach((p, i) => {
    ref(portfolios.has(p.portfolioId), `programmes.${i}.portfolioId`, 'is not a portfolio of the document');
    if (p.parentId !== null) ref(programmePortfolio.get(p.parentId) === p.portfolioId, `programmes.${i}.parentId`, 'is not a programme of the same portfolio');
    user(p.managerId, `programmes.${i}.managerId`);
  });
  doc.projects.forEach((p, i) => {
    ref(portfolios.has(p.portfolioId), `projects.${i}.portfolioId`, 'is not a portfolio of the document');
    if (p.programmeId !== null) ref(programmePortfolio.get(p.programmeId) === p.portfolioId, `projects.${i}.programmeId`, "is not a programme of the project's portfolio");
    user(p.sponsorId, `projects.${i}.sponsorId`);
    user(p.managerId, `projects.${i}.managerId`);
  });
  doc.objectives.forEach((o, i) => ref(o.parentId === null || objectives.has(o.parentId), `objectives.${i}.parentId`, 'is not an objective of the document'));
  doc.contributions.forEach((c, i) => {
    ref(projects.has(c.projectId), `contributions.${i}.projectId`, 'is not a project of the document');
    ref(objectives.has(c.objectiveId), `contributions.${i}.objectiveId`, 'is not an objective of the document');
  });
  doc.apiTokens.forEach((t, i) => user(t.userId, `apiTokens.${i}.userId`));

  // Plans: every row in a project of the document, and every reference within the plan's rows.
  const projectOf = new Map<string, string>();
  for (const [key] of SCHEDULE_TABLES) {
    sameOrg(key, doc[key]);
    doc[key].forEach((r, i) => {
      ref(projects.has(r.projectId), `${key}.${i}.projectId`, 'is not a project of the document');
      projectOf.set(r.id, r.projectId);
    });
  }
  const inPlan = (set: Set<string>, id: string | null, projectId: string, field: string, what: string) =>
    ref(id === null || (set.has(id) && projectOf.get(id) === projectId), field, `is not a ${what} of the same plan`);
  unique('schedulePlans', (p: SchedulePlanTable) => p.projectId, 'plan of project');
  doc.schedulePlans.forEach((p, i) => inPlan(calendars, p.calendarId, p.projectId, `schedulePlans.${i}.calendarId`, 'calendar'));
  doc.scheduleCalendars.forEach((c, i) => inPlan(calendars, c.baseId, c.projectId, `scheduleCalendars.${i}.baseId`, 'calendar'));
  doc.scheduleTasks.forEach((t, i) => {
    inPlan(tasks, t.parentId, t.projectId, `scheduleTasks.${i}.parentId`, 'task');
    inPlan(calendars, t.calendarId, t.projectId, `scheduleTasks.${i}.calendarId`, 'calendar');
  });
  doc.scheduleLinks.forEach((l, i) => {
    inPlan(tasks, l.predecessorId, l.projectId, `scheduleLinks.${i}.predecessorId`, 'task');
    inPlan(tasks, l.successorId, l.projectId, `scheduleLinks.${i}.successorId`, 'task');
  });
  doc.scheduleResources.forEach((r, i) => inPlan(calendars, r.calendarId, r.projectId, `scheduleResources.${i}.calendarId`, 'calendar'));
  doc.scheduleAssignments.forEach((a, i) => {
    inPlan(tasks, a.taskId, a.projectId, `scheduleAssignments.${i}.taskId`, 'task');
    inPlan(resources, a.resourceId, a.projectId, `scheduleAssignments.${i}.resourceId`, 'resource');
  });

  // RAID: every item in a scope of the document, people and links between items pointing inside it.
  doc.raidMatrices.forEach((m, i) => ref(m.organisationId === orgId, `raidMatrices.${i}.organisationId`, `must be the organisation's id ${orgId}`));
  const raidScopes = { portfolio: portfolios, programme: programmes, project: projects };
  const risks = idSet('raidRisks');
  const raidIssues = idSet('raidIssues');
  for (const table of ['raidRiskReviews', 'raidActions', 'raidAssumptions', 'raidDependencies', 'raidDecisions'] as const) idSet(table);
  for (const key of ['raidRisks', 'raidIssues', 'raidAssumptions', 'raidDependencies', 'raidDecisions'] as const) {
    sameOrg(key, doc[key]);
    doc[key].forEach((r, i) => {
      ref(raidScopes[r.scopeType].has(r.scopeId), `${key}.${i}.scopeId`, `is not a ${r.scopeType} of the document`);
      user(r.ownerId, `${key}.${i}.ownerId`);
    });
    unique(key, (r: { number: number }) => String(r.number), 'number');
  }
  doc.raidRisks.forEach((r, i) => ref(r.issueId === null || raidIssues.has(r.issueId), `raidRisks.${i}.issueId`, 'is not an issue of the document'));
  doc.raidIssues.forEach((r, i) => ref(r.riskId === null || risks.has(r.riskId), `raidIssues.${i}.riskId`, 'is not a risk of the document'));
  sameOrg('raidRiskReviews', doc.raidRiskReviews);
  doc.raidRiskReviews.forEach((r, i) => ref(risks.has(r.riskId), `raidRiskReviews.${i}.riskId`, 'is not a risk of the document'));
  sameOrg('raidActions', doc.raidActions);
  doc.raidActions.forEach((a, i) => {
    ref((a.itemType === 'risk' ? risks : raidIssues).has(a.itemId), `raidActions.${i}.itemId`, `is not a${a.itemType === 'risk' ? ' risk' : 'n issue'} of the document`);
    user(a.ownerId, `raidActions.${i}.ownerId`);
  });
  doc.raidAssumptions.forEach((a, i) => user(a.validatorId, `raidAssumptions.${i}.validatorId`));
  doc.raidDependencies.forEach((d, i) => ref(d.otherProjectId === null || projects.has(d.otherProjectId), `raidDependencies.${i}.otherProjectId`, 'is not a project of the document'));

  // Change control and simulation runs: in a project of the document, by people of it.
  doc.changePolicies.forEach((m, i) => ref(m.organisationId === orgId, `changePolicies.${i}.organisationId`, `must be the organisation's id ${orgId}`));
  const requests = idSet('changeRequests');
  idSet('changeRequestSteps');
  idSet('riskSimulations');
  const decisions = new Set(doc.raidDecisions.map((d) => d.id as string));
  sameOrg('changeRequests', doc.changeRequests);
  unique('changeRequests', (r: { number: number }) => String(r.number), 'number');
  doc.changeRequests.forEach((r, i) => {
    ref(projects.has(r.projectId), `changeRequests.${i}.projectId`, 'is not a project of the document');
    ref(users.has(r.requestedBy), `changeRequests.${i}.requestedBy`, 'is not a user of the document');
    ref(r.decisionId === null || decisions.has(r.decisionId), `changeRequests.${i}.decisionId`, 'is not a decision of the document');
  });
  sameOrg('changeRequestSteps', doc.changeRequestSteps);
  doc.changeRequestSteps.forEach((s, i) => {
    ref(requests.has(s.changeRequestId), `changeRequestSteps.${i}.changeRequestId`, 'is not a change request of the document');
    user(s.actorId, `changeRequestSteps.${i}.actorId`);
  });
  sameOrg('riskSimulations', doc.riskSimulations);
  doc.riskSimulations.forEach((r, i) => {
    ref(projects.has(r.projectId), `riskSimulations.${i}.projectId`, 'is not a project of the document');
    user(r.startedById, `riskSimulations.${i}.startedById`);
  });

  // Portfolio scoring: models of a portfolio of the document, scores of its projects on them.
  const models = idSet('scoringModels');
  idSet('projectScores');
  sameOrg('scoringModels', doc.scoringModels);
  doc.scoringModels.forEach((m, i) => ref(portfolios.has(m.portfolioId), `scoringModels.${i}.portfolioId`, 'is not a portfolio of the document'));
  sameOrg('projectScores', doc.projectScores);
  unique('projectScores', (s: { modelId: string; projectId: string }) => `${s.modelId}/${s.projectId}`, 'model and project');
  const modelPortfolio = new Map(doc.scoringModels.map((m) => [m.id as string, m.portfolioId as string] as const));
  const projectPortfolio = new Map(doc.projects.map((p) => [p.id as string, p.portfolioId as string] as const));
  doc.projectScores.forEach((s, i) => {
    ref(models.has(s.modelId), `projectScores.${i}.modelId`, 'is not a scoring model of the document');
    ref(projects.has(s.projectId), `projectScores.${i}.projectId`, 'is not a project of the document');
    ref(!modelPortfolio.has(s.modelId) || !projectPortfolio.has(s.projectId) || modelPortfolio.get(s.modelId) === projectPortfolio.get(s.projectId), `projectScores.${i}.projectId`, "is not in the scoring model's portfolio");
  });

  // Capacity: people and demand in roles of the document, demand of its projects.
  const roles = idSet('capacityRoles');
  idSet('capacityPeople');
  idSet('projectDemands');
  sameOrg('capacityRoles', doc.capacityRoles);
  unique('capacityRoles', (r: { code: string }) => r.code, 'code');
  sameOrg('capacityPeople', doc.capacityPeople);
  doc.capacityPeople.forEach((p, i) => {
    ref(roles.has(p.roleId), `capacityPeople.${i}.roleId`, 'is not a role of the document');
    user(p.userId, `capacityPeople.${i}.userId`);
  });
  sameOrg('projectDemands', doc.projectDemands);
  unique('projectDemands', (d: { projectId: string; roleId: string }) => `${d.projectId}/${d.roleId}`, 'project and role');
  doc.projectDemands.forEach((d, i) => {
    ref(projects.has(d.projectId), `projectDemands.${i}.projectId`, 'is not a project of the document');
    ref(roles.has(d.roleId), `projectDemands.${i}.roleId`, 'is not a role of the document');
  });
  doc.scheduleResources.forEach((r, i) => ref(r.roleId === null || roles.has(r.roleId), `scheduleResources.${i}.roleId`, 'is not a role of the document'));
  idSet('portfolioScenarios');
  sameOrg('portfolioScenarios', doc.portfolioScenarios);
  doc.portfolioScenarios.forEach((sc, i) => {
    ref(portfolios.has(sc.portfolioId), `portfolioScenarios.${i}.portfolioId`, 'is not a portfolio of the document');
    ref(sc.decisionId === null || decisions.has(sc.decisionId), `portfolioScenarios.${i}.decisionId`, 'is not a decision of the document');
    ref(models.has((JSON.parse(sc.settings) as { modelId: string }).modelId), `portfolioScenarios.${i}.settings`, 'names a scoring model that is not in the document');
  });

  if (issues.length === 0) {
    for (const table of ['programmes', 'objectives', 'scheduleTasks', 'scheduleCalendars'] as const) {
      const rows = (table === 'scheduleCalendars' ? doc.scheduleCalendars.map((c) => ({ id: c.id, parentId: c.baseId })) : doc[table]) as readonly { id: string; parentId: string | null }[];
      const reached = new Set(treeOrder(rows));
      rows.forEach((r, i) => ref(reached.has(r.id), `${table}.${i}.parentId`, 'makes a cycle in the tree'));
    }
  }
  return issues;
}

/** The rows of a tree table with every parent before its children, so inserts never point forward. */
export function parentsFirst<T extends { id: string; parentId: string | null }>(rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  return treeOrder(rows).map((id) => byId.get(id) as T);
}
