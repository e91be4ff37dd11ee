import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { ROLES, type Role } from '../../src/domain/policy/index.js';
import { systemActor } from '../../src/services/context.js';
import { DEMO_PASSWORD, demoEmail, seedDemo } from '../../src/services/demo-seed.js';
import type { Store } from '../../src/store/database.js';
import { DIALECTS, freshStore } from '../support/database.js';

type TreeBody = { portfolios: { code: string; projects: { id: string }[] }[] };

/**
 * Signs in as every demo user and checks each sees exactly the projects its grants cover,
 * worked out here from the membership rows rather than through the policy code.
 */
for (const dialect of DIALECTS) {
  describe(`[${dialect}] each demo role sees only what it may`, () => {
    let store: Store & { drop(): Promise<void> };
    let app: Awaited<ReturnType<typeof buildApp>>;
    let organisationId: string;

    beforeAll(async () => {
      store = await freshStore(dialect);
      const ctx = { db: store.db, dialect: store.dialect, actor: systemActor('demo seed'), clock: () => new Date('2026-10-01T08:00:00Z') };
      organisationId = (await seedDemo(ctx)).organisationId;
      app = await buildApp({ store });
    }, 120_000);
    afterAll(async () => {
      await app.close();
      await store.drop();
    });

    async function expectedProjects(email: string): Promise<Set<string>> {
      const user = await store.db.selectFrom('userAccount').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const grants = await store.db.selectFrom('membership').selectAll().where('userId', '=', user.id).execute();
      const projects = await store.db.selectFrom('project').select(['id', 'portfolioId', 'programmeId']).execute();
      const programmes = await store.db.selectFrom('programme').select(['id', 'parentId']).execute();
      const under = (programmeId: string | null, root: string): boolean => {
        for (let p = programmeId; p; p = programmes.find((g) => g.id === p)?.parentId ?? null) if (p === root) return true;
        return false;
      };
      const out = new Set<string>();
      for (const g of grants) {
        for (const p of projects) {
          if (
            g.scopeType === 'organisation' ||
            (g.scopeType === 'portfolio' && p.portfolioId === g.scopeId) ||
            (g.scopeType === 'programme' && under(p.programmeId, g.scopeId)) ||
            (g.scopeType === 'project' && p.id === g.scopeId)
          ) out.add(p.id);
        }
      }
      return out;
    }

    for (const role of ROLES) {
      it(`${role}: the tree and the project list hold exactly the projects of its scopes`, async () => {
        const email = demoEmail(role as Role);
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
        expect(login.statusCode, login.body).toBe(200);
        const cookie = login.cookies.find((c) => c.name === 'pharos_session')!.value;
        const get = (url: string) => app.inject({ method: 'GET', url, cookies: { pharos_session: cookie } });
        const tree = (await get(`/api/v1/organisations/${organisationId}/tree`)).json() as TreeBody;
        const inTree = new Set(tree.portfolios.flatMap((p) => p.projects.map((j) => j.id)));
        const expected = await expectedProjects(email);
        expect(expected.size).toBeGreaterThan(0);
        expect([...inTree].sort()).toEqual([...expected].sort());
        const listed = (await get('/api/v1/projects?limit=500')).json().items.map((p: { id: string }) => p.id);
        expect([...listed].sort()).toEqual([...expected].sort());
        const all = await store.db.selectFrom('project').select('id').execute();
        const hidden = all.find((p) => !expected.has(p.id));
        if (hidden) expect((await get(`/api/v1/projects/${hidden.id}`)).statusCode).toBe(404);
      });
    }

    it('the demo has unaligned projects, and none beyond proposal where the mode forbids it', async () => {
      const rows = await store.db
        .selectFrom('project')
        .innerJoin('portfolio', 'portfolio.id', 'project.portfolioId')
        .innerJoin('organisation', 'organisation.id', 'project.organisationId')
        .select(['project.id', 'project.stage', 'portfolio.pmoMode as own', 'organisation.pmoMode as org'])
        .where((eb) => eb.not(eb.exists(eb.selectFrom('contribution').select('contribution.id').whereRef('contribution.projectId', '=', 'project.id'))))
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const r of rows) if (r.stage !== 'proposal') expect(r.own ?? r.org).toBe('supportive');
    });
  });
}
