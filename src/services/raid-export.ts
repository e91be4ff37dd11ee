import type { OrganisationId, UserId } from '../domain/ids.js';
import { LOG_PREFIX } from '../domain/raid/log-rules.js';
import { sheetOf, writeCsv, writeXlsx, type ExportLookups } from '../io/raid-table/index.js';
import type { Db, ServiceContext } from './context.js';
import { listTarget, loadMatrix, todayOf, type ListScopeType } from './raid-common.js';
import { listAll, REGISTERS, type ItemView, type RegisterKind } from './raid-registers.js';

/** A RAID register as a CSV or XLSX file: the rows the register's list shows for the same query. */

export type ExportFormat = 'csv' | 'xlsx';
export type ExportFile = { body: Buffer; contentType: string; fileName: string };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const PREFIX: Record<string, string> = { risk: 'R', issue: 'I', ...LOG_PREFIX };
const TABLES = { risk: 'raidRisk', issue: 'raidIssue', assumption: 'raidAssumption', dependency: 'raidDependency', decision: 'raidDecision' } as const;

const ids = (items: readonly ItemView[], ...fields: string[]): string[] => [...new Set(items.flatMap((i) => fields.map((f) => i[f])).filter((v): v is string => typeof v === 'string'))];

/** Emails of owners and validators, uids of the tasks dependencies name, references of the items decisions link to. */
async function lookupsFor(db: Db, organisationId: OrganisationId, items: readonly ItemView[]): Promise<ExportLookups> {
  const { matrix } = await loadMatrix(db, organisationId);
  const people = ids(items, 'ownerId', 'validatorId');
  const tasks = ids(items, 'ownTaskId', 'otherTaskId');
  const links = items.flatMap((i) => (Array.isArray(i.links) ? (i.links as { type: keyof typeof TABLES; id: string }[]) : []));
  const [emails, uids] = await Promise.all([
    people.length ? db.selectFrom('userAccount').select(['id', 'email']).where('id', 'in', people as UserId[]).execute() : [],
    tasks.length ? db.selectFrom('scheduleTask').select(['id', 'uid']).where('id', 'in', tasks as never[]).execute() : [],
  ]);
  const refs = new Map<string, string>();
  for (const type of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    const wanted = [...new Set(links.filter((l) => l.type === type).map((l) => l.id))];
    if (!wanted.length) continue;
    const rows = await db.selectFrom(TABLES[type]).select(['id', 'number']).where('id', 'in', wanted as never[]).execute();
    for (const r of rows) refs.set(r.id as string, `${PREFIX[type]}-${r.number}`);
  }
  const emailById = new Map(emails.map((e) => [e.id as string, e.email] as const));
  const uidById = new Map(uids.map((t) => [t.id as string, t.uid] as const));
  return {
    probability: matrix.probability,
    impact: matrix.impact,
    emailOf: (id) => (id ? (emailById.get(id) ?? null) : null),
    taskUidOf: (id) => (id ? (uidById.get(id) ?? null) : null),
    refOf: (l) => refs.get(l.id) ?? null,
  };
}

/** A file name's safe form of a code or name. */
const slug = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'register';

/**
 * The register of a level as a file, with the rows its list gives for the same filters
 * (every page, in the list's order). Reading is all it needs.
 */
export async function exportRegister(ctx: ServiceContext, kind: RegisterKind, query: Record<string, unknown> & { scopeType: ListScopeType; scopeId: string; format: ExportFormat }): Promise<ExportFile> {
  const port = REGISTERS[kind];
  const { format, ...listQuery } = query;
  const target = await listTarget(ctx, query.scopeType, query.scopeId);
  const items = await listAll(ctx, port, listQuery);
  const sheet = sheetOf(port.table, items as never[], await lookupsFor(ctx.db, target.organisationId, items));
  const level = query.scopeType === 'organisation'
    ? await ctx.db.selectFrom('organisation').select('slug as code').where('id', '=', query.scopeId as OrganisationId).executeTakeFirstOrThrow()
    : await ctx.db.selectFrom(query.scopeType).select('code').where('id', '=', query.scopeId as never).executeTakeFirstOrThrow();
  const fileName = `${slug(level.code)}-${port.table.name}-${todayOf(ctx)}.${format}`;
  const body = format === 'csv' ? writeCsv(sheet) : await writeXlsx(sheet, { creator: 'Pharos', created: ctx.clock() });
  return { body, contentType: CONTENT_TYPES[format], fileName };
}
