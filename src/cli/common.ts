import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { databaseUrlFrom } from '../config.js';
import { PharosError } from '../domain/errors.js';
import type { OrganisationId } from '../domain/ids.js';
import { systemActor, type ServiceContext } from '../services/context.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

/** Options every command that touches the database accepts. */
export type DatabaseOptions = { database?: string };

/** Adds `--database <url>` to a command. */
export function withDatabase(command: Command): Command {
  return command.option('--database <url>', 'sqlite:path, sqlite::memory: or postgres://… (default: $PHAROS_DATABASE_URL, else sqlite:./data/pharos.db)');
}

/** Adds `--progress`, which forces progress lines even when stderr is not a terminal. */
export function withProgress(command: Command): Command {
  return command.option('--progress', 'show progress on stderr even when it is not a terminal');
}

/** A bad command line: one line on stderr and exit code 2, like commander's own errors. */
export function usage(detail: string): PharosError {
  return new PharosError('malformed-request', detail);
}

/** Opens the database `--database` names (else `PHAROS_DATABASE_URL`, else the default); a bad URL is a usage error. */
export function openDatabase(options: DatabaseOptions): Store {
  try {
    return openStore(options.database ?? databaseUrlFrom(process.env));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw usage(options.database === undefined ? message : message.replace('PHAROS_DATABASE_URL', '--database'));
  }
}

/**
 * Opens the database the options name and brings its schema up to date. Every command
 * migrates first, so `pharos import` into a brand-new PostgreSQL database just works.
 */
export async function openMigratedStore(options: DatabaseOptions): Promise<Store> {
  const store = openDatabase(options);
  try {
    await migrateToLatest(store.db);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** Runs `work` on a migrated store and always closes it, so the process can exit. */
export async function withStore<T>(options: DatabaseOptions, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openMigratedStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The CLI acts as the system (it runs on the server, by its operator), named for the audit trail. */
export function systemContext(store: Store, name = 'cli'): ServiceContext {
  return { db: store.db, dialect: store.dialect, actor: systemActor(name), clock: () => new Date() };
}

/**
 * The organisation a command acts on: the one `slug` names, or the only one there is.
 * Several and no slug asks for `--org`, naming the choices.
 */
export async function resolveOrganisation(store: Store, slug: string | undefined): Promise<{ id: OrganisationId; name: string; slug: string }> {
  if (slug !== undefined) {
    const org = await store.db.selectFrom('organisation').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
    if (!org) throw new PharosError('not-found', `no organisation with slug "${slug}"`);
    return org;
  }
  const all = await store.db.selectFrom('organisation').select(['id', 'name', 'slug']).orderBy('slug').limit(6).execute();
  if (all.length === 1) return all[0] as (typeof all)[number];
  if (all.length === 0) throw usage('there is no organisation yet: create one with "pharos org create --name …" (or "pharos seed --demo")');
  throw usage(`--org is required: this database holds several organisations (${all.slice(0, 5).map((o) => o.slug).join(', ')}${all.length > 5 ? ', …' : ''})`);
}

/** A whole-number option within bounds, for commander's argument parsers. */
export function intOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
}

/** All of standard input, as UTF-8 text (for `--password-stdin` and `import -`). */
export async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

/** A file's text, or standard input for `-`; a missing or unreadable file is a one-line usage error. */
export async function readInputFile(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw usage(code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export type Progress = { update(p: { step: string; done: number; total: number }): void; finish(): void };

/**
 * Progress on stderr, never stdout (which may be carrying JSON): a line redrawn in place on a
 * terminal, or a line per tenth of the work when `--progress` asks for it elsewhere.
 */
export function progressOn(label: string, force: boolean | undefined): Progress {
  const tty = process.stderr.isTTY === true;
  if (!tty && !force) return { update: () => undefined, finish: () => undefined };
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update({ step, done, total }) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const line = `${label}: ${pct}% (${step} ${done}/${total})`;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        process.stderr.write(`\r${line}\x1b[K`);
        drawn = true;
      } else if (Math.floor(pct / 10) > lastTenth) {
        lastTenth = Math.floor(pct / 10);
        process.stderr.write(`${line}\n`);
      }
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

/** The folder holding Pharos's package.json, found from this file (src/cli or dist/server/cli). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'pharos') return dir;
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

/** The version in Pharos's package.json, for `--version`, the health check and the OpenAPI document. */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
