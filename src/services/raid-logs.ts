import { sql, type RawBuilder } from 'kysely';
import { PharosError, invalid, type FieldIssue } from '../domain/errors.js';
import type { OrganisationId } from '../domain/ids.js';
import { LOG_PREFIX, logEscalationReason, OPEN_STATUSES, type LogKind } from '../domain/raid/log-rules.js';
import type {
  Assumption,
  AssumptionCreate,
  AssumptionPatch,
  Decision,
  DecisionCreate,
  DecisionPatch,
  Dependency,
  DependencyCreate,
  DependencyPatch,
  LogListQuery,
} from '../api/schemas/raid.schema.js';
import type { RaidAssumptionTable, RaidDecisionTable, RaidDependencyTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { containsText, pageOf, parseSort, seek, type SortColumn } from './listing.js';
import { addDays, assertOwner, authorizeItem, levelCondition, listTarget, loadMatrix, organisationScopes, scopeNode, scopesForList, todayOf, userNames, withFreshNumber, type ScopeNode } from './raid-common.js';
import { assertVersion, definedOnly, lostRace } from './versioned.js';

/**
 * The assumption, dependency and decision logs: one implementation, three kinds. Each item
 * sits in a scope, has a number (A-3, DEP-2, DEC-7), an owner, a status, a date it is needed
 * by, and escalates like a risk when that date nears (or by hand, or, for a dependency, when
 * it is at risk or late).
 */

type Row = RaidAssumptionTable | RaidDependencyTable | RaidDecisionTable;
type Item = Assumption | Dependency | Decision;
type Input = AssumptionCreate | DependencyCreate | DecisionCreate;
type Patch = AssumptionPatch | DependencyPatch | DecisionPatch;
type Table = 'raidAssumption' | 'raidDependency' | 'raidDecision';

const TABLE: Record<LogKind, Table> = { assumption: 'raidAssumption', dependency: 'raidDependency', decision: 'raidDecision' };
const STORED_AS_JSON = new Set(['options', 'links']);

type Shown = { today: string; proximityDays: number | null; scopes: Map<string, Pick<ScopeNode, 'code' | 'name'>>; names: Map<string, string>; projectCodes: Map<string, string> };

function itemFromRow(kind: LogKind, row: Row, s: Shown): Item {
  const scope = s.scopes.get(row.scopeId);
  const reason = logEscalationReason(kind, { status: row.status, due: row.due, escalatedByHand: row.escalated === 1 }, s.today, s.proximityDays);
  const { escalated: _e, number, ...rest } = row;
  const head = {
    ...rest,
    ref: `${LOG_PREFIX[kind]}-${number}`,
    scopeCode: scope?.code ?? '',
    scopeName: scope?.name ?? '',
    ownerName: row.ownerId ? (s.names.get(row.ownerId) ?? null) : null,
    escalate: row.escalated === 1,
    escalation: reason ? { reason } : null,
  };
  if (kind === 'assumption') {
    const r = row as RaidAssumptionTable;
    return { ...head, validatorName: r.validatorId ? (s.names.get(r.validatorId) ?? null) : null } as Assumption;
  }
  if (kind === 'dependency') {
    const r = row as RaidDependencyTable;
    return { ...head, otherProjectCode: r.otherProjectId ? (s.projectCodes.get(r.otherProjectId) ?? null) : null } as Dependency;
  }
  const r = row as RaidDecisionTable;
  return { ...head, options: JSON.parse(r.options) as string[], links: JSON.parse(r.links) as Decision['links'] } as Decision;
}

async function shownFor(ctx: ServiceContext, db: Db, organisationId: OrganisationId, rows: readonly Row[], scopes: Map<string, Pick<ScopeNode, 'code' | 'name'>>): Promise<Shown> {
  const people = rows.flatMap((r) => [r.ownerId, 'validatorId' in r ? r.validatorId : null]);
  const projects = [...new Set(rows.map((r) => ('otherProjectId' in r ? r.otherProjectId : null)).filter((p): p is NonNullable<typeof p> => p !== null))];
  const [{ matrix }, names, codes] = await Promise.all([
    loadMatrix(db, organisationId),
    userNames(db, people),
    projects.length ? db.selectFrom('project').select(['id', 'code']).where('id', 'in', projects).execute() : Promise.resolve([]),
  ]);
  return { today: todayOf(ctx), proximityDays: matrix.escalation.proximityDays, scopes, names, projectCodes: new Map(codes.map((c) => [c.id as string, c.code] as const)) };
}

async function loadItem(ctx: ServiceContext, db: Db, kind: LogKind, id: string, action: 'read' | 'raid:manage'): Promise<{ row: Row; scope: ScopeNode }> {
  const row = (await db.selectFrom(TABLE[kind]).selectAll().where('id', '=', id as never).executeTakeFirst()) as Row | undefined;
  const scope = row ? await scopeNode({ ...ctx, db } as ServiceContext, row.scopeType, row.scopeId).catch(() => null) : null;
  authorizeItem(ctx, action, scope?.path ?? null, kind);
  return { row: row!, scope: scope! };
}

/** Checks what the database knows: people are members; a dependency's projects and milestones exist and belong where they say. */
async function checkReferences(db: Db, kind: LogKind, orgId: OrganisationId, scope: ScopeNode, next: Row): Promise<void> {
  await assertOwner(db, orgId, next.ownerId, 'ownerId');
  if ('validatorId' in next) await assertOwner(db, orgId, next.validatorId, 'validatorId');
  if (kind !== 'dependency') return;
  const d = next as RaidDependencyTable;
  const issues: FieldIssue[] = [];
  if (d.otherProjectId) {
    const other = await db.selectFrom('project').select('organisationId').where('id', '=', d.otherProjectId).executeTakeFirst();
    if (!other || other.organisationId !== orgId) issues.push({ field: 'otherProjectId', reason: 'is not a project of this organisation' });
    else if (d.otherProjectId === scope.id) issues.push({ field: 'otherProjectId', reason: 'is the project the dependency is raised in; a dependency is between two projects' });
  }
  const taskIn = async (taskId: string | null, projectId: string | null, field: string, whose: string) => {
    if (!taskId) return;
    const task = projectId ? await db.selectFrom('scheduleTask').select('id').where('id', '=', taskId as never).where('projectId', '=', projectId as never).executeTakeFirst() : undefined;
    if (!task) issues.push({ field, reason: projectId ? `is not a task of ${whose} plan` : `needs ${whose === 'this project’s' ? 'the dependency raised in a project' : 'otherProjectId'}` });
  };
  await taskIn(d.ownTaskId, scope.type === 'project' ? scope.id : null, 'ownTaskId', 'this project’s');
  await taskIn(d.otherTaskId, d.otherProjectId, 'otherTaskId', 'the other project’s');
  if (issues.length) throw invalid(issues);
}

/** Cross-field rules on the values an item will have. */
function checkItem(kind: LogKind, next: Row): void {
  if (kind === 'assumption') {
    const a = next as RaidAssumptionTable;
    if (a.status !== 'unvalidated' && a.outcome.trim() === '') throw invalid([{ field: 'outcome', reason: `must say what validation found before the assumption is marked ${a.status}` }]);
  }
  if (kind === 'decision') {
    const d = next as RaidDecisionTable;
    if (d.status === 'decided') {
      const missing: FieldIssue[] = [];
      if (d.decision.trim() === '') missing.push({ field: 'decision', reason: 'must say what was decided' });
      if (d.rationale.trim() === '') missing.push({ field: 'rationale', reason: 'must say why' });
      if (d.decidedBy.trim() === '') missing.push({ field: 'decidedBy', reason: 'must say who decided' });
      if (d.decidedOn === null) missing.push({ field: 'decidedOn', reason: 'must say when it was decided' });
      if (missing.length) throw invalid(missing);
    }
  }
}

function toRow(kind: LogKind, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === 'escalate') out.escalated = v ? 1 : 0;
    else if (STORED_AS_JSON.has(k) && kind === 'decision') out[k] = JSON.stringify(v);
    else out[k] = v;
  }
  return out;
}

