import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiTokenId } from '../../domain/ids.js';
import { PharosError } from '../../domain/errors.js';
import { listOrganisations } from '../../services/organisations.js';
import { SESSION_DAYS, createApiToken, listApiTokens, revokeApiToken, signIn, signOut } from '../../services/sessions.js';
import { membershipsOfUser, userFromRow } from '../../services/users.js';
import { ApiToken, ApiTokenCreate, ApiTokenCreated, LoginRequest, Me } from '../schemas/auth.schema.js';
import { IdParams } from '../schemas/common.schema.js';
import { SESSION_COOKIE } from '../request-context.js';
import { ctxFor, type RouteDeps } from './deps.js';

export function authRoutes(deps: RouteDeps & { secureCookies: boolean }): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Authentication'];
    app.post('/auth/login', { schema: { tags, summary: 'Sign in with email and password; sets the session cookie', body: LoginRequest, response: { 200: Me } }, config: { access: { action: 'public' } } }, async (req, reply) => {
      const signed = await signIn(deps.store.db, deps.clock, req.body.email, req.body.password, req.ip);
      void reply.setCookie(SESSION_COOKIE, signed.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: SESSION_DAYS * 86_400,
      });
      req.actor = { userId: signed.user.id, name: signed.user.name, grants: [], system: false };
      const memberships = await membershipsOfUser(deps.store.db, signed.user.id);
      const organisations = await orgsOf(deps, memberships.map((m) => m.organisationId));
      return { user: userFromRow(signed.user), csrfToken: signed.csrfToken, organisations, memberships };
    });
    app.post('/auth/logout', { schema: { tags, summary: 'Sign out', response: { 204: z.null() } }, config: { access: { action: 'self' } } }, async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await signOut(deps.store.db, cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });
    app.get('/auth/me', { schema: { tags, summary: 'Who you are, your roles, and the CSRF token for changes', response: { 200: Me } }, config: { access: { action: 'self' } } }, async (req) => {
      const user = req.user;
      if (!user) throw new PharosError('unauthenticated', 'sign in first');
      const memberships = await membershipsOfUser(deps.store.db, user.id);
      const organisations = (await listOrganisations(ctx(req))).map(({ id, name, slug }) => ({ id, name, slug }));
      return { user: userFromRow(user), csrfToken: req.csrfToken, organisations, memberships };
    });
    app.get('/auth/tokens', { schema: { tags, summary: 'Your API tokens', response: { 200: z.object({ items: z.array(ApiToken) }) } }, config: { access: { action: 'self' } } }, async (req) => ({ items: await listApiTokens(ctx(req)) }));
    app.post('/auth/tokens', { schema: { tags, summary: 'Create an API token (the secret is shown once)', body: ApiTokenCreate, response: { 201: ApiTokenCreated } }, config: { access: { action: 'self' } } }, async (req, reply) => {
      const c = ctx(req);
      return reply.code(201).send(await createApiToken(deps.store.db, deps.clock, c.actor.userId!, req.body.name, req.body.expiresInDays));
    });
    app.delete('/auth/tokens/:id', { schema: { tags, summary: 'Revoke one of your API tokens', params: IdParams, response: { 204: z.null() } }, config: { access: { action: 'self' } } }, async (req, reply) => {
      await revokeApiToken(ctx(req), req.params.id as ApiTokenId);
      return reply.code(204).send(null);
    });
  };
}

async function orgsOf(deps: RouteDeps, ids: string[]) {
  if (ids.length === 0) return [];
  return deps.store.db.selectFrom('organisation').select(['id', 'name', 'slug']).where('id', 'in', ids as never[]).orderBy('name').execute();
}
