import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import { PharosError } from '../domain/errors.js';
import type { OrganisationId, UserId } from '../domain/ids.js';
import type { Database } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { systemActor, type Actor, type Clock, type ServiceContext } from './context.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  parentsFirst,
  ROW_TABLES,
  PER_ORGANISATION,
  REGISTER_TABLES,
  SCHEDULE_TABLES,
  validateDocument,
  type OrganisationDocument,
  type RowTable,
} from './transfer-document.js';

export { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, validateDocument, type OrganisationDocument } from './transfer-document.js';

/**
 * Moving an organisation between databases (SQLite → PostgreSQL, or one server to another):
 * export every row exactly as stored, import it verbatim in one transaction. Ids, versions,
 * timestamps, password hashes and the audit trail survive the move; the import adds one audit
 * event saying it happened, and rewrites nothing.
 */

export type TransferProgress = { step: string; done: number; total: number };
export type OnProgress = (progress: TransferProgress) => void;

/** Rows per INSERT: far below both dialects' bound-parameter limits at our widest table (18 columns). */
const BATCH = 500;

const chunks = <T>(items: readonly T[], size = BATCH): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Everyone the organisation's rows name: members, managers and sponsors, and users whose
 * creation the organisation's audit trail records (created into it, perhaps with no role yet).
 */
async function userIdsOf(db: Kysely<Database>, orgId: OrganisationId): Promise<UserId[]> {
  const ids = new Set<string>();
  const add = (rows: readonly Record<string, string | null>[]) => rows.forEach((r) => Object.values(r).forEach((v) => v && ids.add(v)));
  add(await db.selectFrom('membership').select('userId').where('organisationId', '=', orgId).execute());
  add(await db.selectFrom('portfolio').select('managerId').where('organisationId', '=', orgId).execute());
  add(await db.selectFrom('programme').select('managerId').where('organisationId', '=', orgId).execute());
  add(await db.selectFrom('project').select(['managerId', 'sponsorId']).where('organisationId', '=', orgId).execute());
  add(await db.selectFrom('auditEvent').select('recordId').where('organisationId', '=', orgId).where('recordType', '=', 'user').execute());
  return [...ids] as UserId[];
}

/**
 * The whole organisation as one JSON-ready document: the organisation, its people (with
 * password hashes, without sessions), memberships, portfolios, programmes, projects,
 * objectives, contributions, API token hashes and the audit trail, every row as stored and
 * ordered by id. Throws `not-found` when there is no such organisation.
 *
 * @example const doc = await exportOrganisation(store.db, orgId); writeFileSync('org.json', JSON.stringify(doc));
 */
export async function exportOrganisation(db: Kysely<Database>, organisationId: string, onProgress?: OnProgress): Promise<OrganisationDocument> {
  const orgId = organisationId as OrganisationId;
  const total = ROW_TABLES.length + 1;
  let done = 0;
  const step = (name: string) => onProgress?.({ step: name, done: ++done, total });
  // One read transaction, so the document is a consistent snapshot even while the server runs.
  return db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisation').selectAll().where('id', '=', orgId).executeTakeFirst();
    if (!organisation) throw new PharosError('not-found', `no organisation with id ${organisationId}`);
    step('organisation');
    const userIds = await userIdsOf(trx, orgId);
    const users = [];
    for (const ids of chunks(userIds)) users.push(...(await trx.selectFrom('userAccount').selectAll().where('id', 'in', ids).execute()));
    users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    step('users');
    const memberships = await trx.selectFrom('membership').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('memberships');
    const portfolios = await trx.selectFrom('portfolio').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('portfolios');
    const programmes = await trx.selectFrom('programme').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('programmes');
    const projects = await trx.selectFrom('project').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('projects');
    const objectives = await trx.selectFrom('objective').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('objectives');
    const contributions = await trx.selectFrom('contribution').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('contributions');
    const apiTokens = [];
    for (const ids of chunks(users.map((u) => u.id))) apiTokens.push(...(await trx.selectFrom('apiToken').selectAll().where('userId', 'in', ids).execute()));
    apiTokens.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    step('apiTokens');
    const auditEvents = await trx.selectFrom('auditEvent').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('auditEvents');
    const scheduleCalendars = await trx.selectFrom('scheduleCalendar').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleCalendars');
    const schedulePlans = await trx.selectFrom('schedulePlan').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('schedulePlans');
    const scheduleTasks = await trx.selectFrom('scheduleTask').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleTasks');
    const scheduleLinks = await trx.selectFrom('scheduleLink').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleLinks');
    const scheduleResources = await trx.selectFrom('scheduleResource').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleResources');
    const scheduleAssignments = await trx.selectFrom('scheduleAssignment').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleAssignments');
    const scheduleBaselines = await trx.selectFrom('scheduleBaseline').selectAll().where('organisationId', '=', orgId).orderBy('id').execute();
    step('scheduleBaselines');
    const raid = {} as Pick<OrganisationDocument, (typeof REGISTER_TABLES)[number][0]>;
    for (const [key, table] of REGISTER_TABLES) {
      const q = trx.selectFrom(table).selectAll().where('organisationId', '=', orgId);
      (raid as Record<string, unknown>)[key] = await ((PER_ORGANISATION as readonly string[]).includes(key) ? q : q.orderBy('id' as never)).execute();
      step(key);
    }
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      organisation,
      users,
      memberships,
      portfolios,
      programmes,
      projects,
      objectives,
      contributions,
      apiTokens,
      auditEvents,
      schedulePlans,
      scheduleCalendars,
      scheduleTasks,
      scheduleLinks,
      scheduleResources,
      scheduleAssignments,
      scheduleBaselines,
      ...raid,
    };
  });
}

