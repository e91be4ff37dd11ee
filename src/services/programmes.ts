import type { OrganisationId, PortfolioId, ProgrammeId } from '../domain/ids.js';
import { deleteRaidOf } from './raid-risks.js';
import { PharosError, invalid } from '../domain/errors.js';
import { wouldCreateCycle } from '../domain/structure/hierarchy.js';
import type { Programme, ProgrammeCreate, ProgrammeListQuery, ProgrammePatch } from '../api/schemas/programme.schema.js';
import type { ProgrammeTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, organisationIdsOf, pathOfPortfolio, pathOfProgramme, visibility } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import { assertCodeFree, assertUserInOrganisation } from './references.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

export const programmeFromRow = (row: ProgrammeTable): Programme => ({ ...row });

async function loadRow(db: Db, id: ProgrammeId): Promise<ProgrammeTable | undefined> {
  return db.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORTS: Record<string, SortColumn> = {
  name: { column: 'programme.name', text: true },
  code: { column: 'programme.code', text: true },
  updatedAt: { column: 'programme.updatedAt', text: true },
};

export async function listProgrammes(ctx: ServiceContext, query: ProgrammeListQuery): Promise<{ items: Programme[]; nextCursor: string | null }> {
  let orgId = query.organisationId as OrganisationId | undefined;
  if (query.portfolioId) {
    const path = await pathOfPortfolio(ctx.db, query.portfolioId as PortfolioId);
    authorize(ctx, 'read', path, 'portfolio');
    orgId = path[0]?.id as OrganisationId;
  }
  orgId ??= organisationIdsOf(ctx)[0];
  if (!orgId) return { items: [], nextCursor: null };
  let q = ctx.db.selectFrom('programme').selectAll('programme').where('programme.organisationId', '=', orgId);
  const vis = await visibility(ctx, orgId);
  if (!vis.all) {
    const ids = [...vis.programmeIds, ...vis.ancestorProgrammeIds];
    q = q.where((eb) =>
      eb.or([
        eb('programme.portfolioId', 'in', vis.portfolioIds.length ? vis.portfolioIds : ['' as PortfolioId]),
        eb('programme.id', 'in', ids.length ? ids : ['' as ProgrammeId]),
      ]),
    );
  }
  if (query.portfolioId) q = q.where('programme.portfolioId', '=', query.portfolioId as PortfolioId);
  if (query.parentId) q = q.where('programme.parentId', '=', query.parentId as ProgrammeId);
  if (query.q) {
    q = q.where(containsText(['programme.name', 'programme.code'], query.q));
  }
  const sort = parseSort(query.sort);
  const sortColumn = SORTS[sort.key] as SortColumn;
  const rows = await seek(q, { table: 'programme', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute();
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => r[sort.key as 'name'] });
  return { items: page.rows.map(programmeFromRow), nextCursor: page.nextCursor };
}

export async function getProgramme(ctx: ServiceContext, id: ProgrammeId): Promise<Programme> {
  authorize(ctx, 'read', await pathOfProgramme(ctx.db, id), 'programme');
  return programmeFromRow((await loadRow(ctx.db, id)) as ProgrammeTable);
}

/** A programme's parent must be a programme of the same portfolio, and never itself or its descendant. */
async function checkParent(db: Db, portfolioId: PortfolioId, id: ProgrammeId | null, parentId: ProgrammeId | null): Promise<void> {
  if (parentId === null) return;
  const siblings = await db.selectFrom('programme').select(['id', 'parentId', 'code', 'portfolioId']).where('portfolioId', '=', portfolioId).execute();
  const parent = siblings.find((s) => s.id === parentId);
  if (!parent) throw invalid([{ field: 'parentId', reason: 'is not a programme of the same portfolio' }]);
  if (id === null) return;
  const loop = wouldCreateCycle(new Map(siblings.map((s) => [s.id, s.parentId] as const)), id, parentId);
  if (loop.length > 0) {
    const codes = loop.map((l) => siblings.find((s) => s.id === l)?.code ?? l);
    throw new PharosError('cycle', `parentId: programme ${codes[0]} cannot move under ${parent.code}: it would sit inside itself (${[...codes, codes[0]].join(' → ')})`, {
      issues: [{ field: 'parentId', reason: 'would put the programme inside itself' }],
      extensions: { cycle: codes },
    });
  }
}

export async function createProgramme(ctx: ServiceContext, input: ProgrammeCreate): Promise<Programme> {
  const portfolioId = input.portfolioId as PortfolioId;
  const parentId = input.parentId as ProgrammeId | null;
  const target = parentId ? await pathOfProgramme(ctx.db, parentId) : await pathOfPortfolio(ctx.db, portfolioId);
  authorize(ctx, 'programme:create', target, parentId ? 'programme' : 'portfolio');
  return ctx.db.transaction().execute(async (trx) => {
    const portfolio = await trx.selectFrom('portfolio').select(['organisationId']).where('id', '=', portfolioId).executeTakeFirst();
    if (!portfolio) throw invalid([{ field: 'portfolioId', reason: 'is not a portfolio' }]);
    await checkParent(trx, portfolioId, null, parentId);
    await assertCodeFree(trx, 'programme', portfolio.organisationId, input.code);
    if (input.managerId) await assertUserInOrganisation(trx, portfolio.organisationId, input.managerId, 'managerId');
    const now = nowIso(ctx);
    const row: ProgrammeTable = {
      id: newId<ProgrammeId>(),
      organisationId: portfolio.organisationId,
      portfolioId,
      parentId,
      code: input.code,
      name: input.name,
      description: input.description,
      managerId: input.managerId as ProgrammeTable['managerId'],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('programme').values(row).execute();
    const after = programmeFromRow(row);
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'programme', recordId: row.id, recordLabel: row.name, before: null, after });
    return after;
  });
}

