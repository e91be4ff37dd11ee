import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserId } from '../../src/domain/ids.js';
import type { Action, Role, ScopePath } from '../../src/domain/policy/index.js';
import { ROLES, can, canSee } from '../../src/domain/policy/index.js';
import { createApiToken } from '../../src/services/sessions.js';
import { createUser, grantRole } from '../../src/services/users.js';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Walks the whole matrix through HTTP: for every role held at organisation, portfolio,
 * programme and project scope, every route is called on a record inside and outside the scope.
 * Expected: 404 when the record is invisible, 403 when visible but not allowed, success otherwise.
 * The policy itself is pinned by src/domain/policy/can.test.ts; this proves each route enforces it.
 */

type Ids = Record<'org' | 'p1' | 'p2' | 'g1' | 'j1' | 'j2' | 'o1', string>;
type Probe = {
  name: string;
  action: Action;
  /** Path of the record the policy is checked against. */
  target(ids: Ids, made: Record<string, string>): ScopePath;
  /** Makes whatever the request needs (as administrator) and returns the request. */
  request(h: Harness, ids: Ids, admin: Caller, n: number): Promise<{ method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; made?: Record<string, string> }>;
};
type Caller = (method: string, url: string, body?: unknown) => Promise<LightMyRequestResponse>;

const path = {
  org: (i: Ids): ScopePath => [{ type: 'organisation', id: i.org }],
  p1: (i: Ids): ScopePath => [...path.org(i), { type: 'portfolio', id: i.p1 }],
  p2: (i: Ids): ScopePath => [...path.org(i), { type: 'portfolio', id: i.p2 }],
  g1: (i: Ids): ScopePath => [...path.p1(i), { type: 'programme', id: i.g1 }],
  j1: (i: Ids): ScopePath => [...path.g1(i), { type: 'project', id: i.j1 }],
  j2: (i: Ids): ScopePath => [...path.p2(i), { type: 'project', id: i.j2 }],
};

const version = async (admin: Caller, url: string): Promise<number> => (await admin('GET', url)).json().version;

