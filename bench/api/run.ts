import { availableParallelism, cpus } from 'node:os';
import { waitForQuiet } from './cpu.js';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/api/app.js';
import { redact } from '../../src/store/database.js';
import { startCeiling } from './ceiling.js';
import { listPath, summaryPath } from './http.js';
import { medianOf, runLoad, type LoadSpec, type Measured } from './load.js';
import { parseOptions, USAGE, type BenchDialect, type BenchOptions } from './options.js';
import { outsideCpu, QUIET_OUTSIDE_CPU, table, verdicts, type Row, type Scenario } from './report.js';
import { seed } from './seed.js';
import { openBenchStore, POSTGRES_URL, postgresUnreachable, settle } from './stores.js';
import { verify } from './verify.js';

/**
 * `npm run bench`: seeds projects in portfolios, checks the API's answers, then loads over
 * loopback (autocannon in a child process): the framework ceiling, the project list and the
 * portfolio summary, on SQLite then PostgreSQL. Prints a table and the verdict on the targets.
 */

const log = (line: string): void => console.log(line);

/** What must be undone even on Ctrl-C: a leaked bench schema or temp folder outlives the run. */
const pendingCleanups = new Set<() => Promise<void>>();

async function cleanUpAndExit(signal: NodeJS.Signals): Promise<void> {
  console.error(`\n${signal}: removing the bench databases`);
  for (const cleanup of pendingCleanups) await cleanup().catch((e: unknown) => console.error(e));
  process.exit(130);
}

const pct = (cores: number): string => (Number.isFinite(cores) ? `${Math.round(cores * 100)}%` : 'n/a');

function fmtLoad(r: Measured, dialect: BenchDialect): string {
  const failures = r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx and ${r.errors} errors` : '';
  const postgres = dialect === 'postgres' ? `, postgres ${pct(r.postgresCpu)}` : '';
  return `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU: server ${pct(r.serverCpu)}, client ${pct(r.clientCpu)}${postgres}, outside ${pct(outsideCpu(r, dialect))}${failures}`;
}

/** Medians over the quiet runs when there are any, else over all (and the row says so). */
function summarise(scenario: Scenario, dialect: BenchDialect, runs: readonly Measured[]): Omit<Row, 'ceilingRps'> {
  const quiet = runs.filter((r) => !(outsideCpu(r, dialect) > QUIET_OUTSIDE_CPU));
  const used = quiet.length > 0 ? quiet : runs;
  return { scenario, dialect, result: medianOf(used), used: used.length, runs: runs.length, noisy: quiet.length === 0 };
}

async function benchDialect(dialect: BenchDialect, opts: BenchOptions, problems: string[]): Promise<Row[]> {
  const bench = await openBenchStore(dialect);
  pendingCleanups.add(bench.dispose);
  log(`\n## ${dialect}: ${bench.where}`);
  try {
    const seeded = await seed(bench.store, { projects: opts.projects, portfolios: opts.portfolios });
    await settle(bench.store);
    const c = seeded.counts;
    log(`seeded ${c.projects} projects, ${opts.portfolios} portfolios, ${c.programmes} programmes, ${c.objectives} objectives, ${c.contributions} contributions in ${seeded.seconds.toFixed(1)} s`);

    const app = await buildApp({ store: bench.store });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const check = await verify(origin, seeded);
      if (check.problems.length > 0) {
        problems.push(...check.problems.map((p) => `${dialect}: ${p}`));
        for (const p of check.problems.slice(0, 20)) log(`  WRONG ${p}`);
      } else {
        const partial = check.checked.fullPage ? '' : ' (no portfolio holds 100 projects, so no page was full: seed more for a real list)';
        log(`verified: ${check.checked.portfolios} summaries and first pages match the seed; ${check.checked.pagesWalked} pages walked in name order${partial}`);
      }

      const ceiling = await startCeiling(check.samplePage);
      try {
        const ids = seeded.portfolios.map((p) => p.id);
        const scenarios: { scenario: Scenario; origin: string; paths: string[] }[] = [
          { scenario: 'ceiling', origin: ceiling.origin, paths: ['/page'] },
          { scenario: 'list', origin, paths: ids.map((id) => listPath(id)) },
          { scenario: 'summary', origin, paths: ids.map(summaryPath) },
        ];
        const runs = new Map<Scenario, Measured[]>(scenarios.map((s) => [s.scenario, []]));
        // Rounds interleave the scenarios, so a burst of outside load lands on one run of each
        // rather than on one whole scenario; the medians are reported.
        for (let round = 1; round <= opts.rounds; round++) {
          for (const s of scenarios) {
            const spec: LoadSpec = { origin: s.origin, paths: s.paths, headers: { authorization: `Bearer ${seeded.token}` }, connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
            if (opts.quietWait > 0) {
              await waitForQuiet(opts.quietWait, QUIET_OUTSIDE_CPU, (outside) => log(`  (waiting up to ${opts.quietWait} s for the machine to quieten: other work is using ${pct(outside)} of a core)`));
            }
            const result = await runLoad(spec);
            runs.get(s.scenario)?.push(result);
            log(`${opts.rounds > 1 ? `round ${round} ` : ''}${s.scenario}: ${fmtLoad(result, dialect)}`);
          }
        }
        const rows = scenarios.map((s) => summarise(s.scenario, dialect, runs.get(s.scenario) ?? []));
        const ceilingRps = rows[0]?.result.rps ?? Number.NaN;
        return rows.map((row) => ({ ...row, ceilingRps }));
      } finally {
        await ceiling.close();
      }
    } finally {
      await app.close();
    }
  } finally {
    pendingCleanups.delete(bench.dispose);
    await bench.dispose();
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    log(USAGE);
    return 0;
  }
  const opts = parsed;
  log('# Pharos API bench');
  log(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${process.platform}, ${new Date().toISOString()}`);
  log(`load: ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per scenario, ${opts.rounds} round(s), up to ${opts.quietWait} s wait for a quiet machine, over 127.0.0.1; ${opts.projects} projects in ${opts.portfolios} portfolios`);

  const rows: Row[] = [];
  const problems: string[] = [];
  for (const dialect of opts.dialects) {
    if (dialect === 'postgres') {
      const reason = await postgresUnreachable(POSTGRES_URL);
      if (reason) {
        log(`\nPostgreSQL skipped: ${redact(POSTGRES_URL)} is not reachable (${reason}); set PHAROS_BENCH_DATABASE_URL.`);
        continue;
      }
    }
    rows.push(...(await benchDialect(dialect, opts, problems)));
  }

  log('\n## Results\n');
  log(rows.length > 0 ? table(rows) : '(nothing was measured)');
  log('');
  for (const line of verdicts(rows)) log(line);
  if (problems.length > 0) {
    log(`\nINVALID: the API gave ${problems.length} wrong answer(s) before the load; the numbers above measure a broken build.`);
    return 1;
  }
  // A benchmark, not a test: a missed target is reported, not an error.
  return 0;
}

process.once('SIGINT', (s) => void cleanUpAndExit(s));
process.once('SIGTERM', (s) => void cleanUpAndExit(s));
// Piped into `head`, stdout closes early: keep going so the databases are still removed.
process.stdout.on('error', () => undefined);
process.exitCode = await main();
