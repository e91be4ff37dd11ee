import { sql, type RawBuilder } from 'kysely';
import { deleteChangeRequestsOf } from './change-requests.js';
import { deleteRaidOf } from './raid-risks.js';
import type { Dialect } from '../store/database.js';
import type { OrganisationId, PortfolioId, ProgrammeId, ProjectId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import { STAGES, STATES, effectivePmoMode, isAligned, stageChangeBlock, type PmoMode } from '../domain/structure/index.js';
import type { Project, ProjectCreate, ProjectListQuery, ProjectPatch } from '../api/schemas/project.schema.js';
import type { ProjectTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { deletePlanOf } from './schedule-edits.js';
import { deleteSimulationsOf } from './simulations.js';
import { deleteScoresOf } from './portfolio-scoring.js';
import { deleteDemandOf } from './capacity.js';
import {
  authorize,
  organisationIdsOf,
  pathOfPortfolio,
  pathOfProgramme,
  pathOfProject,
  projectVisibleCondition,
  visibility,
} from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, jsonArrayHas, pageOf, parseSort, seek, sortExpression, type SortColumn } from './listing.js';
import { assertCodeFree, assertUserInOrganisation } from './references.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';
import { alignedCondition, contributionCount, unalignedCondition } from './contribution-count.js';

type Row = ProjectTable & { contributionCount: number };

/**
 * The API shape of a project row. Fields are listed one by one, in column order, rather than
 * spread from the row: a list maps 100 rows per request, and a fixed object literal is several
 * times cheaper to build (and to serialize) than a spread copy (bench/RESULTS.md).
 */
export function projectFromRow(row: Row): Project {
  const contributionCount = Number(row.contributionCount);
  return {
    id: row.id,
    organisationId: row.organisationId,
    portfolioId: row.portfolioId,
    programmeId: row.programmeId,
    code: row.code,
    name: row.name,
    description: row.description,
    sponsorId: row.sponsorId,
    managerId: row.managerId,
    stage: row.stage,
    state: row.state,
    plannedStart: row.plannedStart,
    plannedFinish: row.plannedFinish,
    budget: row.budget,
    tags: JSON.parse(row.tags) as string[],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    contributionCount,
    aligned: isAligned(contributionCount),
  };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('project')
    .selectAll('project')
    .select(contributionCount.as('contributionCount'));
}

async function loadRow(db: Db, id: ProjectId): Promise<Row | undefined> {
  return (await baseQuery(db).where('project.id', '=', id).executeTakeFirst()) as Row | undefined;
}

const DATE_BLANK = { asc: '9999-12-31', desc: '0000-00-00' };
/** Lifecycle order, not alphabetical: proposal first, closure last. */
const rank = (column: string, order: readonly string[]) =>
  sql`case ${sql.ref(column)} ${sql.join(order.map((v, i) => sql`when ${v} then ${i}`), sql` `)} end`;

const SORTS: Record<string, SortColumn> = {
  name: { column: 'project.name', text: true },
  code: { column: 'project.code', text: true },
  plannedStart: { column: 'project.plannedStart', text: true, nullAs: DATE_BLANK },
  plannedFinish: { column: 'project.plannedFinish', text: true, nullAs: DATE_BLANK },
  budget: { column: 'project.budget', text: false, nullAs: { asc: 1e16, desc: -1 } },
  stage: { column: 'project.stage', text: false, expression: rank('project.stage', STAGES) },
  state: { column: 'project.state', text: false, expression: rank('project.state', STATES) },
  updatedAt: { column: 'project.updatedAt', text: true },
};


/** Text that is already the JSON of a `T`: sent as the response body without parsing it again. */
export type JsonText<T> = string & { readonly __jsonOf: T };

/** SQL text for one JSON field; written as text so the whole object compiles once per dialect. */
type JsonField = (dialect: Dialect) => string;
/** `project.plannedStart` → `"project"."planned_start"` (what Kysely's CamelCasePlugin would emit). */
const ref = (name: string) => name.split('.').map((part) => `"${part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`).join('.');
const column = (name: string): JsonField => () => ref(name);

/**
 * Each field of the API's `Project` as SQL, in the order of {@link projectFromRow}. The type
 * makes the map exhaustive: a field added to the schema fails to compile until it is here.
 * It reads the page query's columns (alias `project`, with `contributionCount` counted there once).
 * The list test checks that this JSON equals `projectFromRow` for every project it lists.
 */
const PROJECT_JSON: { [K in keyof Project]-?: JsonField } = {
  id: column('project.id'),
  organisationId: column('project.organisationId'),
  portfolioId: column('project.portfolioId'),
  programmeId: column('project.programmeId'),
  code: column('project.code'),
  name: column('project.name'),
  description: column('project.description'),
  sponsorId: column('project.sponsorId'),
  managerId: column('project.managerId'),
  stage: column('project.stage'),
  state: column('project.state'),
  plannedStart: column('project.plannedStart'),
  plannedFinish: column('project.plannedFinish'),
  budget: column('project.budget'),
  tags: (d) => (d === 'postgres' ? `${ref('project.tags')}::json` : `json(${ref('project.tags')})`),
  version: column('project.version'),
  createdAt: column('project.createdAt'),
  updatedAt: column('project.updatedAt'),
  contributionCount: column('project.contributionCount'),
  aligned: (d) => (d === 'postgres' ? `${ref('project.contributionCount')} > 0` : `json(case when ${ref('project.contributionCount')} > 0 then 'true' else 'false' end)`),
};

const projectJsonText = new Map<Dialect, string>();

/** One project as JSON text, built by the database (SQLite `json_object`, PostgreSQL `json_build_object`). */
function projectJson(dialect: Dialect): RawBuilder<string> {
  let text = projectJsonText.get(dialect);
  if (text === undefined) {
    const args = Object.entries(PROJECT_JSON).map(([key, field]) => `'${key}', ${(field as JsonField)(dialect)}`);
    text = dialect === 'postgres' ? `json_build_object(${args.join(', ')})::text` : `json_object(${args.join(', ')})`;
    projectJsonText.set(dialect, text);
  }
  return sql.raw<string>(text);
}

/**
 * A page of projects, filtered and sorted, limited to what the actor may see, as the JSON of
 * `{ items: Project[], nextCursor }`. The database builds each item's JSON: for a list of 100
 * rows that is several times cheaper than materialising rows as objects, mapping them and
 * serialising them again (bench/RESULTS.md).
 */
export async function listProjects(ctx: ServiceContext, query: ProjectListQuery): Promise<JsonText<{ items: Project[]; nextCursor: string | null }>> {
  let orgId = query.organisationId as OrganisationId | undefined;
  if (query.programmeId) {
    const path = await pathOfProgramme(ctx.db, query.programmeId as ProgrammeId);
    authorize(ctx, 'read', path, 'programme');
    orgId = path[0]?.id as OrganisationId;
  } else if (query.portfolioId) {
    const path = await pathOfPortfolio(ctx.db, query.portfolioId as PortfolioId);
    authorize(ctx, 'read', path, 'portfolio');
    orgId = path[0]?.id as OrganisationId;
  }
  orgId ??= organisationIdsOf(ctx)[0];
  const sort = parseSort(query.sort);
  const sortColumn = SORTS[sort.key] as SortColumn;
  if (!orgId) return '{"items":[],"nextCursor":null}' as JsonText<{ items: Project[]; nextCursor: string | null }>;
  let q = ctx.db
    .selectFrom('project')
    .selectAll('project')
    .select(contributionCount.as('contributionCount'))
    .select(sortExpression(sortColumn, sort.desc, ctx.dialect).as('sortValue'));
  if (query.programmeId) q = q.where('project.programmeId', '=', query.programmeId as ProgrammeId);
  else if (query.portfolioId) q = q.where('project.portfolioId', '=', query.portfolioId as PortfolioId);
  else q = q.where('project.organisationId', '=', orgId);
  const visible = projectVisibleCondition(await visibility(ctx, orgId));
  if (visible) q = q.where(visible);
  if (query.stage) q = q.where('project.stage', '=', query.stage);
  if (query.state) q = q.where('project.state', '=', query.state);
  if (query.managerId) q = q.where('project.managerId', '=', query.managerId as never);
  if (query.aligned !== undefined) q = q.where(query.aligned ? alignedCondition : unalignedCondition);
  if (query.tag) q = q.where(jsonArrayHas('project.tags', query.tag));
  if (query.q) q = q.where(containsText(['project.name', 'project.code'], query.q));
  // Page first, then build JSON for just that page: PostgreSQL would otherwise build it for every
  // matching row before sorting. The outer query keeps the inner alias so the JSON's refs hold.
  const pageRows = seek(q, { table: 'project', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect });
  const dir = sort.desc ? sql`desc` : sql`asc`;
  const collate = sortColumn.text && ctx.dialect === 'postgres' ? sql` collate "C"` : sql``;
  const rows = await ctx.db
    .selectFrom(pageRows.as('project'))
    .select([projectJson(ctx.dialect).as('json'), 'project.id', 'project.sortValue'])
    .orderBy(sql`${sql.ref('project.sortValue')}${collate} ${dir}`)
    .orderBy(sql`${sql.ref('project.id')} ${dir}`)
    .execute();
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => r.sortValue });
  return `{"items":[${page.rows.map((r) => r.json).join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}` as JsonText<{ items: Project[]; nextCursor: string | null }>;
}

