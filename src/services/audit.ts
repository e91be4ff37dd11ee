import { diffRecords, type FieldChange } from '../domain/audit/diff.js';
import type { AuditEventId, OrganisationId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import type { AuditEvent, AuditQuery } from '../api/schemas/audit.schema.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { assertCanSeeOrganisation, organisationIdsOf, pathOf, requireVisible } from './access.js';
import { can } from '../domain/policy/index.js';

/** Fields that change on every write and say nothing by themselves. */
const NOISE = ['version', 'updatedAt', 'createdAt'];

export type AuditInput = {
  organisationId: OrganisationId | null;
  recordType: string;
  recordId: string;
  recordLabel: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
};

/**
 * Appends one audit event inside the caller's transaction: who, when, which record, and
 * each changed field's before and after. An update that changes nothing writes nothing.
 */
export async function appendAudit(trx: Db, ctx: ServiceContext, input: AuditInput): Promise<void> {
  const changes: FieldChange[] = diffRecords(input.before, input.after, NOISE);
  const action = input.before === null ? 'create' : input.after === null ? 'delete' : 'update';
  if (action === 'update' && changes.length === 0) return;
  await trx
    .insertInto('auditEvent')
    .values({
      id: newId<AuditEventId>(),
      organisationId: input.organisationId,
      at: nowIso(ctx),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      action,
      recordType: input.recordType,
      recordId: input.recordId,
      recordLabel: input.recordLabel,
      changes: JSON.stringify(changes),
    })
    .execute();
}

type AuditRow = {
  id: string;
  organisationId: string | null;
  at: string;
  actorId: string | null;
  actorName: string;
  action: 'create' | 'update' | 'delete';
  recordType: string;
  recordId: string;
  recordLabel: string;
  changes: string;
};

export function auditFromRow(row: AuditRow): AuditEvent {
  return { ...row, changes: JSON.parse(row.changes) as FieldChange[] };
}

/**
 * The audit trail, newest first: of one record (`recordId`) or of a whole organisation.
 * Reading a record's trail needs `audit:read` on that record; an organisation's, at organisation scope.
 */
export async function listAudit(ctx: ServiceContext, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('auditEvent').selectAll();
  if (query.recordId) {
    const path = await pathOf(ctx.db, query.recordId);
    if (!path) throw new PharosError('not-found', `no record with id ${query.recordId}`);
    requireVisible(ctx, path);
    if (!ctx.actor.system && !can(ctx.actor.grants, 'audit:read', path)) {
      throw new PharosError('forbidden', 'your roles do not allow reading the audit trail of this record');
    }
    q = q.where('recordId', '=', query.recordId);
  } else {
    const orgId = query.organisationId ?? organisationIdsOf(ctx)[0];
    if (!orgId) throw new PharosError('validation-failed', 'organisationId: is required', { issues: [{ field: 'organisationId', reason: 'is required' }] });
    assertCanSeeOrganisation(ctx, orgId);
    if (!ctx.actor.system && !can(ctx.actor.grants, 'audit:read', [{ type: 'organisation', id: orgId }])) {
      throw new PharosError('forbidden', "reading the organisation's audit trail needs an organisation-wide role that may read audit");
    }
    q = q.where('organisationId', '=', orgId as OrganisationId);
  }
  if (query.cursor) {
    const [, lastId] = decodeCursor(query.cursor, 'id');
    q = q.where('id', '<', lastId as AuditEventId);
  }
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(auditFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor('id', last.id, last.id) : null };
}
