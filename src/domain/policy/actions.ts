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
  'raid:raise',
  'raid:manage',
  'risk-matrix:manage',
  'change:raise',
  'change:manage',
  'change:approve',
  'change-policy:manage',
  'scoring:manage',
  'scoring:score',
  'capacity:manage',
  'scenario:manage',
  'scenario:publish',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY: readonly Action[] = ACTIONS;
const READER: readonly Action[] = ['read'];
/** Raise risks and issues and add actions to them (anyone who works on the change may). */
const RAISE: readonly Action[] = ['raid:raise'];
/** Raise, and also rate, respond, close, escalate and delete them. */
const RAID: readonly Action[] = ['raid:raise', 'raid:manage'];
const ANALYST: readonly Action[] = ['read', 'audit:read'];
/** Raise a change request (and edit or withdraw one's own draft). */
const CHANGE_RAISE: readonly Action[] = ['change:raise'];
/** Raise, and also assess, edit anyone's draft and record implementation. */
const CHANGE: readonly Action[] = ['change:raise', 'change:manage'];
/** Decide on change requests up to the board the role sits on (where its grant is held). */
const APPROVE: readonly Action[] = ['change:approve'];
/** Define a portfolio's scoring models (criteria, scales, weights) and score its projects. */
const SCORING: readonly Action[] = ['scoring:manage', 'scoring:score'];
/** Build and run portfolio scenarios; publishing one as the plan of record changes projects' states. */
const SCENARIOS: readonly Action[] = ['scenario:manage', 'scenario:publish'];

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
    ...RAID,
    'risk-matrix:manage',
    ...CHANGE,
    'change-policy:manage',
    ...SCORING,
    'capacity:manage',
    ...SCENARIOS,
  ],
  'pmo-analyst': [...ANALYST, ...RAISE, ...CHANGE_RAISE, 'scenario:manage'],
  'pmo-coordinator': [...ANALYST, 'project:update', 'contribution:manage', ...RAID, ...CHANGE, 'scoring:score'],
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
    ...RAID,
    ...CHANGE,
    ...APPROVE,
    ...SCORING,
    ...SCENARIOS,
  ],
  'programme-manager': [
    ...ANALYST,
    'programme:create',
    'programme:update',
    'project:create',
    'project:update',
    'project:change-stage',
    'contribution:manage',
    ...RAID,
    ...CHANGE,
    ...APPROVE,
  ],
  'project-manager': [...ANALYST, 'project:update', 'contribution:manage', ...RAID, ...CHANGE],
  sponsor: [...ANALYST, 'project:change-stage', ...RAISE, ...CHANGE_RAISE, ...APPROVE],
  'resource-manager': [...READER, ...RAISE, ...CHANGE_RAISE, 'capacity:manage'],
  'team-member': [...READER, ...RAISE, ...CHANGE_RAISE],
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
  'risk-matrix:manage',
  'change-policy:manage',
  'capacity:manage',
]);