export async function updateProgramme(ctx: ServiceContext, id: ProgrammeId, patch: ProgrammePatch): Promise<Programme> {
  authorize(ctx, 'programme:update', await pathOfProgramme(ctx.db, id), 'programme');
  if (patch.parentId) authorize(ctx, 'programme:create', await pathOfProgramme(ctx.db, patch.parentId as ProgrammeId), 'programme');
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as ProgrammeTable;
    const before = programmeFromRow(row);
    assertVersion('the programme', row.version, patch.version, before);
    if (patch.parentId !== undefined) await checkParent(trx, row.portfolioId, id, patch.parentId as ProgrammeId | null);
    if (patch.code !== undefined && patch.code !== row.code) await assertCodeFree(trx, 'programme', row.organisationId, patch.code);
    if (patch.managerId) await assertUserInOrganisation(trx, row.organisationId, patch.managerId, 'managerId');
    const { version, ...rest } = patch;
    const res = await trx
      .updateTable('programme')
      .set({ ...(definedOnly(rest) as Partial<ProgrammeTable>), version: version + 1, updatedAt: nowIso(ctx) })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the programme');
    const after = programmeFromRow((await loadRow(trx, id)) as ProgrammeTable);
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'programme', recordId: id, recordLabel: after.name, before, after });
    return after;
  });
}

export async function deleteProgramme(ctx: ServiceContext, id: ProgrammeId, expectedVersion: number): Promise<void> {
  authorize(ctx, 'programme:delete', await pathOfProgramme(ctx.db, id), 'programme');
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as ProgrammeTable;
    const before = programmeFromRow(row);
    assertVersion('the programme', row.version, expectedVersion, before);
    const children = await trx.selectFrom('programme').select('code').where('parentId', '=', id).orderBy('code').execute();
    const projects = await trx.selectFrom('project').select('code').where('programmeId', '=', id).orderBy('code').execute();
    if (children.length || projects.length) {
      const parts: string[] = [];
      if (children.length) parts.push(`sub-programmes ${children.map((c) => c.code).join(', ')}`);
      if (projects.length) parts.push(`${projects.length} project${projects.length === 1 ? '' : 's'} (${projects.slice(0, 5).map((p) => p.code).join(', ')}${projects.length > 5 ? ', …' : ''})`);
      throw new PharosError('blocked-by-dependents', `programme ${row.code} still holds ${parts.join(' and ')}; move or delete them first`, {
        extensions: { blockedBy: { programmes: children.map((c) => c.code), projects: projects.map((p) => p.code) } },
      });
    }
    await trx.deleteFrom('membership').where('scopeType', '=', 'programme').where('scopeId', '=', id).execute();
    await deleteRaidOf(trx, ctx, row.organisationId, id);
    await trx.deleteFrom('programme').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'programme', recordId: id, recordLabel: row.name, before, after: null });
  });
}
