import { sql, type RawBuilder } from 'kysely';
import { PharosError, invalid } from '../domain/errors.js';
import type { OrganisationId, RaidActionId, UserId } from '../domain/ids.js';
import { can, type Action, type ScopePath } from '../domain/policy/index.js';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../domain/raid/matrix.js';
import type { RaidAction, RaidActionCreate } from '../api/schemas/raid.schema.js';
import type { RaidActionTable, RaidScopeType } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, organisationPath, pathOfPortfolio, pathOfProgramme, pathOfProject } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertUserInOrganisation } from './references.js';

/** What the RAID registers share: scopes, the matrix, owners and actions. */

export type ScopeNode = { type: RaidScopeType; id: string; code: string; name: string; path: ScopePath };
export type ListScopeType = RaidScopeType | 'organisation';

/** Today in UTC, `YYYY-MM-DD`, from the context's clock. */
export const todayOf = (ctx: ServiceContext): string => nowIso(ctx).slice(0, 10);

/** `date` plus `days`, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The scope a RAID item is raised in, with its path and labels; 404 when it does not exist or is invisible. */
export async function scopeNode(ctx: ServiceContext, type: RaidScopeType, id: string, field = 'scopeId'): Promise<ScopeNode & { organisationId: OrganisationId }> {
  const path = type === 'project' ? await pathOfProject(ctx.db, id as never) : type === 'programme' ? await pathOfProgramme(ctx.db, id as never) : await pathOfPortfolio(ctx.db, id as never);
  if (!path) throw invalid([{ field, reason: `is not a ${type}` }]);
  const row = await ctx.db.selectFrom(type).select(['code', 'name']).where('id', '=', id as never).executeTakeFirstOrThrow();
  return { type, id, code: row.code, name: row.name, path, organisationId: path[0]!.id as OrganisationId };
}

/** Every portfolio, programme and project of an organisation as a scope with its path. */
export async function organisationScopes(db: Db, organisationId: OrganisationId): Promise<Map<string, ScopeNode>> {
  const [portfolios, programmes, projects] = await Promise.all([
    db.selectFrom('portfolio').select(['id', 'code', 'name']).where('organisationId', '=', organisationId).execute(),
    db.selectFrom('programme').select(['id', 'code', 'name', 'portfolioId', 'parentId']).where('organisationId', '=', organisationId).execute(),
    db.selectFrom('project').select(['id', 'code', 'name', 'portfolioId', 'programmeId']).where('organisationId', '=', organisationId).execute(),
  ]);
  const org: ScopePath = organisationPath(organisationId);
  const nodes = new Map<string, ScopeNode>();
  for (const p of portfolios) nodes.set(p.id, { type: 'portfolio', id: p.id, code: p.code, name: p.name, path: [...org, { type: 'portfolio', id: p.id }] });
  const programmeById = new Map(programmes.map((p) => [p.id as string, p] as const));
  const programmePath = (id: string): ScopePath => {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let at: string | null = id; at !== null && !seen.has(at); at = programmeById.get(at)?.parentId ?? null) {
      seen.add(at);
      chain.unshift(at);
    }
    const portfolioId = programmeById.get(id)!.portfolioId;
    return [...org, { type: 'portfolio', id: portfolioId }, ...chain.map((c) => ({ type: 'programme' as const, id: c }))];
  };
  for (const p of programmes) nodes.set(p.id, { type: 'programme', id: p.id, code: p.code, name: p.name, path: programmePath(p.id) });
  for (const p of projects) {
    const parent = p.programmeId ? programmePath(p.programmeId) : [...org, { type: 'portfolio' as const, id: p.portfolioId }];
    nodes.set(p.id, { type: 'project', id: p.id, code: p.code, name: p.name, path: [...parent, { type: 'project', id: p.id }] });
  }
  return nodes;
}

const within = (outer: ScopePath, inner: ScopePath): boolean => outer.length <= inner.length && outer.every((s, i) => inner[i]?.id === s.id);

