import { PharosError } from '../domain/errors.js';
import type { OrganisationId, RaidActionId } from '../domain/ids.js';
import type { RaidAction, RaidActionCreate, RaidActionPatch } from '../api/schemas/raid.schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type ServiceContext } from './context.js';
import { actionsOf, assertOwner, authorizeItem, insertActions, scopeNode, todayOf, userNames, actionFromRow } from './raid-common.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/** Actions on risks and issues: who does what by when, and when it was done. */

async function itemOf(ctx: ServiceContext, itemType: 'risk' | 'issue', itemId: string) {
  const row =
    itemType === 'risk'
      ? await ctx.db.selectFrom('raidRisk').select(['organisationId', 'scopeType', 'scopeId', 'number']).where('id', '=', itemId as never).executeTakeFirst()
      : await ctx.db.selectFrom('raidIssue').select(['organisationId', 'scopeType', 'scopeId', 'number']).where('id', '=', itemId as never).executeTakeFirst();
  const scope = row ? await scopeNode(ctx, row.scopeType, row.scopeId).catch(() => null) : null;
  authorizeItem(ctx, 'raid:manage', scope?.path ?? null, itemType);
  return { organisationId: row!.organisationId as OrganisationId, label: `${itemType === 'risk' ? 'R' : 'I'}-${row!.number}` };
}

export async function addAction(ctx: ServiceContext, itemType: 'risk' | 'issue', itemId: string, input: RaidActionCreate): Promise<RaidAction> {
  const item = await itemOf(ctx, itemType, itemId);
  await ctx.db.transaction().execute((trx) => insertActions(trx, ctx, { organisationId: item.organisationId, itemType, itemId, label: item.label }, [input], 'action'));
  const all = await actionsOf(ctx.db, itemId, todayOf(ctx));
  return all[all.length - 1]!;
}

async function loadAction(ctx: ServiceContext, id: RaidActionId) {
  const row = await ctx.db.selectFrom('raidAction').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new PharosError('not-found', 'no action with that id');
  const item = await itemOf(ctx, row.itemType, row.itemId).catch(() => {
    throw new PharosError('not-found', 'no action with that id');
  });
  return { row, item };
}

export async function updateAction(ctx: ServiceContext, id: RaidActionId, patch: RaidActionPatch): Promise<RaidAction> {
  const { row, item } = await loadAction(ctx, id);
  const today = todayOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    assertVersion('the action', row.version, patch.version, actionFromRow(row, new Map(), today));
    await assertOwner(trx, item.organisationId, patch.ownerId, 'ownerId');
    const { version, ...rest } = patch;
    const next = { ...row, ...(definedOnly(rest) as Partial<typeof row>), version: version + 1, updatedAt: nowIso(ctx) };
    const res = await trx.updateTable('raidAction').set({ title: next.title, ownerId: next.ownerId, due: next.due, doneOn: next.doneOn, version: next.version, updatedAt: next.updatedAt }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the action');
    await appendAudit(trx, ctx, { organisationId: item.organisationId, recordType: 'raid-action', recordId: id, recordLabel: `${item.label}: ${next.title}`, before: row, after: next });
    return actionFromRow(next, await userNames(trx, [next.ownerId]), today);
  });
}

export async function deleteAction(ctx: ServiceContext, id: RaidActionId, expectedVersion: number): Promise<void> {
  const { row, item } = await loadAction(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    assertVersion('the action', row.version, expectedVersion, null);
    const res = await trx.deleteFrom('raidAction').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw lostRace('the action');
    await appendAudit(trx, ctx, { organisationId: item.organisationId, recordType: 'raid-action', recordId: id, recordLabel: `${item.label}: ${row.title}`, before: row, after: null });
  });
}
