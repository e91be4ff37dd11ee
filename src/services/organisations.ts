import type { OrganisationId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import type { Organisation, OrganisationPatch, WorkingCalendar } from '../api/schemas/organisation.schema.js';
import type { OrganisationTable } from '../store/schema.js';
import type { PmoMode } from '../domain/structure/index.js';
import { appendAudit } from './audit.js';
import { authorize, organisationIdsOf, organisationPath } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

export const DEFAULT_CALENDAR: WorkingCalendar = { name: 'Standard', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8 };

export function organisationFromRow(row: OrganisationTable): Organisation {
  return { ...row, defaultCalendar: JSON.parse(row.defaultCalendar) as WorkingCalendar };
}

async function loadRow(db: Db, id: OrganisationId): Promise<OrganisationTable | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getOrganisation(ctx: ServiceContext, id: OrganisationId): Promise<Organisation> {
  authorize(ctx, 'read', organisationPath(id), 'organisation');
  const row = await loadRow(ctx.db, id);
  if (!row) throw new PharosError('not-found', 'no organisation with that id');
  return organisationFromRow(row);
}

export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  let q = ctx.db.selectFrom('organisation').selectAll().orderBy('name').orderBy('id');
  if (!ctx.actor.system) {
    const ids = organisationIdsOf(ctx);
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return (await q.execute()).map(organisationFromRow);
}

export type OrganisationCreate = {
  name: string;
  slug: string;
  pmoMode?: PmoMode;
  currency?: string;
  fiscalYearStartMonth?: number;
  defaultCalendar?: WorkingCalendar;
};

/** Creates an organisation (CLI, first start and demo seed: system actor only). */
export async function createOrganisation(ctx: ServiceContext, input: OrganisationCreate): Promise<Organisation> {
  if (!ctx.actor.system) throw new PharosError('forbidden', 'organisations are created with the CLI');
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.slug)) {
    throw invalid([{ field: 'slug', reason: 'must be lower-case letters, digits and "-", up to 63 characters' }]);
  }
  const now = nowIso(ctx);
  const row: OrganisationTable = {
    id: newId<OrganisationId>(),
    name: input.name,
    slug: input.slug,
    pmoMode: input.pmoMode ?? 'controlling',
    currency: input.currency ?? 'GBP',
    fiscalYearStartMonth: input.fiscalYearStartMonth ?? 4,
    defaultCalendar: JSON.stringify(input.defaultCalendar ?? DEFAULT_CALENDAR),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('organisation').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (clash) throw new PharosError('duplicate', `slug: an organisation with slug "${input.slug}" already exists`, { issues: [{ field: 'slug', reason: 'is taken' }] });
    await trx.insertInto('organisation').values(row).execute();
    const created = organisationFromRow(row);
    await appendAudit(trx, ctx, { organisationId: row.id, recordType: 'organisation', recordId: row.id, recordLabel: row.name, before: null, after: created });
    return created;
  });
}

export async function updateOrganisation(ctx: ServiceContext, id: OrganisationId, patch: OrganisationPatch): Promise<Organisation> {
  authorize(ctx, 'organisation:update', organisationPath(id), 'organisation');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    if (!row) throw new PharosError('not-found', 'no organisation with that id');
    const before = organisationFromRow(row);
    assertVersion('the organisation', row.version, patch.version, before);
    const { version, defaultCalendar, ...rest } = patch;
    const set = {
      ...definedOnly(rest),
      ...(defaultCalendar ? { defaultCalendar: JSON.stringify(defaultCalendar) } : {}),
      version: version + 1,
      updatedAt: nowIso(ctx),
    };
    const res = await trx.updateTable('organisation').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the organisation');
    const after = organisationFromRow((await loadRow(trx, id)) as OrganisationTable);
    await appendAudit(trx, ctx, { organisationId: id, recordType: 'organisation', recordId: id, recordLabel: after.name, before, after });
    return after;
  });
}
