import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Portfolio scoring: each portfolio's scoring models (criteria with scales, directions and
 * weights, or pairwise comparisons, kept as one JSON definition so a model changes as a whole
 * and its audit shows before and after), and each project's values on a model's criteria.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('scoring_model')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('portfolio_id', 'text', (c) => c.notNull().references('portfolio.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scoring_model_portfolio').on('scoring_model').columns(['portfolio_id']).execute();

  await db.schema
    .createTable('project_score')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('model_id', 'text', (c) => c.notNull().references('scoring_model.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('values', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_score_model_project').on('project_score').columns(['model_id', 'project_id']).unique().execute();
  await db.schema.createIndex('project_score_project').on('project_score').columns(['project_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('project_score').execute();
  await db.schema.dropTable('scoring_model').execute();
}
