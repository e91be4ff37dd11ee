import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';
import { snapshot } from '../support/snapshot.js';

/**
 * The bad inputs the API must survive. Each answers a problem+json naming the field and the
 * reason, never a 500, and leaves every stored row exactly as it was.
 */
for (const dialect of DIALECTS) {
  describe(`[${dialect}] bad input`, () => {
    let h: Harness;
    let admin: Client;
    let viewer: Client;
    let portfolioId: string;
    let otherPortfolioId: string;
    let programmeId: string;
    let projectId: string;
    let before: string;

    beforeAll(async () => {
      h = await startHarness(dialect);
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      viewer = await h.userWith([{ role: 'viewer' }], 'Vic Viewer');
      portfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'OPS', name: 'Operations' })).json().id;
      otherPortfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'FIN', name: 'Finance' })).json().id;
      programmeId = (await admin.post('/api/v1/programmes', { portfolioId, code: 'GRID', name: 'Grid' })).json().id;
      projectId = (await admin.post('/api/v1/projects', { programmeId, code: 'GRID-1', name: 'Substations', plannedStart: '2027-03-01', plannedFinish: '2027-09-30' })).json().id;
    });
    afterAll(() => h.close());
    beforeEach(async () => {
      before = await snapshot(h.store);
    });

    /** The response is a problem document with this status and code, and nothing was stored. */
    async function expectRefused(res: LightMyRequestResponse, status: number, code: string, field?: string): Promise<Record<string, unknown>> {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json() as { code: string; detail: string; issues?: { field: string; reason: string }[] };
      expect(body.code).toBe(code);
      expect(body.detail.length).toBeGreaterThan(5);
      if (field) expect(body.issues?.map((i) => i.field), body.detail).toContain(field);
      expect(await snapshot(h.store)).toBe(before);
      return body;
    }

    it('malformed JSON gets 400 saying the body is not JSON', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/portfolios', cookies: { pharos_session: (admin as unknown as { cookie: string }).cookie }, headers: { 'content-type': 'application/json', 'x-csrf-token': (admin as unknown as { csrf: string }).csrf }, payload: '{"code": "X", "name": ' });
      const body = await expectRefused(res, 400, 'malformed-request');
      expect(body.detail).toMatch(/not valid JSON/);
    });

    it('a wrong type names the field and the type wanted', async () => {
      const body = await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'X-1', name: 42 }), 422, 'validation-failed', 'name');
      expect(body.detail).toContain('name: must be a string');
    });

    it('a missing required field is named as required', async () => {
      const body = await expectRefused(await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, name: 'No code' }), 422, 'validation-failed', 'code');
      expect(body.detail).toContain('code: is required');
    });

    it('an unknown field is rejected by name', async () => {
      const body = await expectRefused(await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NEW', name: 'New', colour: 'red' }), 422, 'validation-failed', 'colour');
      expect(body.detail).toContain('colour: is not a known field');
    });

    it('a string over its limit names the limit', async () => {
      const body = await expectRefused(await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'LONG', name: 'x'.repeat(201) }), 422, 'validation-failed', 'name');
      expect(body.detail).toContain('at most 200 characters');
      await expectRefused(await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'C'.repeat(33), name: 'ok' }), 422, 'validation-failed', 'code');
    });

    it('a budget that is too large or fractional says which', async () => {
      const big = await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'B-1', name: 'Budget', budget: 1e19 }), 422, 'validation-failed', 'budget');
      expect(big.detail).toBe('budget: must be at most 90 trillion in major units');
      const frac = await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'B-1', name: 'Budget', budget: 10.5 }), 422, 'validation-failed', 'budget');
      expect(frac.detail).toContain('whole number of minor units');
    });

    it('unicode and emoji names are kept exactly', async () => {
      const name = 'Ünïcødé 🚀 项目 — «Zürich» Ωmega 👩🏽‍💻';
      const res = await admin.post('/api/v1/projects', { programmeId, code: 'UNI-1', name, description: 'naïve café ☕' });
      expect(res.statusCode, res.body).toBe(201);
      const read = (await admin.get(`/api/v1/projects/${res.json().id}`)).json();
      expect(read.name).toBe(name);
      expect(read.description).toBe('naïve café ☕');
      const found = (await admin.get(`/api/v1/projects?programmeId=${programmeId}&q=${encodeURIComponent('项目')}`)).json();
      expect(found.items.map((p: { name: string }) => p.name)).toContain(name);
    });

    it('SQL metacharacters are stored verbatim and searched literally', async () => {
      const name = `Robert'); DROP TABLE project;-- 100% _done_ \\ "quoted"`;
      const res = await admin.post('/api/v1/projects', { programmeId, code: 'SQL-1', name });
      expect(res.statusCode, res.body).toBe(201);
      expect((await admin.get(`/api/v1/projects/${res.json().id}`)).json().name).toBe(name);
      const pct = (await admin.get(`/api/v1/projects?programmeId=${programmeId}&q=${encodeURIComponent('100%')}`)).json();
      expect(pct.items.map((p: { code: string }) => p.code)).toEqual(['SQL-1']);
      const underscore = (await admin.get(`/api/v1/projects?programmeId=${programmeId}&q=_done_`)).json();
      expect(underscore.items.map((p: { code: string }) => p.code)).toEqual(['SQL-1']);
      expect((await admin.get('/api/v1/projects?q=%27%3B')).statusCode).toBe(200);
    });

    it('HTML in a name is stored as text, not interpreted', async () => {
      const name = '<img src=x onerror=alert(1)><script>alert(2)</script>';
      const res = await admin.post('/api/v1/projects', { programmeId, code: 'HTML-1', name });
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect((await admin.get(`/api/v1/projects/${res.json().id}`)).json().name).toBe(name);
    });

    it('an impossible date is refused with the reason', async () => {
      const body = await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'D-1', name: 'Dates', plannedStart: '2026-02-30' }), 422, 'validation-failed', 'plannedStart');
      expect(body.detail).toContain('February 2026 has 28 days');
      await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'D-2', name: 'Dates', plannedFinish: '2026-13-01' }), 422, 'validation-failed', 'plannedFinish');
    });

    it('a finish before the start is refused, on create and against the stored start on update', async () => {
      await expectRefused(await admin.post('/api/v1/projects', { programmeId, code: 'D-3', name: 'Dates', plannedStart: '2027-05-01', plannedFinish: '2027-04-30' }), 422, 'validation-failed', 'plannedFinish');
      const current = (await admin.get(`/api/v1/projects/${projectId}`)).json();
      const body = await expectRefused(await admin.patch(`/api/v1/projects/${projectId}`, { version: current.version, plannedFinish: '2027-02-01' }), 422, 'validation-failed', 'plannedFinish');
      expect(body.detail).toContain('2027-03-01');
    });

    it('a cycle in the objective tree is refused naming the loop', async () => {
      const a = (await admin.post('/api/v1/objectives', { organisationId: h.organisationId, code: 'OBJ-A', name: 'Grow' })).json();
      const b = (await admin.post('/api/v1/objectives', { organisationId: h.organisationId, code: 'OBJ-B', name: 'Grow online', parentId: a.id })).json();
      const c = (await admin.post('/api/v1/objectives', { organisationId: h.organisationId, code: 'OBJ-C', name: 'Grow app', parentId: b.id })).json();
      before = await snapshot(h.store);
      const body = await expectRefused(await admin.patch(`/api/v1/objectives/${a.id}`, { version: a.version, parentId: c.id }), 409, 'cycle', 'parentId');
      expect(body.detail).toContain('OBJ-A → OBJ-B → OBJ-C → OBJ-A');
      await expectRefused(await admin.patch(`/api/v1/objectives/${a.id}`, { version: a.version, parentId: a.id }), 409, 'cycle', 'parentId');
    });

    it('a programme moved under itself or its sub-programme is refused', async () => {
      const child = (await admin.post('/api/v1/programmes', { portfolioId, code: 'GRID-T1', name: 'Tranche 1', parentId: programmeId })).json();
      before = await snapshot(h.store);
      const p = (await admin.get(`/api/v1/programmes/${programmeId}`)).json();
      await expectRefused(await admin.patch(`/api/v1/programmes/${programmeId}`, { version: p.version, parentId: programmeId }), 409, 'cycle', 'parentId');
      const body = await expectRefused(await admin.patch(`/api/v1/programmes/${programmeId}`, { version: p.version, parentId: child.id }), 409, 'cycle', 'parentId');
      expect(body.detail).toContain('GRID → GRID-T1 → GRID');
    });

    it('deleting a portfolio that still has programmes is refused naming what blocks it', async () => {
      const pf = (await admin.get(`/api/v1/portfolios/${portfolioId}`)).json();
      const body = await expectRefused(await admin.delete(`/api/v1/portfolios/${portfolioId}?version=${pf.version}`), 409, 'blocked-by-dependents');
      expect(body.detail).toMatch(/programmes? \(GRID/);
      expect(body.blockedBy).toMatchObject({ programmes: expect.arrayContaining(['GRID']) });
    });

    it('a stale version is refused with the current record', async () => {
      const p = (await admin.get(`/api/v1/projects/${projectId}`)).json();
      expect((await admin.patch(`/api/v1/projects/${projectId}`, { version: p.version, description: 'first edit' })).statusCode).toBe(200);
      before = await snapshot(h.store);
      const body = await expectRefused(await admin.patch(`/api/v1/projects/${projectId}`, { version: p.version, description: 'second edit, based on old data' }), 409, 'version-conflict');
      expect(body.currentVersion).toBe(p.version + 1);
      expect((body.current as { description: string }).description).toBe('first edit');
    });

    it('no session gets 401', async () => {
      await expectRefused(await h.app.inject({ method: 'GET', url: '/api/v1/projects' }), 401, 'unauthenticated');
      await expectRefused(await h.app.inject({ method: 'POST', url: '/api/v1/portfolios', payload: { organisationId: h.organisationId, code: 'Z', name: 'Z' } }), 401, 'unauthenticated');
      await expectRefused(await h.app.inject({ method: 'GET', url: '/api/v1/projects', cookies: { pharos_session: 'forged' } }), 401, 'unauthenticated');
      await expectRefused(await h.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: 'Bearer pht_forged' } }), 401, 'unauthenticated');
    });

    it('a forbidden action gets 403, and a record outside one\'s scopes 404', async () => {
      const p = (await admin.get(`/api/v1/projects/${projectId}`)).json();
      await expectRefused(await viewer.patch(`/api/v1/projects/${projectId}`, { version: p.version, name: 'Renamed by a viewer' }), 403, 'forbidden');
      const scoped = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: projectId }]);
      before = await snapshot(h.store);
      const other = (await admin.post('/api/v1/projects', { portfolioId: otherPortfolioId, code: 'FIN-1', name: 'Ledger' })).json();
      before = await snapshot(h.store);
      await expectRefused(await scoped.get(`/api/v1/projects/${other.id}`), 404, 'not-found');
      await expectRefused(await scoped.patch(`/api/v1/projects/${other.id}`, { version: 1, name: 'x' }), 404, 'not-found');
      await expectRefused(await scoped.get(`/api/v1/portfolios/${otherPortfolioId}`), 404, 'not-found');
      const list = (await scoped.get('/api/v1/projects')).json();
      expect(list.items.map((x: { code: string }) => x.code)).toEqual(['GRID-1']);
    });

    it('changes without the CSRF token are refused for cookie sessions', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/portfolios', cookies: { pharos_session: (admin as unknown as { cookie: string }).cookie }, payload: { organisationId: h.organisationId, code: 'CSRF', name: 'No token' } });
      await expectRefused(res, 403, 'csrf-failed');
    });

    it('an oversized body gets 413', async () => {
      const res = await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'BIG', name: 'Big', description: 'x'.repeat(2 * 1024 * 1024) });
      await expectRefused(res, 413, 'payload-too-large');
    });

    it('a body that is not JSON gets 415', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/portfolios', cookies: { pharos_session: (admin as unknown as { cookie: string }).cookie }, headers: { 'content-type': 'text/plain', 'x-csrf-token': (admin as unknown as { csrf: string }).csrf }, payload: 'code=X' });
      await expectRefused(res, 415, 'unsupported-media-type');
    });

    it('a bad id, sort or cursor in the query string names the parameter', async () => {
      await expectRefused(await admin.get('/api/v1/projects/not-a-uuid'), 422, 'validation-failed', 'id');
      await expectRefused(await admin.get('/api/v1/projects?sort=budget;drop'), 422, 'validation-failed', 'sort');
      await expectRefused(await admin.get('/api/v1/projects?limit=100000'), 422, 'validation-failed', 'limit');
      await expectRefused(await admin.get('/api/v1/projects?cursor=garbage'), 422, 'validation-failed', 'cursor');
    });

    it('an unaligned project cannot leave proposal in controlling mode, and can in supportive', async () => {
      const p = (await admin.get(`/api/v1/projects/${projectId}`)).json();
      expect(p.aligned).toBe(false);
      const body = await expectRefused(await admin.patch(`/api/v1/projects/${projectId}`, { version: p.version, stage: 'initiation' }), 409, 'unaligned-project', 'stage');
      expect(body.detail).toContain('controlling mode');
      const pf = (await admin.get(`/api/v1/portfolios/${portfolioId}`)).json();
      expect((await admin.patch(`/api/v1/portfolios/${portfolioId}`, { version: pf.version, pmoMode: 'supportive' })).json().effectivePmoMode).toBe('supportive');
      expect((await admin.patch(`/api/v1/projects/${projectId}`, { version: p.version, stage: 'initiation' })).statusCode).toBe(200);
    });

    it('a burst of failed sign-ins gets 429 with Retry-After, even with the right password', async () => {
      await h.userWith([{ role: 'viewer' }], 'Target');
      const email = `user${/user(\d+)@/.exec((await h.store.db.selectFrom('userAccount').select('email').where('name', '=', 'Target').executeTakeFirstOrThrow()).email)![1]}@example.test`;
      for (let i = 0; i < 5; i++) {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong password!' } });
        expect(res.statusCode).toBe(401);
        expect(res.json().detail).toBe('email or password is wrong');
      }
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'correct horse battery' } });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('900');
      expect(res.json().code).toBe('rate-limited');
    });
  });
}
