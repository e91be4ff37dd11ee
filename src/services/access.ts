import { sql, type RawBuilder } from 'kysely';
import type { OrganisationId, PortfolioId, ProgrammeId, ProjectId, UserId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import { ancestorsOf } from '../domain/structure/hierarchy.js';
import { can, canSee, seesWholeOrganisation, type Action, type Grant, type ScopePath } from '../domain/policy/index.js';
import type { Db, ServiceContext } from './context.js';

/**
 * Where records sit in the P3 hierarchy, and whether the actor may see or change them.
 * Paths are resolved with one or two queries; programme chains are walked in memory.
 */

type ProgrammeLink = { id: ProgrammeId; parentId: ProgrammeId | null };

/** Programme ids from the outermost down to `programmeId`, using one portfolio's programmes. */
function programmeChain(programmes: readonly ProgrammeLink[], programmeId: ProgrammeId): ProgrammeId[] {
  const parentOf = new Map(programmes.map((p) => [p.id, p.parentId] as const));
  return [...ancestorsOf(parentOf, programmeId).reverse(), programmeId];
}

async function programmesOfPortfolios(db: Db, portfolioIds: readonly PortfolioId[]): Promise<Map<PortfolioId, ProgrammeLink[]>> {
  const out = new Map<PortfolioId, ProgrammeLink[]>();
  if (portfolioIds.length === 0) return out;
  const rows = await db
    .selectFrom('programme')
    .select(['id', 'parentId', 'portfolioId'])
    .where('portfolioId', 'in', [...new Set(portfolioIds)])
    .execute();
  for (const r of rows) {
    const list = out.get(r.portfolioId) ?? [];
    list.push(r);
    out.set(r.portfolioId, list);
  }
  return out;
}

function buildPath(
  organisationId: string,
  portfolioId: string | null,
  programmeIds: readonly string[],
  projectId: string | null,
): ScopePath {
  const path: { type: 'organisation' | 'portfolio' | 'programme' | 'project'; id: string }[] = [
    { type: 'organisation', id: organisationId },
  ];
  if (portfolioId) path.push({ type: 'portfolio', id: portfolioId });
  for (const id of programmeIds) path.push({ type: 'programme', id });
  if (projectId) path.push({ type: 'project', id: projectId });
  return path;
}

export async function pathOfPortfolio(db: Db, id: PortfolioId): Promise<ScopePath | null> {
  const row = await db.selectFrom('portfolio').select(['organisationId']).where('id', '=', id).executeTakeFirst();
  return row ? buildPath(row.organisationId, id, [], null) : null;
}

export async function pathOfProgramme(db: Db, id: ProgrammeId): Promise<ScopePath | null> {
  const row = await db.selectFrom('programme').select(['organisationId', 'portfolioId']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const programmes = (await programmesOfPortfolios(db, [row.portfolioId])).get(row.portfolioId) ?? [];
  return buildPath(row.organisationId, row.portfolioId, programmeChain(programmes, id), null);
}

export async function pathOfProject(db: Db, id: ProjectId): Promise<ScopePath | null> {
  const row = await db
    .selectFrom('project')
    .select(['organisationId', 'portfolioId', 'programmeId'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  let chain: ProgrammeId[] = [];
  if (row.programmeId) {
    const programmes = (await programmesOfPortfolios(db, [row.portfolioId])).get(row.portfolioId) ?? [];
    chain = programmeChain(programmes, row.programmeId);
  }
  return buildPath(row.organisationId, row.portfolioId, chain, id);
}

export const organisationPath = (id: string): ScopePath => [{ type: 'organisation', id }];

/**
 * The path of any record the audit trail can name. A record that no longer exists is placed at
 * its organisation, so reading a deleted record's history needs organisation-wide rights.
 */
export async function pathOf(db: Db, recordId: string): Promise<ScopePath | null> {
  const event = await db
    .selectFrom('auditEvent')
    .select(['recordType', 'organisationId'])
    .where('recordId', '=', recordId)
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
  if (!event) return null;
  let path: ScopePath | null = null;
  switch (event.recordType) {
    case 'portfolio':
      path = await pathOfPortfolio(db, recordId as PortfolioId);
      break;
    case 'programme':
      path = await pathOfProgramme(db, recordId as ProgrammeId);
      break;
    case 'project':
      path = await pathOfProject(db, recordId as ProjectId);
      break;
  }
  if (path) return path;
  return event.organisationId ? organisationPath(event.organisationId) : null;
}

/** Every role the user holds, each with the full path of its scope. */
export async function grantsForUser(db: Db, userId: UserId): Promise<Grant[]> {
  const memberships = await db
    .selectFrom('membership')
    .select(['organisationId', 'role', 'scopeType', 'scopeId'])
    .where('userId', '=', userId)
    .execute();
  if (memberships.length === 0) return [];
  const projectIds = memberships.filter((m) => m.scopeType === 'project').map((m) => m.scopeId as ProjectId);
  const programmeIds = memberships.filter((m) => m.scopeType === 'programme').map((m) => m.scopeId as ProgrammeId);
  const projects = projectIds.length
    ? await db.selectFrom('project').select(['id', 'portfolioId', 'programmeId']).where('id', 'in', projectIds).execute()
    : [];
  const programmeRows = programmeIds.length
    ? await db.selectFrom('programme').select(['id', 'portfolioId']).where('id', 'in', programmeIds).execute()
    : [];
  const portfoliosNeeded = [
    ...projects.filter((p) => p.programmeId).map((p) => p.portfolioId),
    ...programmeRows.map((p) => p.portfolioId),
  ];
  const programmes = await programmesOfPortfolios(db, portfoliosNeeded);
  const grants: Grant[] = [];
  for (const m of memberships) {
    let path: ScopePath | null = null;
    switch (m.scopeType) {
      case 'organisation':
        path = organisationPath(m.organisationId);
        break;
      case 'portfolio':
        path = buildPath(m.organisationId, m.scopeId, [], null);
        break;
      case 'programme': {
        const row = programmeRows.find((p) => p.id === m.scopeId);
        if (row) path = buildPath(m.organisationId, row.portfolioId, programmeChain(programmes.get(row.portfolioId) ?? [], row.id), null);
        break;
      }
      case 'project': {
        const row = projects.find((p) => p.id === m.scopeId);
        if (row) {
          const chain = row.programmeId ? programmeChain(programmes.get(row.portfolioId) ?? [], row.programmeId) : [];
          path = buildPath(m.organisationId, row.portfolioId, chain, row.id);
        }
        break;
      }
    }
    if (path) grants.push({ role: m.role, scope: path });
  }
  return grants;
}

/** Throws not-found unless the actor can see the record (so existence does not leak). */
export function requireVisible(ctx: ServiceContext, path: ScopePath | null, what = 'record'): asserts path is ScopePath {
  if (!path || (!ctx.actor.system && !canSee(ctx.actor.grants, path))) {
    throw new PharosError('not-found', `no ${what} with that id`);
  }
}

/** Throws not-found when the record is invisible to the actor, forbidden when visible but not allowed. */
export function authorize(ctx: ServiceContext, action: Action, path: ScopePath | null, what = 'record'): asserts path is ScopePath {
  requireVisible(ctx, path, what);
  if (ctx.actor.system || action === 'read') return;
  if (!can(ctx.actor.grants, action, path)) {
    throw new PharosError('forbidden', `your roles do not allow ${action} here`, { extensions: { action } });
  }
}

/** Organisations the actor belongs to, in grant order. */
export function organisationIdsOf(ctx: ServiceContext): OrganisationId[] {
  return [...new Set(ctx.actor.grants.map((g) => g.scope[0]?.id as OrganisationId))];
}

/** Checks the organisation exists and the actor may `action` it (404 when it does not exist or is not theirs). */
export async function authorizeOrganisation(ctx: ServiceContext, organisationId: string, action: Action): Promise<void> {
  const org = await ctx.db.selectFrom('organisation').select('id').where('id', '=', organisationId as never).executeTakeFirst();
  authorize(ctx, action, org ? organisationPath(organisationId) : null, 'organisation');
}

export function assertCanSeeOrganisation(ctx: ServiceContext, organisationId: string): void {
  requireVisible(ctx, organisationPath(organisationId), 'organisation');
}

/**
 * What part of an organisation the actor sees, for list queries. `all` means no filter;
 * otherwise the ids whose whole subtree is visible, and the ancestors visible by name only.
 */
export type Visibility =
  | { all: true }
  | {
      all: false;
      portfolioIds: PortfolioId[];
      programmeIds: ProgrammeId[];
      projectIds: ProjectId[];
      ancestorPortfolioIds: PortfolioId[];
      ancestorProgrammeIds: ProgrammeId[];
    };

export async function visibility(ctx: ServiceContext, organisationId: string): Promise<Visibility> {
  const grants = ctx.actor.grants;
  if (ctx.actor.system || seesWholeOrganisation(grants, organisationId)) return { all: true };
  const inOrg = grants.filter((g) => g.scope[0]?.id === organisationId);
  const portfolioIds = new Set<PortfolioId>();
  const grantProgrammes = new Set<ProgrammeId>();
  const projectIds = new Set<ProjectId>();
  const ancestorPortfolioIds = new Set<PortfolioId>();
  const ancestorProgrammeIds = new Set<ProgrammeId>();
  for (const g of inOrg) {
    const last = g.scope[g.scope.length - 1];
    if (!last) continue;
    if (g.scope[1]) ancestorPortfolioIds.add(g.scope[1].id as PortfolioId);
    for (const seg of g.scope) if (seg.type === 'programme') ancestorProgrammeIds.add(seg.id as ProgrammeId);
    if (last.type === 'portfolio') portfolioIds.add(last.id as PortfolioId);
    if (last.type === 'programme') grantProgrammes.add(last.id as ProgrammeId);
    if (last.type === 'project') projectIds.add(last.id as ProjectId);
  }
  // A programme grant covers its sub-programmes: expand with one query per portfolio set.
  const programmeIds = new Set<ProgrammeId>(grantProgrammes);
  if (grantProgrammes.size > 0) {
    const rows = await ctx.db
      .selectFrom('programme')
      .select(['id', 'parentId'])
      .where('organisationId', '=', organisationId as OrganisationId)
      .execute();
    const parentOf = new Map(rows.map((r) => [r.id, r.parentId] as const));
    for (const r of rows) {
      if (ancestorsOf(parentOf, r.id).some((a) => grantProgrammes.has(a))) programmeIds.add(r.id);
    }
  }
  return {
    all: false,
    portfolioIds: [...portfolioIds],
    programmeIds: [...programmeIds],
    projectIds: [...projectIds],
    ancestorPortfolioIds: [...ancestorPortfolioIds],
    ancestorProgrammeIds: [...ancestorProgrammeIds],
  };
}

/**
 * SQL condition that keeps only the projects the visibility covers (`null` when it covers all).
 * Used by every query over projects so the rule lives in one place.
 */
export function projectVisibleCondition(vis: Visibility): RawBuilder<boolean> | null {
  if (vis.all) return null;
  const parts: RawBuilder<unknown>[] = [];
  if (vis.portfolioIds.length) parts.push(sql`${sql.ref('project.portfolioId')} in (${sql.join(vis.portfolioIds)})`);
  if (vis.programmeIds.length) parts.push(sql`${sql.ref('project.programmeId')} in (${sql.join(vis.programmeIds)})`);
  if (vis.projectIds.length) parts.push(sql`${sql.ref('project.id')} in (${sql.join(vis.projectIds)})`);
  if (parts.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
