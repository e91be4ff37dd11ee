import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { Email, Password } from '../api/schemas/auth.schema.js';
import { Name } from '../api/schemas/common.schema.js';
import { invalid, PharosError } from '../domain/errors.js';
import { ROLES, SCOPE_TYPES, type Role, type ScopeType } from '../domain/policy/index.js';
import { createMember, createUser, grantRole } from '../services/users.js';
import type { Store } from '../store/database.js';
import { readStdin, resolveOrganisation, systemContext, usage, withDatabase, withStore } from './common.js';

/** Checks one command-line value against the API's schema for it, so both accept the same input. */
export function check<T>(schema: z.ZodType<T>, flag: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid([{ field: flag, reason: parsed.error.issues[0]?.message ?? 'is not valid' }]);
  return parsed.data;
}

/** The user with this email (case-insensitive), or `not-found` naming it. */
export async function userByEmail(store: Store, email: string): Promise<{ id: string; name: string; email: string }> {
  const user = await store.db.selectFrom('userAccount').select(['id', 'name', 'email']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!user) throw new PharosError('not-found', `no user with email ${email}`);
  return user;
}

type UserAddOptions = { email: string; name: string; password?: string; passwordStdin?: boolean; org?: string; role?: Role; database?: string };
type RoleGrantOptions = { email: string; role: Role; scope: ScopeType; code?: string; org?: string; database?: string };

/** `pharos user add` and `pharos role grant`. */
export function registerUsers(program: Command): void {
  const user = program.command('user').description('people who sign in');
  withDatabase(
    user
      .command('add')
      .description('add a user, optionally with an organisation-wide role')
      .requiredOption('--email <email>', 'their email (also their sign-in name)')
      .requiredOption('--name <name>', 'their display name')
      .option('--password <password>', 'their password (at least 10 characters; prefer --password-stdin, which keeps it out of shell history)')
      .option('--password-stdin', 'read the password from standard input')
      .option('--org <slug>', 'the organisation to add them to (default: the only one, when --role is given)')
      .addOption(new Option('--role <role>', 'organisation-wide role (default with --org: viewer)').choices(ROLES)),
  ).action(async (options: UserAddOptions) => {
    if (options.password !== undefined && options.passwordStdin) throw usage('give --password or --password-stdin, not both');
    const email = check(Email, '--email', options.email.trim().toLowerCase());
    const name = check(Name, '--name', options.name);
    const raw = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : options.password;
    const password = raw === undefined ? null : check(Password, '--password', raw);
    await withStore(options, async (store) => {
      const ctx = systemContext(store);
      if (options.org === undefined && options.role === undefined) {
        await store.db.transaction().execute((trx) => createUser(ctx, null, { email, name, password }, trx));
        console.log(`Added ${name} <${email}>, with no role yet: grant one with "pharos role grant".${password ? '' : ' They cannot sign in until a password is set.'}`);
        return;
      }
      const org = await resolveOrganisation(store, options.org);
      const role = options.role ?? 'viewer';
      await createMember(ctx, org.id, { email, name, password, role });
      console.log(`Added ${name} <${email}> to ${org.name} as ${role}.${password ? '' : ' They cannot sign in until a password is set.'}`);
    });
  });

  const role = program.command('role').description('roles people hold');
  withDatabase(
    role
      .command('grant')
      .description('grant a role at a scope: the organisation, or the portfolio, programme or project with --code')
      .requiredOption('--email <email>', 'the user')
      .addOption(new Option('--role <role>', 'the role').choices(ROLES).makeOptionMandatory())
      .addOption(new Option('--scope <scope>', 'where the role applies').choices(SCOPE_TYPES).makeOptionMandatory())
      .option('--code <code>', 'code of the portfolio, programme or project (with --scope other than organisation)')
      .option('--org <slug>', 'the organisation (default: the only one)'),
  ).action(async (options: RoleGrantOptions) => {
    if (options.scope !== 'organisation' && !options.code) throw usage(`--code is required with --scope ${options.scope}: the ${options.scope}'s code`);
    if (options.scope === 'organisation' && options.code) throw usage('--code names a portfolio, programme or project; leave it out with --scope organisation');
    await withStore(options, async (store) => {
      const org = await resolveOrganisation(store, options.org);
      const person = await userByEmail(store, options.email);
      let scopeId: string = org.id;
      let scopeName = org.name;
      if (options.scope !== 'organisation') {
        const record = await store.db
          .selectFrom(options.scope)
          .select(['id', 'name'])
          .where('organisationId', '=', org.id)
          .where('code', '=', options.code as string)
          .executeTakeFirst();
        if (!record) throw new PharosError('not-found', `no ${options.scope} with code "${options.code}" in ${org.name}`);
        scopeId = record.id;
        scopeName = `${options.code} ${record.name}`;
      }
      const ctx = systemContext(store);
      await store.db.transaction().execute((trx) => grantRole(ctx, { userId: person.id, role: options.role, scopeType: options.scope, scopeId }, trx));
      console.log(`Granted ${options.role} on ${options.scope} ${scopeName} to ${person.name} <${person.email}>.`);
    });
  });
}
