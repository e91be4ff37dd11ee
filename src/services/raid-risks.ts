import { sql, type RawBuilder } from 'kysely';
import { PharosError, invalid, type FieldIssue } from '../domain/errors.js';
import type { IssueId, OrganisationId, RiskId, RiskReviewId, UserId } from '../domain/ids.js';
import { bandOf, escalationReason, heatMap as heatMapOf, isStale, ratingIssues, scoreOf, type RiskMatrix } from '../domain/raid/matrix.js';
import { quantificationIssues, responseProblem, type RiskQuantification } from '../domain/raid/risk-rules.js';
import { exposureTrend, sampleDays } from '../domain/raid/trend.js';
import type { HeatMap, HeatMapQuery, Risk, RiskCreate, RiskDetail, RiskListQuery, RiskOccurred, RiskPatch, Trend, TrendQuery } from '../api/schemas/raid.schema.js';
import type { RaidIssueTable, RaidRiskReviewTable, RaidRiskTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import { deleteLogsOf } from './raid-logs.js';
import {
  actionCounts,
  actionsOf,
  addDays,
  assertOwner,
  authorizeItem,
  bandCondition,
  insertActions,
  levelCondition,
  listTarget,
  loadMatrix,
  nextNumber,
  organisationScopes,
  scopeNode,
  scopesForList,
  todayOf,
  userNames,
  withFreshNumber,
  type ListScopeType,
  type ScopeNode,
} from './raid-common.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/** The risk register: raise, rate, respond, review, escalate, close; a risk that happens becomes an issue. */

const ref = (n: number): string => `R-${n}`;
const label = (r: { number: number; title: string }): string => `${ref(r.number)} ${r.title}`;
const score = sql<number>`(${sql.ref('raidRisk.probability')} * ${sql.ref('raidRisk.impact')})`;
const residualScore = sql<number>`(${sql.ref('raidRisk.residualProbability')} * ${sql.ref('raidRisk.residualImpact')})`;

/** The SQL form of the matrix's escalation rule for open risks (see `escalationReason`). */
export function riskEscalatedCondition(m: RiskMatrix, today: string): RawBuilder<boolean> {
  const proximity = m.escalation.proximityDays === null ? sql`0 = 1` : sql`(${sql.ref('raidRisk.proximity')} is not null and ${sql.ref('raidRisk.proximity')} <= ${addDays(today, m.escalation.proximityDays)})`;
  return sql<boolean>`(${sql.ref('raidRisk.status')} = 'open' and (${sql.ref('raidRisk.escalated')} = 1 or ${score} >= ${m.escalation.scoreAtLeast} or ${proximity}))`;
}

type Shown = { matrix: RiskMatrix; today: string; scopes: Map<string, Pick<ScopeNode, 'code' | 'name'>>; names: Map<string, string>; counts: Map<string, { open: number; overdue: number }> };

export function riskFromRow(row: RaidRiskTable, s: Shown): Risk {
  const m = s.matrix;
  const sc = scoreOf(row.probability, row.impact);
  const residual = row.residualProbability !== null && row.residualImpact !== null ? scoreOf(row.residualProbability, row.residualImpact) : null;
  const scope = s.scopes.get(row.scopeId);
  const counts = s.counts.get(row.id) ?? { open: 0, overdue: 0 };
  const reason = escalationReason(m, { score: sc, proximity: row.proximity, escalatedByHand: row.escalated === 1, open: row.status === 'open' }, s.today);
  return {
    id: row.id,
    organisationId: row.organisationId,
    scopeType: row.scopeType,
    scopeId: row.scopeId,
    scopeCode: scope?.code ?? '',
    scopeName: scope?.name ?? '',
    ref: ref(row.number),
    kind: row.kind,
    title: row.title,
    cause: row.cause,
    event: row.event,
    effect: row.effect,
    category: row.category,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (s.names.get(row.ownerId) ?? null) : null,
    probability: row.probability,
    impact: row.impact,
    score: sc,
    band: bandOf(m, sc).name,
    residualProbability: row.residualProbability,
    residualImpact: row.residualImpact,
    residualScore: residual,
    residualBand: residual === null ? null : bandOf(m, residual).name,
    proximity: row.proximity,
    responseStrategy: row.responseStrategy,
    response: row.response,
    status: row.status,
    escalate: row.escalated === 1,
    escalation: reason ? { reason } : null,
    quantification: row.quantification ? (JSON.parse(row.quantification) as Risk['quantification']) : null,
    issueId: row.issueId,
    reviewedOn: row.reviewedOn,
    staleReview: row.status === 'open' && isStale(m, row.reviewedOn, s.today),
    openActions: counts.open,
    overdueActions: counts.overdue,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function shownFor(ctx: ServiceContext, db: Db, organisationId: OrganisationId, rows: readonly RaidRiskTable[], scopes?: Map<string, Pick<ScopeNode, 'code' | 'name'>>): Promise<Shown> {
  const today = todayOf(ctx);
  const [{ matrix }, names, counts] = await Promise.all([loadMatrix(db, organisationId), userNames(db, rows.map((r) => r.ownerId)), actionCounts(db, rows.map((r) => r.id), today)]);
  let labels = scopes;
  if (!labels) {
    labels = new Map();
    for (const r of rows) if (!labels.has(r.scopeId)) labels.set(r.scopeId, await db.selectFrom(r.scopeType).select(['code', 'name']).where('id', '=', r.scopeId as never).executeTakeFirstOrThrow());
  }
  return { matrix, today, scopes: labels, names, counts };
}

async function loadRisk(ctx: ServiceContext, db: Db, id: RiskId, action: 'read' | 'raid:raise' | 'raid:manage'): Promise<{ row: RaidRiskTable; scope: ScopeNode }> {
  const row = await db.selectFrom('raidRisk').selectAll().where('id', '=', id).executeTakeFirst();
  const scope = row ? await scopeNode({ ...ctx, db } as ServiceContext, row.scopeType, row.scopeId).catch(() => null) : null;
  authorizeItem(ctx, action, scope?.path ?? null, 'risk');
  return { row: row!, scope: scope! };
}

/** Checks what only the database can tell: the owner is a member; impacted tasks are tasks of the risk's project's plan. */
async function checkReferences(db: Db, organisationId: OrganisationId, scope: ScopeNode, v: { ownerId?: string | null; quantification?: RiskQuantification | null }): Promise<void> {
  await assertOwner(db, organisationId, v.ownerId, 'ownerId');
  const q = v.quantification;
  if (!q || q.schedule.length === 0) return;
  const ids = [...new Set(q.schedule.map((s) => s.taskId))];
  const tasks = scope.type === 'project' ? await db.selectFrom('scheduleTask').select('id').where('projectId', '=', scope.id as never).where('id', 'in', ids as never[]).execute() : [];
  const known = new Set(tasks.map((t) => t.id as string));
  const issues: FieldIssue[] = [];
  q.schedule.forEach((s, i) => {
    if (!known.has(s.taskId)) issues.push({ field: `quantification.schedule.${i}.taskId`, reason: scope.type === 'project' ? `is not a task of ${scope.code}'s plan` : `names a task, but the risk is raised on a ${scope.type}: schedule impacts belong to a project's risks` });
  });
  if (issues.length) throw invalid(issues);
}

/** Rules that span fields, checked on the values the risk will have after the write. */
function checkRisk(m: RiskMatrix, r: Pick<RaidRiskTable, 'kind' | 'probability' | 'impact' | 'residualProbability' | 'residualImpact' | 'responseStrategy'>, q: RiskQuantification | null): void {
  const issues: FieldIssue[] = [...ratingIssues(m, r.probability, r.impact), ...ratingIssues(m, r.residualProbability, r.residualImpact, { probability: 'residualProbability', impact: 'residualImpact' })];
  if ((r.residualProbability === null) !== (r.residualImpact === null)) issues.push({ field: r.residualProbability === null ? 'residualProbability' : 'residualImpact', reason: 'must be given with its pair: a residual rating has both probability and impact' });
  const response = responseProblem(r.kind, r.responseStrategy);
  if (response) issues.push({ field: 'responseStrategy', reason: response });
  if (q) issues.push(...quantificationIssues(q, 'quantification'));
  if (issues.length) throw invalid(issues);
}

async function appendReview(trx: Db, ctx: ServiceContext, row: RaidRiskTable, note: string): Promise<void> {
  const review: RaidRiskReviewTable = {
    id: newId<RiskReviewId>(),
    organisationId: row.organisationId,
    riskId: row.id,
    at: nowIso(ctx),
    actorName: ctx.actor.name,
    probability: row.probability,
    impact: row.impact,
    residualProbability: row.residualProbability,
    residualImpact: row.residualImpact,
    status: row.status,
    note,
  };
  await trx.insertInto('raidRiskReview').values(review).execute();
}

export async function createRisk(ctx: ServiceContext, input: RiskCreate): Promise<RiskDetail> {
  const scope = await scopeNode(ctx, input.scopeType, input.scopeId);
  authorizeItem(ctx, 'raid:raise', scope.path, input.scopeType);
  const id = await withFreshNumber(() => ctx.db.transaction().execute((trx) => insertRisk(trx, ctx, scope, input)));
  return getRisk(ctx, id);
}

/** Raises a risk in the caller's transaction, in a scope the caller has found and authorised (as `createRisk` does). */
export async function insertRisk(trx: Db, ctx: ServiceContext, scope: ScopeNode & { organisationId: OrganisationId }, input: RiskCreate): Promise<RiskId> {
  const orgId = scope.organisationId;
  const { matrix } = await loadMatrix(trx, orgId);
  checkRisk(matrix, input, input.quantification);
  await checkReferences(trx, orgId, scope, input);
  const now = nowIso(ctx);
  const row: RaidRiskTable = {
    id: newId<RiskId>(),
    organisationId: orgId,
    scopeType: input.scopeType,
    scopeId: input.scopeId,
    number: await nextNumber(trx, 'raidRisk', orgId),
    kind: input.kind,
    title: input.title,
    cause: input.cause,
    event: input.event,
    effect: input.effect,
    category: input.category,
    ownerId: input.ownerId as UserId | null,
    probability: input.probability,
    impact: input.impact,
    residualProbability: input.residualProbability,
    residualImpact: input.residualImpact,
    proximity: input.proximity,
    responseStrategy: input.responseStrategy,
    response: input.response,
    status: 'open',
    escalated: input.escalate ? 1 : 0,
    quantification: input.quantification ? JSON.stringify(input.quantification) : null,
    issueId: null,
    reviewedOn: todayOf(ctx),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await trx.insertInto('raidRisk').values(row).execute();
  await appendReview(trx, ctx, row, 'raised');
  await appendAudit(trx, ctx, { organisationId: orgId, recordType: 'risk', recordId: row.id, recordLabel: label(row), before: null, after: row });
  await insertActions(trx, ctx, { organisationId: orgId, itemType: 'risk', itemId: row.id, label: ref(row.number) }, input.actions, 'actions');
  return row.id;
}

export async function getRisk(ctx: ServiceContext, id: RiskId): Promise<RiskDetail> {
  const { row, scope } = await loadRisk(ctx, ctx.db, id, 'read');
  const shown = await shownFor(ctx, ctx.db, row.organisationId, [row], new Map([[scope.id, scope]]));
  return { ...riskFromRow(row, shown), actions: await actionsOf(ctx.db, id, shown.today) };
}

const RATING_FIELDS = ['probability', 'impact', 'residualProbability', 'residualImpact'] as const;

export async function updateRisk(ctx: ServiceContext, id: RiskId, patch: RiskPatch): Promise<RiskDetail> {
  await ctx.db.transaction().execute((trx) => applyRiskPatch(trx, ctx, id, patch));
  return getRisk(ctx, id);
}

/** Changes a risk in the caller's transaction: authorised, checked, versioned and audited as `updateRisk`. */
export async function applyRiskPatch(trx: Db, ctx: ServiceContext, id: RiskId, patch: RiskPatch): Promise<void> {
  const { row, scope } = await loadRisk(ctx, trx, id, 'raid:manage');
  const shownBefore = await shownFor(ctx, trx, row.organisationId, [row], new Map([[scope.id, scope]]));
  assertVersion('the risk', row.version, patch.version, riskFromRow(row, shownBefore));
  if (row.status === 'occurred' && patch.status !== undefined) throw invalid([{ field: 'status', reason: `the risk occurred and became issue ${row.issueId}; it stays closed as occurred` }]);
  const { version, escalate, quantification, reviewed, note, ...rest } = patch;
  const next: RaidRiskTable = {
    ...row,
    ...(definedOnly(rest) as Partial<RaidRiskTable>),
    ...(escalate !== undefined ? { escalated: escalate ? 1 : 0 } : {}),
    ...(quantification !== undefined ? { quantification: quantification ? JSON.stringify(quantification) : null } : {}),
  };
  const q = next.quantification ? (JSON.parse(next.quantification) as RiskQuantification) : null;
  checkRisk(shownBefore.matrix, next, q);
  await checkReferences(trx, row.organisationId, scope, { ownerId: patch.ownerId, quantification: quantification ?? null });
  const rated = RATING_FIELDS.some((f) => next[f] !== row[f]) || next.status !== row.status;
  if (rated || reviewed) next.reviewedOn = todayOf(ctx);
  const { id: _id, organisationId: _o, createdAt: _c, ...values } = next;
  const res = await trx.updateTable('raidRisk').set({ ...values, version: version + 1, updatedAt: nowIso(ctx) }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw lostRace('the risk');
  if (rated || reviewed) await appendReview(trx, ctx, next, note ?? (rated ? 'rating or status changed' : 'reviewed'));
  await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'risk', recordId: id, recordLabel: label(next), before: row, after: { ...next, version: version + 1 } });
}

export async function deleteRisk(ctx: ServiceContext, id: RiskId, expectedVersion: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadRisk(ctx, trx, id, 'raid:manage');
    assertVersion('the risk', row.version, expectedVersion, null);
    if (row.issueId) throw new PharosError('blocked-by-dependents', `risk ${ref(row.number)} occurred and became an issue; the issue keeps its history, so the risk cannot be deleted`, { extensions: { blockedBy: { issues: [row.issueId] } } });
    await deleteActionsOf(trx, ctx, row.organisationId, id, ref(row.number));
    await trx.deleteFrom('raidRiskReview').where('riskId', '=', id).execute();
    await trx.deleteFrom('raidRisk').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'risk', recordId: id, recordLabel: label(row), before: row, after: null });
  });
}