export async function getProject(ctx: ServiceContext, id: ProjectId): Promise<Project> {
  authorize(ctx, 'read', await pathOfProject(ctx.db, id), 'project');
  return projectFromRow((await loadRow(ctx.db, id)) as Row);
}

/** Resolves where a project goes: a programme (its portfolio follows) or straight in a portfolio. */
async function placement(db: Db, portfolioId: PortfolioId | undefined, programmeId: ProgrammeId | null): Promise<{ organisationId: OrganisationId; portfolioId: PortfolioId }> {
  if (programmeId) {
    const programme = await db.selectFrom('programme').select(['organisationId', 'portfolioId']).where('id', '=', programmeId).executeTakeFirst();
    if (!programme) throw invalid([{ field: 'programmeId', reason: 'is not a programme' }]);
    if (portfolioId && portfolioId !== programme.portfolioId) throw invalid([{ field: 'portfolioId', reason: "must be the programme's portfolio (or left out)" }]);
    return programme;
  }
  const portfolio = portfolioId ? await db.selectFrom('portfolio').select(['organisationId']).where('id', '=', portfolioId).executeTakeFirst() : undefined;
  if (!portfolio || !portfolioId) throw invalid([{ field: 'portfolioId', reason: 'is not a portfolio' }]);
  return { organisationId: portfolio.organisationId, portfolioId };
}

