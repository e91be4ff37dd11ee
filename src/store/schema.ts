import type { Generated } from 'kysely';
import type {
  ApiTokenId,
  AuditEventId,
  ContributionId,
  MembershipId,
  ObjectiveId,
  OrganisationId,
  PortfolioId,
  ProgrammeId,
  ProjectId,
  UserId,
} from '../domain/ids.js';
import type { Role, ScopeType } from '../domain/policy/index.js';
import type { PmoMode, ProjectState, Stage } from '../domain/structure/index.js';

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
};