export async function deleteActionsOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, itemId: string, itemLabel: string): Promise<void> {
  const actions = await trx.selectFrom('raidAction').selectAll().where('itemId', '=', itemId).execute();
  for (const a of actions) await appendAudit(trx, ctx, { organisationId, recordType: 'raid-action', recordId: a.id, recordLabel: `${itemLabel}: ${a.title}`, before: a, after: null });
  await trx.deleteFrom('raidAction').where('itemId', '=', itemId).execute();
}

/**
 * A risk that happened becomes an issue in the same scope, with one action: the risk is
 * closed as occurred and points at the issue, the issue points back at the risk, and both
 * keep their history.
 */
export async function riskOccurred(ctx: ServiceContext, id: RiskId, input: RiskOccurred): Promise<{ risk: RiskDetail; issueId: IssueId }> {
  const issueId = await withFreshNumber(() =>
    ctx.db.transaction().execute(async (trx) => {
      const { row } = await loadRisk(ctx, trx, id, 'raid:manage');
      assertVersion('the risk', row.version, input.version, null);
      if (row.status !== 'open') throw invalid([{ field: 'status', reason: row.status === 'occurred' ? `the risk already occurred (issue ${row.issueId})` : 'the risk is closed; reopen it first if it happened after all' }]);
      if (row.kind !== 'threat') throw invalid([{ field: 'kind', reason: 'an opportunity that happens is a benefit, not an issue: close it instead' }]);
      const { matrix } = await loadMatrix(trx, row.organisationId);
      const now = nowIso(ctx);
      const issue: RaidIssueTable = {
        id: newId<IssueId>(),
        organisationId: row.organisationId,
        scopeType: row.scopeType,
        scopeId: row.scopeId,
        number: await nextNumber(trx, 'raidIssue', row.organisationId),
        title: input.title ?? row.title,
        description: [row.event && `Event: ${row.event}`, row.effect && `Effect: ${row.effect}`].filter(Boolean).join('\n\n'),
        category: row.category,
        ownerId: row.ownerId,
        priority: input.priority,
        severity: Math.min(row.impact, matrix.impact.length),
        status: 'open',
        due: input.action.due,
        resolution: '',
        riskId: row.id,
        escalated: row.escalated,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await trx.insertInto('raidIssue').values(issue).execute();
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'issue', recordId: issue.id, recordLabel: `I-${issue.number} ${issue.title}`, before: null, after: issue });
      await insertActions(trx, ctx, { organisationId: row.organisationId, itemType: 'issue', itemId: issue.id, label: `I-${issue.number}` }, [input.action], 'action');
      const next: RaidRiskTable = { ...row, status: 'occurred', issueId: issue.id, reviewedOn: todayOf(ctx), version: row.version + 1, updatedAt: now };
      const res = await trx.updateTable('raidRisk').set({ status: 'occurred', issueId: issue.id, reviewedOn: next.reviewedOn, version: next.version, updatedAt: now }).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace('the risk');
      await appendReview(trx, ctx, next, `occurred: became I-${issue.number}`);
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'risk', recordId: id, recordLabel: label(row), before: row, after: next });
      return issue.id;
    }),
  );
  return { risk: await getRisk(ctx, id), issueId };
}

