import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { PortfolioId, UserId } from '../../src/domain/ids.js';
import { grantsForUser, pathOfPortfolio } from '../../src/services/access.js';
import type { ServiceContext } from '../../src/services/context.js';
import { portfolioSummary } from '../../src/services/portfolios.js';
import { listProjects, projectFromRow } from '../../src/services/projects.js';
import { userFromApiToken } from '../../src/services/sessions.js';
import type { ProjectTable } from '../../src/store/schema.js';
import type { BenchDialect } from './options.js';
import { seed } from './seed.js';
import { openBenchStore, settle } from './stores.js';

/**
 * Where a list or summary request's time goes, piece by piece, without HTTP or concurrency:
 * `node --import tsx bench/api/breakdown.ts sqlite|postgres`. Each line is the median of five
 * timed batches after a warm-up. Use it next to `node --cpu-prof` when a target is missed.
 */

const dialect: BenchDialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const bench = await openBenchStore(dialect);
try {
  const seeded = await seed(bench.store, { projects: 10_000, portfolios: 50 });
  await settle(bench.store);
  const db = bench.store.db;
  const clock = () => new Date();
  const user = await userFromApiToken(db, clock, seeded.token);
  if (!user) throw new Error('the seeded token does not sign in');
  const grants = await grantsForUser(db, user.id as UserId);
  const ctx: ServiceContext = { db, dialect, actor: { userId: user.id as UserId, name: user.name, grants, system: false }, clock };
  const ids = seeded.portfolios.map((p) => p.id as PortfolioId);
  const idAt = (i: number): PortfolioId => ids[i % ids.length] as PortfolioId;

  const time = async (name: string, n: number, f: (i: number) => unknown): Promise<void> => {
    for (let i = 0; i < 200; i++) await f(i);
    const batches: number[] = [];
    for (let b = 0; b < 5; b++) {
      const t = performance.now();
      for (let i = 0; i < n; i++) await f(i);
      batches.push(((performance.now() - t) / n) * 1000);
    }
    batches.sort((a, b) => a - b);
    console.log(`${name.padEnd(60)} ${(batches[2] ?? 0).toFixed(0).padStart(5)} µs`);
  };

  type Row = ProjectTable & { contributionCount: number };
  // The page query listProjects runs for `?portfolioId=…&sort=name&limit=100`.
  const pageQuery = (portfolioId: PortfolioId) =>
    db
      .selectFrom('project')
      .selectAll('project')
      .select((eb) => eb.selectFrom('contribution').select(eb.fn.countAll<number>().as('n')).whereRef('contribution.projectId', '=', 'project.id').as('contributionCount'))
      .where('project.portfolioId', '=', portfolioId)
      .orderBy(dialect === 'postgres' ? sql`project.name collate "C"` : sql`project.name`)
      .orderBy('project.id')
      .limit(101);

  console.log(`${dialect}: per call, one at a time`);
  await time('auth: userFromApiToken (sha256, token ⋈ user)', 400, () => userFromApiToken(db, clock, seeded.token));
  await time('auth: grantsForUser', 400, () => grantsForUser(db, user.id as UserId));
  await time('pathOfPortfolio', 400, (i) => pathOfPortfolio(db, idAt(i)));
  await time('list: listProjects, whole service', 200, (i) => listProjects(ctx, { portfolioId: idAt(i), sort: 'name', limit: 100 }));
  await time('list: the page query through Kysely (101 rows)', 200, (i) => pageQuery(idAt(i)).execute());
  await time('list: Kysely build + compile of that query', 400, (i) => pageQuery(idAt(i)).compile());
  const pages = (await Promise.all(ids.map((id) => pageQuery(id).execute()))) as Row[][];
  await time('list: projectFromRow × 100', 400, (i) => (pages[i % pages.length] ?? []).slice(0, 100).map(projectFromRow));
  const bodies = pages.map((p) => ({ items: p.slice(0, 100).map(projectFromRow), nextCursor: 'WyJuYW1lIiwieCIsInkiXQ' }));
  await time('list: JSON.stringify of the page', 400, (i) => JSON.stringify(bodies[i % bodies.length]));
  await time('summary: portfolioSummary, whole service', 200, (i) => portfolioSummary(ctx, idAt(i)));
  if (dialect === 'sqlite') {
    const direct = new Database(bench.store.location.slice('sqlite:'.length), { readonly: true });
    try {
      const text = pageQuery(ids[0] as PortfolioId).compile().sql;
      const objects = direct.prepare(text);
      const arrays = direct.prepare(text).raw(true);
      const sqlOnly = direct.prepare(`select count(*), sum(length(description)) from (${text})`);
      await time('better-sqlite3: prepare the page statement', 400, () => direct.prepare(text));
      await time('better-sqlite3: page rows as objects (what Kysely gets)', 400, (i) => objects.all(idAt(i), 101));
      await time('better-sqlite3: page rows as arrays (raw mode)', 400, (i) => arrays.all(idAt(i), 101));
      await time('better-sqlite3: same query, one row out (SQLite work only)', 400, (i) => sqlOnly.all(idAt(i), 101));
    } finally {
      direct.close();
    }
  } else {
    await time('postgres: select 1 (one round trip)', 400, () => sql`select 1`.execute(db));
  }
} finally {
  await bench.dispose();
}
