import { sql } from 'kysely';
import { invalid, type FieldIssue } from '../domain/errors.js';
import type { OrganisationId } from '../domain/ids.js';
import { assertMatrix } from '../domain/raid/matrix.js';
import type { RiskMatrixDocument, RiskMatrixPut } from '../api/schemas/raid.schema.js';
import { appendAudit } from './audit.js';
import { authorizeOrganisation } from './access.js';
import { nowIso, type ServiceContext } from './context.js';
import { loadMatrix } from './raid-common.js';
import { assertVersion, lostRace } from './versioned.js';

/** The organisation's risk matrix: the scales, bands and escalation rule the PMO sets. */

export async function getRiskMatrix(ctx: ServiceContext, organisationId: OrganisationId): Promise<RiskMatrixDocument> {
  await authorizeOrganisation(ctx, organisationId, 'read');
  const { matrix, version } = await loadMatrix(ctx.db, organisationId);
  return { ...matrix, organisationId, version };
}

/**
 * Saves the matrix (version 0 replaces the default). Refused, naming the scale, when a
 * smaller scale would leave risks or issues rated above its top level: re-rate them first.
 */
export async function putRiskMatrix(ctx: ServiceContext, organisationId: OrganisationId, input: RiskMatrixPut): Promise<RiskMatrixDocument> {
  await authorizeOrganisation(ctx, organisationId, 'risk-matrix:manage');
  const { version, ...matrix } = input;
  assertMatrix(matrix);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadMatrix(trx, organisationId);
    assertVersion('the risk matrix', current.version, version, { ...current.matrix, organisationId, version: current.version });
    const issues: FieldIssue[] = [];
    const over = async (table: 'raidRisk' | 'raidIssue', column: string, top: number) => {
      const r = await trx.selectFrom(table).select(sql<number>`count(*)`.as('n')).where('organisationId', '=', organisationId).where(sql.ref(column), '>', top).executeTakeFirst();
      return Number(r?.n ?? 0);
    };
    const p = matrix.probability.length;
    const i = matrix.impact.length;
    const riskP = (await over('raidRisk', 'probability', p)) + (await over('raidRisk', 'residualProbability', p));
    const riskI = (await over('raidRisk', 'impact', i)) + (await over('raidRisk', 'residualImpact', i)) + (await over('raidIssue', 'severity', i));
    if (riskP) issues.push({ field: 'probability', reason: `has ${p} levels but ${riskP} ratings are above level ${p}; re-rate those risks first` });
    if (riskI) issues.push({ field: 'impact', reason: `has ${i} levels but ${riskI} ratings are above level ${i}; re-rate those risks and issues first` });
    if (issues.length) throw invalid(issues);
    const now = nowIso(ctx);
    const definition = JSON.stringify(matrix);
    if (current.version === 0) {
      await trx.insertInto('raidMatrix').values({ organisationId, definition, version: 1, createdAt: now, updatedAt: now }).execute();
    } else {
      const res = await trx.updateTable('raidMatrix').set({ definition, version: version + 1, updatedAt: now }).where('organisationId', '=', organisationId).where('version', '=', version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace('the risk matrix');
    }
    await appendAudit(trx, ctx, { organisationId, recordType: 'risk-matrix', recordId: organisationId, recordLabel: 'risk matrix', before: current.version ? current.matrix : null, after: matrix });
  });
  return getRiskMatrix(ctx, organisationId);
}
