import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Model = { id: string; version: number; effectiveWeights: number[]; warnings: string[]; consistency: { consistencyRatio: number } | null; criteria: { id: string }[] };
type Row = { projectId: string; code: string; score: number; rank: number; completeness: number; riskExposure: number; openRisks: number; parts: { criterionId: string; value: number | null; points: number }[]; sheet: { version: number; values: Record<string, number> }; gapToNext: { points: number; parts: { criterionId: string; points: number }[] } | null };
type Ranking = { model: Model; rows: Row[] };

const CRITERIA = [
  { id: 'npv', name: 'Net present value', unit: '£m', min: 0, max: 10, weight: 4 },
  { id: 'risk', name: 'Delivery risk', min: 1, max: 5, direction: 'lower-is-better', weight: 2 },
  { id: 'urgency', name: 'Urgency', min: 0, max: 10, weight: 2 },
  { id: 'fit', name: 'Strategic alignment', min: 0, max: 100, weight: 2, source: 'alignment' },
];

for (const dialect of DIALECTS) {
  describe(`[${dialect}] portfolio scoring through the API`, () => {
    let h: Harness;
    let admin: Client;
    let pfMgr: Client;
    let coordinator: Client;
    let pm: Client;
    let member: Client;
    const ids = {} as Record<'pf' | 'other' | 'a' | 'b' | 'c' | 'd' | 'x' | 'growth' | 'efficiency', string>;
    let model: Model;

    const ok = <T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as T;
    };
    const ranking = async (c: Client = admin, query = '') => ok<Ranking>(await c.get(`/api/v1/scoring-models/${model.id}/ranking${query}`));
    const score = (c: Client, project: string, body: object) => c.request('PUT', `/api/v1/scoring-models/${model.id}/scores/${project}`, body);

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => new Date('2026-03-02T09:00:00Z') });
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      const post = async (url: string, body: object) => ok<{ id: string }>(await admin.post(url, body), 201).id;
      ids.pf = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'GROW', name: 'Growth portfolio' });
      ids.other = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'RUN', name: 'Run the business' });
      ids.a = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'A', name: 'Alpha', budget: 50_000_000 });
      ids.b = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'B', name: 'Bravo', budget: 20_000_000 });
      ids.c = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'C', name: 'Charlie' });
      ids.d = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'D', name: 'Delta' });
      ids.x = await post('/api/v1/projects', { portfolioId: ids.other, code: 'X', name: 'X-ray' });
      const d = ok<{ version: number }>(await admin.get(`/api/v1/projects/${ids.d}`));
      ok(await admin.patch(`/api/v1/projects/${ids.d}`, { version: d.version, state: 'completed' }));
      ids.growth = await post('/api/v1/objectives', { organisationId: h.organisationId, code: 'G', name: 'Grow revenue', weight: 3 });
      ids.efficiency = await post('/api/v1/objectives', { organisationId: h.organisationId, code: 'E', name: 'Cut cost', weight: 1 });
      await post(`/api/v1/projects/${ids.a}/contributions`, { objectiveId: ids.growth, weight: 100 });
      await post(`/api/v1/projects/${ids.b}/contributions`, { objectiveId: ids.efficiency, weight: 100 });
      await post('/api/v1/risks', { scopeType: 'project', scopeId: ids.a, title: 'Supplier fails', probability: 4, impact: 5 });
      await post('/api/v1/risks', { scopeType: 'project', scopeId: ids.a, kind: 'opportunity', title: 'Early grant', probability: 3, impact: 3 });
      pfMgr = await h.userWith([{ role: 'portfolio-manager', scopeType: 'portfolio', scopeId: ids.pf }], 'Flo Portfolio');
      coordinator = await h.userWith([{ role: 'pmo-coordinator', scopeType: 'portfolio', scopeId: ids.pf }], 'Cole Coordinator');
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.a }], 'Pat Manager');
      member = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.b }], 'Tom Member');
    });
    afterAll(() => h.close());

    it('refuses a model whose weights do not sum to a positive number, naming the field, and saves nothing', async () => {
      const res = await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, { name: 'Zero', criteria: CRITERIA.map((c) => ({ ...c, weight: 0 })) });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues).toEqual([{ field: 'criteria', reason: 'the weights must sum to a positive number' }]);
      const bad = await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, {
        name: 'Bad',
        criteria: [...CRITERIA, { id: 'npv', name: 'Again', min: 0, max: 1 }],
        weighting: 'pairwise',
        pairwise: [{ a: 'npv', b: 'risk', value: 20 }],
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues.map((i: { field: string }) => i.field)).toEqual(['criteria.4.id', 'pairwise.0.value']);
      expect(ok<{ items: unknown[] }>(await admin.get(`/api/v1/portfolios/${ids.pf}/scoring-models`)).items).toEqual([]);
    });

    it('a portfolio manager defines a model; the weights are scaled to sum to 1', async () => {
      model = ok<Model>(await pfMgr.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, { name: 'Investment committee 2027', criteria: CRITERIA }), 201);
      expect(model.effectiveWeights).toEqual([0.4, 0.2, 0.2, 0.2]);
      expect(model.consistency).toBeNull();
      expect((await pm.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, { name: 'Mine', criteria: CRITERIA })).statusCode).toBe(403);
      expect((await coordinator.post(`/api/v1/portfolios/${ids.pf}/scoring-models`, { name: 'Mine', criteria: CRITERIA })).statusCode).toBe(403);
    });

    it('values are entered per project; a value off the scale names its field and changes nothing', async () => {
      ok(await score(coordinator, ids.a, { version: 0, values: { npv: 6, risk: 4, urgency: 5 } }));
      ok(await score(pfMgr, ids.b, { version: 0, values: { npv: 9, risk: 2, urgency: 8 }, note: 'Business case v2' }));
      const c = ok<{ version: number }>(await score(coordinator, ids.c, { version: 0, values: { npv: 2 } }));
      const bad = await score(coordinator, ids.c, { version: c.version, values: { npv: 12, fit: 50 } });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues).toEqual([
        { field: 'values.npv', reason: "12 is above the scale's maximum (10 £m)" },
        { field: 'values.fit', reason: 'is computed from strategic alignment and cannot be entered' },
      ]);
      const sheet = ok<{ values: Record<string, number>; version: number }>(await admin.get(`/api/v1/scoring-models/${model.id}/scores/${ids.c}`));
      expect(sheet).toMatchObject({ values: { npv: 2 }, version: 1 });
    });

    it('a stale score sheet is a conflict carrying the current values, never a silent overwrite', async () => {
      const res = await score(pfMgr, ids.c, { version: 0, values: { npv: 3 } });
      expect(res.statusCode).toBe(409);
      expect(res.json().current.values).toEqual({ npv: 2 });
    });

    it('only those who may score do: a project manager cannot score their own project; a project of another portfolio is refused', async () => {
      expect((await score(pm, ids.a, { version: 1, values: { npv: 10 } })).statusCode).toBe(403);
      const other = await score(admin, ids.x, { version: 0, values: { npv: 1 } });
      expect(other.statusCode).toBe(422);
      expect(other.json().issues).toEqual([{ field: 'projectId', reason: 'belongs to another portfolio than the scoring model' }]);
    });

    it('ranks the open projects with scores worked out by hand, alignment from the objective tree, and why each is above the next', async () => {
      const { rows } = await ranking(pfMgr);
      // B: npv .4×.9 = 36, risk .2×.75 = 15, urgency .2×.8 = 16, fit .2×(Cut cost ¼ ÷ Grow revenue ¾ = ⅓) = 6.67 → 73.67
      // A: 24 + 5 + 10 + 20 (serves the heaviest objective fully) = 59; C: npv 8, nothing else → 8 (D is completed)
      expect(rows.map((r) => [r.code, r.rank])).toEqual([
        ['B', 1],
        ['A', 2],
        ['C', 3],
      ]);
      expect(rows[0]!.score).toBeCloseTo(73.6667, 3);
      expect(rows[1]!.score).toBeCloseTo(59, 9);
      expect(rows[2]!.score).toBeCloseTo(8, 9);
      expect(rows[2]!.completeness).toBeCloseTo(0.6, 9);
      expect(rows[1]!.parts.find((p) => p.criterionId === 'fit')).toMatchObject({ value: 100, points: 20 });
      const gap = rows[0]!.gapToNext!;
      expect(gap.points).toBeCloseTo(14.6667, 3);
      expect(gap.parts.map((p) => [p.criterionId, Math.round(p.points * 100) / 100])).toEqual([
        ['fit', -13.33],
        ['npv', 12],
        ['risk', 10],
        ['urgency', 6],
      ]);
      expect(rows[2]!.gapToNext).toBeNull();
      expect(rows[1]).toMatchObject({ riskExposure: 20, openRisks: 1 });
      expect((await ranking(admin, '?include=all')).rows.map((r) => r.code)).toEqual(['B', 'A', 'C', 'D']);
    });

    it('shows a member only the projects they can see', async () => {
      expect((await ranking(member)).rows.map((r) => r.code)).toEqual(['B']);
    });

    it('pairwise weighting: inconsistent comparisons are warned, not refused, and the weights follow the comparisons', async () => {
      const res = await pfMgr.request('PUT', `/api/v1/scoring-models/${model.id}`, {
        version: model.version,
        name: 'Investment committee 2027',
        criteria: CRITERIA,
        weighting: 'pairwise',
        pairwise: [
          { a: 'npv', b: 'risk', value: 9 },
          { a: 'risk', b: 'urgency', value: 9 },
          { a: 'urgency', b: 'npv', value: 9 },
          { a: 'npv', b: 'fit', value: 1 },
          { a: 'risk', b: 'fit', value: 1 },
          { a: 'urgency', b: 'fit', value: 1 },
        ],
      });
      const updated = ok<Model>(res);
      expect(updated.consistency!.consistencyRatio).toBeGreaterThan(0.1);
      expect(updated.warnings[0]).toMatch(/^The pairwise comparisons are inconsistent/);
      expect(updated.effectiveWeights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      const stale = await pfMgr.request('PUT', `/api/v1/scoring-models/${model.id}`, { version: model.version, name: 'Lost', criteria: CRITERIA });
      expect(stale.statusCode).toBe(409);
      model = updated;
      const consistent = ok<Model>(
        await pfMgr.request('PUT', `/api/v1/scoring-models/${model.id}`, {
          version: model.version,
          name: 'Investment committee 2027',
          criteria: CRITERIA,
          weighting: 'pairwise',
          pairwise: [
            { a: 'npv', b: 'risk', value: 2 },
            { a: 'npv', b: 'urgency', value: 2 },
            { a: 'npv', b: 'fit', value: 2 },
            { a: 'risk', b: 'urgency', value: 1 },
            { a: 'risk', b: 'fit', value: 1 },
            { a: 'urgency', b: 'fit', value: 1 },
          ],
        }),
      );
      consistent.effectiveWeights.forEach((w, i) => expect(w).toBeCloseTo([0.4, 0.2, 0.2, 0.2][i]!, 12));
      expect(consistent.warnings).toEqual([]);
      model = consistent;
    });

    it('audits model changes with before and after', async () => {
      const audit = ok<{ items: { action: string; recordType: string; changes: { field: string }[] }[] }>(await admin.get(`/api/v1/audit?recordId=${model.id}`));
      expect(audit.items.map((e) => e.action).sort()).toEqual(['create', 'update', 'update']);
      expect(audit.items.some((e) => e.changes.some((c) => c.field === 'weighting'))).toBe(true);
    });

    it("deleting a project removes its values; deleting the model removes everyone's", async () => {
      const c = ok<{ version: number }>(await admin.get(`/api/v1/projects/${ids.c}`));
      expect((await admin.delete(`/api/v1/projects/${ids.c}?version=${c.version}`)).statusCode).toBe(204);
      expect((await ranking()).rows.map((r) => r.code)).toEqual(['B', 'A']);
      expect((await pfMgr.delete(`/api/v1/scoring-models/${model.id}?version=${model.version}`)).statusCode).toBe(204);
      expect((await admin.get(`/api/v1/scoring-models/${model.id}`)).statusCode).toBe(404);
      const left = await h.store.db.selectFrom('projectScore').select('id').execute();
      expect(left).toEqual([]);
    });
  });
}