export type ImportOptions = {
  /** Who the import's audit event names (default: the system actor "import"). */
  actor?: Actor;
  clock?: Clock;
};

export type ImportResult = {
  organisationId: OrganisationId;
  name: string;
  slug: string;
  /** Rows inserted per table (users already in the target, same id and email, are not counted). */
  inserted: Record<RowTable, number>;
  /** Users that already existed in the target with the same id and email, and were kept as they are. */
  existingUsers: number;
};

type Tx = Transaction<Database>;

type RowTableName = 'userAccount' | 'membership' | 'portfolio' | 'programme' | 'project' | 'objective' | 'contribution' | 'apiToken' | 'auditEvent' | (typeof SCHEDULE_TABLES)[number][1] | Exclude<(typeof REGISTER_TABLES)[number][1], 'raidMatrix' | 'changePolicy'>;

async function existing(trx: Tx, table: RowTableName, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom(table).select('id').where('id', 'in', part as never[]).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

function duplicate(detail: string): PharosError {
  return new PharosError('duplicate', detail);
}

/** Refuses anything that would collide with the target database, before a row is written. */
async function checkTarget(trx: Tx, doc: OrganisationDocument): Promise<{ skipUsers: Set<string>; skipTokens: Set<string> }> {
  const org = doc.organisation;
  const byId = await trx.selectFrom('organisation').select(['id', 'slug']).where('id', '=', org.id).executeTakeFirst();
  if (byId) throw duplicate(`organisation ${org.slug} (id ${org.id}) already exists in the target database`);
  const bySlug = await trx.selectFrom('organisation').select('id').where('slug', '=', org.slug).executeTakeFirst();
  if (bySlug) throw duplicate(`an organisation with slug "${org.slug}" already exists in the target database`);

  // A person may already be here (moved with another organisation): same id and email is the
  // same account and is kept; the same email under another id is someone else, and refused.
  const skipUsers = new Set<string>();
  for (const part of chunks(doc.users)) {
    const emails = part.map((u) => u.email);
    const rows = await trx
      .selectFrom('userAccount')
      .select(['id', 'email'])
      .where((eb) => eb.or([eb('email', 'in', emails), eb('id', 'in', part.map((u) => u.id))]))
      .execute();
    for (const row of rows) {
      const mine = part.find((u) => u.id === row.id) ?? part.find((u) => u.email === row.email);
      if (!mine) continue;
      if (row.id === mine.id && row.email === mine.email) skipUsers.add(row.id);
      else if (row.email === mine.email) throw duplicate(`a different user with email ${row.email} already exists in the target database`);
      else throw duplicate(`user id ${row.id} already exists in the target database with another email (${row.email}, not ${mine.email})`);
    }
  }
  const skipTokens = new Set<string>();
  for (const part of chunks(doc.apiTokens)) {
    const rows = await trx
      .selectFrom('apiToken')
      .select(['id', 'tokenHash'])
      .where((eb) => eb.or([eb('id', 'in', part.map((t) => t.id)), eb('tokenHash', 'in', part.map((t) => t.tokenHash))]))
      .execute();
    for (const row of rows) {
      const mine = part.find((t) => t.id === row.id) ?? part.find((t) => t.tokenHash === row.tokenHash);
      if (!mine) continue;
      // The same token of a person already here came with them; anything else is a clash.
      if (row.id === mine.id && row.tokenHash === mine.tokenHash && skipUsers.has(mine.userId)) skipTokens.add(row.id);
      else throw duplicate(`API token ${mine.prefix}… (id ${mine.id}) already exists in the target database`);
    }
  }
  const tables = [
    ['membership', 'memberships'],
    ['portfolio', 'portfolios'],
    ['programme', 'programmes'],
    ['project', 'projects'],
    ['objective', 'objectives'],
    ['contribution', 'contributions'],
    ['auditEvent', 'auditEvents'],
    ...SCHEDULE_TABLES.map(([key, table]) => [table, key] as const),
    ...REGISTER_TABLES.filter((t): t is Exclude<(typeof REGISTER_TABLES)[number], readonly ['raidMatrices', 'raidMatrix'] | readonly ['changePolicies', 'changePolicy']> => !(PER_ORGANISATION as readonly string[]).includes(t[0])).map(([key, table]) => [table, key] as const),
  ] as const;
  for (const [table, key] of tables) {
    const clash = await existing(trx, table, doc[key].map((r) => r.id));
    if (clash.size > 0) throw duplicate(`${key}: ${clash.size} record(s) already exist in the target database (first: id ${[...clash][0]})`);
  }
  return { skipUsers, skipTokens };
}

function dialectOf(db: Kysely<Database>): ServiceContext['dialect'] {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Imports an organisation export into this database, all in one transaction: validates the
 * document (each bad field named by its path), refuses when the organisation (id or slug),
 * any of its records, or a user email under a different id already exists, then inserts every
 * row verbatim in dependency order (parents before children), 500 rows per statement. Appends
 * exactly one audit event recording the import; the imported trail itself is untouched.
 *
 * @example await importOrganisation(pgStore.db, JSON.parse(readFileSync('org.json', 'utf8')))
 */
export async function importOrganisation(db: Kysely<Database>, document: unknown, onProgress?: OnProgress, options: ImportOptions = {}): Promise<ImportResult> {
  const doc = validateDocument(document);
  const ctx: ServiceContext = { db, dialect: dialectOf(db), actor: options.actor ?? systemActor('import'), clock: options.clock ?? (() => new Date()) };
  const total = 1 + ROW_TABLES.reduce((n, t) => n + doc[t].length, 0);
  let done = 0;
  const report = (step: string, rows: number) => {
    done += rows;
    onProgress?.({ step, done, total });
  };

  return db.transaction().execute(async (trx) => {
    const { skipUsers, skipTokens } = await checkTarget(trx, doc);
    const inserted = Object.fromEntries(ROW_TABLES.map((t) => [t, 0])) as Record<RowTable, number>;

    await trx.insertInto('organisation').values(doc.organisation).execute();
    report('organisation', 1);

    // Kysely's insertInto is typed per table; this keeps the per-table batching in one place.
    const insert = async <K extends RowTable>(key: K, table: keyof Database, rows: readonly OrganisationDocument[K][number][], skip?: Set<string>) => {
      let skipped = 0;
      for (const part of chunks(rows)) {
        const fresh = skip ? part.filter((r) => !skip.has((r as { id: string }).id)) : part;
        skipped += part.length - fresh.length;
        if (fresh.length > 0) await trx.insertInto(table).values(fresh as never).execute();
        inserted[key] += fresh.length;
        report(key, part.length);
      }
      return skipped;
    };
    const existingUsers = await insert('users', 'userAccount', doc.users, skipUsers);
    await insert('memberships', 'membership', doc.memberships);
    await insert('portfolios', 'portfolio', doc.portfolios);
    await insert('programmes', 'programme', parentsFirst(doc.programmes));
    await insert('projects', 'project', doc.projects);
    await insert('objectives', 'objective', parentsFirst(doc.objectives));
    await insert('contributions', 'contribution', doc.contributions);
    await insert('apiTokens', 'apiToken', doc.apiTokens, skipTokens);
    await insert('auditEvents', 'auditEvent', doc.auditEvents);
    // Roles before plans: a plan's resource may stand for one.
    await insert('capacityRoles', 'capacityRole', doc.capacityRoles);
    // Plans: a calendar before the calendars based on it, a summary task before its subtasks.
    await insert('scheduleCalendars', 'scheduleCalendar', parentsFirst(doc.scheduleCalendars.map((c) => ({ ...c, parentId: c.baseId }))).map(({ parentId: _p, ...c }) => c));
    await insert('schedulePlans', 'schedulePlan', doc.schedulePlans);
    await insert('scheduleTasks', 'scheduleTask', parentsFirst(doc.scheduleTasks));
    await insert('scheduleLinks', 'scheduleLink', doc.scheduleLinks);
    await insert('scheduleResources', 'scheduleResource', doc.scheduleResources);
    await insert('scheduleAssignments', 'scheduleAssignment', doc.scheduleAssignments);
    await insert('scheduleBaselines', 'scheduleBaseline', doc.scheduleBaselines);
    // Registers: a risk before the issue it became (the risk_id is a foreign key), a change request before its steps.
    for (const [key, table] of REGISTER_TABLES) if (key !== 'capacityRoles') await insert(key, table, doc[key] as never);

    const org = doc.organisation;
    await appendAudit(trx, ctx, {
      organisationId: org.id,
      recordType: 'organisation',
      recordId: org.id,
      recordLabel: `${org.name} (imported)`,
      before: null,
      after: { importedFrom: `${EXPORT_FORMAT} v${doc.formatVersion}`, exportedAt: doc.exportedAt, records: inserted },
    });
    return { organisationId: org.id, name: org.name, slug: org.slug, inserted, existingUsers };
  });
}
