export const ISSUE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IssuePriority = (typeof ISSUE_PRIORITIES)[number];

export const ISSUE_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const isOpenIssue = (status: IssueStatus): boolean => status === 'open' || status === 'in-progress';

/**
 * An issue is a risk that has happened: its severity is rated on the matrix's impact scale
 * and its probability is certain (the top level), so its score for escalation and the heat
 * map is severity × the number of probability levels.
 */
export const issueScore = (severity: number, probabilityLevels: number): number => severity * probabilityLevels;
