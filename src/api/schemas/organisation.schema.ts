import { z } from 'zod';
import { PMO_MODES } from '../../domain/structure/index.js';
import { Name, Uuid, VersionedFields, Version } from './common.schema.js';

export const PmoMode = z.enum(PMO_MODES);

export const WorkingCalendar = z.strictObject({
  name: Name,
  /** ISO weekday numbers, Monday = 1 … Sunday = 7. */
  workingDays: z
    .array(z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'))
    .min(1, 'must have at least one working day')
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'must not repeat a day'),
  hoursPerDay: z.number().gt(0, 'must be more than 0').max(24, 'must be at most 24'),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as GBP');

export const Organisation = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  pmoMode: PmoMode,
  currency: z.string(),
  fiscalYearStartMonth: z.number().int(),
  defaultCalendar: WorkingCalendar,
  ...VersionedFields,
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationPatch = z.strictObject({
  version: Version,
  name: Name.optional(),
  pmoMode: PmoMode.optional(),
  currency: Currency.optional(),
  fiscalYearStartMonth: z.number().int().min(1, 'must be 1 to 12').max(12, 'must be 1 to 12').optional(),
  defaultCalendar: WorkingCalendar.optional(),
});
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;
