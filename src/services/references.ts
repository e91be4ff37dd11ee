import type { OrganisationId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import type { Db } from './context.js';

/** Checks that a referenced user exists and belongs to the organisation; names the field if not. */
export async function assertUserInOrganisation(db: Db, organisationId: OrganisationId, userId: string, field: string): Promise<void> {
  const m = await db
    .selectFrom('membership')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId as never)
    .limit(1)
    .executeTakeFirst();
  if (!m) throw invalid([{ field, reason: 'is not a member of this organisation' }]);
}

/** Codes are unique per organisation and record type. */
export async function assertCodeFree(
  db: Db,
  table: 'portfolio' | 'programme' | 'project' | 'objective',
  organisationId: OrganisationId,
  code: string,
): Promise<void> {
  const clash = await db
    .selectFrom(table)
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (clash) {
    throw new PharosError('duplicate', `code: a ${table} with code "${code}" already exists in this organisation`, {
      issues: [{ field: 'code', reason: `is already used by another ${table}` }],
    });
  }
}