export async function createLogItem(ctx: ServiceContext, kind: LogKind, input: Input): Promise<Item> {
  const scope = await scopeNode(ctx, input.scopeType, input.scopeId);
  authorizeItem(ctx, 'raid:raise', scope.path, input.scopeType);
  const id = await withFreshNumber(() => ctx.db.transaction().execute((trx) => insertLogItem(trx, ctx, kind, scope, input)));
  return getLogItem(ctx, kind, id);
}

/**
 * Adds an item to a log inside the caller's transaction, checked and audited as a created one
 * (the caller has authorised it); answers its id. The next number is taken here: wrap the
 * transaction in `withFreshNumber` to retry when two arrive at once.
 */
export async function insertLogItem(trx: Db, ctx: ServiceContext, kind: LogKind, scope: ScopeNode & { organisationId: OrganisationId }, input: Input & Record<string, unknown>): Promise<string> {
  const orgId = scope.organisationId;
  const max = await trx.selectFrom(TABLE[kind]).select(sql<number | null>`max(${sql.ref('number')})`.as('n')).where('organisationId', '=', orgId).executeTakeFirst();
  const now = nowIso(ctx);
  const defaults: Record<LogKind, Record<string, unknown>> = {
    assumption: { status: 'unvalidated', outcome: '' },
    dependency: {},
    decision: { status: 'open', decision: '', rationale: '', decidedBy: '', decidedOn: null },
  };
  const row = {
    id: newId<string>(),
    organisationId: orgId,
    number: Number(max?.n ?? 0) + 1,
    ...defaults[kind],
    ...toRow(kind, input as unknown as Record<string, unknown>),
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as unknown as Row;
  checkItem(kind, row);
  await checkReferences(trx, kind, orgId, scope, row);
  await trx.insertInto(TABLE[kind]).values(row as never).execute();
  await appendAudit(trx, ctx, { organisationId: orgId, recordType: kind, recordId: row.id, recordLabel: `${LOG_PREFIX[kind]}-${row.number} ${row.title}`, before: null, after: row });
  return row.id;
}

export async function getLogItem(ctx: ServiceContext, kind: LogKind, id: string): Promise<Item> {
  const { row, scope } = await loadItem(ctx, ctx.db, kind, id, 'read');
  return itemFromRow(kind, row, await shownFor(ctx, ctx.db, row.organisationId, [row], new Map([[scope.id, scope]])));
}

export async function updateLogItem(ctx: ServiceContext, kind: LogKind, id: string, patch: Patch): Promise<Item> {
  await ctx.db.transaction().execute((trx) => applyLogPatch(trx, ctx, kind, id, patch));
  return getLogItem(ctx, kind, id);
}

/** Changes a log item in the caller's transaction: authorised, checked, versioned and audited as `updateLogItem`. */
export async function applyLogPatch(trx: Db, ctx: ServiceContext, kind: LogKind, id: string, patch: Patch): Promise<void> {
  const { row, scope } = await loadItem(ctx, trx, kind, id, 'raid:manage');
  assertVersion(`the ${kind}`, row.version, patch.version, itemFromRow(kind, row, await shownFor(ctx, trx, row.organisationId, [row], new Map([[scope.id, scope]]))));
  const { version, ...rest } = patch;
  const next = { ...row, ...toRow(kind, definedOnly(rest) as Record<string, unknown>) } as Row;
  checkItem(kind, next);
  await checkReferences(trx, kind, row.organisationId, scope, next);
  const { id: _i, organisationId: _o, createdAt: _c, ...values } = next;
  const res = await trx
    .updateTable(TABLE[kind])
    .set({ ...values, version: version + 1, updatedAt: nowIso(ctx) } as never)
    .where('id', '=', id as never)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw lostRace(`the ${kind}`);
  await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: kind, recordId: id, recordLabel: `${LOG_PREFIX[kind]}-${row.number} ${next.title}`, before: row, after: { ...next, version: version + 1 } });
}

