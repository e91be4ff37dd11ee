import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-schedule.js';
import * as m0003 from './migrations/0003-raid.js';
import * as m0004 from './migrations/0004-change-control.js';
import * as m0005 from './migrations/0005-risk-simulation.js';
import * as m0006 from './migrations/0006-portfolio-scoring.js';
import * as m0007 from './migrations/0007-capacity.js';
import * as m0008 from './migrations/0008-portfolio-scenarios.js';
import type { Database } from './schema.js';

/** Every migration, in order. Names sort in the order they must run. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-schedule': m0002,
  '0003-raid': m0003,
  '0004-change-control': m0004,
  '0005-risk-simulation': m0005,
  '0006-portfolio-scoring': m0006,
  '0007-capacity': m0007,
  '0008-portfolio-scenarios': m0008,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type MigrationReport = { applied: string[]; current: string | null };

/** Brings the schema up to the newest migration; throws with the failing step's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  // Kysely looks for its migration tables in every schema it can see; on PostgreSQL, pin them
  // to the current schema so another schema's tables (a parallel test, a bench run) never count.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const step = failed ? ` at ${failed.migrationName}` : '';
    throw new Error(`migration failed${step}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const names = Object.keys(MIGRATIONS);
  return { applied, current: names[names.length - 1] ?? null };
}
