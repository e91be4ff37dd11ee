import { sql } from 'kysely';
import { deleteRaidOf } from './raid-risks.js';
import { deleteScoringOf } from './portfolio-scoring.js';
import { deleteScenariosOf } from './portfolio-scenarios.js';
import type { OrganisationId, PortfolioId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import { effectivePmoMode, STAGES, STATES, type PmoMode } from '../domain/structure/index.js';
import type {
  Portfolio,
  PortfolioCreate,
  PortfolioListQuery,
  PortfolioPatch,
  PortfolioSummary,
} from '../api/schemas/portfolio.schema.js';
import type { PortfolioTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, organisationIdsOf, organisationPath, pathOfPortfolio, projectVisibleCondition, visibility, type Visibility } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';
import { assertUserInOrganisation, assertCodeFree } from './references.js';
import { unalignedCondition } from './contribution-count.js';

type Row = PortfolioTable & { organisationMode: PmoMode };

export function portfolioFromRow(row: Row): Portfolio {
  const { organisationMode, ...rest } = row;
  return { ...rest, effectivePmoMode: effectivePmoMode(organisationMode, row.pmoMode) };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('portfolio')
    .innerJoin('organisation', 'organisation.id', 'portfolio.organisationId')
    .selectAll('portfolio')
    .select('organisation.pmoMode as organisationMode');
}

async function loadRow(db: Db, id: PortfolioId): Promise<Row | undefined> {
  return baseQuery(db).where('portfolio.id', '=', id).executeTakeFirst();
}

const SORTS: Record<string, SortColumn> = {
  name: { column: 'portfolio.name', text: true },
  code: { column: 'portfolio.code', text: true },
  updatedAt: { column: 'portfolio.updatedAt', text: true },
};

export async function listPortfolios(ctx: ServiceContext, query: PortfolioListQuery): Promise<{ items: Portfolio[]; nextCursor: string | null }> {
  const orgIds = query.organisationId ? [query.organisationId as OrganisationId] : organisationIdsOf(ctx);
  if (orgIds.length === 0) return { items: [], nextCursor: null };
  let q = baseQuery(ctx.db).where('portfolio.organisationId', 'in', orgIds);
  if (orgIds.length === 1) {
    const vis = await visibility(ctx, orgIds[0] as string);
    if (!vis.all) {
      const ids = [...vis.portfolioIds, ...vis.ancestorPortfolioIds];
      if (ids.length === 0) return { items: [], nextCursor: null };
      q = q.where('portfolio.id', 'in', ids);
    }
  } else if (!ctx.actor.system) {
    const visible: PortfolioId[] = [];
    for (const org of orgIds) {
      const vis = await visibility(ctx, org);
      if (vis.all) {
        const rows = await ctx.db.selectFrom('portfolio').select('id').where('organisationId', '=', org).execute();
        visible.push(...rows.map((r) => r.id));
      } else visible.push(...vis.portfolioIds, ...vis.ancestorPortfolioIds);
    }
    if (visible.length === 0) return { items: [], nextCursor: null };
    q = q.where('portfolio.id', 'in', visible);
  }
  if (query.q) {
    q = q.where(containsText(['portfolio.name', 'portfolio.code'], query.q));
  }
  const sort = parseSort(query.sort);
  const sortColumn = SORTS[sort.key] as SortColumn;
  const rows = await seek(q, { table: 'portfolio', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute();
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => r[sort.key as 'name'] });
  return { items: page.rows.map(portfolioFromRow), nextCursor: page.nextCursor };
}

export async function getPortfolio(ctx: ServiceContext, id: PortfolioId): Promise<Portfolio> {
  authorize(ctx, 'read', await pathOfPortfolio(ctx.db, id), 'portfolio');
  return portfolioFromRow((await loadRow(ctx.db, id)) as Row);
}

export async function createPortfolio(ctx: ServiceContext, input: PortfolioCreate): Promise<Portfolio> {
  const orgId = input.organisationId as OrganisationId;
  authorize(ctx, 'portfolio:create', organisationPath(orgId), 'organisation');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisation').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new PharosError('not-found', 'no organisation with that id');
    await assertCodeFree(trx, 'portfolio', orgId, input.code);
    if (input.managerId) await assertUserInOrganisation(trx, orgId, input.managerId, 'managerId');
    const now = nowIso(ctx);
    const id = newId<PortfolioId>();
    await trx
      .insertInto('portfolio')
      .values({ id, organisationId: orgId, code: input.code, name: input.name, description: input.description, managerId: input.managerId as PortfolioTable['managerId'], pmoMode: input.pmoMode, version: 1, createdAt: now, updatedAt: now })
      .execute();
    const after = portfolioFromRow((await loadRow(trx, id)) as Row);
    await appendAudit(trx, ctx, { organisationId: orgId, recordType: 'portfolio', recordId: id, recordLabel: after.name, before: null, after });
    return after;
  });
}

