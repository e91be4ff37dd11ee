import { z } from 'zod';
import { dateProblem } from '../../domain/calendar-date.js';

/** Shared field types: every entity schema builds on these so a rule is written once. */

export const Uuid = z.uuid({ message: 'must be an id (UUID)' });

/** A name people read: 1–200 characters, not blank, no control characters; kept exactly as typed. */
export const Name = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => s.trim().length > 0, 'must not be blank')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

/** A short code such as `DIG-042`: letters, digits, `-`, `_` or `.`, up to 32 characters. */
export const Code = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');

export const Description = z.string().max(10_000, 'must be at most 10000 characters');

export const ShortText = z.string().max(500, 'must be at most 500 characters');

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const CalendarDate = z.string().superRefine((s, ctx) => {
  const problem = dateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const Version = z.number().int('must be a whole number').min(1, 'must be 1 or more');

/** Money in minor units (pence, cents) of the organisation's currency. */
export const MinorUnits = z
  .number()
  .min(0, 'must not be negative')
  .max(9_000_000_000_000_000, 'must be at most 90 trillion in major units')
  // Number.isInteger, not z.int(): z.int() also refuses unsafe integers, with the wrong reason.
  .refine(Number.isInteger, 'must be a whole number of minor units (e.g. pence)');

export const Timestamp = z.string();

export const Weight = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');

export const Tags = z
  .array(z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters'))
  .max(20, 'must have at most 20 tags')
  .refine((t) => new Set(t).size === t.length, 'must not repeat a tag');

export const VersionedFields = {
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** Query parameters shared by every list: a page size and an opaque cursor. */
export const PageQuery = {
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(1000).optional(),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Pass as `cursor` to get the next page; `null` on the last page. */
    nextCursor: z.string().nullable(),
  });
}

/** A query-string boolean: `true` or `false`. */
export const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** RFC 9457 problem document. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

export const IdParams = z.strictObject({ id: Uuid });
