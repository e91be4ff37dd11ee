import { invalid } from '../domain/errors.js';
import type { OrganisationId } from '../domain/ids.js';
import { DEFAULT_CHANGE_POLICY, policyIssues, type ChangePolicy } from '../domain/change/index.js';
import type { ChangePolicyDocument, ChangePolicyPut } from '../api/schemas/change.schema.js';
import { authorizeOrganisation } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { assertVersion, lostRace } from './versioned.js';

/** The organisation's change control policy: how much each board may approve. */

/** The policy and its version (0: the default, never saved). */
export async function loadChangePolicy(db: Db, organisationId: OrganisationId): Promise<{ policy: ChangePolicy; version: number }> {
  const row = await db.selectFrom('changePolicy').selectAll().where('organisationId', '=', organisationId).executeTakeFirst();
  return row ? { policy: JSON.parse(row.definition) as ChangePolicy, version: row.version } : { policy: DEFAULT_CHANGE_POLICY, version: 0 };
}

export async function getChangePolicy(ctx: ServiceContext, organisationId: OrganisationId): Promise<ChangePolicyDocument> {
  await authorizeOrganisation(ctx, organisationId, 'read');
  const { policy, version } = await loadChangePolicy(ctx.db, organisationId);
  return { ...policy, organisationId, version };
}

/**
 * Saves the policy (version 0 replaces the default). It applies to requests assessed from now
 * on; a request already assessed keeps the board it was sent to.
 */
export async function putChangePolicy(ctx: ServiceContext, organisationId: OrganisationId, input: ChangePolicyPut): Promise<ChangePolicyDocument> {
  await authorizeOrganisation(ctx, organisationId, 'change-policy:manage');
  const { version, ...policy } = input;
  const issues = policyIssues(policy);
  if (issues.length) throw invalid(issues);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadChangePolicy(trx, organisationId);
    assertVersion('the change policy', current.version, version, { ...current.policy, organisationId, version: current.version });
    const now = nowIso(ctx);
    const definition = JSON.stringify(policy);
    if (current.version === 0) {
      await trx.insertInto('changePolicy').values({ organisationId, definition, version: 1, createdAt: now, updatedAt: now }).execute();
    } else {
      const res = await trx.updateTable('changePolicy').set({ definition, version: version + 1, updatedAt: now }).where('organisationId', '=', organisationId).where('version', '=', version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace('the change policy');
    }
    await appendAudit(trx, ctx, { organisationId, recordType: 'change-policy', recordId: organisationId, recordLabel: 'change control policy', before: current.version ? current.policy : null, after: policy });
  });
  return getChangePolicy(ctx, organisationId);
}
