import { z } from 'zod';
import { STAGES, STATES } from '../../domain/structure/index.js';
import { Code, Description, Name, PageQuery, Uuid, Version, VersionedFields } from './common.schema.js';
import { PmoMode } from './organisation.schema.js';

export const Portfolio = z.object({
  id: Uuid,
  organisationId: Uuid,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  managerId: Uuid.nullable(),
  /** The portfolio's own PMO mode, or `null` to inherit the organisation's. */
  pmoMode: PmoMode.nullable(),
  /** The mode in force: the portfolio's own or the organisation's. */
  effectivePmoMode: PmoMode,
  ...VersionedFields,
});
export type Portfolio = z.infer<typeof Portfolio>;

export const PortfolioCreate = z.strictObject({
  organisationId: Uuid,
  code: Code,
  name: Name,
  description: Description.default(''),
  managerId: Uuid.nullable().default(null),
  pmoMode: PmoMode.nullable().default(null),
});
export type PortfolioCreate = z.infer<typeof PortfolioCreate>;

export const PortfolioPatch = z.strictObject({
  version: Version,
  code: Code.optional(),
  name: Name.optional(),
  description: Description.optional(),
  managerId: Uuid.nullable().optional(),
  pmoMode: PmoMode.nullable().optional(),
});
export type PortfolioPatch = z.infer<typeof PortfolioPatch>;

export const PortfolioListQuery = z.strictObject({
  organisationId: Uuid.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['name', '-name', 'code', '-code', 'updatedAt', '-updatedAt']).default('name'),
  ...PageQuery,
});
export type PortfolioListQuery = z.infer<typeof PortfolioListQuery>;

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const PortfolioSummary = z.object({
  portfolioId: Uuid,
  projectCount: z.number().int(),
  programmeCount: z.number().int(),
  byStage: countsOf(STAGES),
  byState: countsOf(STATES),
  unalignedCount: z.number().int(),
  /** Sum of headline budgets, in minor units. */
  totalBudget: z.number().int(),
  unaligned: z.array(z.object({ id: Uuid, code: z.string(), name: z.string(), stage: z.enum(STAGES) })),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummary>;
