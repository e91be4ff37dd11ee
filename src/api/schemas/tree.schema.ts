import { z } from 'zod';
import { Stage, ProjectState } from './project.schema.js';
import { Uuid } from './common.schema.js';

/** The navigation tree: portfolios → programmes (nested) → projects, limited to what the caller may see. */
export const TreeProject = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  stage: Stage,
  state: ProjectState,
  aligned: z.boolean(),
});
export const TreeProgramme = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  name: z.string(),
});
export const TreePortfolio = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  programmes: z.array(TreeProgramme),
  /** Projects with their programme (or `null` when straight in the portfolio). */
  projects: z.array(TreeProject.extend({ programmeId: Uuid.nullable() })),
});
export const Tree = z.object({ organisationId: Uuid, portfolios: z.array(TreePortfolio) });
export type Tree = z.infer<typeof Tree>;
