import type { Command } from 'commander';
import { DEMO_ORGANISATION, DEMO_PASSWORD, demoEmail, seedDemo } from '../services/demo-seed.js';
import { migrateToLatest } from '../store/migrate.js';
import { openDatabase, progressOn, systemContext, usage, withDatabase, withProgress, withStore } from './common.js';

/** `pharos migrate` and `pharos seed --demo`. */
export function registerDatabase(program: Command): void {
  withDatabase(program.command('migrate').description('bring the database schema up to date')).action(async (options: { database?: string }) => {
    // Not withStore: that migrates silently, and here the report is the point.
    const store = openDatabase(options);
    try {
      const report = await migrateToLatest(store.db);
      console.log(
        report.applied.length > 0
          ? `Applied ${report.applied.length} migration${report.applied.length === 1 ? '' : 's'} (${report.applied.join(', ')}) to ${store.location}.`
          : `${store.location} is up to date (${report.current ?? 'no migrations'}).`,
      );
    } finally {
      await store.close();
    }
  });

  withProgress(
    withDatabase(
      program
        .command('seed')
        .description(`load sample data: --demo loads the demo organisation (${DEMO_ORGANISATION.name})`)
        .option('--demo', `the demo organisation, with a user per role (password ${DEMO_PASSWORD})`),
    ),
  ).action(async (options: { demo?: boolean; database?: string; progress?: boolean }) => {
    if (!options.demo) throw usage('say what to seed: pharos seed --demo');
    await withStore(options, async (store) => {
      const progress = progressOn('seed', options.progress);
      const result = await seedDemo(systemContext(store, 'demo seed'), { onProgress: (p) => progress.update(p) }).finally(() => progress.finish());
      console.log(
        `Seeded ${DEMO_ORGANISATION.name} (${DEMO_ORGANISATION.slug}): ${result.portfolios} portfolios, ${result.programmes} programmes, ` +
          `${result.projects} projects (${result.unaligned} unaligned), ${result.objectives} objectives, ${result.users} people.`,
      );
      console.log(`Sign in as ${demoEmail('pmo-director')} or any <role>@northwind.example, password ${DEMO_PASSWORD}.`);
    });
  });
}
