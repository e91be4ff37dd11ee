import type { OrganisationId } from '../domain/ids.js';
import type { LogKind } from '../domain/raid/log-rules.js';
import { ASSUMPTION_TABLE, DECISION_TABLE, DEPENDENCY_TABLE, ISSUE_TABLE, RISK_TABLE, type RegisterTable } from '../io/raid-table/index.js';
import type { Db, ServiceContext } from './context.js';
import { applyIssuePatch, insertIssue, listIssues } from './raid-issues.js';
import { applyLogPatch, insertLogItem, listLogItems } from './raid-logs.js';
import { applyRiskPatch, insertRisk, listRisks } from './raid-risks.js';
import type { ScopeNode } from './raid-common.js';

/**
 * The five RAID registers seen alike, for moving them in and out of files: how to list a
 * level's items, and how to raise or change one inside a transaction, with the register
 * service's own checks and audit.
 */

export const REGISTER_KINDS = ['risk', 'issue', 'assumption', 'dependency', 'decision'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** An item as the API shows it (`Risk`, `Issue` …), seen as fields by name. */
export type ItemView = Record<string, unknown> & { id: string; ref: string; version: number; scopeType: string; scopeId: string };
type Fields = Record<string, unknown>;

export type RegisterPort = {
  kind: RegisterKind;
  table: RegisterTable<never>;
  /** The database table, for the number of a new item. */
  dbTable: 'raidRisk' | 'raidIssue' | 'raidAssumption' | 'raidDependency' | 'raidDecision';
  list(ctx: ServiceContext, query: Fields): Promise<{ items: ItemView[]; nextCursor: string | null }>;
  insert(trx: Db, ctx: ServiceContext, scope: ScopeNode & { organisationId: OrganisationId }, input: Fields): Promise<string>;
  patch(trx: Db, ctx: ServiceContext, id: string, patch: Fields): Promise<void>;
  /** Fields a new item takes when it is raised; the others a row sets are changed just after, in the same transaction. */
  createFields: readonly string[];
  /** What a new item holds in the fields it cannot be raised with. */
  newItemHolds: Fields;
};

const HEAD = ['title', 'description', 'ownerId', 'due', 'escalate'];

const log = (kind: LogKind, table: RegisterTable<never>, dbTable: RegisterPort['dbTable'], createFields: string[], newItemHolds: Fields): RegisterPort => ({
  kind,
  table,
  dbTable,
  list: (ctx, q) => listLogItems(ctx, kind, q as never) as Promise<{ items: ItemView[]; nextCursor: string | null }>,
  insert: (trx, ctx, scope, input) => insertLogItem(trx, ctx, kind, scope, input as never),
  patch: (trx, ctx, id, p) => applyLogPatch(trx, ctx, kind, id, p as never),
  createFields,
  newItemHolds,
});

export const REGISTERS: Record<RegisterKind, RegisterPort> = {
  risk: {
    kind: 'risk',
    table: RISK_TABLE as RegisterTable<never>,
    dbTable: 'raidRisk',
    list: (ctx, q) => listRisks(ctx, q as never) as Promise<{ items: ItemView[]; nextCursor: string | null }>,
    insert: (trx, ctx, scope, input) => insertRisk(trx, ctx, scope, input as never),
    patch: (trx, ctx, id, p) => applyRiskPatch(trx, ctx, id as never, p as never),
    createFields: ['kind', 'title', 'cause', 'event', 'effect', 'category', 'ownerId', 'probability', 'impact', 'residualProbability', 'residualImpact', 'proximity', 'responseStrategy', 'response', 'escalate'],
    newItemHolds: { status: 'open' },
  },
  issue: {
    kind: 'issue',
    table: ISSUE_TABLE as RegisterTable<never>,
    dbTable: 'raidIssue',
    list: (ctx, q) => listIssues(ctx, q as never) as Promise<{ items: ItemView[]; nextCursor: string | null }>,
    insert: (trx, ctx, scope, input) => insertIssue(trx, ctx, scope, input as never),
    patch: (trx, ctx, id, p) => applyIssuePatch(trx, ctx, id as never, p as never),
    createFields: ['title', 'description', 'category', 'ownerId', 'priority', 'severity', 'due', 'escalate'],
    newItemHolds: { status: 'open', resolution: '' },
  },
  assumption: log('assumption', ASSUMPTION_TABLE as RegisterTable<never>, 'raidAssumption', [...HEAD, 'validatorId'], { status: 'unvalidated', outcome: '' }),
  dependency: log('dependency', DEPENDENCY_TABLE as RegisterTable<never>, 'raidDependency', [...HEAD, 'direction', 'status', 'otherProjectId', 'ownTaskId', 'otherTaskId'], {}),
  decision: log('decision', DECISION_TABLE as RegisterTable<never>, 'raidDecision', [...HEAD, 'options', 'links'], { status: 'open', decision: '', rationale: '', decidedBy: '', decidedOn: null }),
};

/** Every item a level's list gives for a query, page by page. */
export async function listAll(ctx: ServiceContext, port: RegisterPort, query: Fields): Promise<ItemView[]> {
  const items: ItemView[] = [];
  let cursor: string | undefined;
  do {
    const page = await port.list(ctx, { ...query, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