export async function updatePortfolio(ctx: ServiceContext, id: PortfolioId, patch: PortfolioPatch): Promise<Portfolio> {
  authorize(ctx, 'portfolio:update', await pathOfPortfolio(ctx.db, id), 'portfolio');
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as Row;
    const before = portfolioFromRow(row);
    assertVersion('the portfolio', row.version, patch.version, before);
    if (patch.code !== undefined && patch.code !== row.code) await assertCodeFree(trx, 'portfolio', row.organisationId, patch.code);
    if (patch.managerId) await assertUserInOrganisation(trx, row.organisationId, patch.managerId, 'managerId');
    const { version, ...rest } = patch;
    const res = await trx
      .updateTable('portfolio')
      .set({ ...(definedOnly(rest) as Partial<PortfolioTable>), version: version + 1, updatedAt: nowIso(ctx) })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the portfolio');
    const after = portfolioFromRow((await loadRow(trx, id)) as Row);
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'portfolio', recordId: id, recordLabel: after.name, before, after });
    return after;
  });
}

/** Deletes an empty portfolio. One that still holds programmes or projects answers 409 naming them. */
export async function deletePortfolio(ctx: ServiceContext, id: PortfolioId, expectedVersion: number): Promise<void> {
  authorize(ctx, 'portfolio:delete', await pathOfPortfolio(ctx.db, id), 'portfolio');
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as Row;
    const before = portfolioFromRow(row);
    assertVersion('the portfolio', row.version, expectedVersion, before);
    const programmes = await trx.selectFrom('programme').select(['code', 'name']).where('portfolioId', '=', id).orderBy('code').execute();
    const projects = await trx.selectFrom('project').select(['code', 'name']).where('portfolioId', '=', id).orderBy('code').execute();
    if (programmes.length > 0 || projects.length > 0) {
      const parts: string[] = [];
      const list = (rows: { code: string }[]) => rows.slice(0, 5).map((r) => r.code).join(', ') + (rows.length > 5 ? `, and ${rows.length - 5} more` : '');
      if (programmes.length) parts.push(`${programmes.length} programme${programmes.length === 1 ? '' : 's'} (${list(programmes)})`);
      if (projects.length) parts.push(`${projects.length} project${projects.length === 1 ? '' : 's'} (${list(projects)})`);
      throw new PharosError('blocked-by-dependents', `portfolio ${row.code} still holds ${parts.join(' and ')}; move or delete them first`, {
        extensions: { blockedBy: { programmes: programmes.map((p) => p.code), projects: projects.map((p) => p.code) } },
      });
    }
    await trx.deleteFrom('membership').where('scopeType', '=', 'portfolio').where('scopeId', '=', id).execute();
    await deleteRaidOf(trx, ctx, row.organisationId, id);
    await deleteScenariosOf(trx, ctx, row.organisationId, id);
    await deleteScoringOf(trx, ctx, row.organisationId, id);
    await trx.deleteFrom('portfolio').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'portfolio', recordId: id, recordLabel: row.name, before, after: null });
  });
}

/** Counts by stage and state, unaligned projects, and total budget of one portfolio. */
export async function portfolioSummary(ctx: ServiceContext, id: PortfolioId): Promise<PortfolioSummary> {
  const path = await pathOfPortfolio(ctx.db, id);
  authorize(ctx, 'read', path, 'portfolio');
  const [summary] = await summarise(ctx, await visibility(ctx, path[0]?.id as string), [id]);
  return summary as PortfolioSummary;
}

