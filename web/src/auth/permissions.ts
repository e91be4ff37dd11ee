import { can, type Action, type Grant, type ScopePath } from '../../../src/domain/policy/index.js';
import type { Membership, Tree, TreePortfolio } from '../api/types';

/**
 * What the signed-in person may do, worked out in the browser with the server's own policy
 * (`src/domain/policy`) so the page can show read-only fields before anyone tries. The
 * server still decides: a 403 turns the view read-only too.
 */

/** The grants from `memberships` that apply to `target`: each scope becomes a prefix of the target's path. */
export function grantsOn(memberships: readonly Membership[], target: ScopePath): Grant[] {
  const grants: Grant[] = [];
  for (const m of memberships) {
    const at = target.findIndex((seg) => seg.type === m.scopeType && seg.id === m.scopeId);
    if (at >= 0) grants.push({ role: m.role, scope: target.slice(0, at + 1) });
  }
  return grants;
}

export function allows(memberships: readonly Membership[], action: Action, target: ScopePath | null): boolean {
  if (!target) return false;
  return can(grantsOn(memberships, target), action, target);
}

/** The chain of programme ids from the outermost down to `programmeId`, using the tree's parent links. */
function programmeChain(portfolio: TreePortfolio | undefined, programmeId: string | null): string[] {
  if (!portfolio || !programmeId) return programmeId ? [programmeId] : [];
  const parentOf = new Map(portfolio.programmes.map((p) => [p.id, p.parentId] as const));
  const chain: string[] = [];
  let at: string | null | undefined = programmeId;
  while (at && !chain.includes(at)) {
    chain.unshift(at);
    at = parentOf.get(at);
  }
  return chain;
}

export function organisationPath(orgId: string): ScopePath {
  return [{ type: 'organisation', id: orgId }];
}

export function portfolioPath(orgId: string, portfolioId: string): ScopePath {
  return [...organisationPath(orgId), { type: 'portfolio', id: portfolioId }];
}

export function programmePath(tree: Tree | undefined, orgId: string, portfolioId: string, programmeId: string): ScopePath {
  const portfolio = tree?.portfolios.find((p) => p.id === portfolioId);
  return [...portfolioPath(orgId, portfolioId), ...programmeChain(portfolio, programmeId).map((id) => ({ type: 'programme' as const, id }))];
}

export function projectPath(
  tree: Tree | undefined,
  orgId: string,
  project: { id: string; portfolioId: string; programmeId: string | null },
): ScopePath {
  const base = project.programmeId ? programmePath(tree, orgId, project.portfolioId, project.programmeId) : portfolioPath(orgId, project.portfolioId);
  return [...base, { type: 'project', id: project.id }];
}