export async function deleteLogItem(ctx: ServiceContext, kind: LogKind, id: string, expectedVersion: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadItem(ctx, trx, kind, id, 'raid:manage');
    assertVersion(`the ${kind}`, row.version, expectedVersion, null);
    if (kind === 'decision' && row.status === 'decided') throw new PharosError('blocked-by-dependents', `decision ${LOG_PREFIX.decision}-${row.number} is decided and stays in the log; supersede it with a new decision instead`);
    await trx.deleteFrom(TABLE[kind]).where('id', '=', id as never).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: kind, recordId: id, recordLabel: `${LOG_PREFIX[kind]}-${row.number} ${row.title}`, before: row, after: null });
  });
}

/** The SQL form of `logEscalationReason` for a kind's table. */
function escalatedCondition(kind: LogKind, table: Table, today: string, proximityDays: number | null): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const open = sql.join(OPEN_STATUSES[kind].map((s) => sql`${s}`));
  const near = proximityDays === null ? sql`0 = 1` : sql`(${col('due')} is not null and ${col('due')} <= ${addDays(today, proximityDays)})`;
  const atRisk = kind === 'dependency' ? sql`${col('status')} in ('at-risk', 'late')` : sql`0 = 1`;
  return sql<boolean>`(${col('status')} in (${open}) and (${col('escalated')} = 1 or ${atRisk} or ${near}))`;
}

