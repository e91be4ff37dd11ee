import type { ObjectiveId, OrganisationId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import { treeOrder, wouldCreateCycle } from '../domain/structure/hierarchy.js';
import type { Objective, ObjectiveCreate, ObjectivePatch, Strategy } from '../api/schemas/objective.schema.js';
import type { ObjectiveTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, organisationPath, projectVisibleCondition, visibility } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertCodeFree } from './references.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

export const objectiveFromRow = (row: ObjectiveTable): Objective => ({ ...row });

async function loadRow(db: Db, id: ObjectiveId): Promise<ObjectiveTable | undefined> {
  return db.selectFrom('objective').selectAll().where('id', '=', id).executeTakeFirst();
}

async function loadForWrite(ctx: ServiceContext, db: Db, id: ObjectiveId): Promise<ObjectiveTable> {
  const row = await loadRow(db, id);
  if (!row) throw new PharosError('not-found', 'no objective with that id');
  authorize(ctx, 'objective:manage', organisationPath(row.organisationId), 'objective');
  return row;
}

/** The objective tree in depth-first order, each with the (visible) projects that serve it. */
export async function strategy(ctx: ServiceContext, organisationId: OrganisationId): Promise<Strategy> {
  authorize(ctx, 'read', organisationPath(organisationId), 'organisation');
  const rows = await ctx.db.selectFrom('objective').selectAll().where('organisationId', '=', organisationId).orderBy('code').execute();
  let cq = ctx.db
    .selectFrom('contribution')
    .innerJoin('project', 'project.id', 'contribution.projectId')
    .select(['contribution.id as contributionId', 'contribution.objectiveId', 'contribution.weight', 'project.id as projectId', 'project.code', 'project.name'])
    .where('contribution.organisationId', '=', organisationId)
    .orderBy('project.code');
  const visible = projectVisibleCondition(await visibility(ctx, organisationId));
  if (visible) cq = cq.where(visible);
  const contributions = await cq.execute();
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  const depthOf = new Map<ObjectiveId, number>();
  const objectives: Strategy['objectives'] = [];
  for (const id of treeOrder(rows)) {
    const r = byId.get(id) as ObjectiveTable;
    const depth = r.parentId && depthOf.has(r.parentId) ? (depthOf.get(r.parentId) as number) + 1 : 0;
    depthOf.set(id, depth);
    objectives.push({
      ...objectiveFromRow(r),
      depth,
      contributors: contributions.filter((c) => c.objectiveId === id).map(({ objectiveId: _o, ...c }) => c),
    });
  }
  return { objectives };
}

export async function getObjective(ctx: ServiceContext, id: ObjectiveId): Promise<Objective> {
  const row = await loadRow(ctx.db, id);
  authorize(ctx, 'read', row ? organisationPath(row.organisationId) : null, 'objective');
  return objectiveFromRow(row as ObjectiveTable);
}

async function checkParent(db: Db, organisationId: OrganisationId, id: ObjectiveId | null, parentId: ObjectiveId | null): Promise<void> {
  if (parentId === null) return;
  const all = await db.selectFrom('objective').select(['id', 'parentId', 'code']).where('organisationId', '=', organisationId).execute();
  const parent = all.find((o) => o.id === parentId);
  if (!parent) throw invalid([{ field: 'parentId', reason: 'is not an objective of this organisation' }]);
  if (id === null) return;
  const loop = wouldCreateCycle(new Map(all.map((o) => [o.id, o.parentId] as const)), id, parentId);
  if (loop.length > 0) {
    const codes = loop.map((l) => all.find((o) => o.id === l)?.code ?? l);
    throw new PharosError('cycle', `parentId: objective ${codes[0]} cannot sit under ${parent.code}, which is inside it (${[...codes, codes[0]].join(' → ')})`, {
      issues: [{ field: 'parentId', reason: 'would create a cycle in the objective tree' }],
      extensions: { cycle: codes },
    });
  }
}

export async function createObjective(ctx: ServiceContext, input: ObjectiveCreate): Promise<Objective> {
  const orgId = input.organisationId as OrganisationId;
  authorize(ctx, 'objective:manage', organisationPath(orgId), 'organisation');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisation').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new PharosError('not-found', 'no organisation with that id');
    await checkParent(trx, orgId, null, input.parentId as ObjectiveId | null);
    await assertCodeFree(trx, 'objective', orgId, input.code);
    const now = nowIso(ctx);
    const row: ObjectiveTable = {
      id: newId<ObjectiveId>(),
      organisationId: orgId,
      parentId: input.parentId as ObjectiveId | null,
      code: input.code,
      name: input.name,
      description: input.description,
      weight: input.weight,
      measure: input.measure,
      target: input.target,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('objective').values(row).execute();
    const after = objectiveFromRow(row);
    await appendAudit(trx, ctx, { organisationId: orgId, recordType: 'objective', recordId: row.id, recordLabel: row.name, before: null, after });
    return after;
  });
}

export async function updateObjective(ctx: ServiceContext, id: ObjectiveId, patch: ObjectivePatch): Promise<Objective> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForWrite(ctx, trx, id);
    const before = objectiveFromRow(row);
    assertVersion('the objective', row.version, patch.version, before);
    if (patch.parentId !== undefined) await checkParent(trx, row.organisationId, id, patch.parentId as ObjectiveId | null);
    if (patch.code !== undefined && patch.code !== row.code) await assertCodeFree(trx, 'objective', row.organisationId, patch.code);
    const { version, ...rest } = patch;
    const res = await trx
      .updateTable('objective')
      .set({ ...(definedOnly(rest) as Partial<ObjectiveTable>), version: version + 1, updatedAt: nowIso(ctx) })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the objective');
    const after = objectiveFromRow((await loadRow(trx, id)) as ObjectiveTable);
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'objective', recordId: id, recordLabel: after.name, before, after });
    return after;
  });
}

/** Deletes a leaf objective that no project contributes to; otherwise 409 naming what depends on it. */
export async function deleteObjective(ctx: ServiceContext, id: ObjectiveId, expectedVersion: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForWrite(ctx, trx, id);
    const before = objectiveFromRow(row);
    assertVersion('the objective', row.version, expectedVersion, before);
    const children = await trx.selectFrom('objective').select('code').where('parentId', '=', id).orderBy('code').execute();
    const contributors = await trx
      .selectFrom('contribution')
      .innerJoin('project', 'project.id', 'contribution.projectId')
      .select('project.code')
      .where('contribution.objectiveId', '=', id)
      .orderBy('project.code')
      .execute();
    if (children.length || contributors.length) {
      const parts: string[] = [];
      if (children.length) parts.push(`sub-objectives ${children.map((c) => c.code).join(', ')}`);
      if (contributors.length) parts.push(`contributions from ${contributors.map((c) => c.code).join(', ')}`);
      throw new PharosError('blocked-by-dependents', `objective ${row.code} still has ${parts.join(' and ')}`, {
        extensions: { blockedBy: { objectives: children.map((c) => c.code), projects: contributors.map((c) => c.code) } },
      });
    }
    await trx.deleteFrom('objective').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'objective', recordId: id, recordLabel: row.name, before, after: null });
  });
}
