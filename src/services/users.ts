import type { MembershipId, OrganisationId, UserId } from '../domain/ids.js';
import { PharosError, invalid } from '../domain/errors.js';
import type { Role, ScopeType } from '../domain/policy/index.js';
import type { Membership, MembershipCreate, User } from '../api/schemas/auth.schema.js';
import type { MembershipTable, UserTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, organisationPath } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { hashPassword } from './passwords.js';

export const userFromRow = (row: UserTable): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  active: row.active === 1,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export type NewUser = { email: string; name: string; password: string | null };

/**
 * Creates a person's account (without any role). The password is hashed with scrypt; `null`
 * makes an account that cannot sign in until a password is set.
 */
export async function createUser(ctx: ServiceContext, organisationId: OrganisationId | null, input: NewUser, trx: Db = ctx.db): Promise<User> {
  if (organisationId) authorize(ctx, 'user:manage', organisationPath(organisationId), 'organisation');
  else if (!ctx.actor.system) throw new PharosError('forbidden', 'users outside an organisation are created with the CLI');
  const email = input.email.trim().toLowerCase();
  const clash = await trx.selectFrom('userAccount').select('id').where('email', '=', email).executeTakeFirst();
  if (clash) throw new PharosError('duplicate', `email: a user with email ${email} already exists`, { issues: [{ field: 'email', reason: 'is already registered' }] });
  const now = nowIso(ctx);
  const row: UserTable = {
    id: newId<UserId>(),
    email,
    name: input.name,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    active: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await trx.insertInto('userAccount').values(row).execute();
  const user = userFromRow(row);
  await appendAudit(trx, ctx, { organisationId, recordType: 'user', recordId: row.id, recordLabel: row.name, before: null, after: user });
  return user;
}

/** Where a scope lives: its organisation and its name (for display and checks). */
async function scopeRecord(db: Db, scopeType: ScopeType, scopeId: string): Promise<{ organisationId: OrganisationId; name: string } | undefined> {
  switch (scopeType) {
    case 'organisation': {
      const r = await db.selectFrom('organisation').select(['id', 'name']).where('id', '=', scopeId as OrganisationId).executeTakeFirst();
      return r && { organisationId: r.id, name: r.name };
    }
    case 'portfolio':
      return db.selectFrom('portfolio').select(['organisationId', 'name']).where('id', '=', scopeId as never).executeTakeFirst();
    case 'programme':
      return db.selectFrom('programme').select(['organisationId', 'name']).where('id', '=', scopeId as never).executeTakeFirst();
    case 'project':
      return db.selectFrom('project').select(['organisationId', 'name']).where('id', '=', scopeId as never).executeTakeFirst();
  }
}

async function withScopeNames(db: Db, rows: MembershipTable[]): Promise<Membership[]> {
  const out: Membership[] = [];
  const names = new Map<string, string>();
  for (const type of ['organisation', 'portfolio', 'programme', 'project'] as const) {
    const ids = rows.filter((r) => r.scopeType === type).map((r) => r.scopeId);
    if (ids.length === 0) continue;
    const found = await db.selectFrom(type).select(['id', 'name']).where('id', 'in', ids as never[]).execute();
    for (const f of found) names.set(f.id, f.name);
  }
  for (const r of rows) out.push({ ...r, scopeName: names.get(r.scopeId) ?? '(removed)' });
  return out;
}

export async function membershipsOfUser(db: Db, userId: UserId): Promise<Membership[]> {
  const rows = await db.selectFrom('membership').selectAll().where('userId', '=', userId).orderBy('id').execute();
  return withScopeNames(db, rows);
}

export async function listMemberships(ctx: ServiceContext, organisationId: OrganisationId): Promise<(Membership & { userName: string; userEmail: string })[]> {
  authorize(ctx, 'read', organisationPath(organisationId), 'organisation');
  const rows = await ctx.db
    .selectFrom('membership')
    .innerJoin('userAccount', 'userAccount.id', 'membership.userId')
    .selectAll('membership')
    .select(['userAccount.name as userName', 'userAccount.email as userEmail'])
    .where('membership.organisationId', '=', organisationId)
    .orderBy('userAccount.name')
    .orderBy('membership.id')
    .execute();
  const named = await withScopeNames(ctx.db, rows);
  return named.map((m, i) => ({ ...m, userName: rows[i]!.userName, userEmail: rows[i]!.userEmail }));
}

/** Grants a role at a scope. Needs `member:manage` on the organisation. */
export async function grantRole(ctx: ServiceContext, input: MembershipCreate, trx: Db = ctx.db): Promise<Membership> {
  const scope = await scopeRecord(trx, input.scopeType, input.scopeId);
  if (!scope) throw invalid([{ field: 'scopeId', reason: `is not a ${input.scopeType}` }]);
  authorize(ctx, 'member:manage', organisationPath(scope.organisationId), 'organisation');
  const user = await trx.selectFrom('userAccount').select(['id', 'name']).where('id', '=', input.userId as UserId).executeTakeFirst();
  if (!user) throw invalid([{ field: 'userId', reason: 'is not a user' }]);
  const clash = await trx
    .selectFrom('membership')
    .select('id')
    .where('userId', '=', user.id)
    .where('role', '=', input.role)
    .where('scopeType', '=', input.scopeType)
    .where('scopeId', '=', input.scopeId)
    .executeTakeFirst();
  if (clash) throw new PharosError('duplicate', `role: ${user.name} already holds ${input.role} on ${scope.name}`, { issues: [{ field: 'role', reason: 'is already granted at this scope' }] });
  const row: MembershipTable = {
    id: newId<MembershipId>(),
    organisationId: scope.organisationId,
    userId: user.id,
    role: input.role as Role,
    scopeType: input.scopeType,
    scopeId: input.scopeId,
    version: 1,
    createdAt: nowIso(ctx),
  };
  await trx.insertInto('membership').values(row).execute();
  await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'membership', recordId: row.id, recordLabel: `${user.name}: ${row.role} on ${scope.name}`, before: null, after: row });
  return { ...row, scopeName: scope.name };
}

export async function revokeMembership(ctx: ServiceContext, id: MembershipId): Promise<void> {
  const row = await ctx.db.selectFrom('membership').selectAll().where('id', '=', id).executeTakeFirst();
  authorize(ctx, 'member:manage', row ? organisationPath(row.organisationId) : null, 'membership');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('membership').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { organisationId: row!.organisationId, recordType: 'membership', recordId: id, recordLabel: `${row!.role} on ${row!.scopeType}`, before: row!, after: null });
  });
}

/** Creates a user in an organisation with one organisation-wide role, in one transaction. */
export async function createMember(ctx: ServiceContext, organisationId: OrganisationId, input: NewUser & { role: Role }): Promise<User> {
  authorize(ctx, 'user:manage', organisationPath(organisationId), 'organisation');
  return ctx.db.transaction().execute(async (trx) => {
    const user = await createUser(ctx, organisationId, input, trx);
    await grantRole(ctx, { userId: user.id, role: input.role, scopeType: 'organisation', scopeId: organisationId }, trx);
    return user;
  });
}
