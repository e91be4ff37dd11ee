/**
 * Types of the API's documents, inferred from the server's zod schemas (the one source of
 * truth). Type-only: nothing from the server is bundled into the web app.
 */
export type {
  AuditEvent,
  Contribution,
  ContributionCreate,
  ContributionPatch,
  Me,
  Membership,
  Objective,
  ObjectiveCreate,
  Organisation,
  Portfolio,
  PortfolioCreate,
  PortfolioSummary,
  Programme,
  Project,
  ProjectCreate,
  ProjectListQuery,
  ProjectPatch,
  Strategy,
  Tree,
} from '../../../src/api/schemas/index.js';

import type { Strategy, Tree } from '../../../src/api/schemas/index.js';

/** One page of a cursor-paginated list. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type StrategyNode = Strategy['objectives'][number];
export type TreePortfolio = Tree['portfolios'][number];
export type TreeProgramme = TreePortfolio['programmes'][number];
export type TreeProject = TreePortfolio['projects'][number];
