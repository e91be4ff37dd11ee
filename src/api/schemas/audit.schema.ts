import { z } from 'zod';
import { PageQuery, Uuid } from './common.schema.js';

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const AuditEvent = z.object({
  id: Uuid,
  organisationId: Uuid.nullable(),
  at: z.string(),
  actorId: Uuid.nullable(),
  actorName: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  recordType: z.string(),
  recordId: z.string(),
  recordLabel: z.string(),
  changes: z.array(FieldChange),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  organisationId: Uuid.optional(),
  recordId: Uuid.optional(),
  ...PageQuery,
});
export type AuditQuery = z.infer<typeof AuditQuery>;
