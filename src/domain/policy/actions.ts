import type { Role } from './roles.js';

/**
 * Everything a route can ask permission for. Each action is checked against a target: the
 * record it acts on, or for `*:create` the parent the new record goes into.
 */
export const ACTIONS = [
  'read',
  'audit:read',
  'organisation:update',
  'member:manage',
  'user:manage',
  'portfolio:create',
  'portfolio:update',
  'portfolio:delete',
  'programme:create',
  'programme:update',
  'programme:delete',
  'project:create',
  'project:update',
  'project:change-stage',
  'project:delete',
  'objective:manage',
  'contribution:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY: readonly Action[] = ACTIONS;
const READER: readonly Action[] = ['read'];
const ANALYST: readonly Action[] = ['read', 'audit:read'];

/** What each role may do inside the scopes where it is held. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  administrator: EVERY,
  'pmo-director': EVERY.filter((a) => a !== 'user:manage'),
  'pmo-manager': [
    ...ANALYST,
    'portfolio:create',
    'portfolio:update',
    'portfolio:delete',
    'programme:create',
    'programme:update',
    'programme:delete',
    'project:create',
    'project:update',
    'project:change-stage',
    'project:delete',
    'objective:manage',
    'contribution:manage',
  ],
  'pmo-analyst': ANALYST,
  'pmo-coordinator': [...ANALYST, 'project:update', 'contribution:manage'],
  'portfolio-manager': [
    ...ANALYST,
    'portfolio:update',
    'programme:create',
    'programme:update',
    'programme:delete',
    'project:create',
    'project:update',
    'project:change-stage',
    'project:delete',
    'contribution:manage',
  ],
  'programme-manager': [
    ...ANALYST,
    'programme:create',
    'programme:update',
    'project:create',
    'project:update',
    'project:change-stage',
    'contribution:manage',
  ],
  'project-manager': [...ANALYST, 'project:update', 'contribution:manage'],
  sponsor: [...ANALYST, 'project:change-stage'],
  'resource-manager': READER,
  'team-member': READER,
  viewer: READER,
};

/**
 * Actions that only make sense on the whole organisation: a grant below organisation scope
 * never allows them, whatever its role.
 */
export const ORGANISATION_ONLY: ReadonlySet<Action> = new Set<Action>([
  'organisation:update',
  'member:manage',
  'user:manage',
  'portfolio:create',
  'objective:manage',
]);
