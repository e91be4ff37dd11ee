import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Change control: each organisation's approval thresholds; change requests raised on a
 * project (numbered CR-1, CR-2 in the organisation) with their impact, the board that must
 * approve them and what approval did (budget before and after, the baseline it saved, the
 * decision log entry); and every workflow step taken, who took it and why.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('change_policy')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('user_account.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cost_impact', 'bigint', (c) => c.notNull())
    .addColumn('schedule_impact_days', 'double precision', (c) => c.notNull())
    .addColumn('task_changes', 'text', (c) => c.notNull())
    .addColumn('scope_impact', 'text', (c) => c.notNull())
    .addColumn('benefits_impact', 'text', (c) => c.notNull())
    .addColumn('risk_impact', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('authority', 'text')
    .addColumn('authority_reason', 'text')
    .addColumn('budget_before', 'bigint')
    .addColumn('budget_after', 'bigint')
    .addColumn('baseline_number', 'integer')
    .addColumn('decision_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_request_number').on('change_request').columns(['organisation_id', 'number']).unique().execute();
  await db.schema.createIndex('change_request_project').on('change_request').columns(['project_id']).execute();

  await db.schema
    .createTable('change_request_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('change_request_id', 'text', (c) => c.notNull().references('change_request.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_request_step_request').on('change_request_step').columns(['change_request_id']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['change_request_step', 'change_request', 'change_policy']) await db.schema.dropTable(t).execute();
}
