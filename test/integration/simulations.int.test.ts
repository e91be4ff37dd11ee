import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Run = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number };
  options: { iterations: number; seed: number; confidence: number; targetDate: string | null };
  inputs: { planRevision: number; tasks: number; risks: { ref: string; probability: number }[]; notes: string[] };
  error: string | null;
  result: null | {
    iterations: number;
    startDate: string;
    finish: { mean: number; p10: number; p50: number; p80: number; p90: number; deterministic: number; probabilityOfDeterministic: number; probabilityOfTarget: number | null; contingency: number; histogram: { count: number }[]; sCurve: unknown[]; dates: { deterministic: string; p80: string }; sCurveDates: string[]; targetDate: string | null; convergence: { converged: boolean } };
    cost: { mean: number; deterministic: number; contingency: number };
    criticality: { taskId: string; name: string; index: number }[];
    tornado: { finish: { kind: string; id: string; name: string; rho: number }[] };
    risks: { ref: string; occurred: number }[];
  };
};

/**
 * A plan whose answer is known in closed form: a chain A (5 days, £1,000 fixed) → B (3 days)
 * on the Standard calendar from Monday 2 March 2026, and one risk R-1 that happens with
 * probability 0.3, adding triangular(2, 4, 9) days (mean 5) to A and triangular(100, 200, 600)
 * pence (mean 300) of cost. With durations held at their plan (band 1, 1, 1), the finish is 8
 * days (Wednesday 11 March) unless the risk happens: mean 8 + 0.3 × 5 = 9.5, P(8 days) = 0.7.
 */
