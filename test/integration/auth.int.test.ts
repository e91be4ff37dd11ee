import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { TEST_PASSWORD, startHarness, type Client, type Harness } from '../support/harness.js';

for (const dialect of DIALECTS) {
  describe(`[${dialect}] sign-in, sessions and API tokens`, () => {
    let h: Harness;
    let now: number;
    let admin: Client & { cookie: string; csrf: string };
    beforeAll(async () => {
      now = Date.parse('2027-02-01T10:00:00Z');
      h = await startHarness(dialect, { clock: () => new Date(now) });
      admin = (await h.userWith([{ role: 'administrator' }], 'Ada')) as typeof admin;
    });
    afterAll(() => h.close());

    it('sets an httpOnly, SameSite session cookie and never stores the raw session or password', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: (await h.store.db.selectFrom('userAccount').select('email').where('name', '=', 'Ada').executeTakeFirstOrThrow()).email, password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'pharos_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      const sessions = await h.store.db.selectFrom('session').select('id').execute();
      expect(sessions.map((s) => s.id)).not.toContain(cookie.value);
      const users = await h.store.db.selectFrom('userAccount').select('passwordHash').execute();
      for (const u of users) expect(u.passwordHash ?? 'scrypt$').toMatch(/^scrypt\$/);
      expect(res.json().memberships[0]).toMatchObject({ role: 'administrator', scopeType: 'organisation' });
    });

    it('answers a wrong password and an unknown account alike', async () => {
      const a = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'whatever at all' } });
      expect(a.statusCode).toBe(401);
      expect(a.json().detail).toBe('email or password is wrong');
    });

    it('signs out: the cookie stops working', async () => {
      const c = (await h.userWith([{ role: 'viewer' }], 'Leaver')) as Client & { cookie: string };
      expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
      expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    });

    it('expires sessions after seven days', async () => {
      const c = await h.userWith([{ role: 'viewer' }], 'Sleeper');
      now += 8 * 86_400_000;
      try {
        expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
      } finally {
        now -= 8 * 86_400_000;
      }
    });

    it('creates an API token shown once, stored hashed, usable without CSRF, and revocable', async () => {
      const created = await admin.post('/api/v1/auth/tokens', { name: 'CI', expiresInDays: 30 });
      expect(created.statusCode, created.body).toBe(201);
      const { token, id } = created.json();
      expect(token).toMatch(/^pht_/);
      const stored = await h.store.db.selectFrom('apiToken').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.tokenHash).not.toContain(token);
      const listed = (await admin.get('/api/v1/auth/tokens')).json().items;
      expect(listed[0]).not.toHaveProperty('token');
      const viaToken = await h.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${token}` }, payload: { organisationId: h.organisationId, code: 'TOK', name: 'Made with a token' } });
      expect(viaToken.statusCode, viaToken.body).toBe(201);
      const used = (await admin.get('/api/v1/auth/tokens')).json().items.find((t: { id: string }) => t.id === id);
      expect(used.lastUsedAt).toBe(new Date(now).toISOString());
      expect((await admin.delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
      const after = await h.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: `Bearer ${token}` } });
      expect(after.statusCode).toBe(401);
    });

    it('refuses an expired token', async () => {
      const { token } = (await admin.post('/api/v1/auth/tokens', { name: 'short', expiresInDays: 1 })).json();
      now += 2 * 86_400_000;
      try {
        expect((await h.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
      } finally {
        now -= 2 * 86_400_000;
      }
    });

    it('lets an administrator create a user who can then sign in with their role', async () => {
      const res = await admin.post('/api/v1/users', { organisationId: h.organisationId, email: 'New.Person@Example.test', name: 'New Person', password: 'a long passphrase', role: 'pmo-analyst' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().email).toBe('new.person@example.test');
      const c = await h.signIn('new.person@example.test', 'a long passphrase');
      const me = (await c.get('/api/v1/auth/me')).json();
      expect(me.memberships.map((m: { role: string }) => m.role)).toEqual(['pmo-analyst']);
      const dup = await admin.post('/api/v1/users', { organisationId: h.organisationId, email: 'new.person@example.test', name: 'Again', password: 'a long passphrase' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().issues[0].field).toBe('email');
      const weak = await admin.post('/api/v1/users', { organisationId: h.organisationId, email: 'weak@example.test', name: 'Weak', password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().detail).toContain('password: must be at least 10 characters');
    });
  });

  describe(`[${dialect}] the API describes itself`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(dialect);
    });
    afterAll(() => h.close());

    it('reports health and the database in use', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
    });

    it('publishes an OpenAPI 3.1 document covering every route, generated from the zod schemas', async () => {
      const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      for (const r of h.app.pharosRoutes.filter((x) => x.url.startsWith('/api/v1'))) {
        const p = r.url.replace(/:(\w+)/g, '{$1}');
        expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${p}`).toBeDefined();
      }
      const patch = doc.paths['/api/v1/projects/{id}'].patch.requestBody.content['application/json'].schema;
      expect(patch.properties.plannedStart).toBeDefined();
      expect(patch.additionalProperties).toBe(false);
    });

    it('serves interactive docs at /api/docs', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/swagger/i);
    });

    it('answers unknown API routes with a problem document', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });
}
