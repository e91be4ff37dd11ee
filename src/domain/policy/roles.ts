/** Roles a person can hold, each at a scope (organisation, portfolio, programme or project). */

export const ROLES = [
  'administrator',
  'pmo-director',
  'pmo-manager',
  'pmo-analyst',
  'pmo-coordinator',
  'portfolio-manager',
  'programme-manager',
  'project-manager',
  'resource-manager',
  'sponsor',
  'team-member',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  'pmo-director': 'PMO Director',
  'pmo-manager': 'PMO Manager',
  'pmo-analyst': 'PMO Analyst',
  'pmo-coordinator': 'PMO Co-ordinator',
  'portfolio-manager': 'Portfolio Manager',
  'programme-manager': 'Programme Manager',
  'project-manager': 'Project Manager',
  'resource-manager': 'Resource Manager',
  sponsor: 'Sponsor',
  'team-member': 'Team Member',
  viewer: 'Viewer',
};

export const SCOPE_TYPES = ['organisation', 'portfolio', 'programme', 'project'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];
