import { sql } from 'kysely';

/**
 * How many strategic objectives the project in the current row (alias `project`) serves, and
 * the aligned / unaligned conditions built on it: one definition for lists, summaries and the
 * navigation tree.
 *
 * A correlated count, never EXISTS: inside an expression PostgreSQL may turn EXISTS into a
 * hashed subplan that reads every contribution on every request (bench/RESULTS.md), while a
 * count stays one index lookup per project on both dialects.
 */
const CONTRIBUTION_COUNT_SQL = '(select count(*) from "contribution" where "contribution"."project_id" = "project"."id")';

export const contributionCount = sql.raw<number>(CONTRIBUTION_COUNT_SQL);
export const alignedCondition = sql<boolean>`(${contributionCount} > 0)`;
export const unalignedCondition = sql<boolean>`(${contributionCount} = 0)`;
