import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Portfolio scenarios: named what-ifs of a portfolio (settings as JSON), the last optimisation
 * run of each with the model it solved (JSON), and which one is the plan of record.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('portfolio_scenario')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('portfolio_id', 'text', (c) => c.notNull().references('portfolio.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('run_at', 'text')
    .addColumn('run_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('decision_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portfolio_scenario_portfolio').on('portfolio_scenario').columns(['portfolio_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('portfolio_scenario').execute();
}
