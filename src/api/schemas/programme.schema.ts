import { z } from 'zod';
import { Code, Description, Name, PageQuery, Uuid, Version, VersionedFields } from './common.schema.js';

export const Programme = z.object({
  id: Uuid,
  organisationId: Uuid,
  portfolioId: Uuid,
  /** The programme this one sits in (tranches, sub-programmes), or `null`. */
  parentId: Uuid.nullable(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  managerId: Uuid.nullable(),
  ...VersionedFields,
});
export type Programme = z.infer<typeof Programme>;

export const ProgrammeCreate = z.strictObject({
  portfolioId: Uuid,
  parentId: Uuid.nullable().default(null),
  code: Code,
  name: Name,
  description: Description.default(''),
  managerId: Uuid.nullable().default(null),
});
export type ProgrammeCreate = z.infer<typeof ProgrammeCreate>;

export const ProgrammePatch = z.strictObject({
  version: Version,
  parentId: Uuid.nullable().optional(),
  code: Code.optional(),
  name: Name.optional(),
  description: Description.optional(),
  managerId: Uuid.nullable().optional(),
});
export type ProgrammePatch = z.infer<typeof ProgrammePatch>;

export const ProgrammeListQuery = z.strictObject({
  organisationId: Uuid.optional(),
  portfolioId: Uuid.optional(),
  parentId: Uuid.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['name', '-name', 'code', '-code', 'updatedAt', '-updatedAt']).default('name'),
  ...PageQuery,
});
export type ProgrammeListQuery = z.infer<typeof ProgrammeListQuery>;
