import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenId, UserId } from '../domain/ids.js';
import { PharosError } from '../domain/errors.js';
import type { ApiToken } from '../api/schemas/auth.schema.js';
import type { UserTable } from '../store/schema.js';
import type { Clock, Db, ServiceContext } from './context.js';
import { newId } from './ids.js';
import { decoyHash, verifyPassword } from './passwords.js';

/**
 * Sign-in, sessions and API tokens. Secrets are random 32-byte values; only their SHA-256
 * is stored, so a database leak does not hand out live sessions or tokens.
 */

export const SESSION_DAYS = 7;
/** Failed sign-ins allowed per account, and per client address, in the window. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 30, windowMinutes: 15 } as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

export type SignedIn = { sessionToken: string; csrfToken: string; user: UserTable; expiresAt: string };

async function recentFailures(db: Db, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('loginFailure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Checks email and password and opens a session. Too many recent failures for the account or
 * the address answer `rate-limited` before the password is even checked.
 */
export async function signIn(db: Db, clock: Clock, email: string, password: string, address: string): Promise<SignedIn> {
  const now = clock();
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString();
  const accountKey = `account:${email.trim().toLowerCase()}`;
  const addressKey = `address:${address}`;
  if (
    (await recentFailures(db, accountKey, since)) >= LOGIN_LIMITS.perAccount ||
    (await recentFailures(db, addressKey, since)) >= LOGIN_LIMITS.perAddress
  ) {
    throw new PharosError('rate-limited', `too many failed sign-ins; try again in ${LOGIN_LIMITS.windowMinutes} minutes`, {
      extensions: { retryAfterSeconds: LOGIN_LIMITS.windowMinutes * 60 },
    });
  }
  const user = await db.selectFrom('userAccount').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await decoyHash()), false);
  if (!user || !ok || user.active !== 1) {
    const at = now.toISOString();
    await db.insertInto('loginFailure').values([{ key: accountKey, at }, { key: addressKey, at }]).execute();
    throw new PharosError('unauthenticated', 'email or password is wrong');
  }
  // Housekeeping on the (rare) sign-in path rather than a timer, since app processes keep no state.
  await db.deleteFrom('session').where('expiresAt', '<=', now.toISOString()).execute();
  await db.deleteFrom('loginFailure').where('at', '<', since).execute();
  const sessionToken = secret();
  const csrfToken = secret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await db
    .insertInto('session')
    .values({ id: sha256(sessionToken), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt, lastSeenAt: now.toISOString() })
    .execute();
  return { sessionToken, csrfToken, user, expiresAt };
}

export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sha256(sessionToken)).execute();
}

/** The user behind a session cookie, with the session's CSRF token; `null` if unknown or expired. */
export async function userFromSession(db: Db, clock: Clock, sessionToken: string): Promise<{ user: UserTable; csrfToken: string } | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('userAccount', 'userAccount.id', 'session.userId')
    .selectAll('userAccount')
    .select(['session.csrfToken', 'session.expiresAt'])
    .where('session.id', '=', sha256(sessionToken))
    .executeTakeFirst();
  if (!row || row.expiresAt <= clock().toISOString() || row.active !== 1) return null;
  const { csrfToken, expiresAt: _e, ...user } = row;
  return { user, csrfToken };
}

export const TOKEN_PREFIX = 'pht_';

export async function userFromApiToken(db: Db, clock: Clock, token: string): Promise<UserTable | null> {
  const row = await db
    .selectFrom('apiToken')
    .innerJoin('userAccount', 'userAccount.id', 'apiToken.userId')
    .selectAll('userAccount')
    .select(['apiToken.id as tokenId', 'apiToken.expiresAt', 'apiToken.revokedAt', 'apiToken.lastUsedAt'])
    .where('apiToken.tokenHash', '=', sha256(token))
    .executeTakeFirst();
  const now = clock().toISOString();
  if (!row || row.revokedAt !== null || row.expiresAt <= now || row.active !== 1) return null;
  const { tokenId, expiresAt: _e, revokedAt: _r, lastUsedAt, ...user } = row;
  // "Last used" to the hour is enough to spot dead tokens, and avoids a write per request.
  if (lastUsedAt === null || lastUsedAt.slice(0, 13) !== now.slice(0, 13)) {
    await db.updateTable('apiToken').set({ lastUsedAt: now }).where('id', '=', tokenId).execute();
  }
  return user;
}

const tokenFromRow = (r: { id: ApiTokenId; name: string; prefix: string; createdAt: string; expiresAt: string; revokedAt: string | null; lastUsedAt: string | null }): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
  lastUsedAt: r.lastUsedAt,
});

/** Creates an API token for `userId`; the secret is returned once and never stored. */
export async function createApiToken(db: Db, clock: Clock, userId: UserId, name: string, expiresInDays: number): Promise<ApiToken & { token: string }> {
  const token = TOKEN_PREFIX + secret();
  const now = clock();
  const row = {
    id: newId<ApiTokenId>(),
    userId,
    name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 12),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  await db.insertInto('apiToken').values(row).execute();
  return { ...tokenFromRow(row), token };
}

export async function listApiTokens(ctx: ServiceContext): Promise<ApiToken[]> {
  if (!ctx.actor.userId) return [];
  const rows = await ctx.db.selectFrom('apiToken').selectAll().where('userId', '=', ctx.actor.userId).orderBy('id', 'desc').execute();
  return rows.map(tokenFromRow);
}

/** Revokes one of the actor's own tokens (idempotent). */
export async function revokeApiToken(ctx: ServiceContext, id: ApiTokenId): Promise<void> {
  const row = await ctx.db.selectFrom('apiToken').select(['userId', 'revokedAt']).where('id', '=', id).executeTakeFirst();
  if (!row || row.userId !== ctx.actor.userId) throw new PharosError('not-found', 'no API token of yours with that id');
  if (row.revokedAt === null) {
    await ctx.db.updateTable('apiToken').set({ revokedAt: ctx.clock().toISOString() }).where('id', '=', id).execute();
  }
}
