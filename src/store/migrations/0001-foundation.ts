import { PostgresAdapter, type Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = isPostgres ? 'serial' : 'integer';

  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('pmo_mode', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('fiscal_year_start_month', 'integer', (c) => c.notNull())
    .addColumn('default_calendar', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('membership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('user_account.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('membership_grant_unique', ['user_id', 'role', 'scope_type', 'scope_id'])
    .execute();
  await db.schema.createIndex('membership_user').on('membership').columns(['user_id']).execute();
  await db.schema.createIndex('membership_scope').on('membership').columns(['scope_id']).execute();

  await db.schema
    .createTable('portfolio')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('pmo_mode', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('portfolio_code_unique', ['organisation_id', 'code'])
    .execute();

  await db.schema
    .createTable('programme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('portfolio_id', 'text', (c) => c.notNull().references('portfolio.id'))
    .addColumn('parent_id', 'text', (c) => c.references('programme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('programme_code_unique', ['organisation_id', 'code'])
    .execute();
  await db.schema.createIndex('programme_portfolio').on('programme').columns(['portfolio_id']).execute();

  await db.schema
    .createTable('project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('portfolio_id', 'text', (c) => c.notNull().references('portfolio.id'))
    .addColumn('programme_id', 'text', (c) => c.references('programme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sponsor_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('manager_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_finish', 'text')
    .addColumn('budget', 'bigint')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_code_unique', ['organisation_id', 'code'])
    .execute();
  await db.schema.createIndex('project_portfolio_name').on('project').columns(['portfolio_id', 'name', 'id']).execute();
  await db.schema.createIndex('project_programme_name').on('project').columns(['programme_id', 'name', 'id']).execute();
  await db.schema.createIndex('project_org_name').on('project').columns(['organisation_id', 'name', 'id']).execute();

  await db.schema
    .createTable('objective')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('parent_id', 'text', (c) => c.references('objective.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('objective_code_unique', ['organisation_id', 'code'])
    .execute();

  await db.schema
    .createTable('contribution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objective.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('contribution_unique', ['project_id', 'objective_id'])
    .execute();
  await db.schema.createIndex('contribution_objective').on('contribution').columns(['objective_id']).execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('record_label', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_record').on('audit_event').columns(['record_id', 'id']).execute();
  await db.schema.createIndex('audit_organisation').on('audit_event').columns(['organisation_id', 'id']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user_account.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user_account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('login_failure')
    .addColumn('id', serial, (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failure_key').on('login_failure').columns(['key', 'at']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'login_failure',
    'api_token',
    'session',
    'audit_event',
    'contribution',
    'objective',
    'project',
    'programme',
    'portfolio',
    'membership',
    'user_account',
    'organisation',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
