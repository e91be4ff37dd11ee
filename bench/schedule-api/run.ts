import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../../src/api/app.js';
import { PortfolioCreate } from '../../src/api/schemas/portfolio.schema.js';
import { ProjectCreate } from '../../src/api/schemas/project.schema.js';
import type { OrganisationId, ProjectId, UserId } from '../../src/domain/ids.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.js';
import { createPortfolio } from '../../src/services/portfolios.js';
import { createProject } from '../../src/services/projects.js';
import { createApiToken } from '../../src/services/sessions.js';
import { createUser, grantRole } from '../../src/services/users.js';
import { redact, type Store } from '../../src/store/database.js';
import { openBenchStore, POSTGRES_URL, postgresUnreachable } from '../api/stores.js';
import type { BenchDialect } from '../api/options.js';
import { breakdown, type Breakdown } from './breakdown.js';
import { fmt, median, withStallMeter } from './measure.js';
import { benchPlan, type BenchPlan } from './plan-xml.js';

/**
 * `npm run bench:schedule-api`: a generated plan (the schedule bench's generator) imported
 * through the API, then timed through HTTP (`app.inject`, no socket): GET the whole plan, and
 * PATCH one task's duration near the start of the network (most tasks move) and near the end
 * (few move). Each PATCH alternates +1 day / −1 day so the plan returns to where it was. The
 * longest event-loop stall during each request is measured too. A breakdown then times the
 * load, the engine and the write apart, the write both row by row (the naive baseline) and
 * as `recalculate` does it.
 */

const USAGE = `Usage: npm run bench:schedule-api -- [--sizes 5000,20000] [--rounds 7] [--dialect sqlite|postgres|both]

PostgreSQL: PHAROS_BENCH_DATABASE_URL, else PHAROS_TEST_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/test; skipped when it does not answer. PHAROS_SCHEDULE_WORKER_THRESHOLD
sets the plan size from which the engine runs in a worker thread.`;

const log = (line: string): void => console.log(line);

type Timed = { ms: number; stallMs: number; moved?: number; bytes?: number };
type Row = { dialect: BenchDialect; size: number; links: number; importMs: number; get: Timed; early: Timed; late: Timed; breakdown: Breakdown };

async function seedProject(store: Store): Promise<{ token: string; projectId: ProjectId }> {
  const ctx: ServiceContext = { db: store.db, dialect: store.dialect, actor: systemActor('bench'), clock: () => new Date() };
  const org = await createOrganisation(ctx, { name: 'Bench Schedules', slug: 'bench-schedules', pmoMode: 'controlling' });
  const organisationId = org.id as OrganisationId;
  const admin = await createUser(ctx, organisationId, { email: 'planner@example.com', name: 'Bench Planner', password: null });
  await grantRole(ctx, { userId: admin.id, role: 'administrator', scopeType: 'organisation', scopeId: organisationId });
  const token = await createApiToken(ctx.db, ctx.clock, admin.id as UserId, 'bench', 1);
  const portfolio = await createPortfolio(ctx, PortfolioCreate.parse({ organisationId, code: 'BENCH', name: 'Bench portfolio' }));
  const project = await createProject(ctx, ProjectCreate.parse({ portfolioId: portfolio.id, code: 'PLAN', name: 'Large plan', plannedStart: '2026-01-05' }));
  return { token: token.token, projectId: project.id as ProjectId };
}

type ViewTask = { id: string; uid: number; summary: boolean; start: string; durationMinutes: number; totalSlackMinutes: number | null; critical: boolean; version: number };

/**
 * The two tasks edited: near the start of the network, the critical leaf that starts first
 * (lengthening it moves everything after it, and the late dates of everything else); near
 * the end, the last leaf in the outline with more than a day of slack (few tasks move).
 */
function editTargets(tasks: readonly ViewTask[]): { early: number; late: number } {
  const leaves = tasks.filter((t) => !t.summary && t.durationMinutes > 0);
  const critical = leaves.filter((t) => t.critical).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid - b.uid));
  const slack = leaves.filter((t) => (t.totalSlackMinutes ?? 0) > 480);
  return { early: (critical[0] ?? leaves[0]!).uid, late: (slack[slack.length - 1] ?? leaves[leaves.length - 1]!).uid };
}

