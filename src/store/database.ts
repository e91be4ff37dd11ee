import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqlite, type SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export type Store = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, with any password removed (for `/api/health` and logs). */
  location: string;
  close(): Promise<void>;
};

export type StoreOptions = {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
};

export const DEFAULT_DATABASE_URL = 'sqlite:./data/pharos.db';

// PostgreSQL returns int8 as text to avoid precision loss; our bigint columns hold money in
// minor units, far below 2^53, so numbers are safe and keep both dialects alike.
pg.types.setTypeParser(20, (v) => Number(v));

/** Which dialect a `PHAROS_DATABASE_URL` names, or why it names none. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`PHAROS_DATABASE_URL must start with sqlite: or postgres:// (got "${redact(url)}")`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Opens the database a URL names: `sqlite:/path/file.db`, `sqlite::memory:`, or
 * `postgres://user:pass@host:port/db`. SQLite runs with WAL and foreign keys on.
 */
export function openStore(url: string = DEFAULT_DATABASE_URL, options: StoreOptions = {}): Store {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const memory = file === ':memory:' || file === '';
    if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(memory ? ':memory:' : file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
    return { db, dialect, location: memory ? 'sqlite::memory:' : `sqlite:${resolve(file)}`, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, dialect, location: redact(url), close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; preparing costs more than running a small indexed query.
 * Keep the most recently used statements (by SQL text). Safe because Kysely runs one query at a
 * time on the connection and does not stream; SQLite re-prepares a statement itself after a
 * schema change.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 500): KyselySqlite {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SqliteStatement {
      const hit = cache.get(sqlText);
      if (hit) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = sqlite.prepare(sqlText) as unknown as SqliteStatement;
      cache.set(sqlText, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
