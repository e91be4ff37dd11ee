import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Result = {
  status: string;
  value: number;
  cost: number;
  selected: { code: string; start: string; delayMonths: number; running: boolean; mustDo: boolean }[];
  leftOut: { code: string; reason: string; needs: string[] }[];
  skipped: { code: string; reason: string }[];
  greedy: { value: number };
  infeasibility: { message: string }[];
  budget: { totalUse: number; totalLimit: number | null };
  capacity: { code: string; use: number[]; limit: number[] }[];
  notes: string[];
};
type Scenario = { id: string; version: number; status: string; decisionId: string | null; result: Result | null };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] portfolio scenarios through the API`, () => {
    let h: Harness;
    let admin: Client;
    let pfMgr: Client;
    let analyst: Client;
    const ids = {} as Record<'pf' | 'other' | 'model' | 'otherModel' | 'dev' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'X', string>;
    let lean: Scenario;
    let generous: Scenario;

    const ok = <T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as T;
    };
    const settings = (over: Record<string, unknown> = {}) => ({ modelId: ids.model, startMonth: '2027-01', months: 6, budget: { kind: 'total', amount: 200_000 }, maxDelayMonths: 1, ...over });
    const state = async (id: string) => ok<{ state: string }>(await admin.get(`/api/v1/projects/${id}`)).state;

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => new Date('2026-12-01T09:00:00Z') });
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      const post = async (url: string, body: object) => ok<{ id: string }>(await admin.post(url, body), 201).id;
      ids.pf = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'GROW', name: 'Growth' });
      ids.other = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'RUN', name: 'Run' });
      const project = async (code: string, budgetPounds: number | null, start: string, finish: string) =>
        post('/api/v1/projects', { portfolioId: ids.pf, code, name: `Project ${code}`, plannedStart: start, plannedFinish: finish, budget: budgetPounds === null ? null : budgetPounds * 100 });
      ids.A = await project('A', 90_000, '2027-02-01', '2027-04-30');
      ids.B = await project('B', 60_000, '2027-01-01', '2027-02-28');
      ids.C = await project('C', 150_000, '2027-01-01', '2027-03-31');
      ids.D = await project('D', 80_000, '2026-11-01', '2027-02-28'); // under way: £40,000 of it left
      ids.E = await project('E', 50_000, '2027-03-01', '2027-04-30');
      ids.F = await project('F', null, '2027-01-01', '2027-06-30');
      ids.X = await post('/api/v1/projects', { portfolioId: ids.other, code: 'X', name: 'Elsewhere' });
      const e = ok<{ version: number }>(await admin.get(`/api/v1/projects/${ids.E}`));
      ok(await admin.patch(`/api/v1/projects/${ids.E}`, { version: e.version, state: 'on-hold' }));
      const criteria = [{ id: 'v', name: 'Value', min: 0, max: 100 }];
      ids.model = ok<{ id: string }>(await admin.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, { name: 'Value', criteria }), 201).id;
      ids.otherModel = ok<{ id: string }>(await admin.post(`/api/v1/portfolios/${ids.other}/scoring-models`, { name: 'Other', criteria }), 201).id;
      for (const [code, v] of [['A', 80], ['B', 50], ['C', 90], ['D', 40], ['E', 60]] as const) {
        ok(await admin.request('PUT', `/api/v1/scoring-models/${ids.model}/scores/${ids[code]}`, { version: 0, values: { v } }));
      }
      ids.dev = ok<{ id: string }>(await admin.post(`/api/v1/organisations/${h.organisationId}/roles`, { code: 'DEV', name: 'Developers', fteSteps: [{ from: '2027-01', fte: 2 }] }), 201).id;
      ok(await admin.request('PUT', `/api/v1/projects/${ids.A}/demand/${ids.dev}`, { version: 0, hours: { '2027-02': 120 } }));
      pfMgr = await h.userWith([{ role: 'portfolio-manager', scopeType: 'portfolio', scopeId: ids.pf }], 'Flo Portfolio');
      analyst = await h.userWith([{ role: 'pmo-analyst' }], 'Ann Analyst');
    });
    afterAll(() => h.close());

    it('refuses bad settings naming the field, and saves nothing', async () => {
      const url = `/api/v1/portfolios/${ids.pf}/scenarios`;
      const months = await pfMgr.post(url, { name: 'Bad', settings: settings({ months: 0 }) });
      expect(months.statusCode).toBe(422);
      expect(months.json().issues).toEqual([{ field: 'settings.months', reason: 'must be at least 1' }]);
      const other = await pfMgr.post(url, { name: 'Bad', settings: settings({ modelId: ids.otherModel, projects: { [ids.X]: { inclusion: 'must' } } }) });
      expect(other.statusCode).toBe(422);
      expect(other.json().issues).toEqual([
        { field: 'settings.modelId', reason: "is not a scoring model of this scenario's portfolio" },
        { field: `settings.projects.${ids.X}`, reason: "is not a project of this scenario's portfolio" },
      ]);
      expect(ok<{ items: unknown[] }>(await pfMgr.get(url)).items).toEqual([]);
    });

    it('optimises a scenario: the running project funded first, then the best set within the budget, with every project left out explained (worked by hand)', async () => {
      lean = ok<Scenario>(await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Lean', settings: settings() }), 201);
      lean = ok<Scenario>(await analyst.post(`/api/v1/scenarios/${lean.id}/run`, { version: lean.version }));
      const r = lean.result!;
      // D is under way (£40,000 left, must); £160,000 then buys A + E (80 + 60 for £140,000): no other set does better.
      expect(r.status).toBe('optimal');
      expect(r.selected.map((s) => s.code).sort()).toEqual(['A', 'D', 'E']);
      expect(r.value).toBeCloseTo(180, 6);
      expect(r.cost).toBeCloseTo(180_000, 0);
      expect(r.selected.find((s) => s.code === 'D')).toMatchObject({ running: true, mustDo: true, start: '2027-01', delayMonths: 0 });
      expect(r.value).toBeGreaterThanOrEqual(r.greedy.value - 1e-9);
      expect(r.leftOut.map((l) => l.code).sort()).toEqual(['B', 'C']);
      expect(r.leftOut.every((l) => l.reason.length > 0 && l.needs.length > 0)).toBe(true);
      expect(r.skipped).toEqual([{ projectId: ids.F, code: 'F', name: 'Project F', reason: 'it has no budget yet (give it one, or make it a must in this scenario)' }]);
      expect(r.budget).toMatchObject({ totalLimit: 200_000 });
      expect(r.capacity[0]).toMatchObject({ code: 'DEV' });
      expect(r.capacity[0]!.use[1]).toBe(120);
    });

    it('an infeasible scenario says which constraint cannot be met and by how much; it cannot be published', async () => {
      let tight = ok<Scenario>(await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Tight', settings: settings({ budget: { kind: 'total', amount: 100_000 }, projects: { [ids.C]: { inclusion: 'must' } } }) }), 201);
      tight = ok<Scenario>(await pfMgr.post(`/api/v1/scenarios/${tight.id}/run`, { version: tight.version }));
      expect(tight.result!.status).toBe('infeasible');
      expect(tight.result!.infeasibility[0]!.message).toMatch(/total budget exceeded by 90,?000(\.0+)? by must-do projects C, D|budget.*exceeded by 90000/);
      const refused = await pfMgr.post(`/api/v1/scenarios/${tight.id}/publish`, { version: tight.version });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/cannot fit its must-do projects/);
    });

    it('compares two scenarios side by side: value, cost, projects funded and which differ', async () => {
      generous = ok<Scenario>(await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Generous', settings: settings({ budget: { kind: 'total', amount: 400_000 } }) }), 201);
      generous = ok<Scenario>(await pfMgr.post(`/api/v1/scenarios/${generous.id}/run`, { version: generous.version }));
      expect(generous.result!.selected.map((s) => s.code).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
      const cmp = ok<{ a: { value: number; funded: number }; b: { value: number; funded: number }; differences: { code: string; inA: boolean; inB: boolean }[] }>(await admin.get(`/api/v1/scenarios/compare?a=${lean.id}&b=${generous.id}`));
      expect(cmp.a).toMatchObject({ value: expect.closeTo(180, 6), funded: 3 });
      expect(cmp.b).toMatchObject({ value: expect.closeTo(320, 6), funded: 5 });
      expect(cmp.differences.map((d) => [d.code, d.inA, d.inB])).toEqual([
        ['B', false, true],
        ['C', false, true],
      ]);
    });

    it('the frontier rises with the budget and shows where the scenario sits', async () => {
      const f = ok<{ min: number; max: number; points: { budget: number; value: number }[]; current: { value: number } | null }>(await admin.get(`/api/v1/scenarios/${lean.id}/frontier?points=4`));
      expect(f.points).toHaveLength(4);
      expect(f.min).toBeCloseTo(40_000, 0);
      expect(f.max).toBeCloseTo(390_000, 0);
      for (let i = 1; i < 4; i++) expect(f.points[i]!.value).toBeGreaterThanOrEqual(f.points[i - 1]!.value - 1e-6);
      expect(f.points[3]!.value).toBeCloseTo(320, 6);
      expect(f.current!.value).toBeCloseTo(180, 6);
    });

    it('publishing makes it the plan of record: funded projects active, the rest on hold, the decision logged; the next publication supersedes it', async () => {
      expect((await analyst.post(`/api/v1/scenarios/${lean.id}/publish`, { version: lean.version })).statusCode).toBe(403);
      lean = ok<Scenario>(await pfMgr.post(`/api/v1/scenarios/${lean.id}/publish`, { version: lean.version }));
      expect(lean.status).toBe('published');
      expect(await state(ids.E)).toBe('active');
      expect(await state(ids.B)).toBe('on-hold');
      expect(await state(ids.C)).toBe('on-hold');
      expect(await state(ids.F)).toBe('active');
      const decision = ok<{ title: string; decision: string; status: string; rationale: string }>(await admin.get(`/api/v1/decisions/${lean.decisionId}`));
      expect(decision).toMatchObject({ status: 'decided', title: 'Plan of record for GROW: Lean' });
      expect(decision.decision).toMatch(/^Fund 3 projects \(.*\); hold 2 \(B, C\)\.$/);
      expect(decision.rationale).toMatch(/Total score 180\.0 for £180,000/);
      const edit = await pfMgr.request('PUT', `/api/v1/scenarios/${lean.id}`, { version: lean.version, name: 'Lean', settings: settings() });
      expect(edit.statusCode).toBe(409);
      generous = ok<Scenario>(await pfMgr.get(`/api/v1/scenarios/${generous.id}`));
      ok(await pfMgr.post(`/api/v1/scenarios/${generous.id}/publish`, { version: generous.version }));
      expect(ok<Scenario>(await pfMgr.get(`/api/v1/scenarios/${lean.id}`)).status).toBe('superseded');
      expect(await state(ids.B)).toBe('active');
    });

    it('honours dependencies and alternatives: a project needing one that cannot be funded is out, a group funds at most one; a cycle is refused', async () => {
      const cyclic = await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Loop', settings: settings({ projects: { [ids.A]: { requires: [ids.B] }, [ids.B]: { requires: [ids.A] } } }) });
      expect(cyclic.statusCode).toBe(cyclic.json().status);
      expect(cyclic.json()).toMatchObject({ code: 'cycle', detail: "settings.projects: the projects' requirements form a cycle: A → B → A" });
      const self = await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Self', settings: settings({ projects: { [ids.A]: { excludes: [ids.A] } } }) });
      expect(self.json().issues).toEqual([{ field: `settings.projects.${ids.A}.excludes.0`, reason: 'is the project itself' }]);
      let s = ok<Scenario>(
        await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, {
          name: 'Rules',
          settings: settings({ budget: { kind: 'total', amount: 400_000 }, projects: { [ids.E]: { requires: [ids.F] } }, groups: [{ name: 'A or B', members: [ids.A, ids.B] }] }),
        }),
        201,
      );
      s = ok<Scenario>(await pfMgr.post(`/api/v1/scenarios/${s.id}/run`, { version: s.version }));
      // E needs F, which has no budget and is not considered; of A and B only the better, A.
      expect(s.result!.selected.map((x) => x.code).sort()).toEqual(['A', 'C', 'D']);
      expect(s.result!.notes.some((n) => /^E: needs F, which is not considered \(it has no budget yet/.test(n))).toBe(true);
      expect(s.result!.leftOut.find((l) => l.code === 'B')!.reason).toMatch(/group "A or B"/);
    });

    it('changing the settings drops the result, which must be run again before comparing', async () => {
      let s = ok<Scenario>(await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scenarios`, { name: 'Redo', settings: settings() }), 201);
      s = ok<Scenario>(await pfMgr.post(`/api/v1/scenarios/${s.id}/run`, { version: s.version }));
      expect(s.result).not.toBeNull();
      s = ok<Scenario>(await pfMgr.request('PUT', `/api/v1/scenarios/${s.id}`, { version: s.version, name: 'Redo', settings: settings({ maxDelayMonths: 2 }) }));
      expect(s.result).toBeNull();
      const cmp = await admin.get(`/api/v1/scenarios/compare?a=${s.id}&b=${generous.id}`);
      expect(cmp.statusCode).toBe(422);
      expect(cmp.json().detail).toMatch(/has not been run since its settings changed/);
    });
  });
}
