import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { PharosError } from '../domain/errors.js';
import { ensureFirstAdmin } from '../services/first-admin.js';
import { DEMO_PASSWORD, demoEmail, seedDemo } from '../services/demo-seed.js';
import { intOption, openMigratedStore, packageRoot, packageVersion, systemContext, withDatabase } from './common.js';

type ServeOptions = { port?: number; host?: string; seedDemoIfEmpty?: boolean; database?: string };

/** How long a graceful shutdown may take before the process gives up and exits. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `pharos serve`: migrate, make the first administrator (from the environment) and the demo
 * organisation when asked and the database is empty, then serve the API and the web app.
 */
export function registerServe(program: Command): void {
  withDatabase(
    program
      .command('serve')
      .description('migrate the database and serve the API and web app')
      .option('--port <n>', 'port to listen on (default: $PORT, else 3000)', intOption('--port', 0, 65_535))
      .option('--host <host>', 'interface to listen on (default: $HOST, else 0.0.0.0)')
      .option('--seed-demo-if-empty', 'load the demo organisation when the database has none (unless PHAROS_SEED_DEMO=false)'),
  ).action(async (options: ServeOptions) => serve(options));
}

async function serve(options: ServeOptions): Promise<void> {
  const config = loadConfig(process.env);
  const store = await openMigratedStore({ database: options.database ?? config.databaseUrl });
  const started = Date.now();
  try {
    const ctx = systemContext(store, 'first start');
    if (config.firstAdmin) {
      const made = await ensureFirstAdmin(ctx, config.firstAdmin);
      if (made.created) {
        console.log(`Created the first administrator ${made.email} in ${made.organisationName}${made.organisationCreated ? ' (new organisation)' : ''}.`);
      }
    }
    const seed = config.seedDemo ?? options.seedDemoIfEmpty ?? false;
    if (seed) {
      const any = await store.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
      if (!any) {
        const result = await seedDemo(systemContext(store, 'demo seed'));
        console.log(
          `Loaded the demo organisation (${result.projects} projects). Sign in as ${demoEmail('pmo-director')} (or any role: <role>@northwind.example), password ${DEMO_PASSWORD}.`,
        );
      }
    }
  } catch (e) {
    await store.close();
    throw e;
  }

  const webRoot = join(packageRoot(), 'dist', 'web');
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  // Fastify is the heaviest import by far; only `serve` pays for it.
  const { buildApp } = await import('../api/app.js');
  const version = packageVersion();
  const app = await buildApp({
    store,
    logger: { level: config.logLevel },
    webRoot: hasWeb ? webRoot : null,
    secureCookies: config.secureCookies,
    version,
  });
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    await store.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new PharosError('duplicate', `port ${port} is already in use; choose another with --port or PORT`);
    if (code === 'EACCES') throw new PharosError('forbidden', `not allowed to listen on port ${port}; choose a port above 1023`);
    throw e;
  }
  const address = app.server.address() as AddressInfo;
  const shown = ['0.0.0.0', '::', ''].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`Pharos ${version} is ready on http://${shown}:${address.port} (database ${store.location}${hasWeb ? '' : '; web app not built, API only: run npm run build'}) in ${Date.now() - started} ms.`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`pharos: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing open requests and closing the database…`);
    setTimeout(() => {
      console.error(`pharos: shutdown took longer than ${SHUTDOWN_GRACE_MS / 1000} s, exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    void (async () => {
      try {
        await app.close();
        await store.close();
        console.log('Stopped.');
      } catch (e) {
        console.error(`pharos: ${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 1;
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
