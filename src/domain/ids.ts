/** Branded identifiers: a `ProjectId` cannot be passed where a `PortfolioId` is wanted. */

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrganisationId = Brand<string, 'OrganisationId'>;
export type UserId = Brand<string, 'UserId'>;
export type MembershipId = Brand<string, 'MembershipId'>;
export type PortfolioId = Brand<string, 'PortfolioId'>;
export type ProgrammeId = Brand<string, 'ProgrammeId'>;
export type ProjectId = Brand<string, 'ProjectId'>;
export type ObjectiveId = Brand<string, 'ObjectiveId'>;
export type ContributionId = Brand<string, 'ContributionId'>;
export type AuditEventId = Brand<string, 'AuditEventId'>;
export type ApiTokenId = Brand<string, 'ApiTokenId'>;
export type SchedulePlanId = Brand<string, 'SchedulePlanId'>;
export type ScheduleCalendarId = Brand<string, 'ScheduleCalendarId'>;
export type ScheduleTaskId = Brand<string, 'ScheduleTaskId'>;
export type ScheduleLinkId = Brand<string, 'ScheduleLinkId'>;
export type ScheduleResourceId = Brand<string, 'ScheduleResourceId'>;
export type ScheduleAssignmentId = Brand<string, 'ScheduleAssignmentId'>;
export type ScheduleBaselineId = Brand<string, 'ScheduleBaselineId'>;
export type RiskId = Brand<string, 'RiskId'>;
export type IssueId = Brand<string, 'IssueId'>;
export type RaidActionId = Brand<string, 'RaidActionId'>;
export type RiskReviewId = Brand<string, 'RiskReviewId'>;
export type ChangeRequestId = Brand<string, 'ChangeRequestId'>;
export type ChangeStepId = Brand<string, 'ChangeStepId'>;
export type SimulationId = Brand<string, 'SimulationId'>;
export type ScoringModelId = Brand<string, 'ScoringModelId'>;
export type ProjectScoreId = Brand<string, 'ProjectScoreId'>;
export type CapacityRoleId = Brand<string, 'CapacityRoleId'>;
export type CapacityPersonId = Brand<string, 'CapacityPersonId'>;
export type ProjectDemandId = Brand<string, 'ProjectDemandId'>;
export type ScenarioId = Brand<string, 'ScenarioId'>;
