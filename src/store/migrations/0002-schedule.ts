import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe the schema as it was at that step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * A project's plan: its settings, calendars, tasks (what people enter and what the engine
 * computed, side by side), links, resources, assignments and up to 11 saved baselines.
 * Plan dates are the plan's own wall-clock time as text `YYYY-MM-DDTHH:MM:SS`.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('schedule_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().unique().references('project.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('finish', 'text')
    .addColumn('status_date', 'text')
    .addColumn('calendar_id', 'text')
    .addColumn('critical_slack_minutes', 'integer', (c) => c.notNull())
    .addColumn('honor_constraints', 'integer', (c) => c.notNull())
    .addColumn('minutes_per_day', 'integer', (c) => c.notNull())
    .addColumn('computed_start', 'text')
    .addColumn('computed_finish', 'text')
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schedule_calendar')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_id', 'text', (c) => c.references('schedule_calendar.id'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('schedule_calendar_project').on('schedule_calendar').columns(['project_id']).execute();

  await db.schema
    .createTable('schedule_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('uid', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('schedule_task.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('elapsed', 'integer', (c) => c.notNull())
    .addColumn('milestone', 'integer', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('schedule_calendar.id'))
    .addColumn('constraint_type', 'text', (c) => c.notNull())
    .addColumn('constraint_date', 'text')
    .addColumn('deadline', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('actual_finish', 'text')
    .addColumn('percent_complete', 'double precision', (c) => c.notNull())
    .addColumn('remaining_minutes', 'integer')
    .addColumn('manual', 'integer', (c) => c.notNull())
    .addColumn('manual_start', 'text')
    .addColumn('manual_finish', 'text')
    .addColumn('inactive', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('leveling_delay_minutes', 'integer', (c) => c.notNull())
    .addColumn('fixed_cost', 'bigint', (c) => c.notNull())
    // What the engine computed at the plan's last recalculation.
    .addColumn('start', 'text')
    .addColumn('finish', 'text')
    .addColumn('early_start', 'text')
    .addColumn('early_finish', 'text')
    .addColumn('late_start', 'text')
    .addColumn('late_finish', 'text')
    .addColumn('total_slack_minutes', 'integer')
    .addColumn('free_slack_minutes', 'integer')
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('driving_predecessor_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_task_uid_unique', ['project_id', 'uid'])
    .execute();
  await db.schema.createIndex('schedule_task_project_position').on('schedule_task').columns(['project_id', 'position']).execute();

  await db.schema
    .createTable('schedule_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('predecessor_id', 'text', (c) => c.notNull().references('schedule_task.id'))
    .addColumn('successor_id', 'text', (c) => c.notNull().references('schedule_task.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('lag_minutes', 'integer', (c) => c.notNull())
    .addColumn('lag_percent', 'double precision')
    .addColumn('lag_elapsed', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_link_unique', ['predecessor_id', 'successor_id'])
    .execute();
  await db.schema.createIndex('schedule_link_project').on('schedule_link').columns(['project_id']).execute();
  await db.schema.createIndex('schedule_link_successor').on('schedule_link').columns(['successor_id']).execute();

  await db.schema
    .createTable('schedule_resource')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('uid', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('max_units', 'double precision', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('schedule_calendar.id'))
    .addColumn('standard_rate', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_resource_uid_unique', ['project_id', 'uid'])
    .execute();

  await db.schema
    .createTable('schedule_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('schedule_task.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('schedule_resource.id'))
    .addColumn('units', 'double precision', (c) => c.notNull())
    .addColumn('work_minutes', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_assignment_unique', ['task_id', 'resource_id'])
    .execute();
  await db.schema.createIndex('schedule_assignment_project').on('schedule_assignment').columns(['project_id']).execute();

  await db.schema
    .createTable('schedule_baseline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('project_start', 'text')
    .addColumn('project_finish', 'text')
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_baseline_unique', ['project_id', 'number'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['schedule_baseline', 'schedule_assignment', 'schedule_resource', 'schedule_link', 'schedule_task', 'schedule_calendar', 'schedule_plan']) {
    await db.schema.dropTable(table).execute();
  }
}