export async function riskHistory(ctx: ServiceContext, id: RiskId) {
  await loadRisk(ctx, ctx.db, id, 'read');
  const rows = await ctx.db.selectFrom('raidRiskReview').selectAll().where('riskId', '=', id).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actorName,
    probability: r.probability,
    impact: r.impact,
    score: scoreOf(r.probability, r.impact),
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    residualScore: r.residualProbability !== null && r.residualImpact !== null ? scoreOf(r.residualProbability, r.residualImpact) : null,
    status: r.status,
    note: r.note,
  }));
}

const SORTS: Record<string, SortColumn> = {
  ref: { column: 'raidRisk.number', text: false },
  score: { column: 'score', text: false, expression: score },
  residualScore: { column: 'residualScore', text: false, expression: residualScore, nullAs: { asc: 1_000_000, desc: -1 } },
  proximity: { column: 'raidRisk.proximity', text: true, nullAs: { asc: '9999-12-31', desc: '0000-01-01' } },
  title: { column: 'raidRisk.title', text: true },
  updatedAt: { column: 'raidRisk.updatedAt', text: true },
};

/** The risks a level shows: its own, those escalated from the levels below, or both. */
async function riskQuery(ctx: ServiceContext, query: { scopeType: ListScopeType; scopeId: string; include: 'own' | 'escalated' | 'all' }) {
  const target = await listTarget(ctx, query.scopeType, query.scopeId);
  const { matrix } = await loadMatrix(ctx.db, target.organisationId);
  const scopes = await organisationScopes(ctx.db, target.organisationId);
  const today = todayOf(ctx);
  const escalated = riskEscalatedCondition(matrix, today);
  const where = levelCondition('raidRisk.scopeId', query.scopeType, scopesForList(ctx, scopes, target.path), query.include, escalated);
  const q = ctx.db.selectFrom('raidRisk').selectAll('raidRisk').where('raidRisk.organisationId', '=', target.organisationId).where(where);
  return { q, matrix, scopes, organisationId: target.organisationId, escalated, today };
}

