import { PharosError, invalid, type FieldIssue } from '../domain/errors.js';
import type { OrganisationId } from '../domain/ids.js';
import { LOG_PREFIX } from '../domain/raid/log-rules.js';
import { columnForField, looksLikeXlsx, problemField, readCsv, readRows, readXlsx, UnreadableFile, type CellProblem, type ImportLookups, type ReadTable, type RowRecord } from '../io/raid-table/index.js';
import type { Db, ServiceContext } from './context.js';
import { authorizeItem, loadMatrix, scopeNode, withFreshNumber, type ScopeNode } from './raid-common.js';
import { listAll, REGISTERS, type ItemView, type RegisterKind, type RegisterPort } from './raid-registers.js';

/**
 * Imports a RAID register from a CSV or XLSX file into a level: rows with the reference of an
 * item the level lists change that item, the others raise new ones. All or nothing: the
 * rows are applied in one transaction through the register's own checks; any problem and
 * nothing is kept. A dry run does the same and keeps nothing either, so what it reports is
 * exactly what the import would do.
 */

/** Checks a value against the API's schema for a new item or a change (given by the API layer, which owns the schemas). */
export type Checked = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };
export type RowSchemas = { create(value: unknown): Checked; patch(value: unknown): Checked };

export type ImportTarget = { scopeType: 'portfolio' | 'programme' | 'project'; scopeId: string };
export type RowAction = 'create' | 'update' | 'unchanged';
export type ImportReport = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: { row: number; action: RowAction; ref: string | null; note: string | null }[];
  problems: (CellProblem & { field: string })[];
};

/** Most rows one file may hold. */
export const IMPORT_ROW_LIMIT = 5000;

const PREFIX: Record<RegisterKind, string> = { risk: 'R', issue: 'I', ...LOG_PREFIX };
const DB_TABLE_OF_PREFIX: Record<string, { type: RegisterKind; table: RegisterPort['dbTable'] }> = Object.fromEntries(
  (Object.keys(PREFIX) as RegisterKind[]).map((k) => [PREFIX[k], { type: k, table: REGISTERS[k].dbTable }]),
);

class Rollback extends Error {
  constructor(readonly report: Omit<ImportReport, 'dryRun'>) {
    super('rollback');
  }
}

