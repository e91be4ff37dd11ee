import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_WEEKDAYS_PER_MONTH } from '../../src/domain/portfolio/capacity/index.js';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Cell = { month: string; capacity: number; demand: number; portfolioDemand: number; utilisation: number | null; overBy: number; projects: { code: string; hours: number }[]; hiddenHours: number };
type CapacityMap = { months: string[]; roles: { role: { id: string; code: string }; cells: Cell[]; fte: number[] }[]; hotspots: { roleId: string; month: string; overBy: number }[] };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] capacity through the API`, () => {
    let h: Harness;
    let admin: Client;
    let resources: Client;
    let pm: Client;
    let member: Client;
    const ids = {} as Record<'pf' | 'other' | 'a' | 'b' | 'dev' | 'ana' | 'bo', string>;
    let devVersion = 0;

    const ok = <T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as T;
    };
    const map = async (c: Client, query = '') => ok<CapacityMap>(await c.get(`/api/v1/organisations/${h.organisationId}/capacity?from=2027-03&to=2027-04${query}`));
    const demand = (c: Client, project: string, body: object) => c.request('PUT', `/api/v1/projects/${project}/demand/${ids.dev}`, body);

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => new Date('2026-12-01T09:00:00Z') });
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      const post = async (url: string, body: object) => ok<{ id: string }>(await admin.post(url, body), 201).id;
      ids.pf = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'GROW', name: 'Growth' });
      ids.other = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'RUN', name: 'Run' });
      ids.a = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'A', name: 'Alpha' });
      ids.b = await post('/api/v1/projects', { portfolioId: ids.other, code: 'B', name: 'Bravo' });
      resources = await h.userWith([{ role: 'resource-manager' }], 'Rae Resources');
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.a }], 'Pat Manager');
      member = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.a }], 'Tom Member');
    });
    afterAll(() => h.close());

    it('a resource manager defines a role whose capacity changes over time; bad input names its field and saves nothing', async () => {
      const url = `/api/v1/organisations/${h.organisationId}/roles`;
      const bad = await resources.post(url, { code: 'DEV', name: 'Developers', hoursPerFteMonth: 0, fteSteps: [{ from: '2027-13', fte: 1 }] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues.map((i: { field: string }) => i.field).sort()).toEqual(['fteSteps.0.from', 'hoursPerFteMonth']);
      const role = ok<{ id: string; version: number; fteSteps: unknown[] }>(await resources.post(url, { code: 'DEV', name: 'Developers', fteSteps: [{ from: '2027-04', fte: 3 }, { from: '2027-01', fte: 2 }] }), 201);
      expect(role.fteSteps).toEqual([{ from: '2027-01', fte: 2 }, { from: '2027-04', fte: 3 }]);
      ids.dev = role.id;
      devVersion = role.version;
      expect((await resources.post(url, { code: 'DEV', name: 'Again' })).statusCode).toBe(409);
      expect((await pm.post(url, { code: 'QA', name: 'Testers' })).statusCode).toBe(403);
      expect(ok<{ items: unknown[] }>(await member.get(url)).items).toHaveLength(1);
    });

    it('adds named people with part time, absences and non-project work', async () => {
      const url = `/api/v1/organisations/${h.organisationId}/people`;
      const bad = await resources.post(url, { roleId: ids.dev, name: 'Cy', fromMonth: '2027-05', toMonth: '2027-02' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues).toEqual([{ field: 'toMonth', reason: 'must not be before fromMonth (2027-05)' }]);
      ids.ana = ok<{ id: string }>(await resources.post(url, { roleId: ids.dev, name: 'Ana', absences: [{ from: '2027-03-01', to: '2027-03-05', note: 'Skiing' }] }), 201).id;
      ids.bo = ok<{ id: string }>(await resources.post(url, { roleId: ids.dev, name: 'Bo', fte: 0.6, nonProjectShare: 0.25 }), 201).id;
      expect((await resources.post(url, { roleId: h.organisationId, name: 'Nobody' })).json().issues).toEqual([{ field: 'roleId', reason: 'is not a role of this organisation' }]);
    });

    it('projects estimate their demand per role and month; a stale estimate is a conflict, never an overwrite', async () => {
      const bad = await demand(pm, ids.a, { version: 0, hours: { '2027-13': 10, '2027-03': -5 } });
      expect(bad.statusCode).toBe(422);
      ok(await demand(pm, ids.a, { version: 0, hours: { '2027-03': 400, '2027-04': 100, '2027-05': 0 } }));
      expect((await demand(pm, ids.a, { version: 0, hours: { '2027-03': 1 } })).statusCode).toBe(409);
      expect((await demand(pm, ids.b, { version: 0, hours: { '2027-03': 1 } })).statusCode).toBe(404);
      ok(await demand(admin, ids.b, { version: 0, hours: { '2027-03': 200 } }));
      const sheet = ok<{ sheets: { roleCode: string; hours: Record<string, number>; total: number; version: number }[] }>(await pm.get(`/api/v1/projects/${ids.a}/demand`));
      expect(sheet.sheets).toEqual([expect.objectContaining({ roleCode: 'DEV', hours: { '2027-03': 400, '2027-04': 100 }, total: 500, version: 1 })]);
    });

    it('shows demand against capacity by role and month, worked by hand, naming the projects of an over-allocated cell', async () => {
      const m = await map(admin);
      expect(m.months).toEqual(['2027-03', '2027-04']);
      const dev = m.roles[0]!;
      const perFte = (140 * 23) / STANDARD_WEEKDAYS_PER_MONTH; // March 2027 has 23 weekdays
      const march = 2 * perFte + (perFte - 5 * (perFte / 23)) + 0.6 * perFte * 0.75;
      expect(dev.fte).toEqual([3.6, 4.6]);
      expect(dev.cells[0]!.capacity).toBeCloseTo(march, 9);
      expect(dev.cells[0]).toMatchObject({ demand: 600, portfolioDemand: 600, hiddenHours: 0, projects: [{ code: 'A', hours: 400 }, { code: 'B', hours: 200 }] });
      expect(dev.cells[0]!.overBy).toBeCloseTo(600 - march, 9);
      expect(dev.cells[1]).toMatchObject({ demand: 100, overBy: 0 });
      expect(m.hotspots).toEqual([{ roleId: ids.dev, month: '2027-03', overBy: expect.closeTo(600 - march, 6), utilisation: expect.closeTo(600 / march, 9) }]);
    });

    it("names only one portfolio's projects when asked, and never shows a reader projects they cannot see (their hours stay in the totals)", async () => {
      const growth = await map(admin, `&portfolioId=${ids.pf}`);
      expect(growth.roles[0]!.cells[0]).toMatchObject({ demand: 600, portfolioDemand: 400, projects: [{ code: 'A', hours: 400 }] });
      const mine = await map(member);
      expect(mine.roles[0]!.cells[0]).toMatchObject({ demand: 600, hiddenHours: 200, projects: [{ code: 'A', hours: 400 }] });
    });

    it("once a plan's resource stands for a role, the plan's assignments are the project's demand for it, replacing the estimate", async () => {
      const resource = await pm.post(`/api/v1/projects/${ids.a}/schedule/resources`, { name: 'Dev team', roleId: ids.dev });
      expect(resource.statusCode, resource.body).toBe(201);
      const other = await pm.post(`/api/v1/projects/${ids.a}/schedule/resources`, { name: 'Stranger', roleId: ids.a });
      expect(other.json().issues).toEqual([{ field: 'roleId', reason: 'is not a role of this organisation' }]);
      // A five-day task from Monday 1 March 2027 with 40 hours of work on the role.
      const task = ok<{ record: { id: string } }>(await pm.post(`/api/v1/projects/${ids.a}/schedule/tasks`, { name: 'Build', durationMinutes: 5 * 480 }), 201).record.id;
      const plan = ok<{ plan: { version: number } }>(await pm.get(`/api/v1/projects/${ids.a}/schedule`)).plan;
      ok(await pm.patch(`/api/v1/projects/${ids.a}/schedule`, { version: plan.version, start: '2027-03-01T08:00:00' }));
      ok(await pm.post(`/api/v1/projects/${ids.a}/schedule/assignments`, { taskId: task, resourceId: resource.json().record.id, workMinutes: 40 * 60 }), 201);
      const sheet = ok<{ sheets: { hours: Record<string, number>; plan: Record<string, number> | null; total: number }[] }>(await pm.get(`/api/v1/projects/${ids.a}/demand`)).sheets[0]!;
      expect(sheet).toMatchObject({ hours: { '2027-03': 400, '2027-04': 100 }, plan: { '2027-03': 40 }, total: 40 });
      const m = await map(admin);
      expect(m.roles[0]!.cells[0]).toMatchObject({ demand: 240, projects: [{ code: 'B', hours: 200 }, { code: 'A', hours: 40 }] });
      expect(m.roles[0]!.cells[1]!.demand).toBe(0);
    });

    it('a role in use cannot be deleted; deleting a project removes its demand', async () => {
      const blocked = await resources.delete(`/api/v1/roles/${ids.dev}?version=${devVersion}`);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().detail).toBe('role DEV still has 2 people (Ana, Bo) and demand from 2 projects (A, B); move or remove them first');
      const b = ok<{ version: number }>(await admin.get(`/api/v1/projects/${ids.b}`));
      expect((await admin.delete(`/api/v1/projects/${ids.b}?version=${b.version}`)).statusCode).toBe(204);
      expect((await map(admin)).roles[0]!.cells[0]!.demand).toBe(40);
    });
  });
}