export async function listRisks(ctx: ServiceContext, query: RiskListQuery): Promise<{ items: Risk[]; nextCursor: string | null }> {
  const base = await riskQuery(ctx, query);
  let q = base.q;
  if (query.status) q = q.where('raidRisk.status', '=', query.status);
  if (query.kind) q = q.where('raidRisk.kind', '=', query.kind);
  if (query.category) q = q.where('raidRisk.category', '=', query.category);
  if (query.ownerId) q = q.where('raidRisk.ownerId', '=', query.ownerId as UserId);
  if (query.band) q = q.where(bandCondition(base.matrix, query.band, score));
  if (query.probability !== undefined) q = q.where(query.residual ? 'raidRisk.residualProbability' : 'raidRisk.probability', '=', query.probability);
  if (query.impact !== undefined) q = q.where(query.residual ? 'raidRisk.residualImpact' : 'raidRisk.impact', '=', query.impact);
  if (query.escalated !== undefined) q = q.where(query.escalated ? base.escalated : sql<boolean>`not ${base.escalated}`);
  if (query.q) q = q.where(containsText(['raidRisk.title', 'raidRisk.cause', 'raidRisk.event', 'raidRisk.effect'], query.q));
  const sort = parseSort(query.sort);
  const sortColumn = SORTS[sort.key]!;
  const rows = await seek(q.select(sql<unknown>`${sortColumn.expression ?? sql.ref(sortColumn.column)}`.as('sortValue')), { table: 'raidRisk', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute();
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => (r as { sortValue: unknown }).sortValue });
  const shown = await shownFor(ctx, ctx.db, base.organisationId, page.rows, base.scopes);
  return { items: page.rows.map((r) => riskFromRow(r, shown)), nextCursor: page.nextCursor };
}

