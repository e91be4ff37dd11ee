import { z } from 'zod';
import { isMonth } from '../../domain/portfolio/capacity/index.js';
import { CalendarDate, Code, Description, Name, ShortText, Uuid, Version, VersionedFields } from './common.schema.js';

/** Roles, the people in them, projects' demand, and demand against capacity. */

export const Month = z.string().refine(isMonth, 'must be a month written YYYY-MM');
const Fte = z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000');

export const FteStep = z.strictObject({ from: Month, fte: Fte });

const RoleFields = {
  code: Code,
  name: Name,
  description: Description,
  /** Project hours one full-time person gives in an average month (e.g. 140). */
  hoursPerFteMonth: z.number().min(1, 'must be at least 1 hour').max(744, 'must be at most 744 hours (a month of 31 days)'),
  /** Capacity not tied to a named person, changing over time: from each month on, this many FTE. */
  fteSteps: z.array(FteStep).max(240, 'must have at most 240 steps').refine((s) => new Set(s.map((x) => x.from)).size === s.length, 'must not start two steps in the same month'),
};

export const RoleCreate = z.strictObject({
  code: RoleFields.code,
  name: RoleFields.name,
  description: RoleFields.description.default(''),
  hoursPerFteMonth: RoleFields.hoursPerFteMonth.default(140),
  fteSteps: RoleFields.fteSteps.default([]),
});
export type RoleCreate = z.infer<typeof RoleCreate>;
export const RolePatch = z.strictObject({ version: Version, ...Object.fromEntries(Object.entries(RoleFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof RoleFields]: z.ZodOptional<(typeof RoleFields)[K]> } });
export type RolePatch = z.infer<typeof RolePatch>;

export const Role = z.object({
  id: Uuid,
  organisationId: Uuid,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  hoursPerFteMonth: z.number(),
  fteSteps: z.array(z.object({ from: z.string(), fte: z.number() })),
  /** Named people in the role. */
  people: z.number().int(),
  ...VersionedFields,
});
export type Role = z.infer<typeof Role>;

export const Absence = z.strictObject({ from: CalendarDate, to: CalendarDate, note: ShortText.default('') }).refine((a) => a.to >= a.from, { message: 'must not end before it starts', path: ['to'] });

const PersonFields = {
  roleId: Uuid,
  /** The person's Pharos account, if they have one. */
  userId: Uuid.nullable(),
  name: Name,
  fte: z.number().min(0, 'must be 0 or more').max(1.5, 'must be at most 1.5'),
  /** Share of their time on work that is not project work, 0–1. */
  nonProjectShare: z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1'),
  fromMonth: Month.nullable(),
  toMonth: Month.nullable(),
  absences: z.array(Absence).max(500, 'must have at most 500 absences'),
};

const monthsInOrder = (v: { fromMonth?: string | null; toMonth?: string | null }, ctx: z.RefinementCtx) => {
  if (v.fromMonth && v.toMonth && v.toMonth < v.fromMonth) ctx.addIssue({ code: 'custom', path: ['toMonth'], message: `must not be before fromMonth (${v.fromMonth})` });
};

export const PersonCreate = z
  .strictObject({
    roleId: PersonFields.roleId,
    userId: PersonFields.userId.default(null),
    name: PersonFields.name,
    fte: PersonFields.fte.default(1),
    nonProjectShare: PersonFields.nonProjectShare.default(0),
    fromMonth: PersonFields.fromMonth.default(null),
    toMonth: PersonFields.toMonth.default(null),
    absences: PersonFields.absences.default([]),
  })
  .superRefine(monthsInOrder);
export type PersonCreate = z.infer<typeof PersonCreate>;
export const PersonPatch = z
  .strictObject({ version: Version, ...(Object.fromEntries(Object.entries(PersonFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof PersonFields]: z.ZodOptional<(typeof PersonFields)[K]> }) })
  .superRefine(monthsInOrder);
export type PersonPatch = z.infer<typeof PersonPatch>;

export const Person = z.object({
  id: Uuid,
  organisationId: Uuid,
  roleId: Uuid,
  userId: Uuid.nullable(),
  name: z.string(),
  fte: z.number(),
  nonProjectShare: z.number(),
  fromMonth: z.string().nullable(),
  toMonth: z.string().nullable(),
  absences: z.array(z.object({ from: z.string(), to: z.string(), note: z.string() })),
  ...VersionedFields,
});
export type Person = z.infer<typeof Person>;

export const DemandPut = z.strictObject({
  /** 0 when the project has no estimate for this role yet. */
  version: z.number().int().min(0, 'must be 0 or more'),
  /** Hours by month; the whole row (months left out have none). */
  hours: z.record(Month, z.number().min(0, 'must be 0 or more').max(100_000, 'must be at most 100000 hours')).refine((h) => Object.keys(h).length <= 240, 'must have at most 240 months'),
  note: ShortText.default(''),
});
export type DemandPut = z.infer<typeof DemandPut>;

export const DemandSheet = z.object({
  projectId: Uuid,
  roleId: Uuid,
  roleCode: z.string(),
  roleName: z.string(),
  /** The estimate, hours by month. */
  hours: z.record(z.string(), z.number()),
  /** Hours by month from the plan's assignments on resources standing for this role; when present, they count instead of the estimate. */
  plan: z.record(z.string(), z.number()).nullable(),
  /** Hours that count: the plan's when there are any, else the estimate's. */
  total: z.number(),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type DemandSheet = z.infer<typeof DemandSheet>;
export const ProjectDemand = z.object({ projectId: Uuid, sheets: z.array(DemandSheet) });
export type ProjectDemand = z.infer<typeof ProjectDemand>;
export const DemandParams = z.strictObject({ id: Uuid, roleId: Uuid });

export const CapacityQuery = z
  .strictObject({
    from: Month,
    to: Month,
    /** Name only this portfolio's projects in each cell (the totals stay the organisation's: roles are shared). */
    portfolioId: Uuid.optional(),
  })
  .refine((q) => q.to >= q.from, { message: 'must not be before from', path: ['to'] })
  .refine((q) => q.to < addYears(q.from, 5), { message: 'must be within 5 years of from', path: ['to'] });

function addYears(month: string, years: number): string {
  return `${String(Number(month.slice(0, 4)) + years).padStart(4, '0')}${month.slice(4)}`;
}

export const CapacityCell = z.object({
  month: z.string(),
  capacity: z.number(),
  demand: z.number(),
  /** Demand of this portfolio's projects (equal to demand without a portfolio filter). */
  portfolioDemand: z.number(),
  utilisation: z.number().nullable(),
  overBy: z.number(),
  projects: z.array(z.object({ projectId: Uuid, code: z.string(), name: z.string(), portfolioId: Uuid, hours: z.number() })),
  /** Demand of projects the reader cannot see, in one sum. */
  hiddenHours: z.number(),
});
export const CapacityMap = z.object({
  months: z.array(z.string()),
  roles: z.array(
    z.object({
      role: Role,
      cells: z.array(CapacityCell),
      fte: z.array(z.number()),
      absenceHours: z.array(z.number()),
      nonProjectHours: z.array(z.number()),
    }),
  ),
  /** Over-allocated cells, worst first. */
  hotspots: z.array(z.object({ roleId: Uuid, month: z.string(), overBy: z.number(), utilisation: z.number().nullable() })),
});
export type CapacityMap = z.infer<typeof CapacityMap>;
export const OrgCapacityParams = z.strictObject({ id: Uuid });
