import { sql, type RawBuilder } from 'kysely';
import { PharosError, invalid } from '../domain/errors.js';
import type { IssueId, OrganisationId, UserId } from '../domain/ids.js';
import { issueScore, isOpenIssue } from '../domain/raid/issue-rules.js';
import { escalationReason, ratingIssues, type RiskMatrix } from '../domain/raid/matrix.js';
import type { Issue, IssueCreate, IssueDetail, IssueListQuery, IssuePatch } from '../api/schemas/raid.schema.js';
import type { RaidIssueTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import {
  actionCounts,
  actionsOf,
  addDays,
  assertOwner,
  authorizeItem,
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
  type ScopeNode,
} from './raid-common.js';
import { deleteActionsOf } from './raid-risks.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/** The issue register: what has gone wrong, who owns it, by when it is resolved. */

const ref = (n: number): string => `I-${n}`;
const label = (r: { number: number; title: string }): string => `${ref(r.number)} ${r.title}`;

/** The SQL form of the escalation rule for open issues: certain, so severity × probability levels is the score; the due date is the proximity. */
export function issueEscalatedCondition(m: RiskMatrix, today: string): RawBuilder<boolean> {
  const levels = m.probability.length;
  const proximity = m.escalation.proximityDays === null ? sql`0 = 1` : sql`(${sql.ref('raidIssue.due')} is not null and ${sql.ref('raidIssue.due')} <= ${addDays(today, m.escalation.proximityDays)})`;
  return sql<boolean>`(${sql.ref('raidIssue.status')} in ('open', 'in-progress') and (${sql.ref('raidIssue.escalated')} = 1 or ${sql.ref('raidIssue.severity')} * ${levels} >= ${m.escalation.scoreAtLeast} or ${proximity}))`;
}

type Shown = { matrix: RiskMatrix; today: string; scopes: Map<string, Pick<ScopeNode, 'code' | 'name'>>; names: Map<string, string>; counts: Map<string, { open: number; overdue: number }> };

export function issueFromRow(row: RaidIssueTable, s: Shown): Issue {
  const open = isOpenIssue(row.status);
  const reason = escalationReason(s.matrix, { score: issueScore(row.severity, s.matrix.probability.length), proximity: row.due, escalatedByHand: row.escalated === 1, open }, s.today);
  const scope = s.scopes.get(row.scopeId);
  const counts = s.counts.get(row.id) ?? { open: 0, overdue: 0 };
  return {
    id: row.id,
    organisationId: row.organisationId,
    scopeType: row.scopeType,
    scopeId: row.scopeId,
    scopeCode: scope?.code ?? '',
    scopeName: scope?.name ?? '',
    ref: ref(row.number),
    title: row.title,
    description: row.description,
    category: row.category,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (s.names.get(row.ownerId) ?? null) : null,
    priority: row.priority,
    severity: row.severity,
    status: row.status,
    due: row.due,
    overdue: open && row.due !== null && row.due < s.today,
    resolution: row.resolution,
    riskId: row.riskId,
    escalate: row.escalated === 1,
    escalation: reason ? { reason } : null,
    openActions: counts.open,
    overdueActions: counts.overdue,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function shownFor(ctx: ServiceContext, db: Db, organisationId: OrganisationId, rows: readonly RaidIssueTable[], scopes: Map<string, Pick<ScopeNode, 'code' | 'name'>>): Promise<Shown> {
  const today = todayOf(ctx);
  const [{ matrix }, names, counts] = await Promise.all([loadMatrix(db, organisationId), userNames(db, rows.map((r) => r.ownerId)), actionCounts(db, rows.map((r) => r.id), today)]);
  return { matrix, today, scopes, names, counts };
}

async function loadIssue(ctx: ServiceContext, db: Db, id: IssueId, action: 'read' | 'raid:manage'): Promise<{ row: RaidIssueTable; scope: ScopeNode }> {
  const row = await db.selectFrom('raidIssue').selectAll().where('id', '=', id).executeTakeFirst();
  const scope = row ? await scopeNode({ ...ctx, db } as ServiceContext, row.scopeType, row.scopeId).catch(() => null) : null;
  authorizeItem(ctx, action, scope?.path ?? null, 'issue');
  return { row: row!, scope: scope! };
}

function checkSeverity(m: RiskMatrix, severity: number): void {
  const issues = ratingIssues(m, null, severity, { probability: 'probability', impact: 'severity' });
  if (issues.length) throw invalid(issues);
}

export async function createIssue(ctx: ServiceContext, input: IssueCreate): Promise<IssueDetail> {
  const scope = await scopeNode(ctx, input.scopeType, input.scopeId);
  authorizeItem(ctx, 'raid:raise', scope.path, input.scopeType);
  const id = await withFreshNumber(() => ctx.db.transaction().execute((trx) => insertIssue(trx, ctx, scope, input)));
  return getIssue(ctx, id);
}

/** Raises an issue in the caller's transaction, in a scope the caller has found and authorised (as `createIssue` does). */
export async function insertIssue(trx: Db, ctx: ServiceContext, scope: ScopeNode & { organisationId: OrganisationId }, input: IssueCreate): Promise<IssueId> {
  const orgId = scope.organisationId;
  const { matrix } = await loadMatrix(trx, orgId);
  checkSeverity(matrix, input.severity);
  await assertOwner(trx, orgId, input.ownerId, 'ownerId');
  const now = nowIso(ctx);
  const row: RaidIssueTable = {
    id: newId<IssueId>(),
    organisationId: orgId,
    scopeType: input.scopeType,
    scopeId: input.scopeId,
    number: await nextNumber(trx, 'raidIssue', orgId),
    title: input.title,
    description: input.description,
    category: input.category,
    ownerId: input.ownerId as UserId | null,
    priority: input.priority,
    severity: input.severity,
    status: 'open',
    due: input.due,
    resolution: '',
    riskId: null,
    escalated: input.escalate ? 1 : 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await trx.insertInto('raidIssue').values(row).execute();
  await appendAudit(trx, ctx, { organisationId: orgId, recordType: 'issue', recordId: row.id, recordLabel: label(row), before: null, after: row });
  await insertActions(trx, ctx, { organisationId: orgId, itemType: 'issue', itemId: row.id, label: ref(row.number) }, input.actions, 'actions');
  return row.id;
}

export async function getIssue(ctx: ServiceContext, id: IssueId): Promise<IssueDetail> {
  const { row, scope } = await loadIssue(ctx, ctx.db, id, 'read');
  const shown = await shownFor(ctx, ctx.db, row.organisationId, [row], new Map([[scope.id, scope]]));
  return { ...issueFromRow(row, shown), actions: await actionsOf(ctx.db, id, shown.today) };
}

export async function updateIssue(ctx: ServiceContext, id: IssueId, patch: IssuePatch): Promise<IssueDetail> {
  await ctx.db.transaction().execute((trx) => applyIssuePatch(trx, ctx, id, patch));
  return getIssue(ctx, id);
}

/** Changes an issue in the caller's transaction: authorised, checked, versioned and audited as `updateIssue`. */
export async function applyIssuePatch(trx: Db, ctx: ServiceContext, id: IssueId, patch: IssuePatch): Promise<void> {
  const { row, scope } = await loadIssue(ctx, trx, id, 'raid:manage');
  const shown = await shownFor(ctx, trx, row.organisationId, [row], new Map([[scope.id, scope]]));
  assertVersion('the issue', row.version, patch.version, issueFromRow(row, shown));
  const { version, escalate, ...rest } = patch;
  const next: RaidIssueTable = { ...row, ...(definedOnly(rest) as Partial<RaidIssueTable>), ...(escalate !== undefined ? { escalated: escalate ? 1 : 0 } : {}) };
  checkSeverity(shown.matrix, next.severity);
  await assertOwner(trx, row.organisationId, patch.ownerId, 'ownerId');
  if ((next.status === 'resolved' || next.status === 'closed') && next.resolution.trim() === '') throw invalid([{ field: 'resolution', reason: `must say how the issue was resolved before it is ${next.status}` }]);
  const { id: _id, organisationId: _o, createdAt: _c, ...values } = next;
  const res = await trx.updateTable('raidIssue').set({ ...values, version: version + 1, updatedAt: nowIso(ctx) }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw lostRace('the issue');
  await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'issue', recordId: id, recordLabel: label(next), before: row, after: { ...next, version: version + 1 } });
}

export async function deleteIssue(ctx: ServiceContext, id: IssueId, expectedVersion: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadIssue(ctx, trx, id, 'raid:manage');
    assertVersion('the issue', row.version, expectedVersion, null);
    if (row.riskId) throw new PharosError('blocked-by-dependents', `issue ${ref(row.number)} is what a risk became when it occurred; close it instead, so the risk's history stays whole`, { extensions: { blockedBy: { risks: [row.riskId] } } });
    await deleteActionsOf(trx, ctx, row.organisationId, id, ref(row.number));
    await trx.deleteFrom('raidIssue').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'issue', recordId: id, recordLabel: label(row), before: row, after: null });
  });
}

