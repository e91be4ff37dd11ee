import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * The RAID registers: each organisation's risk matrix; risks with their review history;
 * issues; actions on either; assumptions, dependencies and decisions. An item belongs to one scope (a portfolio, a programme or a
 * project: `scope_type`, `scope_id`) and has a number unique in its organisation and kind
 * (R-12, I-3). Dates are `YYYY-MM-DD` text.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('raid_matrix')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('raid_risk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('residual_probability', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('proximity', 'text')
    .addColumn('response_strategy', 'text')
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addColumn('quantification', 'text')
    .addColumn('issue_id', 'text')
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('raid_risk_number').on('raid_risk').columns(['organisation_id', 'number']).unique().execute();
  await db.schema.createIndex('raid_risk_scope').on('raid_risk').columns(['scope_id']).execute();

  await db.schema
    .createTable('raid_risk_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('risk_id', 'text', (c) => c.notNull().references('raid_risk.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('residual_probability', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('raid_risk_review_risk').on('raid_risk_review').columns(['risk_id', 'at']).execute();

  await db.schema
    .createTable('raid_issue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due', 'text')
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.references('raid_risk.id'))
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('raid_issue_number').on('raid_issue').columns(['organisation_id', 'number']).unique().execute();
  await db.schema.createIndex('raid_issue_scope').on('raid_issue').columns(['scope_id']).execute();

  await db.schema
    .createTable('raid_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('due', 'text')
    .addColumn('done_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('raid_action_item').on('raid_action').columns(['item_id']).execute();

  // The three logs share their head: scope, number, title, description, owner, status,
  // a date that makes them escalate as it nears, a hand escalation flag.
  const log = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('scope_type', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('user_account.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due', 'text')
      .addColumn('escalated', 'integer', (c) => c.notNull());
  await log('raid_assumption')
    .addColumn('validator_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await log('raid_dependency')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('other_project_id', 'text')
    .addColumn('own_task_id', 'text')
    .addColumn('other_task_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await log('raid_decision')
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const t of ['raid_assumption', 'raid_dependency', 'raid_decision']) {
    await db.schema.createIndex(`${t}_number`).on(t).columns(['organisation_id', 'number']).unique().execute();
    await db.schema.createIndex(`${t}_scope`).on(t).columns(['scope_id']).execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const t of ['raid_decision', 'raid_dependency', 'raid_assumption', 'raid_action', 'raid_issue', 'raid_risk_review', 'raid_risk', 'raid_matrix']) await db.schema.dropTable(t).execute();
}