/** The heat map of a level's open risks, by their rating before or after response. */
export async function riskHeatMap(ctx: ServiceContext, query: HeatMapQuery): Promise<HeatMap> {
  const base = await riskQuery(ctx, query);
  const rows = await base.q.where('raidRisk.status', '=', 'open').execute();
  const m = base.matrix;
  const rated = rows.map((r) => ({ id: r.id, probability: query.residual ? r.residualProbability : r.probability, impact: query.residual ? r.residualImpact : r.impact }));
  const cells = heatMapOf(m, rated);
  return {
    residual: query.residual,
    probabilityLabels: m.probability.map((p) => p.label),
    impactLabels: m.impact.map((i) => i.label),
    rows: cells.map((row) => row.map(({ ids, ...c }) => ({ ...c, riskIds: [...ids] }))),
    unrated: rated.filter((r) => r.probability === null || r.impact === null).length,
  };
}

/** Exposure over time at a level, from the review history of its risks. */
export async function riskTrend(ctx: ServiceContext, query: TrendQuery): Promise<Trend> {
  if (query.to < query.from) throw invalid([{ field: 'to', reason: `must not be before from (${query.from})` }]);
  const days = sampleDays(query.from, query.to, query.stepDays);
  if (days.length > 1000) throw invalid([{ field: 'stepDays', reason: `gives ${days.length} points; at most 1000 (use a longer step)` }]);
  const base = await riskQuery(ctx, { ...query, include: query.include });
  const rows = await base.q.execute();
  const ids = rows.map((r) => r.id);
  const byId = new Map(rows.map((r) => [r.id as string, r] as const));
  const reviews = ids.length ? await ctx.db.selectFrom('raidRiskReview').selectAll().where('riskId', 'in', ids).execute() : [];
  const points = exposureTrend(
    base.matrix,
    reviews.map((r) => ({
      riskId: r.riskId,
      at: r.at,
      score: scoreOf(r.probability, r.impact),
      residualScore: r.residualProbability !== null && r.residualImpact !== null ? scoreOf(r.residualProbability, r.residualImpact) : null,
      open: r.status === 'open',
    })),
    days,
  );
  return { points: points.map((p) => ({ ...p, top: p.top.map((t) => ({ ...t, ref: ref(byId.get(t.riskId)!.number), title: byId.get(t.riskId)!.title })) })) };
}

/**
 * Deletes every RAID item raised in a scope that is itself being deleted (in the caller's
 * transaction), each with its actions and reviews, every deletion audited.
 */
export async function deleteRaidOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, scopeId: string): Promise<void> {
  await deleteLogsOf(trx, ctx, organisationId, scopeId);
  const issues = await trx.selectFrom('raidIssue').selectAll().where('scopeId', '=', scopeId).execute();
  const risks = await trx.selectFrom('raidRisk').selectAll().where('scopeId', '=', scopeId).execute();
  // Issues first: an issue that a risk became points at the risk.
  for (const row of issues) {
    await deleteActionsOf(trx, ctx, organisationId, row.id, `I-${row.number}`);
    await trx.deleteFrom('raidIssue').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId, recordType: 'issue', recordId: row.id, recordLabel: `I-${row.number} ${row.title}`, before: row, after: null });
  }
  for (const row of risks) {
    await deleteActionsOf(trx, ctx, organisationId, row.id, ref(row.number));
    await trx.deleteFrom('raidRiskReview').where('riskId', '=', row.id).execute();
    await trx.deleteFrom('raidRisk').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId, recordType: 'risk', recordId: row.id, recordLabel: label(row), before: row, after: null });
  }
}
