import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Dialect, type Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

/**
 * The dialect the integration suite runs on: PostgreSQL when PHAROS_TEST_DATABASE_URL is set
 * (CI runs the suite once each way), SQLite otherwise.
 */
export const TEST_POSTGRES_URL = process.env.PHAROS_TEST_DATABASE_URL;
export const DIALECTS: Dialect[] = TEST_POSTGRES_URL ? ['postgres'] : ['sqlite'];

/** A fresh, migrated database: in-memory SQLite, or a new schema on the test PostgreSQL. */
export async function freshStore(dialect: Dialect): Promise<Store & { drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const store = openStore('sqlite::memory:');
    await migrateToLatest(store.db);
    return { ...store, drop: () => store.close() };
  }
  if (!TEST_POSTGRES_URL) throw new Error('PHAROS_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore(TEST_POSTGRES_URL, { schema, poolSize: 4 });
  await migrateToLatest(store.db);
  return {
    ...store,
    drop: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
