import type { ContributionId, ObjectiveId, ProjectId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import type { Contribution, ContributionCreate, ContributionPatch } from '../api/schemas/objective.schema.js';
import type { ContributionTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, pathOfProject } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertVersion, lostRace } from './versioned.js';

type Row = ContributionTable & { objectiveCode: string; objectiveName: string };

const contributionFromRow = (row: Row): Contribution => ({ ...row });

function baseQuery(db: Db) {
  return db
    .selectFrom('contribution')
    .innerJoin('objective', 'objective.id', 'contribution.objectiveId')
    .selectAll('contribution')
    .select(['objective.code as objectiveCode', 'objective.name as objectiveName']);
}

/** Audit label: "PRJ-001 → OBJ-2". */
async function labelOf(db: Db, projectId: ProjectId, objectiveId: ObjectiveId): Promise<string> {
  const p = await db.selectFrom('project').select('code').where('id', '=', projectId).executeTakeFirst();
  const o = await db.selectFrom('objective').select('code').where('id', '=', objectiveId).executeTakeFirst();
  return `${p?.code ?? projectId} → ${o?.code ?? objectiveId}`;
}

export async function listContributions(ctx: ServiceContext, projectId: ProjectId): Promise<Contribution[]> {
  authorize(ctx, 'read', await pathOfProject(ctx.db, projectId), 'project');
  const rows = await baseQuery(ctx.db).where('contribution.projectId', '=', projectId).orderBy('objective.code').execute();
  return rows.map(contributionFromRow);
}

export async function createContribution(ctx: ServiceContext, projectId: ProjectId, input: ContributionCreate): Promise<Contribution> {
  authorize(ctx, 'contribution:manage', await pathOfProject(ctx.db, projectId), 'project');
  return ctx.db.transaction().execute(async (trx) => {
    const project = await trx.selectFrom('project').select(['organisationId']).where('id', '=', projectId).executeTakeFirstOrThrow();
    const objective = await trx.selectFrom('objective').select(['organisationId', 'code']).where('id', '=', input.objectiveId as ObjectiveId).executeTakeFirst();
    if (!objective || objective.organisationId !== project.organisationId) {
      throw invalid([{ field: 'objectiveId', reason: "is not an objective of the project's organisation" }]);
    }
    const clash = await trx.selectFrom('contribution').select('id').where('projectId', '=', projectId).where('objectiveId', '=', input.objectiveId as ObjectiveId).executeTakeFirst();
    if (clash) {
      throw new PharosError('duplicate', `objectiveId: the project already contributes to ${objective.code}`, { issues: [{ field: 'objectiveId', reason: 'already has a contribution from this project' }] });
    }
    const now = nowIso(ctx);
    const row: ContributionTable = {
      id: newId<ContributionId>(),
      organisationId: project.organisationId,
      projectId,
      objectiveId: input.objectiveId as ObjectiveId,
      weight: input.weight,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('contribution').values(row).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'contribution', recordId: row.id, recordLabel: await labelOf(trx, projectId, row.objectiveId), before: null, after: row });
    return contributionFromRow((await baseQuery(trx).where('contribution.id', '=', row.id).executeTakeFirst()) as Row);
  });
}

async function loadForWrite(ctx: ServiceContext, db: Db, id: ContributionId): Promise<Row> {
  const row = await baseQuery(db).where('contribution.id', '=', id).executeTakeFirst();
  const path = row ? await pathOfProject(db, row.projectId) : null;
  authorize(ctx, 'contribution:manage', path, 'contribution');
  return row as Row;
}

export async function updateContribution(ctx: ServiceContext, id: ContributionId, patch: ContributionPatch): Promise<Contribution> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForWrite(ctx, trx, id);
    assertVersion('the contribution', row.version, patch.version, contributionFromRow(row));
    const res = await trx
      .updateTable('contribution')
      .set({ weight: patch.weight, version: patch.version + 1, updatedAt: nowIso(ctx) })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the contribution');
    const after = (await baseQuery(trx).where('contribution.id', '=', id).executeTakeFirst()) as Row;
    const { objectiveCode: _a, objectiveName: _b, ...beforeOwn } = row;
    const { objectiveCode: _c, objectiveName: _d, ...afterOwn } = after;
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'contribution', recordId: id, recordLabel: await labelOf(trx, row.projectId, row.objectiveId), before: beforeOwn, after: afterOwn });
    return contributionFromRow(after);
  });
}

export async function deleteContribution(ctx: ServiceContext, id: ContributionId, expectedVersion: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForWrite(ctx, trx, id);
    assertVersion('the contribution', row.version, expectedVersion, contributionFromRow(row));
    const { objectiveCode: _a, objectiveName: _b, ...own } = row;
    await trx.deleteFrom('contribution').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'contribution', recordId: id, recordLabel: await labelOf(trx, row.projectId, row.objectiveId), before: own, after: null });
  });
}