/**
 * The summaries of every portfolio of an organisation the actor can see, in one pass: the
 * same grouped queries as a single summary, so a dashboard costs three queries, not one per
 * portfolio.
 */
export async function portfolioSummaries(ctx: ServiceContext, organisationId: OrganisationId): Promise<PortfolioSummary[]> {
  authorize(ctx, 'read', organisationPath(organisationId), 'organisation');
  const vis = await visibility(ctx, organisationId);
  let ids: PortfolioId[];
  if (vis.all) {
    ids = (await ctx.db.selectFrom('portfolio').select('id').where('organisationId', '=', organisationId).execute()).map((r) => r.id);
  } else {
    ids = [...new Set([...vis.portfolioIds, ...vis.ancestorPortfolioIds])];
  }
  return summarise(ctx, vis, ids);
}

/** Unaligned projects listed per portfolio (the count is always exact). */
const UNALIGNED_LISTED = 200;

async function summarise(ctx: ServiceContext, vis: Visibility, portfolioIds: readonly PortfolioId[]): Promise<PortfolioSummary[]> {
  if (portfolioIds.length === 0) return [];
  const visible = projectVisibleCondition(vis);
  let q = ctx.db
    .selectFrom('project')
    .select((eb) => [
      'project.portfolioId',
      'project.stage',
      'project.state',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('project.budget').as('budget'),
      eb.fn.sum<number>(eb.case().when(unalignedCondition).then(1).else(0).end()).as('unaligned'),
    ])
    .where('project.portfolioId', 'in', portfolioIds)
    .groupBy(['project.portfolioId', 'project.stage', 'project.state']);
  if (visible) q = q.where(visible);
  let uq = ctx.db
    .selectFrom('project')
    .select(['project.id', 'project.code', 'project.name', 'project.stage', 'project.portfolioId'])
    .where('project.portfolioId', 'in', portfolioIds)
    .where(unalignedCondition)
    .orderBy(ctx.dialect === 'postgres' ? sql`project.code collate "C"` : sql`project.code`);
  if (visible) uq = uq.where(visible);
  // One portfolio: stop at the listed maximum. Besides saving rows, the LIMIT keeps PostgreSQL
  // on a nested-loop anti-join instead of hashing every contribution (bench/RESULTS.md).
  if (portfolioIds.length === 1) uq = uq.limit(UNALIGNED_LISTED);
  const programmes = await ctx.db
    .selectFrom('programme')
    .select((eb) => ['programme.portfolioId', eb.fn.countAll<number>().as('n')])
    .where('programme.portfolioId', 'in', portfolioIds)
    .groupBy('programme.portfolioId')
    .execute();
  const [groups, unaligned] = [await q.execute(), await uq.execute()];
  const out = new Map<PortfolioId, PortfolioSummary>(
    portfolioIds.map((id) => [
      id,
      {
        portfolioId: id,
        projectCount: 0,
        programmeCount: Number(programmes.find((p) => p.portfolioId === id)?.n ?? 0),
        byStage: Object.fromEntries(STAGES.map((st) => [st, 0])) as PortfolioSummary['byStage'],
        byState: Object.fromEntries(STATES.map((st) => [st, 0])) as PortfolioSummary['byState'],
        unalignedCount: 0,
        totalBudget: 0,
        unaligned: [],
      },
    ]),
  );
  for (const g of groups) {
    const summary = out.get(g.portfolioId) as PortfolioSummary;
    const n = Number(g.n);
    summary.byStage[g.stage] += n;
    summary.byState[g.state] += n;
    summary.projectCount += n;
    summary.unalignedCount += Number(g.unaligned ?? 0);
    summary.totalBudget += Number(g.budget ?? 0);
  }
  for (const u of unaligned) {
    const list = (out.get(u.portfolioId) as PortfolioSummary).unaligned;
    if (list.length < UNALIGNED_LISTED) list.push({ id: u.id, code: u.code, name: u.name, stage: u.stage });
  }
  return [...out.values()];
}
