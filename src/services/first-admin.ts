import type { OrganisationId } from '../domain/ids.js';
import type { ServiceContext } from './context.js';
import { createOrganisation } from './organisations.js';
import { createMember } from './users.js';

export type FirstAdminInput = { email: string; password: string; name: string; organisationName: string };

export type FirstAdminResult =
  | { created: false; reason: string }
  | { created: true; organisationId: OrganisationId; organisationName: string; organisationCreated: boolean; email: string };

/** `Northwind Utilities` → `northwind-utilities`; falls back to `organisation` when nothing is left. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'organisation';
}

/**
 * Makes the first administrator on a database that has no users yet: picks the organisation
 * named `organisationName` (or the only/oldest one), creating it when there is none, then
 * creates the user with the `administrator` role at organisation scope. Does nothing once any
 * user exists, so restarting with the same environment is harmless.
 */
export async function ensureFirstAdmin(ctx: ServiceContext, input: FirstAdminInput): Promise<FirstAdminResult> {
  const anyUser = await ctx.db.selectFrom('userAccount').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { created: false, reason: 'the database already has users' };
  const organisations = await ctx.db.selectFrom('organisation').select(['id', 'name']).orderBy('id').execute();
  let organisation = organisations.find((o) => o.name === input.organisationName) ?? organisations[0];
  let organisationCreated = false;
  if (!organisation) {
    const created = await createOrganisation(ctx, { name: input.organisationName, slug: slugOf(input.organisationName) });
    organisation = { id: created.id as OrganisationId, name: created.name };
    organisationCreated = true;
  }
  await createMember(ctx, organisation.id, { email: input.email, name: input.name, password: input.password, role: 'administrator' });
  return { created: true, organisationId: organisation.id, organisationName: organisation.name, organisationCreated, email: input.email };
}