const SORTS: Record<string, SortColumn> = {
  ref: { column: 'raidIssue.number', text: false },
  severity: { column: 'raidIssue.severity', text: false },
  due: { column: 'raidIssue.due', text: true, nullAs: { asc: '9999-12-31', desc: '0000-01-01' } },
  title: { column: 'raidIssue.title', text: true },
  updatedAt: { column: 'raidIssue.updatedAt', text: true },
};

export async function listIssues(ctx: ServiceContext, query: IssueListQuery): Promise<{ items: Issue[]; nextCursor: string | null }> {
  const target = await listTarget(ctx, query.scopeType, query.scopeId);
  const { matrix } = await loadMatrix(ctx.db, target.organisationId);
  const scopes = await organisationScopes(ctx.db, target.organisationId);
  const today = todayOf(ctx);
  const escalated = issueEscalatedCondition(matrix, today);
  const where = levelCondition('raidIssue.scopeId', query.scopeType, scopesForList(ctx, scopes, target.path), query.include, escalated);
  let q = ctx.db.selectFrom('raidIssue').selectAll('raidIssue').where('raidIssue.organisationId', '=', target.organisationId).where(where);
  if (query.status) q = q.where('raidIssue.status', '=', query.status);
  if (query.priority) q = q.where('raidIssue.priority', '=', query.priority);
  if (query.category) q = q.where('raidIssue.category', '=', query.category);
  if (query.ownerId) q = q.where('raidIssue.ownerId', '=', query.ownerId as UserId);
  if (query.escalated !== undefined) q = q.where(query.escalated ? escalated : sql<boolean>`not ${escalated}`);
  if (query.q) q = q.where(containsText(['raidIssue.title', 'raidIssue.description'], query.q));
  const sort = parseSort(query.sort);
  const sortColumn = SORTS[sort.key]!;
  const rows = await seek(q.select(sql<unknown>`${sql.ref(sortColumn.column)}`.as('sortValue')), { table: 'raidIssue', sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute();
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => (r as { sortValue: unknown }).sortValue });
  const shown = await shownFor(ctx, ctx.db, target.organisationId, page.rows, scopes);
  return { items: page.rows.map((r) => issueFromRow(r, shown)), nextCursor: page.nextCursor };
}