/**
 * The scopes a list at `target` draws from, split into its own and those below it, keeping
 * only those whose items the actor may read (a grant that contains the scope).
 */
export function scopesForList(ctx: ServiceContext, nodes: Map<string, ScopeNode>, targetPath: ScopePath): { own: string[]; below: string[] } {
  const own: string[] = [];
  const below: string[] = [];
  for (const n of nodes.values()) {
    if (!within(targetPath, n.path)) continue;
    if (!ctx.actor.system && !can(ctx.actor.grants, 'read', n.path)) continue;
    (n.path.length === targetPath.length ? own : below).push(n.id);
  }
  return { own, below };
}

/** The path of a list's target level, authorised for reading. */
export async function listTarget(ctx: ServiceContext, scopeType: ListScopeType, scopeId: string): Promise<{ organisationId: OrganisationId; path: ScopePath }> {
  if (scopeType === 'organisation') {
    const path = organisationPath(scopeId);
    const org = await ctx.db.selectFrom('organisation').select('id').where('id', '=', scopeId as never).executeTakeFirst();
    authorize(ctx, 'read', org ? path : null, 'organisation');
    return { organisationId: scopeId as OrganisationId, path };
  }
  const node = await scopeNode(ctx, scopeType, scopeId).catch(() => null);
  authorize(ctx, 'read', node?.path ?? null, scopeType);
  return { organisationId: node!.organisationId, path: node!.path };
}

/** The organisation's risk matrix and its version (0: the default, never saved). */
export async function loadMatrix(db: Db, organisationId: OrganisationId): Promise<{ matrix: RiskMatrix; version: number }> {
  const row = await db.selectFrom('raidMatrix').selectAll().where('organisationId', '=', organisationId).executeTakeFirst();
  return row ? { matrix: JSON.parse(row.definition) as RiskMatrix, version: row.version } : { matrix: DEFAULT_RISK_MATRIX, version: 0 };
}

/** Names of users by id, for the owners on a page of items. */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('userAccount').select(['id', 'name']).where('id', 'in', wanted as UserId[]).execute();
  return new Map(rows.map((r) => [r.id as string, r.name] as const));
}

export async function assertOwner(db: Db, organisationId: OrganisationId, ownerId: string | null | undefined, field: string): Promise<void> {
  if (ownerId) await assertUserInOrganisation(db, organisationId, ownerId, field);
}

