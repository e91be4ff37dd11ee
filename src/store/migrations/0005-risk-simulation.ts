import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Risk simulation runs of a project: who started them, where they are (queued, running,
 * done, failed, cancelled, with progress and a heartbeat from the process running them), the
 * inputs that produced them (the model built from the plan and the register, the options, the
 * plan revision), and the result with the per-iteration finish and cost kept apart for
 * roll-ups.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('risk_simulation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('started_by_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('started_by_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer', (c) => c.notNull())
    .addColumn('progress_total', 'integer', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('plan_revision', 'integer', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('samples', 'text')
    .addColumn('error', 'text')
    .addColumn('runner', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_simulation_project').on('risk_simulation').columns(['project_id', 'created_at']).execute();
  await db.schema.createIndex('risk_simulation_status').on('risk_simulation').columns(['status']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('risk_simulation').execute();
}
