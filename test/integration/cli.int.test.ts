import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, expect as globalExpect, it, type ExpectStatic } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { ROLES } from '../../src/domain/policy/index.js';
import { demoEmail } from '../../src/services/demo-seed.js';
import { openStore, type Store } from '../../src/store/database.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'pharos.mjs');

type Run = { code: number; stdout: string; stderr: string };

/** The environment without any Pharos setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PHAROS_') && k !== 'PORT') env[k] = v;
  return { ...env, ...extra };
}

/** Runs the real `pharos` command, as a user would, and collects its output. */
function pharos(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(options.env ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** One line on stderr, prefixed `pharos:`, and no stack trace. */
function expectOneLine(run: Run, expect: ExpectStatic = globalExpect): void {
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^pharos: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('the pharos command on a SQLite file', () => {
  let dir: string;
  let url: string;
  let db: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pharos-cli-'));
    url = `sqlite:${join(dir, 'pharos.db')}`;
    db = ['--database', url];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads the file the CLI wrote, in this process. */
  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = openStore(url);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('migrate creates the schema, then says it is up to date', async () => {
    const first = await pharos(['migrate', ...db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied 8 migrations \(0001-foundation, 0002-schedule, 0003-raid, 0004-change-control, 0005-risk-simulation, 0006-portfolio-scoring, 0007-capacity, 0008-portfolio-scenarios\)/);
    expect(existsSync(join(dir, 'pharos.db'))).toBe(true);
    const again = await pharos(['migrate'], { env: { PHAROS_DATABASE_URL: url } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/is up to date/);
  });

  it('seed --demo loads Northwind Utilities: portfolios, programmes, projects, a user per role, unaligned work', async () => {
    const run = await pharos(['seed', '--demo', ...db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Seeded Northwind Utilities/);
    expect(run.stderr, 'no progress unless asked when stderr is not a terminal').toBe('');
    await withStore(async (store) => {
      const count = async (table: 'portfolio' | 'programme' | 'project') =>
        Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('portfolio')).toBe(3);
      expect(Math.abs((await count('programme')) - 8)).toBeLessThanOrEqual(2);
      expect(Math.abs((await count('project')) - 60)).toBeLessThanOrEqual(10);
      const demoUsers = await store.db.selectFrom('userAccount').select('email').where('email', 'in', ROLES.map(demoEmail)).execute();
      expect(demoUsers).toHaveLength(12);
      const unaligned = await store.db
        .selectFrom('project')
        .select('id')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('contribution').select('contribution.id').whereRef('contribution.projectId', '=', 'project.id'))))
        .execute();
      expect(unaligned.length).toBeGreaterThanOrEqual(5);
    });
  });

  it('seed --demo a second time refuses with exit 3 and one line, and changes nothing', async () => {
    const run = await pharos(['seed', '--demo', ...db]);
    expect(run.code).toBe(3);
    expectOneLine(run);
    expect(run.stderr).toMatch(/already exists/);
    await withStore(async (store) => {
      expect(await store.db.selectFrom('organisation').select('id').execute()).toHaveLength(1);
    });
  });

  it('user add, role grant and token create; the token then works against the API', async () => {
    const add = await pharos(['user', 'add', '--email', 'Ann.Lee@Example.com', '--name', 'Ann Lee', '--password-stdin', '--org', 'northwind', ...db], {
      input: 'a long passphrase\n',
    });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Added Ann Lee <ann\.lee@example\.com> to Northwind Utilities as viewer/);

    const grant = await pharos(['role', 'grant', '--email', 'ann.lee@example.com', '--role', 'project-manager', '--scope', 'project', '--code', 'SG-101', ...db]);
    expect(grant.code, grant.stderr).toBe(0);
    expect(grant.stdout).toMatch(/Granted project-manager on project SG-101/);

    const token = await pharos(['token', 'create', '--email', 'ann.lee@example.com', '--name', 'reporting job', '--days', '30', ...db]);
    expect(token.code, token.stderr).toBe(0);
    const secret = token.stdout.trim();
    expect(secret, 'stdout holds only the token').toMatch(/^pht_[A-Za-z0-9_-]+$/);
    expect(token.stderr).toMatch(/shown only this once/);

    await withStore(async (store) => {
      const app = await buildApp({ store });
      try {
        const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
        expect(me.statusCode, me.body).toBe(200);
        expect(me.json().user).toMatchObject({ email: 'ann.lee@example.com', name: 'Ann Lee' });
        const roles = me.json().memberships.map((m: { role: string; scopeType: string }) => `${m.role}@${m.scopeType}`).sort();
        expect(roles).toEqual(['project-manager@project', 'viewer@organisation']);
        const projects = await app.inject({ method: 'GET', url: '/api/v1/projects?q=SG-101', headers: { authorization: `Bearer ${secret}` } });
        expect(projects.statusCode, projects.body).toBe(200);
        expect(projects.json().items.map((p: { code: string }) => p.code)).toEqual(['SG-101']);
        const wrong = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}x` } });
        expect(wrong.statusCode).toBe(401);
      } finally {
        await app.close();
      }
    });

    const signIn = await withStore(async (store) => {
      const app = await buildApp({ store });
      try {
        return await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ann.lee@example.com', password: 'a long passphrase' } });
      } finally {
        await app.close();
      }
    });
    expect(signIn.statusCode, 'the password read from stdin, without its newline, signs in').toBe(200);
  });

  it('export writes the organisation; import into another file moves it, and refuses a second time', async () => {
    const file = join(dir, 'northwind.json');
    const exported = await pharos(['export', '--org', 'northwind', '--out', file, ...db]);
    expect(exported.code, exported.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { format: string; projects: unknown[] };
    expect(doc.format).toBe('pharos-organisation');

    const toStdout = await pharos(['export', '--org', 'northwind', ...db]);
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect((JSON.parse(toStdout.stdout) as { projects: unknown[] }).projects).toHaveLength(doc.projects.length);
    expect(toStdout.stderr).toBe('');

    const target = ['--database', `sqlite:${join(dir, 'moved.db')}`];
    const imported = await pharos(['import', file, '--progress', ...target]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported Northwind Utilities \(northwind\)/);
    expect(imported.stderr).toMatch(/import: 100%/);
    const again = await pharos(['import', file, ...target]);
    expect(again.code).toBe(3);
    expectOneLine(again);
    expect(again.stderr).toMatch(/already exists in the target database/);
  });

  // Read-only failures: run side by side, since each start of the CLI costs about a second.
  it.concurrent.for([
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['user', 'add', '--email', 'x@example.com'], 2, /required option '--name <name>' not specified/],
    [['user', 'add', '--email', 'not-an-email', '--name', 'X'], 2, /--email: must be an email address/],
    [['role', 'grant', '--email', 'ann.lee@example.com', '--role', 'boss', '--scope', 'project', '--code', 'SG-101'], 2, /'boss' is invalid/],
    [['role', 'grant', '--email', 'ann.lee@example.com', '--role', 'sponsor', '--scope', 'project'], 2, /--code is required/],
    [['token', 'create', '--email', 'ann.lee@example.com', '--name', 'x', '--days', 'many'], 2, /--days must be a whole number/],
    [['seed'], 2, /pharos seed --demo/],
    [['import', 'no-such-file.json'], 2, /cannot read no-such-file\.json/],
    [['export', '--org', 'nowhere'], 4, /no organisation with slug "nowhere"/],
    [['token', 'create', '--email', 'nobody@example.com', '--name', 'x'], 4, /no user with email nobody@example.com/],
    [['migrate', '--database', 'mysql://db'], 2, /--database must start with sqlite: or postgres:\/\//],
  ] as const)('pharos %j fails with one line and exit %i', async ([args, code, message], { expect }) => {
    const run = await pharos(args[0] === 'migrate' ? [...args] : [...args, ...db]);
    expect(run.code, run.stderr).toBe(code);
    expectOneLine(run, expect);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('serve makes the first administrator from the environment, listens, answers, and stops cleanly on SIGTERM', async () => {
    const fresh = `sqlite:${join(dir, 'served.db')}`;
    const env = cleanEnv({
      PORT: '0',
      PHAROS_LOG_LEVEL: 'warn',
      PHAROS_ADMIN_EMAIL: 'it.admin@contoso.example',
      PHAROS_ADMIN_PASSWORD: 'a long passphrase',
      PHAROS_ORG_NAME: 'Contoso Group',
    });
    const child = spawn(process.execPath, [BIN, 'serve', '--seed-demo-if-empty', '--database', fresh], { cwd: ROOT, env });
    let stdout = '';
    child.stderr.resume();
    const ready = new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /ready on (http:\/\/localhost:\d+)/.exec(stdout);
        if (m) done(m[1] as string);
      });
      child.on('close', (code) => fail(new Error(`serve exited early with ${code}: ${stdout}`)));
    });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      const base = await ready;
      expect(stdout).toMatch(/Created the first administrator it\.admin@contoso\.example in Contoso Group/);
      expect(stdout, 'an organisation exists, so no demo').not.toMatch(/demo organisation/);
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'it.admin@contoso.example', password: 'a long passphrase' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { memberships: { role: string }[] }).memberships.map((m) => m.role)).toEqual(['administrator']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/Stopped\./);
  });

  it('serve refuses a bad setting in the environment with one line and exit 2', async () => {
    const run = await pharos(['serve', ...db], { env: { PORT: 'eighty' } });
    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toMatch(/PORT must be a whole number/);
  });
});