export async function listLogItems(ctx: ServiceContext, kind: LogKind, query: LogListQuery): Promise<{ items: Item[]; nextCursor: string | null }> {
  const table = TABLE[kind];
  const target = await listTarget(ctx, query.scopeType, query.scopeId);
  const { matrix } = await loadMatrix(ctx.db, target.organisationId);
  const scopes = await organisationScopes(ctx.db, target.organisationId);
  const escalated = escalatedCondition(kind, table, todayOf(ctx), matrix.escalation.proximityDays);
  let q = ctx.db
    .selectFrom(table)
    .selectAll()
    .where(`${table}.organisationId` as never, '=', target.organisationId as never)
    .where(levelCondition(`${table}.scopeId`, query.scopeType, scopesForList(ctx, scopes, target.path), query.include, escalated));
  if (query.status) q = q.where(`${table}.status` as never, '=', query.status as never);
  if (query.escalated !== undefined) q = q.where(query.escalated ? escalated : sql<boolean>`not ${escalated}`);
  if (query.q) q = q.where(containsText([`${table}.title`, `${table}.description`], query.q));
  const sort = parseSort(query.sort);
  const sorts: Record<string, SortColumn> = {
    ref: { column: `${table}.number`, text: false },
    due: { column: `${table}.due`, text: true, nullAs: { asc: '9999-12-31', desc: '0000-01-01' } },
    title: { column: `${table}.title`, text: true },
    updatedAt: { column: `${table}.updatedAt`, text: true },
  };
  const sortColumn = sorts[sort.key]!;
  const rows = (await seek(q.select(sql<unknown>`${sql.ref(sortColumn.column)}`.as('sortValue')) as never, { table, sortColumn, sort, sortName: query.sort, cursor: query.cursor, limit: query.limit, dialect: ctx.dialect }).execute()) as (Row & { sortValue: unknown })[];
  const page = pageOf(rows, { limit: query.limit, sortName: query.sort, sortColumn, sort, valueOf: (r) => r.sortValue });
  const shown = await shownFor(ctx, ctx.db, target.organisationId, page.rows, scopes);
  return { items: page.rows.map(({ sortValue: _s, ...r }) => itemFromRow(kind, r as Row, shown)), nextCursor: page.nextCursor };
}

/** Deletes the log items raised in a scope being deleted, and forgets it as the other end of dependencies. */
export async function deleteLogsOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, scopeId: string): Promise<void> {
  for (const kind of ['assumption', 'dependency', 'decision'] as const) {
    const rows = (await trx.selectFrom(TABLE[kind]).selectAll().where('scopeId', '=', scopeId).execute()) as Row[];
    for (const row of rows) await appendAudit(trx, ctx, { organisationId, recordType: kind, recordId: row.id, recordLabel: `${LOG_PREFIX[kind]}-${row.number} ${row.title}`, before: row, after: null });
    await trx.deleteFrom(TABLE[kind]).where('scopeId', '=', scopeId).execute();
  }
  await trx.updateTable('raidDependency').set({ otherProjectId: null, otherTaskId: null }).where('otherProjectId', '=', scopeId as never).execute();
}