async function readTable(bytes: Uint8Array): Promise<ReadTable> {
  try {
    return looksLikeXlsx(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  } catch (e) {
    if (e instanceof UnreadableFile) throw invalid([{ field: 'file', reason: e.message }]);
    throw e;
  }
}

async function importLookups(db: Db, organisationId: OrganisationId): Promise<ImportLookups> {
  const [{ matrix }, members, projects] = await Promise.all([
    loadMatrix(db, organisationId),
    db.selectFrom('membership').innerJoin('userAccount', 'userAccount.id', 'membership.userId').select(['userAccount.id', 'userAccount.email']).where('membership.organisationId', '=', organisationId).execute(),
    db.selectFrom('project').select(['id', 'code']).where('organisationId', '=', organisationId).execute(),
  ]);
  const byEmail = new Map(members.map((m) => [m.email.toLowerCase(), m.id as string] as const));
  const byCode = new Map(projects.map((p) => [p.code.toLowerCase(), p.id as string] as const));
  return { probability: matrix.probability, impact: matrix.impact, userIdByEmail: (e) => byEmail.get(e.toLowerCase()), projectIdByCode: (c) => byCode.get(c.toLowerCase()) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const pick = (values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));

/**
 * Turns what only the database can resolve into the API's fields: a dependency's task UIDs
 * into task ids (in its own project and the other one), a decision's linked references into
 * links. Problems are named by the field the row read.
 */
async function resolveReferences(trx: Db, organisationId: OrganisationId, values: Record<string, unknown>, ownProjectId: string | null, current: ItemView | undefined): Promise<{ values: Record<string, unknown>; issues: FieldIssue[] }> {
  const out = { ...values };
  const issues: FieldIssue[] = [];
  const task = async (field: 'ownTaskUid' | 'otherTaskUid', target: 'ownTaskId' | 'otherTaskId', projectId: string | null, whose: string) => {
    if (!(field in values)) return;
    const uid = values[field] as number | null;
    delete out[field];
    if (uid === null) return void (out[target] = null);
    const row = projectId ? await trx.selectFrom('scheduleTask').select('id').where('projectId', '=', projectId as never).where('uid', '=', uid).executeTakeFirst() : undefined;
    if (row) out[target] = row.id;
    else issues.push({ field, reason: projectId ? `${whose} plan has no task with UID ${uid}` : `needs ${whose === 'the other project’s' ? 'an other project' : 'the dependency raised in a project'}` });
  };
  await task('ownTaskUid', 'ownTaskId', ownProjectId, 'this project’s');
  const other = 'otherProjectId' in values ? (values.otherProjectId as string | null) : ((current?.otherProjectId as string | null | undefined) ?? null);
  await task('otherTaskUid', 'otherTaskId', other, 'the other project’s');
  if ('linkRefs' in values) {
    delete out.linkRefs;
    const links: { type: RegisterKind; id: string }[] = [];
    for (const ref of values.linkRefs as string[]) {
      const [prefix, n] = [ref.slice(0, ref.lastIndexOf('-')), Number(ref.slice(ref.lastIndexOf('-') + 1))];
      const { type, table } = DB_TABLE_OF_PREFIX[prefix]!;
      const row = await trx.selectFrom(table).select('id').where('organisationId', '=', organisationId).where('number', '=', n).executeTakeFirst();
      if (row) links.push({ type, id: row.id as string });
      else issues.push({ field: 'linkRefs', reason: `${ref} is not an item of this organisation` });
    }
    out.links = links;
  }
  return { values: out, issues };
}

/** Problems a failed write names, each on the column of this row it came from. */
function problemsOf(e: unknown, port: RegisterPort, rec: RowRecord, ref: string | null): CellProblem[] {
  if (!(e instanceof PharosError)) throw e;
  const at = (column: string, reason: string): CellProblem => ({ row: rec.row, column, reason });
  switch (e.code) {
    case 'validation-failed':
      return (e.details.issues ?? [{ field: 'Ref', reason: e.message }]).map((i) => at(columnForField(port.table, rec, i.field), i.reason));
    case 'version-conflict':
      return [at('Version', `${ref} changed while importing: ${e.message}`)];
    case 'forbidden':
      return [at('Ref', ref ? `you may not change ${ref}: ${e.message}` : `you may not raise a ${port.table.noun} here: ${e.message}`)];
    default:
      return [at('Ref', e.message)];
  }
}

/** Applies one row in the transaction; answers what it did, or its problems. */
async function applyRow(
  trx: Db,
  ctx: ServiceContext,
  port: RegisterPort,
  scope: ScopeNode & { organisationId: OrganisationId },
  schemas: RowSchemas,
  rec: RowRecord,
  item: ItemView | undefined,
): Promise<{ action: RowAction; id: string | null; problems: CellProblem[] }> {
  const { ref: _ref, version, ...given } = rec.values;
  const ref = item?.ref ?? null;
  const action: RowAction = item ? 'update' : 'create';
  const fail = (issues: FieldIssue[]) => ({ action, id: item?.id ?? null, problems: issues.map((i) => ({ row: rec.row, column: columnForField(port.table, rec, i.field), reason: i.reason })) });
  if (item && version !== undefined && version !== item.version) {
    return { action, id: item.id, problems: [{ row: rec.row, column: 'Version', reason: `is ${String(version)} but ${item.ref} is now at version ${item.version}: it changed after this file was exported; export again and reapply the change` }] };
  }
  const ownProject = (item ? item.scopeType : scope.type) === 'project' ? (item ? item.scopeId : scope.id) : null;
  const resolved = await resolveReferences(trx, scope.organisationId, given, ownProject, item);
  if (resolved.issues.length) return fail(resolved.issues);
  const values = resolved.values;
  try {
    if (item) {
      const changes = Object.fromEntries(Object.entries(values).filter(([k, v]) => !same(v, item[k])));
      if (Object.keys(changes).length === 0) return { action: 'unchanged', id: item.id, problems: [] };
      const checked = schemas.patch({ version: item.version, ...changes });
      if (!checked.ok) return fail(checked.issues);
      await port.patch(trx, ctx, item.id, checked.value);
      return { action, id: item.id, problems: [] };
    }
    const checked = schemas.create({ scopeType: scope.type, scopeId: scope.id, ...pick(values, port.createFields) });
    if (!checked.ok) return fail(checked.issues);
    const later = Object.fromEntries(Object.entries(values).filter(([k, v]) => !port.createFields.includes(k) && !same(v, port.newItemHolds[k])));
    const laterChecked = Object.keys(later).length ? schemas.patch({ version: 1, ...later }) : null;
    if (laterChecked && !laterChecked.ok) return fail(laterChecked.issues);
    const id = await port.insert(trx, ctx, scope, checked.value);
    if (laterChecked) await port.patch(trx, ctx, id, laterChecked.value);
    return { action, id, problems: [] };
  } catch (e) {
    return { action, id: item?.id ?? null, problems: problemsOf(e, port, rec, ref) };
  }
}

/**
 * Reads the file, matches its rows to the items the level lists (by reference), and applies
 * them all in one transaction, or, on a dry run or any problem, none. A real import with
 * problems is refused with each one as `rows[N].Column: reason`.
 */
export async function importRegister(ctx: ServiceContext, kind: RegisterKind, target: ImportTarget, bytes: Uint8Array, dryRun: boolean, schemas: RowSchemas): Promise<ImportReport> {
  const port = REGISTERS[kind];
  const scope = await scopeNode(ctx, target.scopeType, target.scopeId);
  authorizeItem(ctx, 'raid:raise', scope.path, target.scopeType);
  const table = await readTable(bytes);
  if (table.rows.length === 0) throw invalid([{ field: 'file', reason: `has no rows under its header: nothing to import` }]);
  if (table.rows.length > IMPORT_ROW_LIMIT) throw invalid([{ field: 'file', reason: `has ${table.rows.length} rows; at most ${IMPORT_ROW_LIMIT} are imported at once (split the file)` }]);
  const read = readRows(table, port.table, await importLookups(ctx.db, scope.organisationId));
  const listed = await listAll(ctx, port, { scopeType: target.scopeType, scopeId: target.scopeId, include: 'all', sort: 'ref' });
  const byRef = new Map(listed.map((i) => [i.ref, i] as const));

  const run = async (trx: Db): Promise<Omit<ImportReport, 'dryRun'>> => {
    const tctx: ServiceContext = { ...ctx, db: trx as ServiceContext['db'] };
    const problems: CellProblem[] = [...read.problems];
    const rows: ImportReport['rows'] = [];
    const firstRowOf = new Map<string, number>();
    for (const rec of read.records) {
      const ref = (rec.values.ref as string | undefined) ?? null;
      const item = ref ? byRef.get(ref) : undefined;
      const note = ref && !item ? `${ref} is not a ${port.table.noun} of this level: raised as a new one` : null;
      if (ref && firstRowOf.has(ref)) {
        problems.push({ row: rec.row, column: 'Ref', reason: `${ref} is also on row ${firstRowOf.get(ref)}: each item may appear once` });
        continue;
      }
      if (ref) firstRowOf.set(ref, rec.row);
      if (read.problems.some((p) => p.row === rec.row)) {
        rows.push({ row: rec.row, action: item ? 'update' : 'create', ref: item?.ref ?? null, note });
        continue;
      }
      const done = await applyRow(trx, tctx, port, scope, schemas, rec, item);
      problems.push(...done.problems);
      let shownRef = item?.ref ?? null;
      if (!item && done.id && !done.problems.length) {
        const n = await trx.selectFrom(port.dbTable).select('number').where('id', '=', done.id as never).executeTakeFirst();
        shownRef = n ? `${PREFIX[kind]}-${n.number}` : null;
      }
      rows.push({ row: rec.row, action: done.action, ref: shownRef, note });
    }
    const count = (a: RowAction) => rows.filter((r) => r.action === a).length;
    const report = { created: count('create'), updated: count('update'), unchanged: count('unchanged'), rows, problems: problems.sort((a, b) => a.row - b.row).map((p) => ({ ...p, field: problemField(p) })) };
    if (dryRun || problems.length) throw new Rollback(report);
    return report;
  };

  try {
    return { dryRun, ...(await withFreshNumber(() => ctx.db.transaction().execute(run))) };
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    if (dryRun) return { dryRun, ...e.report };
    throw new PharosError('validation-failed', `nothing was imported: ${e.report.problems.length} problem${e.report.problems.length === 1 ? '' : 's'}: ${e.report.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, {
      issues: e.report.problems.map((p) => ({ field: p.field, reason: p.reason })),
      extensions: { rows: e.report.rows },
    });
  }
}
