import { ORGANISATION_ONLY, ROLE_ACTIONS, type Action } from './actions.js';
import type { Role } from './roles.js';
import { contains, type ScopePath } from './scope-path.js';

/** A role held by a person at a scope, the scope given as its full path. */
export type Grant = { role: Role; scope: ScopePath };

/**
 * Whether the grants allow `action` on the record at `target`.
 *
 * A grant applies when its scope contains the target (the same record or an ancestor);
 * it then allows the action if its role does. Organisation-only actions need a grant at
 * organisation scope.
 *
 * @example can([{ role: 'project-manager', scope: projectPath }], 'project:update', projectPath) // true
 */
export function can(grants: readonly Grant[], action: Action, target: ScopePath): boolean {
  for (const g of grants) {
    if (!contains(g.scope, target)) continue;
    if (ORGANISATION_ONLY.has(action) && g.scope.length !== 1) continue;
    if (ROLE_ACTIONS[g.role].includes(action)) return true;
  }
  return false;
}

/**
 * Whether a record is visible at all. Records inside a grant's scope are visible, and so are
 * the ancestors of that scope (a project member sees the name of the project's portfolio).
 * Anything else answers 404, so its existence does not leak.
 */
export function canSee(grants: readonly Grant[], target: ScopePath): boolean {
  return grants.some((g) => contains(g.scope, target) || contains(target, g.scope));
}

/** Whether the grants cover the whole organisation (the cheap path for list queries). */
export function seesWholeOrganisation(grants: readonly Grant[], organisationId: string): boolean {
  return grants.some((g) => g.scope.length === 1 && g.scope[0]?.id === organisationId);
}