const probes: Probe[] = [
  { name: 'read portfolio P1', action: 'read', target: path.p1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/portfolios/${i.p1}` }) },
  { name: 'read portfolio P2 summary', action: 'read', target: path.p2, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/portfolios/${i.p2}/summary` }) },
  { name: 'read programme G1', action: 'read', target: path.g1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/programmes/${i.g1}` }) },
  { name: 'read project J1', action: 'read', target: path.j1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/projects/${i.j1}` }) },
  { name: 'read project J2', action: 'read', target: path.j2, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/projects/${i.j2}` }) },
  { name: 'read J1 contributions', action: 'read', target: path.j1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/projects/${i.j1}/contributions` }) },
  { name: 'read the organisation', action: 'read', target: path.org, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/organisations/${i.org}` }) },
  { name: 'read J1 audit', action: 'audit:read', target: path.j1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/audit?recordId=${i.j1}` }) },
  { name: "read the organisation's audit", action: 'audit:read', target: path.org, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/audit?organisationId=${i.org}` }) },
  { name: 'update organisation settings', action: 'organisation:update', target: path.org, request: async (_h, i, a) => ({ method: 'PATCH', url: `/api/v1/organisations/${i.org}`, body: { version: await version(a, `/api/v1/organisations/${i.org}`), currency: 'GBP' } }) },
  { name: 'grant a role', action: 'member:manage', target: path.org, request: async (h, i, _a, n) => {
    const u = await createUser(h.system, null, { email: `grantee${n}@example.test`, name: `Grantee ${n}`, password: null });
    return { method: 'POST', url: '/api/v1/memberships', body: { userId: u.id, role: 'viewer', scopeType: 'portfolio', scopeId: i.p1 } };
  } },
  { name: 'create a user', action: 'user:manage', target: path.org, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/users', body: { organisationId: i.org, email: `new${n}@example.test`, name: `New ${n}`, password: 'long enough password', role: 'viewer' } }) },
  { name: 'create a portfolio', action: 'portfolio:create', target: path.org, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/portfolios', body: { organisationId: i.org, code: `PF${n}`, name: `Portfolio ${n}` } }) },
  { name: 'update portfolio P1', action: 'portfolio:update', target: path.p1, request: async (_h, i, a, n) => ({ method: 'PATCH', url: `/api/v1/portfolios/${i.p1}`, body: { version: await version(a, `/api/v1/portfolios/${i.p1}`), description: `d${n}` } }) },
  { name: 'delete an empty portfolio', action: 'portfolio:delete', target: (i, m) => [...path.org(i), { type: 'portfolio', id: m.id as string }], request: async (_h, i, a, n) => {
    const pf = (await a('POST', '/api/v1/portfolios', { organisationId: i.org, code: `DEL${n}`, name: `To delete ${n}` })).json();
    return { method: 'DELETE', url: `/api/v1/portfolios/${pf.id}?version=1`, made: { id: pf.id } };
  } },
  { name: 'create a programme in P1', action: 'programme:create', target: path.p1, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/programmes', body: { portfolioId: i.p1, code: `G${n}`, name: `Programme ${n}` } }) },
  { name: 'update programme G1', action: 'programme:update', target: path.g1, request: async (_h, i, a, n) => ({ method: 'PATCH', url: `/api/v1/programmes/${i.g1}`, body: { version: await version(a, `/api/v1/programmes/${i.g1}`), description: `d${n}` } }) },
  { name: 'delete an empty programme in P1', action: 'programme:delete', target: (i, m) => [...path.p1(i), { type: 'programme', id: m.id as string }], request: async (_h, i, a, n) => {
    const g = (await a('POST', '/api/v1/programmes', { portfolioId: i.p1, code: `GD${n}`, name: `To delete ${n}` })).json();
    return { method: 'DELETE', url: `/api/v1/programmes/${g.id}?version=1`, made: { id: g.id } };
  } },
  { name: 'create a project in G1', action: 'project:create', target: path.g1, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/projects', body: { programmeId: i.g1, code: `J${n}`, name: `Project ${n}` } }) },
  { name: 'create a project in P2', action: 'project:create', target: path.p2, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/projects', body: { portfolioId: i.p2, code: `K${n}`, name: `Project ${n}` } }) },
  { name: 'update project J1', action: 'project:update', target: path.j1, request: async (_h, i, a, n) => ({ method: 'PATCH', url: `/api/v1/projects/${i.j1}`, body: { version: await version(a, `/api/v1/projects/${i.j1}`), description: `d${n}` } }) },
  { name: 'update project J2', action: 'project:update', target: path.j2, request: async (_h, i, a, n) => ({ method: 'PATCH', url: `/api/v1/projects/${i.j2}`, body: { version: await version(a, `/api/v1/projects/${i.j2}`), description: `d${n}` } }) },
  { name: 'change the stage of J1', action: 'project:change-stage', target: path.j1, request: async (_h, i, a) => {
    const p = (await a('GET', `/api/v1/projects/${i.j1}`)).json();
    return { method: 'PATCH', url: `/api/v1/projects/${i.j1}`, body: { version: p.version, stage: p.stage === 'planning' ? 'delivery' : 'planning' } };
  } },
  { name: 'delete a project in G1', action: 'project:delete', target: (i, m) => [...path.g1(i), { type: 'project', id: m.id as string }], request: async (_h, i, a, n) => {
    const p = (await a('POST', '/api/v1/projects', { programmeId: i.g1, code: `JD${n}`, name: `To delete ${n}` })).json();
    return { method: 'DELETE', url: `/api/v1/projects/${p.id}?version=1`, made: { id: p.id } };
  } },
  { name: 'create an objective', action: 'objective:manage', target: path.org, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/objectives', body: { organisationId: i.org, code: `O${n}`, name: `Objective ${n}` } }) },
  { name: 'add a contribution to J1', action: 'contribution:manage', target: path.j1, request: async (_h, i, a, n) => {
    const o = (await a('POST', '/api/v1/objectives', { organisationId: i.org, code: `OC${n}`, name: `Objective ${n}` })).json();
    return { method: 'POST', url: `/api/v1/projects/${i.j1}/contributions`, body: { objectiveId: o.id, weight: 50 } };
  } },
  { name: 'read the risks of G1', action: 'read', target: path.g1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/risks?scopeType=programme&scopeId=${i.g1}` }) },
  { name: 'raise a risk in J1', action: 'raid:raise', target: path.j1, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/risks', body: { scopeType: 'project', scopeId: i.j1, title: `Risk ${n}`, probability: 2, impact: 3 } }) },
  { name: 'raise an issue in J2', action: 'raid:raise', target: path.j2, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/issues', body: { scopeType: 'project', scopeId: i.j2, title: `Issue ${n}`, severity: 2 } }) },
  { name: 'rate a risk of J1', action: 'raid:manage', target: path.j1, request: async (_h, i, a, n) => {
    const r = (await a('POST', '/api/v1/risks', { scopeType: 'project', scopeId: i.j1, title: `To rate ${n}`, probability: 2, impact: 2 })).json();
    return { method: 'PATCH', url: `/api/v1/risks/${r.id}`, body: { version: r.version, impact: 3 } };
  } },
  { name: 'set the risk matrix', action: 'risk-matrix:manage', target: path.org, request: async (_h, i, a) => {
    const { organisationId: _o, ...m } = (await a('GET', `/api/v1/organisations/${i.org}/risk-matrix`)).json();
    return { method: 'PUT', url: `/api/v1/organisations/${i.org}/risk-matrix`, body: m };
  } },
  { name: 'raise a change request in J1', action: 'change:raise', target: path.j1, request: async (_h, i, _a, n) => ({ method: 'POST', url: '/api/v1/change-requests', body: { projectId: i.j1, title: `Change ${n}` } }) },
  { name: 'assess a change request of J1', action: 'change:manage', target: path.j1, request: async (_h, i, a, n) => {
    const c = (await a('POST', '/api/v1/change-requests', { projectId: i.j1, title: `To assess ${n}`, description: 'd', reason: 'r', scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'none' })).json();
    const s = (await a('POST', `/api/v1/change-requests/${c.id}/steps`, { step: 'submit', version: c.version })).json();
    return { method: 'POST', url: `/api/v1/change-requests/${c.id}/steps`, body: { step: 'assess', version: s.version } };
  } },
  { name: 'approve a small change of J1', action: 'change:approve', target: path.j1, request: async (_h, i, a, n) => {
    const c = (await a('POST', '/api/v1/change-requests', { projectId: i.j1, title: `To approve ${n}`, description: 'd', reason: 'r', scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'none' })).json();
    const s = (await a('POST', `/api/v1/change-requests/${c.id}/steps`, { step: 'submit', version: c.version })).json();
    const t = (await a('POST', `/api/v1/change-requests/${c.id}/steps`, { step: 'assess', version: s.version })).json();
    return { method: 'POST', url: `/api/v1/change-requests/${c.id}/steps`, body: { step: 'approve', version: t.version, baselineNumber: 10 } };
  } },
  { name: 'simulate the plan of J1', action: 'raid:manage', target: path.j1, request: async (_h, i, a, n) => {
    await a('POST', `/api/v1/projects/${i.j1}/schedule/tasks`, { name: `Task ${n}`, durationMinutes: 480 });
    return { method: 'POST', url: `/api/v1/projects/${i.j1}/simulations`, body: { iterations: 100, seed: n } };
  } },
  { name: 'read the contingency of G1', action: 'read', target: path.g1, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/programmes/${i.g1}/contingency` }) },
  { name: 'define a scoring model in P1', action: 'scoring:manage', target: path.p1, request: async (_h, i, _a, n) => ({ method: 'POST', url: `/api/v1/portfolios/${i.p1}/scoring-models`, body: { name: `Model ${n}`, criteria: [{ id: 'npv', name: 'NPV', min: 0, max: 10 }] } }) },
  { name: 'read a scoring model ranking of P1', action: 'read', target: path.p1, request: async (_h, i, a, n) => {
    const m = (await a('POST', `/api/v1/portfolios/${i.p1}/scoring-models`, { name: `Read ${n}`, criteria: [{ id: 'npv', name: 'NPV', min: 0, max: 10 }] })).json();
    return { method: 'GET', url: `/api/v1/scoring-models/${m.id}/ranking` };
  } },
  { name: 'score J1', action: 'scoring:score', target: path.j1, request: async (_h, i, a, n) => {
    const m = (await a('POST', `/api/v1/portfolios/${i.p1}/scoring-models`, { name: `Score ${n}`, criteria: [{ id: 'npv', name: 'NPV', min: 0, max: 10 }] })).json();
    return { method: 'PUT', url: `/api/v1/scoring-models/${m.id}/scores/${i.j1}`, body: { version: 0, values: { npv: 5 } } };
  } },
  { name: 'add a role', action: 'capacity:manage', target: path.org, request: async (_h, i, _a, n) => ({ method: 'POST', url: `/api/v1/organisations/${i.org}/roles`, body: { code: `R${n}`, name: `Role ${n}` } }) },
  { name: 'read demand against capacity', action: 'read', target: path.org, request: async (_h, i) => ({ method: 'GET', url: `/api/v1/organisations/${i.org}/capacity?from=2027-01&to=2027-03` }) },
  { name: 'estimate the demand of J1', action: 'project:update', target: path.j1, request: async (_h, i, a, n) => {
    const role = (await a('POST', `/api/v1/organisations/${i.org}/roles`, { code: `D${n}`, name: `Demand ${n}` })).json();
    return { method: 'PUT', url: `/api/v1/projects/${i.j1}/demand/${role.id}`, body: { version: 0, hours: { '2027-01': 10 } } };
  } },
  { name: 'create a scenario of P1', action: 'scenario:manage', target: path.p1, request: async (_h, i, a, n) => {
    const m = (await a('POST', `/api/v1/portfolios/${i.p1}/scoring-models`, { name: `Scenario model ${n}`, criteria: [{ id: 'v', name: 'V', min: 0, max: 10 }] })).json();
    return { method: 'POST', url: `/api/v1/portfolios/${i.p1}/scenarios`, body: { name: `S${n}`, settings: { modelId: m.id, startMonth: '2027-01', months: 3, budget: { kind: 'total', amount: 1000 } } } };
  } },
  { name: 'publish a scenario of P1', action: 'scenario:publish', target: path.p1, request: async (_h, i, a, n) => {
    const m = (await a('POST', `/api/v1/portfolios/${i.p1}/scoring-models`, { name: `Publish model ${n}`, criteria: [{ id: 'v', name: 'V', min: 0, max: 10 }] })).json();
    const s = (await a('POST', `/api/v1/portfolios/${i.p1}/scenarios`, { name: `P${n}`, settings: { modelId: m.id, startMonth: '2027-01', months: 3, budget: { kind: 'total', amount: 1000 } } })).json();
    const run = (await a('POST', `/api/v1/scenarios/${s.id}/run`, { version: s.version })).json();
    return { method: 'POST', url: `/api/v1/scenarios/${s.id}/publish`, body: { version: run.version } };
  } },
  { name: 'set the change policy', action: 'change-policy:manage', target: path.org, request: async (_h, i, a) => {
    const { organisationId: _o, ...p } = (await a('GET', `/api/v1/organisations/${i.org}/change-policy`)).json();
    return { method: 'PUT', url: `/api/v1/organisations/${i.org}/change-policy`, body: p };
  } },
];

for (const dialect of DIALECTS) {
  describe(`[${dialect}] every route enforces the policy for every role at every scope`, () => {
    let h: Harness;
    let ids: Ids;
    let admin: Caller;
    const callerFor = (token: string): Caller => async (method, url, body) =>
      h.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

    beforeAll(async () => {
      h = await startHarness(dialect);
      const a = await createUser(h.system, null, { email: 'matrix-admin@example.test', name: 'Matrix Admin', password: null });
      await grantRole(h.system, { userId: a.id, role: 'administrator', scopeType: 'organisation', scopeId: h.organisationId });
      admin = callerFor((await createApiToken(h.store.db, h.system.clock, a.id as UserId, 'matrix', 1)).token);
      const org = h.organisationId;
      const p1 = (await admin('POST', '/api/v1/portfolios', { organisationId: org, code: 'P1', name: 'Portfolio One' })).json().id;
      const p2 = (await admin('POST', '/api/v1/portfolios', { organisationId: org, code: 'P2', name: 'Portfolio Two' })).json().id;
      const g1 = (await admin('POST', '/api/v1/programmes', { portfolioId: p1, code: 'G1', name: 'Programme One' })).json().id;
      const o1 = (await admin('POST', '/api/v1/objectives', { organisationId: org, code: 'O1', name: 'Objective One' })).json().id;
      const j1 = (await admin('POST', '/api/v1/projects', { programmeId: g1, code: 'J1', name: 'Project One' })).json().id;
      const j2 = (await admin('POST', '/api/v1/projects', { portfolioId: p2, code: 'J2', name: 'Project Two' })).json().id;
      await admin('POST', `/api/v1/projects/${j1}/contributions`, { objectiveId: o1 });
      const v = (await admin('GET', `/api/v1/projects/${j1}`)).json().version;
      expect((await admin('PATCH', `/api/v1/projects/${j1}`, { version: v, stage: 'planning' })).statusCode).toBe(200);
      ids = { org, p1, p2, g1, j1, j2, o1 };
    });
    afterAll(() => h.close());

    it('declares an access action on every API route', () => {
      const missing = h.app.pharosRoutes.filter((r) => r.url.startsWith('/api/v1') && !r.access).map((r) => `${r.method} ${r.url}`);
      expect(missing).toEqual([]);
    });

    const scopes = ['organisation', 'portfolio', 'programme', 'project'] as const;
    for (const role of ROLES) {
      it(`${role}: answers 404 outside its scopes, 403 for actions it lacks, success otherwise`, async () => {
        let n = 0;
        const failures: string[] = [];
        for (const scopeType of scopes) {
          const scopeId = { organisation: ids.org, portfolio: ids.p1, programme: ids.g1, project: ids.j1 }[scopeType];
          const scopePath = { organisation: path.org(ids), portfolio: path.p1(ids), programme: path.g1(ids), project: path.j1(ids) }[scopeType];
          const user = await createUser(h.system, null, { email: `${role}-${scopeType}@example.test`, name: `${role} at ${scopeType}`, password: null });
          await grantRole(h.system, { userId: user.id, role: role as Role, scopeType, scopeId });
          const call = callerFor((await createApiToken(h.store.db, h.system.clock, user.id as UserId, 'matrix', 1)).token);
          const grants = [{ role: role as Role, scope: scopePath }];
          for (const probe of probes) {
            n++;
            const req = await probe.request(h, ids, admin, n + ROLES.indexOf(role) * 1000);
            const target = probe.target(ids, req.made ?? {});
            const expected = !canSee(grants, target) ? 404 : probe.action === 'read' || can(grants, probe.action, target) ? 'ok' : 403;
            const res = await call(req.method, req.url, req.body);
            const got = res.statusCode >= 200 && res.statusCode < 300 ? 'ok' : res.statusCode;
            if (got !== expected) failures.push(`${scopeType} scope, ${probe.name}: expected ${expected}, got ${res.statusCode} ${JSON.stringify(res.json()).slice(0, 200)}`);
          }
        }
        expect(failures).toEqual([]);
      });
    }
  });
}