for (const dialect of DIALECTS) {
  describe(`[${dialect}] risk simulation through the API`, () => {
    let h: Harness;
    let admin: Client;
    let pm: Client;
    const ids: Record<string, string> = {};
    const exact = { dist: 'triangular', min: 1, mode: 1, max: 1 };

    const start = (body: object, who: Client = pm, project = ids.alpha) => who.post(`/api/v1/projects/${project}/simulations`, body);
    const waitFor = async (id: string, who: Client = pm): Promise<Run> => {
      for (let i = 0; i < 600; i++) {
        const run = (await who.get(`/api/v1/simulations/${id}`)).json() as Run;
        if (!['queued', 'running'].includes(run.status)) return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${id} did not finish`);
    };
    const count = async () => (await admin.get(`/api/v1/projects/${ids.alpha}/simulations?limit=200`)).json().items.length as number;

    beforeAll(async () => {
      h = await startHarness(dialect);
      admin = await h.userWith([{ role: 'administrator' }]);
      const post = async (url: string, body: object) => {
        const res = await admin.post(url, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json();
      };
      ids.pf = (await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NET', name: 'Network' })).id;
      ids.prog = (await post('/api/v1/programmes', { portfolioId: ids.pf, code: 'GRID', name: 'Grid' })).id;
      ids.alpha = (await post('/api/v1/projects', { programmeId: ids.prog, code: 'ALPHA', name: 'Substation Alpha', plannedStart: '2026-03-02' })).id;
      ids.beta = (await post('/api/v1/projects', { programmeId: ids.prog, code: 'BETA', name: 'Billing Beta', plannedStart: '2026-03-02' })).id;
      ids.empty = (await post('/api/v1/projects', { portfolioId: ids.pf, code: 'EMPTY', name: 'Nothing planned', plannedStart: '2026-03-02' })).id;
      ids.a = (await post(`/api/v1/projects/${ids.alpha}/schedule/tasks`, { name: 'Civil works', durationMinutes: 5 * 480, fixedCost: 100_000 })).record.id;
      ids.b = (await post(`/api/v1/projects/${ids.alpha}/schedule/tasks`, { name: 'Commissioning', durationMinutes: 3 * 480 })).record.id;
      await post(`/api/v1/projects/${ids.alpha}/schedule/links`, { predecessorId: ids.a, successorId: ids.b, type: 'FS' });
      ids.risk = (await post('/api/v1/risks', { scopeType: 'project', scopeId: ids.alpha, title: 'Ground conditions', probability: 3, impact: 3, quantification: { probability: 0.3, schedule: [{ taskId: ids.a, min: 2, mode: 4, max: 9 }], cost: { min: 100, mode: 200, max: 600 } } })).id;
      ids.betaTask = (await post(`/api/v1/projects/${ids.beta}/schedule/tasks`, { name: 'Cut over', durationMinutes: 4 * 480, fixedCost: 50_000 })).record.id;
      await post('/api/v1/risks', { scopeType: 'project', scopeId: ids.beta, title: 'Data quality', probability: 2, impact: 2, quantification: { probability: 0.5, schedule: [], cost: { min: 1_000, mode: 2_000, max: 6_000 } } });
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.alpha }]);
    });
    afterAll(() => h.close());

    it('runs a chain with one risk and finds the closed-form mean, chance of the plan date, dates and drivers', async () => {
      const res = await start({ iterations: 20_000, seed: 7, band: exact, targetDate: '2026-03-13', confidence: 0.8 });
      expect(res.statusCode, res.body).toBe(202);
      const queued = res.json() as Run;
      expect(queued.status).toBe('queued');
      expect(queued.inputs).toMatchObject({ tasks: 2, risks: [{ ref: 'R-1', probability: 0.3 }] });
      const run = await waitFor(queued.id);
      expect(run.status, run.error ?? '').toBe('done');
      expect(run.progress).toEqual({ done: 20_000, total: 20_000 });
      const r = run.result!;
      expect(r.iterations).toBe(20_000);
      expect(r.startDate).toBe('2026-03-02');
      expect(r.finish.deterministic).toBeCloseTo(8, 9);
      expect(r.finish.dates.deterministic).toBe('2026-03-11');
      expect(r.finish.mean).toBeCloseTo(9.5, 1);
      expect(r.finish.probabilityOfDeterministic).toBeCloseTo(0.7, 2);
      // P80 lies in the risk's tail: 8 + the impact's 1/3 quantile, above 10 days (Friday 13 March at the earliest).
      expect(r.finish.p80).toBeGreaterThan(10);
      expect(r.finish.dates.p80 >= '2026-03-13').toBe(true);
      expect(r.finish.p10).toBeCloseTo(8, 9);
      // Target Friday 13 March = 10 working days: met unless the risk adds more than 2 days, which it always does when it happens.
      expect(r.finish.targetDate).toBe('2026-03-13');
      expect(r.finish.probabilityOfTarget).toBeCloseTo(0.7, 2);
      expect(r.finish.contingency).toBeCloseTo(r.finish.p80 - 8, 9);
      expect(r.finish.histogram.reduce((s, b) => s + b.count, 0)).toBe(20_000);
      expect(r.finish.sCurve).toHaveLength(101);
      expect(r.finish.sCurveDates).toHaveLength(101);
      expect(r.cost.deterministic).toBe(100_000);
      expect(r.cost.mean).toBeCloseTo(100_000 + 0.3 * 300, -1);
      expect(r.criticality.map((c) => [c.name, c.index])).toEqual([
        ['1 Civil works', 1],
        ['2 Commissioning', 1],
      ]);
      expect(r.tornado.finish[0]).toMatchObject({ kind: 'risk', id: 'R-1', name: 'R-1 Ground conditions' });
      expect(r.risks[0]!.occurred).toBeCloseTo(0.3, 2);
      const audit = (await admin.get(`/api/v1/audit?recordId=${run.id}`)).json();
      expect(audit.items[0]).toMatchObject({ action: 'create', recordType: 'simulation' });
    });

    it('spreads durations by the band: the mean of the chain is the sum of the triangular means plus p × impact', async () => {
      const run = await waitFor((await start({ iterations: 20_000, seed: 11, band: { dist: 'triangular', min: 0.9, mode: 1, max: 1.3 } })).json().id);
      expect(run.status, run.error ?? '').toBe('done');
      expect(run.result!.finish.mean).toBeCloseTo((8 * (0.9 + 1 + 1.3)) / 3 + 0.3 * 5, 1);
      expect(run.result!.finish.probabilityOfDeterministic).toBeGreaterThan(0);
      expect(run.result!.finish.probabilityOfDeterministic).toBeLessThan(0.7);
    });

    it('gives the same result for the same seed', async () => {
      const a = await waitFor((await start({ iterations: 2_000, seed: 99 })).json().id);
      const b = await waitFor((await start({ iterations: 2_000, seed: 99 })).json().id);
      expect(b.result!.finish.p80).toBe(a.result!.finish.p80);
      expect(b.result!.cost.mean).toBe(a.result!.cost.mean);
    });

    it('lists runs newest first with their inputs and without results', async () => {
      const list = (await pm.get(`/api/v1/projects/${ids.alpha}/simulations`)).json().items as Run[];
      expect(list.length).toBeGreaterThanOrEqual(4);
      expect(list[0]!.options.seed).toBe(99);
      expect(list.every((r) => r.result === null)).toBe(true);
      expect(list.at(-1)!.options).toMatchObject({ seed: 7, targetDate: '2026-03-13', confidence: 0.8 });
    });

    it('cancels a running run, which keeps no result, and refuses to cancel it twice', async () => {
      const res = await start({ iterations: 100_000, seed: 3 });
      const id = res.json().id as string;
      const cancel = await pm.post(`/api/v1/simulations/${id}/cancel`);
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(cancel.json()).toMatchObject({ status: 'cancelled', result: null });
      await new Promise((r) => setTimeout(r, 300));
      expect((await pm.get(`/api/v1/simulations/${id}`)).json()).toMatchObject({ status: 'cancelled', result: null });
      const again = await pm.post(`/api/v1/simulations/${id}/cancel`);
      expect(again.statusCode).toBe(422);
      expect(again.json().detail).toMatch(/^status: the run is cancelled/);
      const audit = (await admin.get(`/api/v1/audit?recordId=${id}`)).json().items;
      expect(audit[0]).toMatchObject({ action: 'update', changes: [{ field: 'status', after: 'cancelled' }] });
    });

    it('refuses bad options by field and stores nothing', async () => {
      const before = await count();
      const cases: [object, RegExp][] = [
        [{ iterations: 10 }, /^iterations: must be at least 100/],
        [{ iterations: 1_000_001 }, /^iterations: must be at most 100000/],
        [{ iterations: 1000.5 }, /^iterations: must be a whole number/],
        [{ confidence: 1 }, /^confidence: must be below 1/],
        [{ confidence: 0 }, /^confidence: must be above 0/],
        [{ correlation: 1 }, /^correlation: must be below 1/],
        [{ seed: -1 }, /^seed: must be 0 or more/],
        [{ band: { min: 1.2, mode: 1, max: 1.3 } }, /^band.min: must not exceed mode/],
        [{ band: { min: 0, mode: 0, max: 0 } }, /^band.max: must be above 0/],
        [{ targetDate: '2026-02-30' }, /^targetDate:/],
        [{ targetDate: '2026-02-01' }, /^targetDate: must not be before the day the simulation starts from \(2026-03-02\)/],
        [{ workers: 4 }, /^workers: is not a known field/],
      ];
      for (const [body, detail] of cases) {
        const res = await start(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(422);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().detail).toMatch(detail);
      }
      expect(await count()).toBe(before);
    });

    it('refuses a project with no plan to simulate', async () => {
      const res = await start({}, admin, ids.empty);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ issues: [{ field: 'plan' }] });
      expect((await admin.get(`/api/v1/projects/${ids.empty}/simulations`)).json().items).toEqual([]);
    });

    it('refuses a plan whose links loop, naming its tasks, and stores nothing', async () => {
      // The schedule API never lets a loop in; a plan written by hand (an old import) may have one.
      const before = await count();
      const link = await h.store.db.selectFrom('scheduleLink').selectAll().where('projectId', '=', ids.alpha as never).executeTakeFirstOrThrow();
      const back = { ...link, id: '01900000-0000-7000-8000-00000000abcd' as never, predecessorId: link.successorId, successorId: link.predecessorId };
      await h.store.db.insertInto('scheduleLink').values(back).execute();
      try {
        const res = await start({});
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('cycle');
        expect(res.json().detail).toMatch(/^plan: the links form a cycle.*(1 Civil works → 2 Commissioning|2 Commissioning → 1 Civil works)/);
        expect(await count()).toBe(before);
      } finally {
        await h.store.db.deleteFrom('scheduleLink').where('id', '=', back.id).execute();
      }
    });

    it('lets readers read runs but not start or cancel them; hides them from people outside the project', async () => {
      const viewer = await h.userWith([{ role: 'viewer', scopeType: 'project', scopeId: ids.alpha }]);
      const analyst = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.alpha }]);
      const outsider = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.beta }]);
      const latest = (await viewer.get(`/api/v1/projects/${ids.alpha}/simulations`)).json().items[0] as Run;
      expect((await viewer.get(`/api/v1/simulations/${latest.id}`)).statusCode).toBe(200);
      expect((await start({}, viewer)).statusCode).toBe(403);
      expect((await start({}, analyst)).statusCode).toBe(403);
      expect((await outsider.get(`/api/v1/simulations/${latest.id}`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/v1/projects/${ids.alpha}/simulations`)).statusCode).toBe(404);
      expect((await start({}, outsider)).statusCode).toBe(404);
      const running = (await start({ iterations: 100_000 })).json().id as string;
      expect((await viewer.post(`/api/v1/simulations/${running}/cancel`)).statusCode).toBe(403);
      expect((await pm.post(`/api/v1/simulations/${running}/cancel`)).statusCode).toBe(200);
    });

    it('marks failed a run whose server stopped mid-way (its heartbeat went quiet), when it is next read', async () => {
      const done = (await pm.get(`/api/v1/projects/${ids.alpha}/simulations`)).json().items.find((r: Run) => r.status === 'done') as Run;
      const row = await h.store.db.selectFrom('riskSimulation').selectAll().where('id', '=', done.id as never).executeTakeFirstOrThrow();
      const orphan = { ...row, id: '01900000-0000-7000-8000-0000000000ff' as never, status: 'running' as const, result: null, samples: null, finishedAt: null, runner: 'a-process-that-died', heartbeatAt: new Date(Date.now() - 5 * 60_000).toISOString() };
      await h.store.db.insertInto('riskSimulation').values(orphan).execute();
      const read = (await pm.get(`/api/v1/simulations/${orphan.id}`)).json() as Run;
      expect(read.status).toBe('failed');
      expect(read.error).toMatch(/the server running it stopped/);
    });

    it('rolls contingency up to the programme and the portfolio from each project’s latest run', async () => {
      const beta = await waitFor((await start({ iterations: 20_000, seed: 5, band: exact }, admin, ids.beta)).json().id, admin);
      expect(beta.status, beta.error ?? '').toBe('done');
      const alpha = await waitFor((await start({ iterations: 20_000, seed: 6, band: exact })).json().id);
      const res = await admin.get(`/api/v1/programmes/${ids.prog}/contingency?confidence=0.8`);
      expect(res.statusCode, res.body).toBe(200);
      const roll = res.json();
      expect(roll.projects.map((p: { code: string; simulationId: string }) => [p.code, p.simulationId])).toEqual([
        ['ALPHA', alpha.id],
        ['BETA', beta.id],
      ]);
      const [a, b] = roll.projects;
      expect(a.scheduleContingencyDays).toBeCloseTo(alpha.result!.finish.p80 - 8, 9);
      expect(b.scheduleContingencyDays).toBe(0);
      expect(roll.total.simulated).toBe(2);
      expect(roll.total.scheduleContingencyDays).toBeCloseTo(a.scheduleContingencyDays, 9);
      expect(roll.total.deterministicCost).toBe(150_000);
      expect(roll.total.sumOfCostContingencies).toBeCloseTo(a.costContingency + b.costContingency, 6);
      // Pooled: never more than the sum of the parts.
      expect(roll.total.costContingency).toBeLessThanOrEqual(roll.total.sumOfCostContingencies + 1e-6);
      expect(roll.total.pooling).toBeCloseTo(roll.total.sumOfCostContingencies - roll.total.costContingency, 6);
      const pf = (await admin.get(`/api/v1/portfolios/${ids.pf}/contingency`)).json();
      expect(pf.projects.map((p: { code: string }) => p.code)).toEqual(['ALPHA', 'BETA', 'EMPTY']);
      expect(pf.notes).toContain('not simulated yet, left out: EMPTY');
      expect((await admin.get(`/api/v1/portfolios/${ids.pf}/contingency?confidence=1`)).statusCode).toBe(422);
      // Someone who sees only BETA gets BETA alone.
      const betaPm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.beta }]);
      expect((await betaPm.get(`/api/v1/portfolios/${ids.pf}/contingency`)).json().projects.map((p: { code: string }) => p.code)).toEqual(['BETA']);
    });
  });
}
