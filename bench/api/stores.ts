import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, redact, type Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { BenchDialect } from './options.js';

/** A migrated, empty store of its own, and how to remove every trace of it. */
export type BenchStore = { store: Store; where: string; dispose(): Promise<void> };

export const POSTGRES_URL =
  process.env.PHAROS_BENCH_DATABASE_URL ?? process.env.PHAROS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `null` when PostgreSQL answers at `url`, else the reason it does not. */
export async function postgresUnreachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * SQLite: a file in a fresh temp folder (WAL, as in production). PostgreSQL: a new schema
 * `bench_<random>` on the server, with the production pool size.
 */
export async function openBenchStore(dialect: BenchDialect): Promise<BenchStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pharos-bench-'));
    const store = openStore(`sqlite:${join(dir, 'bench.db')}`);
    await migrateToLatest(store.db);
    return {
      store,
      where: store.location,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(POSTGRES_URL, `create schema ${schema}`);
  const store = openStore(POSTGRES_URL, { schema });
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    await adminQuery(POSTGRES_URL, `drop schema ${schema} cascade`);
    throw error;
  }
  return {
    store,
    where: `${redact(POSTGRES_URL)} (schema ${schema})`,
    dispose: async () => {
      await store.close();
      await adminQuery(POSTGRES_URL, `drop schema ${schema} cascade`);
    },
  };
}

/**
 * PostgreSQL: gather planner statistics now, as autovacuum would within a minute of the bulk
 * load in production. SQLite is left as the app leaves it (no ANALYZE).
 */
export async function settle(store: Store): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`vacuum analyze organisation, user_account, membership, portfolio, programme, project, objective, contribution, api_token`.execute(store.db);
}