export const actionFromRow = (row: RaidActionTable, names: Map<string, string>, today: string): RaidAction => ({
  id: row.id,
  itemType: row.itemType,
  itemId: row.itemId,
  title: row.title,
  ownerId: row.ownerId,
  ownerName: row.ownerId ? (names.get(row.ownerId) ?? null) : null,
  due: row.due,
  doneOn: row.doneOn,
  overdue: row.doneOn === null && row.due !== null && row.due < today,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Open and overdue action counts per item. */
export async function actionCounts(db: Db, itemIds: readonly string[], today: string): Promise<Map<string, { open: number; overdue: number }>> {
  const out = new Map<string, { open: number; overdue: number }>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('raidAction')
    .select(['itemId', sql<number>`count(*)`.as('open'), sql<number>`sum(case when ${sql.ref('due')} < ${today} then 1 else 0 end)`.as('overdue')])
    .where('itemId', 'in', [...itemIds])
    .where('doneOn', 'is', null)
    .groupBy('itemId')
    .execute();
  for (const r of rows) out.set(r.itemId, { open: Number(r.open), overdue: Number(r.overdue ?? 0) });
  return out;
}

export async function actionsOf(db: Db, itemId: string, today: string): Promise<RaidAction[]> {
  const rows = await db.selectFrom('raidAction').selectAll().where('itemId', '=', itemId).orderBy('createdAt').orderBy('id').execute();
  const names = await userNames(db, rows.map((r) => r.ownerId));
  return rows.map((r) => actionFromRow(r, names, today));
}

/** Inserts actions on an item (already authorised), each audited. */
export async function insertActions(
  trx: Db,
  ctx: ServiceContext,
  item: { organisationId: OrganisationId; itemType: 'risk' | 'issue'; itemId: string; label: string },
  actions: readonly RaidActionCreate[],
  field: string,
): Promise<void> {
  for (const [i, a] of actions.entries()) {
    await assertOwner(trx, item.organisationId, a.ownerId, `${field}.${i}.ownerId`);
    const now = nowIso(ctx);
    const row: RaidActionTable = { id: newId<RaidActionId>(), organisationId: item.organisationId, itemType: item.itemType, itemId: item.itemId, title: a.title, ownerId: a.ownerId as UserId | null, due: a.due, doneOn: null, version: 1, createdAt: now, updatedAt: now };
    await trx.insertInto('raidAction').values(row).execute();
    await appendAudit(trx, ctx, { organisationId: item.organisationId, recordType: 'raid-action', recordId: row.id, recordLabel: `${item.label}: ${a.title}`, before: null, after: row });
  }
}

/** The next number of a kind of item in an organisation (R-1, R-2 …). */
export async function nextNumber(trx: Db, table: 'raidRisk' | 'raidIssue', organisationId: OrganisationId): Promise<number> {
  const row = await trx.selectFrom(table).select(sql<number | null>`max(${sql.ref('number')})`.as('n')).where('organisationId', '=', organisationId).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/**
 * Runs a write that takes a new number; if a concurrent write took the same number (the
 * unique index refuses it), runs it again with the next one rather than failing the user.
 */
export async function withFreshNumber<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const text = String((e as { message?: unknown }).message ?? e);
      if (attempt < 4 && /unique|duplicate key/i.test(text) && /number/i.test(text)) continue;
      throw e;
    }
  }
}

/** Checks the actor may act on an item in `path`; reading needs only visibility of a grant that contains it. */
export function authorizeItem(ctx: ServiceContext, action: Action, path: ScopePath | null, what: string): asserts path is ScopePath {
  if (path && !ctx.actor.system && !can(ctx.actor.grants, 'read', path)) throw new PharosError('not-found', `no ${what} with that id`);
  authorize(ctx, action, path, what);
}

/** A band name's score range as a SQL condition on `score`. */
export function bandCondition(m: RiskMatrix, band: string, score: RawBuilder<number>, field = 'band'): RawBuilder<boolean> {
  const i = m.bands.findIndex((b) => b.name === band);
  if (i < 0) throw invalid([{ field, reason: `is not a band of the organisation's matrix (${m.bands.map((b) => b.name).join(', ')})` }]);
  const lo = m.bands[i]!.minScore;
  const hi = m.bands[i + 1]?.minScore;
  return hi === undefined ? sql<boolean>`${score} >= ${lo}` : sql<boolean>`(${score} >= ${lo} and ${score} < ${hi})`;
}

/**
 * Which items a level lists, as a SQL condition: its own (`scopeColumn` in `own`), those
 * escalated from the levels below (`below` and the escalation rule), or both. An
 * organisation has no items of its own: everything in it is below it, and "own" means all.
 */
export function levelCondition(
  scopeColumn: string,
  scopeType: ListScopeType,
  scopes: { own: string[]; below: string[] },
  include: 'own' | 'escalated' | 'all',
  escalated: RawBuilder<boolean>,
): RawBuilder<boolean> {
  const inList = (ids: string[]) => (ids.length ? sql<boolean>`${sql.ref(scopeColumn)} in (${sql.join(ids)})` : sql<boolean>`0 = 1`);
  if (scopeType === 'organisation') return include === 'escalated' ? sql<boolean>`(${inList(scopes.below)} and ${escalated})` : inList(scopes.below);
  const fromBelow = sql<boolean>`(${inList(scopes.below)} and ${escalated})`;
  if (include === 'own') return inList(scopes.own);
  if (include === 'escalated') return fromBelow;
  return sql<boolean>`(${inList(scopes.own)} or ${fromBelow})`;
}