async function modeFor(db: Db, portfolioId: PortfolioId): Promise<PmoMode> {
  const row = await db
    .selectFrom('portfolio')
    .innerJoin('organisation', 'organisation.id', 'portfolio.organisationId')
    .select(['portfolio.pmoMode as own', 'organisation.pmoMode as org'])
    .where('portfolio.id', '=', portfolioId)
    .executeTakeFirstOrThrow();
  return effectivePmoMode(row.org, row.own);
}

function refuseUnalignedStage(mode: PmoMode, from: ProjectTable['stage'], to: ProjectTable['stage'], contributionCount: number): void {
  const reason = stageChangeBlock({ mode, from, to, contributionCount });
  if (reason) {
    throw new PharosError('unaligned-project', `stage: ${reason}. Add a contribution to a strategic objective first.`, {
      issues: [{ field: 'stage', reason }],
    });
  }
}

export async function createProject(ctx: ServiceContext, input: ProjectCreate): Promise<Project> {
  const programmeId = input.programmeId as ProgrammeId | null;
  const target = programmeId
    ? await pathOfProgramme(ctx.db, programmeId)
    : input.portfolioId
      ? await pathOfPortfolio(ctx.db, input.portfolioId as PortfolioId)
      : null;
  authorize(ctx, 'project:create', target, programmeId ? 'programme' : 'portfolio');
  return ctx.db.transaction().execute(async (trx) => {
    const where = await placement(trx, input.portfolioId as PortfolioId | undefined, programmeId);
    await assertCodeFree(trx, 'project', where.organisationId, input.code);
    for (const field of ['sponsorId', 'managerId'] as const) {
      const userId = input[field];
      if (userId) await assertUserInOrganisation(trx, where.organisationId, userId, field);
    }
    // A new project has no contributions yet, so it may only start past proposal where the mode allows.
    refuseUnalignedStage(await modeFor(trx, where.portfolioId), 'proposal', input.stage, 0);
    const now = nowIso(ctx);
    const id = newId<ProjectId>();
    await trx
      .insertInto('project')
      .values({
        id,
        organisationId: where.organisationId,
        portfolioId: where.portfolioId,
        programmeId,
        code: input.code,
        name: input.name,
        description: input.description,
        sponsorId: input.sponsorId as ProjectTable['sponsorId'],
        managerId: input.managerId as ProjectTable['managerId'],
        stage: input.stage,
        state: input.state,
        plannedStart: input.plannedStart,
        plannedFinish: input.plannedFinish,
        budget: input.budget,
        tags: JSON.stringify(input.tags),
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const after = projectFromRow((await loadRow(trx, id)) as Row);
    await appendAudit(trx, ctx, { organisationId: where.organisationId, recordType: 'project', recordId: id, recordLabel: after.name, before: null, after: withoutDerived(after) });
    return after;
  });
}

/** Fields computed from other records are not part of the project's own history. */
function withoutDerived(p: Project): Record<string, unknown> {
  const { contributionCount: _c, aligned: _a, ...own } = p;
  return own;
}

export async function updateProject(ctx: ServiceContext, id: ProjectId, patch: ProjectPatch): Promise<Project> {
  const path = await pathOfProject(ctx.db, id);
  authorize(ctx, 'read', path, 'project');
  const { version, stage, ...fields } = patch;
  const current = (await loadRow(ctx.db, id)) as Row;
  if (stage !== undefined && stage !== current.stage) authorize(ctx, 'project:change-stage', path, 'project');
  const changesOtherFields = Object.entries(fields).some(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(k === 'tags' ? JSON.parse(current.tags) : current[k as keyof Row]));
  if (changesOtherFields) authorize(ctx, 'project:update', path, 'project');
  const moving = (fields.programmeId !== undefined && fields.programmeId !== current.programmeId) || (fields.portfolioId !== undefined && fields.portfolioId !== current.portfolioId);
  if (moving) {
    const programmeId = fields.programmeId === undefined ? null : (fields.programmeId as ProgrammeId | null);
    const dest = programmeId ? await pathOfProgramme(ctx.db, programmeId) : await pathOfPortfolio(ctx.db, (fields.portfolioId ?? current.portfolioId) as PortfolioId);
    authorize(ctx, 'project:create', dest, programmeId ? 'programme' : 'portfolio');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as Row;
    const before = projectFromRow(row);
    assertVersion('the project', row.version, version, before);
    const set: Partial<ProjectTable> = { ...(definedOnly(fields) as Partial<ProjectTable>) };
    delete (set as { tags?: unknown }).tags;
    if (fields.tags !== undefined) set.tags = JSON.stringify(fields.tags);
    if (moving) {
      const programmeId = fields.programmeId === undefined ? null : (fields.programmeId as ProgrammeId | null);
      const where = await placement(trx, (fields.portfolioId ?? (programmeId ? undefined : row.portfolioId)) as PortfolioId | undefined, programmeId);
      if (where.organisationId !== row.organisationId) throw invalid([{ field: 'portfolioId', reason: 'must be in the same organisation' }]);
      set.portfolioId = where.portfolioId;
      set.programmeId = programmeId;
    }
    if (fields.code !== undefined && fields.code !== row.code) await assertCodeFree(trx, 'project', row.organisationId, fields.code);
    for (const field of ['sponsorId', 'managerId'] as const) {
      const userId = fields[field];
      if (userId) await assertUserInOrganisation(trx, row.organisationId, userId, field);
    }
    const start = fields.plannedStart !== undefined ? fields.plannedStart : row.plannedStart;
    const finish = fields.plannedFinish !== undefined ? fields.plannedFinish : row.plannedFinish;
    if (start && finish && finish < start) {
      throw invalid([{ field: fields.plannedFinish !== undefined ? 'plannedFinish' : 'plannedStart', reason: `plannedFinish (${finish}) must not be before plannedStart (${start})` }]);
    }
    if (stage !== undefined && stage !== row.stage) {
      refuseUnalignedStage(await modeFor(trx, (set.portfolioId ?? row.portfolioId) as PortfolioId), row.stage, stage, Number(row.contributionCount));
      set.stage = stage;
    }
    const res = await trx
      .updateTable('project')
      .set({ ...set, version: version + 1, updatedAt: nowIso(ctx) })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the project');
    const after = projectFromRow((await loadRow(trx, id)) as Row);
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'project', recordId: id, recordLabel: after.name, before: withoutDerived(before), after: withoutDerived(after) });
    return after;
  });
}

