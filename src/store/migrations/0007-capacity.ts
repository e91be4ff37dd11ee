import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Capacity: the organisation's roles (hours per FTE month, unnamed FTEs over time as JSON
 * steps), the named people in them (FTE, months in the role, non-project share, absences as
 * JSON), each project's estimated demand per role (hours by month as JSON), and the role a
 * plan's resource stands for.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('capacity_role')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('hours_per_fte_month', 'double precision', (c) => c.notNull())
    .addColumn('fte_steps', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('capacity_role_code').on('capacity_role').columns(['organisation_id', 'code']).unique().execute();

  await db.schema
    .createTable('capacity_person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('capacity_role.id'))
    .addColumn('user_id', 'text', (c) => c.references('user_account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fte', 'double precision', (c) => c.notNull())
    .addColumn('non_project_share', 'double precision', (c) => c.notNull())
    .addColumn('from_month', 'text')
    .addColumn('to_month', 'text')
    .addColumn('absences', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('capacity_person_role').on('capacity_person').columns(['role_id']).execute();

  await db.schema
    .createTable('project_demand')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('capacity_role.id'))
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_demand_project_role').on('project_demand').columns(['project_id', 'role_id']).unique().execute();
  await db.schema.createIndex('project_demand_role').on('project_demand').columns(['role_id']).execute();

  // A plan's resource can stand for a role: its assignments then are the project's demand for that role.
  await db.schema.alterTable('schedule_resource').addColumn('role_id', 'text', (c) => c.references('capacity_role.id')).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('schedule_resource').dropColumn('role_id').execute();
  await db.schema.dropTable('project_demand').execute();
  await db.schema.dropTable('capacity_person').execute();
  await db.schema.dropTable('capacity_role').execute();
}
