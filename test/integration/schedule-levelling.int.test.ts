import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Task = { id: string; name: string; start: string; finish: string; levelingDelayMinutes: number; version: number };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] levelling a project's resources through the API`, () => {
    let h: Harness;
    let pm: Client;
    let projectId: string;
    const url = (path = '') => `/api/v1/projects/${projectId}/schedule${path}`;
    const tasks = async () => Object.fromEntries(((await pm.get(url())).json().tasks as Task[]).map((t) => [t.name, t]));

    beforeAll(async () => {
      h = await startHarness(dialect);
      const admin = await h.userWith([{ role: 'administrator' }]);
      const portfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'LVL', name: 'Levelling' })).json().id;
      projectId = (await admin.post('/api/v1/projects', { portfolioId, code: 'LVL-1', name: 'Fit-out', plannedStart: '2026-01-05' })).json().id;
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: projectId }]);
      const add = async (body: object) => (await pm.post(url('/tasks'), body)).json().record as Task;
      const wire = await add({ name: 'Wiring', durationMinutes: 2 * 480 });
      const plumb = await add({ name: 'Plumbing', durationMinutes: 3 * 480, priority: 700 });
      const paint = await add({ name: 'Painting', durationMinutes: 480, priority: 1000 });
      const sparky = (await pm.post(url('/resources'), { name: 'Sam the electrician', maxUnits: 1 })).json().record;
      for (const t of [wire, plumb, paint]) {
        const res = await pm.post(url('/assignments'), { taskId: t.id, resourceId: sparky.id, units: 1 });
        expect(res.statusCode, res.body).toBe(201);
      }
    });
    afterAll(() => h.close());

    it('delays tasks so nobody is over capacity, saying whom each waited for and what it could not fix', async () => {
      const res = await pm.post(url('/level'), {});
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      const t = await tasks();
      // Painting may not move (priority 1000) and Plumbing outranks Wiring.
      expect(t.Painting).toMatchObject({ start: '2026-01-05T08:00:00', levelingDelayMinutes: 0 });
      expect(t.Plumbing!.start > t.Painting!.start || t.Wiring!.start > t.Plumbing!.start).toBe(true);
      const starts = [t.Wiring!, t.Plumbing!, t.Painting!].sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < starts.length; i++) expect(starts[i]!.start >= starts[i - 1]!.finish, `${starts[i]!.name} overlaps ${starts[i - 1]!.name}`).toBe(true);
      expect(report.finishBefore).toBe('2026-01-07T17:00:00');
      expect(report.finishAfter).toBe(report.plan.computedFinish);
      const delayed = report.delayed.filter((d: { delayMinutes: number }) => d.delayMinutes > 0);
      expect(delayed.length).toBe(2);
      expect(delayed[0].waitedFor[0].resource).toBe('Sam the electrician');
      expect(report.overallocations).toEqual([]);
    });

    it('clears the delays on request', async () => {
      const res = await pm.post(url('/level'), { clear: true });
      expect(res.statusCode, res.body).toBe(200);
      const t = await tasks();
      expect(Object.values(t).map((x) => x.levelingDelayMinutes)).toEqual([0, 0, 0]);
      expect(res.json().plan.computedFinish).toBe('2026-01-07T17:00:00');
    });

    it('within slack only, leaves the over-allocation and says why', async () => {
      const res = await pm.post(url('/level'), { withinSlackOnly: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().overallocations.length).toBeGreaterThan(0);
      expect(res.json().overallocations[0]).toMatchObject({ resource: 'Sam the electrician', capacity: 1 });
      expect(res.json().plan.computedFinish).toBe('2026-01-07T17:00:00');
    });

    it('refuses a viewer, and bad options by name', async () => {
      const viewer = await h.userWith([{ role: 'viewer' }]);
      expect((await viewer.post(url('/level'), {})).statusCode).toBe(403);
      const bad = await pm.post(url('/level'), { order: 'alphabetical' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().detail).toMatch(/order/);
    });
  });
}