/** Deletes a project with its contributions and project-scoped memberships, all audited. */
export async function deleteProject(ctx: ServiceContext, id: ProjectId, expectedVersion: number): Promise<void> {
  authorize(ctx, 'project:delete', await pathOfProject(ctx.db, id), 'project');
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await loadRow(trx, id)) as Row;
    const before = projectFromRow(row);
    assertVersion('the project', row.version, expectedVersion, before);
    const contributions = await trx.selectFrom('contribution').selectAll().where('projectId', '=', id).execute();
    for (const c of contributions) {
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'contribution', recordId: c.id, recordLabel: `${row.code} → objective`, before: c, after: null });
    }
    await trx.deleteFrom('contribution').where('projectId', '=', id).execute();
    await trx.deleteFrom('membership').where('scopeType', '=', 'project').where('scopeId', '=', id).execute();
    await deleteSimulationsOf(trx, id);
    await deleteScoresOf(trx, ctx, row.organisationId, id);
    await deleteDemandOf(trx, ctx, row.organisationId, id);
    await deleteChangeRequestsOf(trx, ctx, row.organisationId, id);
    await deletePlanOf(trx, id);
    await deleteRaidOf(trx, ctx, row.organisationId, id);
    await trx.deleteFrom('project').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'project', recordId: id, recordLabel: row.name, before: withoutDerived(before), after: null });
  });
}