async function benchOne(dialect: BenchDialect, plan: BenchPlan, rounds: number): Promise<Row> {
  const bench = await openBenchStore(dialect);
  try {
    const { token, projectId } = await seedProject(bench.store);
    const app = await buildApp({ store: bench.store });
    await app.ready();
    try {
      const auth = { authorization: `Bearer ${token}` };
      const base = `/api/v1/projects/${projectId}/schedule`;
      const t0 = performance.now();
      const imported = await app.inject({ method: 'POST', url: `${base}/import`, headers: { ...auth, 'content-type': 'application/xml' }, payload: plan.xml });
      const importMs = performance.now() - t0;
      if (imported.statusCode !== 200) throw new Error(`import failed: ${imported.statusCode} ${imported.body.slice(0, 500)}`);
      if (dialect === 'postgres') await sql`analyze schedule_task, schedule_link, schedule_plan, schedule_calendar, schedule_resource, schedule_assignment`.execute(bench.store.db);

      const get = async (): Promise<Timed & { body: { tasks: ViewTask[] } }> => {
        const r = await withStallMeter(() => app.inject({ method: 'GET', url: base, headers: auth }));
        if (r.value.statusCode !== 200) throw new Error(`GET failed: ${r.value.statusCode}`);
        return { ms: r.ms, stallMs: r.stallMs, bytes: r.value.rawPayload.length, body: r.value.json() };
      };
      const view = (await get()).body;
      const gets: Timed[] = [];
      for (let i = 0; i < rounds; i++) gets.push(await get());

      const patchRuns = async (uid: number): Promise<Timed> => {
        const task = view.tasks.find((t) => t.uid === uid)!;
        let version = task.version;
        const runs: Timed[] = [];
        // One untimed pair first (warm-up), then `rounds` timed edits.
        for (let i = 0; i < rounds + 2; i++) {
          const durationMinutes = task.durationMinutes + (i % 2 === 0 ? 480 : 0);
          const r = await withStallMeter(() => app.inject({ method: 'PATCH', url: `${base}/tasks/${task.id}`, headers: auth, payload: { version, durationMinutes } }));
          if (r.value.statusCode !== 200) throw new Error(`PATCH failed: ${r.value.statusCode} ${r.value.body.slice(0, 300)}`);
          const body = r.value.json() as { record: { version: number }; moved: unknown[] };
          version = body.record.version;
          if (i >= 2) runs.push({ ms: r.ms, stallMs: r.stallMs, moved: body.moved.length });
        }
        return { ms: median(runs.map((r) => r.ms)), stallMs: median(runs.map((r) => r.stallMs)), moved: Math.max(...runs.map((r) => r.moved!)) };
      };
      const { early: earlyUid, late: lateUid } = editTargets(view.tasks);
      const early = await patchRuns(earlyUid);
      const late = await patchRuns(lateUid);
      const parts = await breakdown(bench.store, projectId, earlyUid, Math.max(3, Math.floor(rounds / 2)));
      return {
        dialect,
        size: plan.stats.tasks,
        links: plan.stats.links,
        importMs,
        get: { ms: median(gets.map((g) => g.ms)), stallMs: median(gets.map((g) => g.stallMs)), bytes: gets[0]!.bytes! },
        early,
        late,
        breakdown: parts,
      };
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}

function table(rows: readonly Row[]): string {
  const head = '| dialect | tasks | links | import ms | GET ms (stall) | GET MB | edit early ms (stall) | moved | edit late ms (stall) | moved | load ms | engine ms | write row-by-row ms | write batched ms |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) =>
    `| ${r.dialect} | ${r.size.toLocaleString('en')} | ${r.links.toLocaleString('en')} | ${fmt(r.importMs)} | ${fmt(r.get.ms)} (${fmt(r.get.stallMs)}) | ${(r.get.bytes! / 1e6).toFixed(1)} | ${fmt(r.early.ms)} (${fmt(r.early.stallMs)}) | ${r.early.moved} | ${fmt(r.late.ms)} (${fmt(r.late.stallMs)}) | ${r.late.moved} | ${fmt(r.breakdown.loadMs)} | ${fmt(r.breakdown.computeMs)} | ${fmt(r.breakdown.naiveWriteMs)} | ${fmt(r.breakdown.batchedWriteMs)} |`,
  );
  return [head, sep, ...lines].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, rounds: { type: 'string' }, dialect: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const sizes = (values.sizes ?? '5000,20000').split(',').map(Number);
  const rounds = Number(values.rounds ?? 7);
  const d = values.dialect ?? 'both';
  if (sizes.some((s) => !Number.isInteger(s) || s < 10) || !Number.isInteger(rounds) || rounds < 1 || !['sqlite', 'postgres', 'both'].includes(d)) {
    console.error(USAGE);
    return 2;
  }
  const dialects: BenchDialect[] = d === 'both' ? ['sqlite', 'postgres'] : [d as BenchDialect];
  log('# Pharos schedule API bench');
  log(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${new Date().toISOString()}; ${rounds} timed rounds per figure, medians; worker threshold ${process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD ?? '(default)'}`);
  const rows: Row[] = [];
  for (const size of sizes) {
    const plan = benchPlan(size);
    log(`\nplan of ${size} tasks: ${plan.stats.links} links, ${plan.stats.summaries} summaries, XML ${(plan.xml.length / 1e6).toFixed(1)} MB`);
    for (const dialect of dialects) {
      if (dialect === 'postgres') {
        const reason = await postgresUnreachable(POSTGRES_URL);
        if (reason) {
          log(`PostgreSQL skipped: ${redact(POSTGRES_URL)} is not reachable (${reason})`);
          continue;
        }
      }
      const row = await benchOne(dialect, plan, rounds);
      rows.push(row);
      log(table([row]).split('\n')[2]!);
    }
  }
  log('\n## Results (ms, medians; "stall" is the longest event-loop block during the request)\n');
  log(table(rows));
  return 0;
}

process.exitCode = await main();
