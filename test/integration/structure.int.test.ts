import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type TreeBody = { portfolios: { code: string; programmes: { code: string; parentId: string | null }[]; projects: { code: string; aligned: boolean; programmeId: string | null }[] }[] };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] the P3 hierarchy and strategy`, () => {
    let h: Harness;
    let admin: Client;
    const id: Record<string, string> = {};

    beforeAll(async () => {
      h = await startHarness(dialect);
      admin = await h.userWith([{ role: 'administrator' }]);
      const post = async (url: string, body: object) => {
        const res = await admin.post(url, body);
        if (res.statusCode !== 201) throw new Error(`${url}: ${res.body}`);
        return res.json().id as string;
      };
      id.net = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NET', name: 'Network' });
      id.cus = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'CUS', name: 'Customer' });
      id.grid = await post('/api/v1/programmes', { portfolioId: id.net, code: 'GRID', name: 'Grid modernisation' });
      id.t1 = await post('/api/v1/programmes', { portfolioId: id.net, code: 'GRID-T1', name: 'Tranche 1', parentId: id.grid });
      id.meter = await post('/api/v1/projects', { programmeId: id.t1, code: 'SM-1', name: 'Smart meters' });
      id.sub = await post('/api/v1/projects', { programmeId: id.grid, code: 'SUB-1', name: 'Substations' });
      id.loose = await post('/api/v1/projects', { portfolioId: id.net, code: 'NET-9', name: 'Straight in the portfolio' });
      id.app = await post('/api/v1/projects', { portfolioId: id.cus, code: 'APP-1', name: 'Customer app' });
      id.grow = await post('/api/v1/objectives', { organisationId: h.organisationId, code: 'S1', name: 'Reliable supply', weight: 60, measure: 'Minutes lost per customer', target: '< 30 by 2029' });
      id.grow2 = await post('/api/v1/objectives', { organisationId: h.organisationId, code: 'S1.1', name: 'Fewer outages', parentId: id.grow, weight: 100 });
      id.serve = await post('/api/v1/objectives', { organisationId: h.organisationId, code: 'S2', name: 'Delighted customers', weight: 40 });
      await post(`/api/v1/projects/${id.meter}/contributions`, { objectiveId: id.grow2, weight: 70 });
      await post(`/api/v1/projects/${id.meter}/contributions`, { objectiveId: id.serve, weight: 30 });
      await post(`/api/v1/projects/${id.app}/contributions`, { objectiveId: id.serve });
    });
    afterAll(() => h.close());

    it('gives an organisation-wide reader the whole tree with nested programmes and alignment flags', async () => {
      const tree = (await admin.get(`/api/v1/organisations/${h.organisationId}/tree`)).json() as TreeBody;
      expect(tree.portfolios.map((p) => p.code)).toEqual(['CUS', 'NET']);
      const net = tree.portfolios[1]!;
      expect(net.programmes.map((g) => g.code)).toEqual(['GRID', 'GRID-T1']);
      expect(net.programmes[1]!.parentId).toBe(id.grid);
      expect(net.projects.map((p) => [p.code, p.aligned])).toEqual([['NET-9', false], ['SM-1', true], ['SUB-1', false]]);
    });

    it('limits the tree to what a scoped person may see: their scope and its ancestors by name', async () => {
      const pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: id.meter }]);
      const tree = (await pm.get(`/api/v1/organisations/${h.organisationId}/tree`)).json() as TreeBody;
      expect(tree.portfolios.map((p) => p.code)).toEqual(['NET']);
      expect(tree.portfolios[0]!.programmes.map((g) => g.code)).toEqual(['GRID', 'GRID-T1']);
      expect(tree.portfolios[0]!.projects.map((p) => p.code)).toEqual(['SM-1']);
      const programmeManager = await h.userWith([{ role: 'programme-manager', scopeType: 'programme', scopeId: id.grid }]);
      const t2 = (await programmeManager.get(`/api/v1/organisations/${h.organisationId}/tree`)).json() as TreeBody;
      expect(t2.portfolios[0]!.projects.map((p) => p.code)).toEqual(['SM-1', 'SUB-1']);
      const list = (await programmeManager.get('/api/v1/projects?sort=code')).json();
      expect(list.items.map((p: { code: string }) => p.code)).toEqual(['SM-1', 'SUB-1']);
      expect((await programmeManager.get(`/api/v1/projects/${id.loose}`)).statusCode).toBe(404);
    });

    it('lists the portfolio\'s unaligned projects in its summary', async () => {
      const s = (await admin.get(`/api/v1/portfolios/${id.net}/summary`)).json();
      expect(s.unaligned.map((p: { code: string }) => p.code)).toEqual(['NET-9', 'SUB-1']);
      expect(s.programmeCount).toBe(2);
    });

    it('gives every visible portfolio\'s summary in one call, equal to asking one by one', async () => {
      const all = (await admin.get(`/api/v1/organisations/${h.organisationId}/portfolio-summaries`)).json().items;
      expect(all.map((s: { portfolioId: string }) => s.portfolioId).sort()).toEqual([id.net, id.cus].sort());
      for (const s of all) expect(s).toStrictEqual((await admin.get(`/api/v1/portfolios/${s.portfolioId}/summary`)).json());
      const pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: id.meter }]);
      const mine = (await pm.get(`/api/v1/organisations/${h.organisationId}/portfolio-summaries`)).json().items;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ portfolioId: id.net, projectCount: 1, unalignedCount: 0 });
    });

    it('shows the objective tree in order with the projects serving each objective', async () => {
      const s = (await admin.get(`/api/v1/organisations/${h.organisationId}/strategy`)).json();
      expect(s.objectives.map((o: { code: string; depth: number }) => [o.code, o.depth])).toEqual([['S1', 0], ['S1.1', 1], ['S2', 0]]);
      const serve = s.objectives.find((o: { code: string }) => o.code === 'S2');
      expect(serve.contributors.map((c: { code: string }) => c.code)).toEqual(['APP-1', 'SM-1']);
      expect(s.objectives[0]).toMatchObject({ measure: 'Minutes lost per customer', target: '< 30 by 2029', weight: 60 });
    });

    it('moves a project from one programme to another portfolio, and refuses a mismatched pair', async () => {
      const p = (await admin.get(`/api/v1/projects/${id.sub}`)).json();
      const moved = await admin.patch(`/api/v1/projects/${id.sub}`, { version: p.version, portfolioId: id.cus, programmeId: null });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ portfolioId: id.cus, programmeId: null });
      const bad = await admin.patch(`/api/v1/projects/${id.sub}`, { version: moved.json().version, portfolioId: id.cus, programmeId: id.grid });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues[0].field).toBe('portfolioId');
      const back = await admin.patch(`/api/v1/projects/${id.sub}`, { version: moved.json().version, programmeId: id.grid });
      expect(back.json()).toMatchObject({ portfolioId: id.net, programmeId: id.grid });
    });

    it('becomes aligned by adding a contribution, and then may leave proposal in controlling mode', async () => {
      const p = (await admin.get(`/api/v1/projects/${id.loose}`)).json();
      expect((await admin.patch(`/api/v1/projects/${id.loose}`, { version: p.version, stage: 'initiation' })).statusCode).toBe(409);
      const c = (await admin.post(`/api/v1/projects/${id.loose}/contributions`, { objectiveId: id.grow2, weight: 40 })).json();
      expect(c).toMatchObject({ objectiveCode: 'S1.1', weight: 40 });
      const dup = await admin.post(`/api/v1/projects/${id.loose}/contributions`, { objectiveId: id.grow2 });
      expect(dup.statusCode).toBe(409);
      const ok = await admin.patch(`/api/v1/projects/${id.loose}`, { version: p.version, stage: 'initiation' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().aligned).toBe(true);
      const w = await admin.patch(`/api/v1/contributions/${c.id}`, { version: 1, weight: 55 });
      expect(w.json().weight).toBe(55);
    });

    it('refuses to delete an objective that projects serve, naming them', async () => {
      const o = (await admin.get(`/api/v1/objectives/${id.serve}`)).json();
      const res = await admin.delete(`/api/v1/objectives/${id.serve}?version=${o.version}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain('APP-1');
    });

    it('deletes a project with its contributions, each removal audited', async () => {
      const p = (await admin.get(`/api/v1/projects/${id.app}`)).json();
      const contributions = (await admin.get(`/api/v1/projects/${id.app}/contributions`)).json().items;
      expect((await admin.delete(`/api/v1/projects/${id.app}?version=${p.version}`)).statusCode).toBe(204);
      expect((await admin.get(`/api/v1/projects/${id.app}`)).statusCode).toBe(404);
      const trail = (await admin.get(`/api/v1/audit?recordId=${contributions[0].id}`)).json();
      expect(trail.items[0].action).toBe('delete');
    });

    it('changes organisation settings, and the portfolio override wins over the organisation mode', async () => {
      const org = (await admin.get(`/api/v1/organisations/${h.organisationId}`)).json();
      expect(org.defaultCalendar.workingDays).toEqual([1, 2, 3, 4, 5]);
      const res = await admin.patch(`/api/v1/organisations/${h.organisationId}`, { version: org.version, pmoMode: 'directive', fiscalYearStartMonth: 1, defaultCalendar: { name: 'Six-day', workingDays: [1, 2, 3, 4, 5, 6], hoursPerDay: 7.5 } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ pmoMode: 'directive', fiscalYearStartMonth: 1 });
      const pf = (await admin.get(`/api/v1/portfolios/${id.cus}`)).json();
      expect(pf.effectivePmoMode).toBe('directive');
      const bad = await admin.patch(`/api/v1/organisations/${h.organisationId}`, { version: res.json().version, defaultCalendar: { name: 'Bad', workingDays: [0, 8], hoursPerDay: 30 } });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['defaultCalendar.workingDays.0', 'defaultCalendar.hoursPerDay']));
    });
  });
}
