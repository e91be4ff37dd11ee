import type { FastifyReply, FastifyRequest } from 'fastify';
import { PharosError } from '../domain/errors.js';
import type { Action } from '../domain/policy/index.js';
import { grantsForUser } from '../services/access.js';
import type { Actor, Clock, ServiceContext } from '../services/context.js';
import { TOKEN_PREFIX, userFromApiToken, userFromSession } from '../services/sessions.js';
import type { Store } from '../store/database.js';
import type { UserTable } from '../store/schema.js';

export const SESSION_COOKIE = 'pharos_session';

/** What a route declares: the policy action it performs, or `public` for the few open routes. */
export type RouteAccess = { action: Action | 'public' | 'self' };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    user: UserTable | null;
    csrfToken: string | null;
    authMethod: 'session' | 'token' | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling (session cookie or `Authorization: Bearer pht_…`) and enforces
 * sign-in and CSRF before any handler runs. Permission checks happen in the services, against
 * the record the route acts on.
 */
export function authenticate(store: Store, clock: Clock) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (!access) throw new PharosError('internal', `route ${request.routeOptions.url} declares no access action`);
    request.actor = null;
    request.user = null;
    request.csrfToken = null;
    request.authMethod = null;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice('Bearer '.length).trim();
      const user = token.startsWith(TOKEN_PREFIX) ? await userFromApiToken(store.db, clock, token) : null;
      if (!user) throw new PharosError('unauthenticated', 'the API token is unknown, expired or revoked');
      request.user = user;
      request.authMethod = 'token';
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await userFromSession(store.db, clock, cookie) : null;
      if (session) {
        request.user = session.user;
        request.csrfToken = session.csrfToken;
        request.authMethod = 'session';
      } else if (cookie) {
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (access.action === 'public') return;
    if (!request.user) throw new PharosError('unauthenticated', 'sign in, or send an API token as "Authorization: Bearer pht_…"');
    if (request.authMethod === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== request.csrfToken) {
        throw new PharosError('csrf-failed', 'send the x-csrf-token header from GET /api/v1/auth/me with every change');
      }
    }
    request.actor = {
      userId: request.user.id,
      name: request.user.name,
      grants: await grantsForUser(store.db, request.user.id),
      system: false,
    };
  };
}

/** The service context for a signed-in request. */
export function contextOf(request: FastifyRequest, store: Store, clock: Clock): ServiceContext {
  if (!request.actor) throw new PharosError('unauthenticated', 'sign in first');
  return { db: store.db, dialect: store.dialect, actor: request.actor, clock };
}
