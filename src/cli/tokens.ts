import type { Command } from 'commander';
import { Name } from '../api/schemas/common.schema.js';
import type { UserId } from '../domain/ids.js';
import { createApiToken } from '../services/sessions.js';
import { intOption, withDatabase, withStore } from './common.js';
import { check, userByEmail } from './users.js';

type TokenCreateOptions = { email: string; name: string; days: number; database?: string };

/** `pharos token create`: an API token for scripts and integrations, printed once. */
export function registerTokens(program: Command): void {
  const token = program.command('token').description('API tokens');
  withDatabase(
    token
      .command('create')
      .description('create an API token for a user; the token is printed once, on stdout')
      .requiredOption('--email <email>', 'the user the token acts as')
      .requiredOption('--name <name>', 'what the token is for, e.g. "reporting job"')
      .option('--days <n>', 'days until it expires, 1–366', intOption('--days', 1, 366), 90),
  ).action(async (options: TokenCreateOptions) => {
    const name = check(Name, '--name', options.name);
    await withStore(options, async (store) => {
      const user = await userByEmail(store, options.email);
      const created = await createApiToken(store.db, () => new Date(), user.id as UserId, name, options.days);
      // Only the secret goes to stdout, so `TOKEN=$(pharos token create …)` works.
      console.log(created.token);
      console.error(`API token "${name}" for ${user.email}, expires ${created.expiresAt.slice(0, 10)}. It is shown only this once.`);
    });
  });
}
