import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Risk = { id: string; ref: string; score: number; band: string; escalation: { reason: string } | null; version: number; status: string; issueId: string | null; scopeCode: string; staleReview: boolean; overdueActions: number; openActions: number; actions?: { id: string; title: string; overdue: boolean; version: number }[] };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] the RAID registers through the API`, () => {
    let h: Harness;
    let admin: Client;
    let pm: Client;
    let ids: Record<string, string>;
    let now = new Date('2026-03-02T09:00:00Z');
    const risk = (body: object) => pm.post('/api/v1/risks', { scopeType: 'project', scopeId: ids.alpha, ...body });
    /** Moves the clock (sessions expire with it, so both people sign in again). */
    const advance = async (to: string) => {
      now = new Date(to);
      admin = await h.userWith([{ role: 'administrator' }]);
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.alpha }]);
    };
    const list = async (query: string) => (await admin.get(`/api/v1/risks?${query}`)).json() as { items: Risk[]; nextCursor: string | null };

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => now });
      admin = await h.userWith([{ role: 'administrator' }]);
      const post = async (url: string, body: object) => {
        const res = await admin.post(url, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      ids = {};
      ids.pf = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NET', name: 'Network' });
      ids.prog = await post('/api/v1/programmes', { portfolioId: ids.pf, code: 'GRID', name: 'Grid modernisation' });
      ids.alpha = await post('/api/v1/projects', { programmeId: ids.prog, code: 'ALPHA', name: 'Substation Alpha', plannedStart: '2026-03-02' });
      ids.beta = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'BETA', name: 'Billing Beta', plannedStart: '2026-03-02' });
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.alpha }]);
      const task = await pm.post(`/api/v1/projects/${ids.alpha}/schedule/tasks`, { name: 'Commission transformer', durationMinutes: 5 * 480 });
      expect(task.statusCode, task.body).toBe(201);
      ids.alphaTask = task.json().record.id;
      const betaTask = await admin.post(`/api/v1/projects/${ids.beta}/schedule/tasks`, { name: 'Cut over billing', durationMinutes: 480 });
      ids.betaTask = betaTask.json().record.id;
    });
    afterAll(() => h.close());

    it('raises a risk with its actions, scored and banded on the default 5×5 matrix, numbered in the organisation', async () => {
      const res = await risk({
        title: 'Transformer delivered late',
        cause: 'Single supplier with a full order book',
        event: 'Delivery slips past the outage window',
        effect: 'Commissioning moves to the next outage, three months later',
        probability: 3,
        impact: 4,
        responseStrategy: 'reduce',
        response: 'Expedite and inspect at the factory',
        quantification: { probability: 0.4, schedule: [{ taskId: ids.alphaTask, min: 5, mode: 10, max: 30 }], cost: { min: 100_000, mode: 250_000, max: 900_000 } },
        actions: [{ title: 'Book a factory inspection', due: '2026-03-20' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const r = res.json() as Risk;
      expect(r).toMatchObject({ ref: 'R-1', score: 12, band: 'High', status: 'open', scopeCode: 'ALPHA', openActions: 1, overdueActions: 0, escalation: null });
      expect(r.actions!.map((a) => a.title)).toEqual(['Book a factory inspection']);
      const audit = (await admin.get(`/api/v1/audit?recordId=${r.id}`)).json();
      expect(audit.items[0]).toMatchObject({ action: 'create', recordType: 'risk' });
    });

    it('refuses bad ratings, responses and estimates by field, storing nothing', async () => {
      const before = (await list(`scopeType=project&scopeId=${ids.alpha}`)).items.length;
      const cases: [object, RegExp][] = [
        [{ probability: 6, impact: 2 }, /^probability: must be a level from 1 to 5/],
        [{ probability: 2, impact: 2, residualProbability: 1 }, /residualImpact|residualProbability/],
        [{ probability: 2, impact: 2, responseStrategy: 'exploit' }, /^responseStrategy: exploit is a response to an opportunity/],
        [{ probability: 2, impact: 2, quantification: { probability: 1.5 } }, /^quantification.probability: must be between 0 and 1/],
        [{ probability: 2, impact: 2, quantification: { probability: 0.5, cost: { min: 10, mode: 5, max: 20 } } }, /^quantification.cost: must have min ≤ mode ≤ max/],
        [{ probability: 2, impact: 2, quantification: { probability: 0.5, schedule: [{ taskId: ids.betaTask, min: 1, mode: 2, max: 3 }] } }, /^quantification.schedule.0.taskId: is not a task of ALPHA's plan/],
      ];
      for (const [body, detail] of cases) {
        const res = await risk({ title: 'Bad', ...body });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().detail).toMatch(detail);
      }
      expect((await list(`scopeType=project&scopeId=${ids.alpha}`)).items.length).toBe(before);
    });

    it('lets a team member raise a risk but not rate or close it; a viewer may not raise one', async () => {
      const member = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.alpha }]);
      const raised = await member.post('/api/v1/risks', { scopeType: 'project', scopeId: ids.alpha, title: 'Crane hire unavailable', probability: 2, impact: 2 });
      expect(raised.statusCode, raised.body).toBe(201);
      const r = raised.json() as Risk;
      expect((await member.patch(`/api/v1/risks/${r.id}`, { version: r.version, status: 'closed' })).statusCode).toBe(403);
      const viewer = await h.userWith([{ role: 'viewer', scopeType: 'project', scopeId: ids.alpha }]);
      expect((await viewer.post('/api/v1/risks', { scopeType: 'project', scopeId: ids.alpha, title: 'x', probability: 1, impact: 1 })).statusCode).toBe(403);
      const outsider = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.beta }]);
      expect((await outsider.get(`/api/v1/risks/${r.id}`)).statusCode).toBe(404);
      // A project's people see their portfolio's name, not the portfolio's own register.
      const portfolioRisk = (await admin.post('/api/v1/risks', { scopeType: 'portfolio', scopeId: ids.pf, title: 'Funding round slips', probability: 2, impact: 2 })).json() as Risk;
      expect((await outsider.get(`/api/v1/risks/${portfolioRisk.id}`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/v1/risks?scopeType=portfolio&scopeId=${ids.pf}`)).json().items).toEqual([]);
      expect((await admin.delete(`/api/v1/risks/${portfolioRisk.id}?version=1`)).statusCode).toBe(204);
    });

    it('escalates by the rule (score or proximity) and by hand to the programme and portfolio, each level showing its own and the escalated', async () => {
      const severe = (await risk({ title: 'Outage window cancelled', probability: 4, impact: 5 })).json() as Risk;
      const near = (await risk({ title: 'Permit expires', probability: 1, impact: 2, proximity: '2026-03-10' })).json() as Risk;
      const byHand = (await risk({ title: 'Union ballot', probability: 1, impact: 1, escalate: true })).json() as Risk;
      const own = (await admin.post('/api/v1/risks', { scopeType: 'programme', scopeId: ids.prog, title: 'Regulator changes the price control', probability: 2, impact: 3 })).json() as Risk;
      expect(severe.escalation?.reason).toMatch(/score 20 is at or above 16/);
      expect(near.escalation?.reason).toMatch(/proximity 2026-03-10 is within 14 days/);
      expect(byHand.escalation?.reason).toBe('escalated by hand');

      const atProgramme = await list(`scopeType=programme&scopeId=${ids.prog}&sort=ref`);
      expect(atProgramme.items.map((r) => r.id)).toEqual([severe.id, near.id, byHand.id, own.id]);
      const escalatedOnly = await list(`scopeType=programme&scopeId=${ids.prog}&include=escalated&sort=ref`);
      expect(escalatedOnly.items.map((r) => r.id)).toEqual([severe.id, near.id, byHand.id]);
      const atPortfolio = await list(`scopeType=portfolio&scopeId=${ids.pf}&sort=ref`);
      expect(atPortfolio.items.map((r) => r.id)).toEqual([severe.id, near.id, byHand.id]);
      const projectOwn = await list(`scopeType=project&scopeId=${ids.alpha}&include=own&sort=-score&limit=2`);
      expect(projectOwn.items[0]!.id).toBe(severe.id);
      expect(projectOwn.nextCursor).not.toBeNull();

      // Closing takes a risk off the levels above.
      const closed = await pm.patch(`/api/v1/risks/${byHand.id}`, { version: byHand.version, status: 'closed', note: 'ballot withdrawn' });
      expect(closed.statusCode, closed.body).toBe(200);
      expect((await list(`scopeType=portfolio&scopeId=${ids.pf}`)).items.map((r) => r.id)).not.toContain(byHand.id);
    });

    it('draws the heat map before and after response, and filters by band', async () => {
      const map = (await admin.get(`/api/v1/risks/heat-map?scopeType=project&scopeId=${ids.alpha}`)).json();
      expect(map.probabilityLabels).toHaveLength(5);
      const cell = (p: number, i: number) => map.rows[5 - p][i - 1];
      expect(cell(4, 5)).toMatchObject({ score: 20, band: 'Critical', count: 1 });
      expect(cell(3, 4)).toMatchObject({ count: 1 });
      const r1 = (await list(`scopeType=project&scopeId=${ids.alpha}&q=Transformer`)).items[0]!;
      const rated = await pm.patch(`/api/v1/risks/${r1.id}`, { version: r1.version, residualProbability: 1, residualImpact: 4 });
      expect(rated.statusCode, rated.body).toBe(200);
      const residual = (await admin.get(`/api/v1/risks/heat-map?scopeType=project&scopeId=${ids.alpha}&residual=true`)).json();
      expect(residual.rows[4][3]).toMatchObject({ probability: 1, impact: 4, count: 1, riskIds: [r1.id] });
      expect(residual.unrated).toBeGreaterThan(0);
      const inCell = await list(`scopeType=project&scopeId=${ids.alpha}&probability=1&impact=4&residual=true`);
      expect(inCell.items.map((r) => r.id)).toEqual([r1.id]);
      const critical = await list(`scopeType=project&scopeId=${ids.alpha}&band=Critical`);
      expect(critical.items.map((r) => r.band)).toEqual(['Critical']);
      const bad = await admin.get(`/api/v1/risks?scopeType=project&scopeId=${ids.alpha}&band=Scary`);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().detail).toMatch(/^band: is not a band/);
    });

    it('keeps each review in the history and shows exposure falling over time', async () => {
      const r1 = (await list(`scopeType=project&scopeId=${ids.alpha}&q=Transformer`)).items[0]!;
      await advance('2026-03-16T09:00:00Z');
      const res = await pm.patch(`/api/v1/risks/${r1.id}`, { version: r1.version, probability: 2, note: 'factory inspection passed' });
      expect(res.statusCode, res.body).toBe(200);
      const history = (await admin.get(`/api/v1/risks/${r1.id}/history`)).json().items;
      expect(history.map((x: { score: number; note: string }) => [x.score, x.note])).toEqual([
        [12, 'raised'],
        [12, 'rating or status changed'],
        [8, 'factory inspection passed'],
      ]);
      const trend = (await admin.get(`/api/v1/risks/trend?scopeType=project&scopeId=${ids.alpha}&from=2026-03-01&to=2026-03-16&stepDays=7`)).json();
      expect(trend.points.map((p: { date: string }) => p.date)).toEqual(['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-16']);
      expect(trend.points[0].open).toBe(0);
      const [, week1, , last] = trend.points;
      expect(last.exposure).toBe(week1.exposure - 4);
    });

    it('flags overdue actions and stale reviews', async () => {
      await advance('2026-04-20T09:00:00Z');
      const r1 = (await list(`scopeType=project&scopeId=${ids.alpha}&q=Transformer`)).items[0]!;
      expect(r1).toMatchObject({ overdueActions: 1, staleReview: true });
      const detail = (await admin.get(`/api/v1/risks/${r1.id}`)).json() as Risk;
      expect(detail.actions![0]!.overdue).toBe(true);
      const done = await pm.patch(`/api/v1/raid-actions/${detail.actions![0]!.id}`, { version: detail.actions![0]!.version, doneOn: '2026-03-14' });
      expect(done.statusCode, done.body).toBe(200);
      const reviewed = await pm.patch(`/api/v1/risks/${r1.id}`, { version: detail.version, reviewed: true });
      expect(reviewed.json()).toMatchObject({ overdueActions: 0, staleReview: false, reviewedOn: '2026-04-20' });
    });

    it('turns a risk that happened into an issue with one action, keeping both histories', async () => {
      const r = (await list(`scopeType=project&scopeId=${ids.alpha}&q=Outage`)).items[0]!;
      const res = await pm.post(`/api/v1/risks/${r.id}/occurred`, { version: r.version, action: { title: 'Negotiate a new outage window', due: '2026-05-01' } });
      expect(res.statusCode, res.body).toBe(201);
      const { risk: after, issueId } = res.json() as { risk: Risk; issueId: string };
      expect(after).toMatchObject({ status: 'occurred', issueId, escalation: null });
      const issue = (await admin.get(`/api/v1/issues/${issueId}`)).json();
      expect(issue).toMatchObject({ ref: 'I-1', riskId: r.id, severity: 5, status: 'open', title: 'Outage window cancelled', scopeCode: 'ALPHA' });
      expect(issue.actions.map((a: { title: string }) => a.title)).toEqual(['Negotiate a new outage window']);
      expect(issue.escalation.reason).toMatch(/score 25/);
      const again = await pm.post(`/api/v1/risks/${r.id}/occurred`, { version: after.version, action: { title: 'x' } });
      expect(again.statusCode).toBe(422);
      expect(again.json().detail).toMatch(/already occurred/);
      expect((await pm.delete(`/api/v1/risks/${r.id}?version=${after.version}`)).statusCode).toBe(409);
      expect((await pm.delete(`/api/v1/issues/${issueId}?version=${issue.version}`)).statusCode).toBe(409);
      const history = (await admin.get(`/api/v1/risks/${r.id}/history`)).json().items;
      expect(history[history.length - 1]).toMatchObject({ status: 'occurred', note: 'occurred: became I-1' });
    });

    it('resolves an issue only with a resolution, and refuses a stale update', async () => {
      const created = await pm.post('/api/v1/issues', { scopeType: 'project', scopeId: ids.alpha, title: 'Cable drum damaged', severity: 2, due: '2026-04-30' });
      expect(created.statusCode, created.body).toBe(201);
      const issue = created.json();
      const noReason = await pm.patch(`/api/v1/issues/${issue.id}`, { version: issue.version, status: 'resolved' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().detail).toMatch(/^resolution: must say how/);
      const ok = await pm.patch(`/api/v1/issues/${issue.id}`, { version: issue.version, status: 'resolved', resolution: 'Replaced from stock' });
      expect(ok.statusCode, ok.body).toBe(200);
      const stale = await pm.patch(`/api/v1/issues/${issue.id}`, { version: issue.version, title: 'Something else' });
      expect(stale.statusCode).toBe(409);
      const issues = (await admin.get(`/api/v1/issues?scopeType=project&scopeId=${ids.alpha}&status=resolved`)).json();
      expect(issues.items.map((i: { title: string }) => i.title)).toEqual(['Cable drum damaged']);
    });

    it('logs assumptions, dependencies between projects, and decisions, each escalating and checked like risks', async () => {
      const a = await pm.post('/api/v1/assumptions', { scopeType: 'project', scopeId: ids.alpha, title: 'The outage window stays in May', due: '2026-05-01' });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({ ref: 'A-1', status: 'unvalidated', escalation: { reason: '2026-05-01 is within 14 days' } });
      const unproven = await pm.patch(`/api/v1/assumptions/${a.json().id}`, { version: 1, status: 'invalid' });
      expect(unproven.statusCode).toBe(422);
      expect(unproven.json().detail).toMatch(/^outcome: must say what validation found/);
      const validated = await pm.patch(`/api/v1/assumptions/${a.json().id}`, { version: 1, status: 'valid', outcome: 'Grid operator confirmed in writing' });
      expect(validated.json()).toMatchObject({ status: 'valid', escalation: null });

      const gamma = (await admin.post('/api/v1/projects', { programmeId: ids.prog, code: 'GAMMA', name: 'Metering Gamma', plannedStart: '2026-03-02' })).json().id;
      const wrongTask = await pm.post('/api/v1/dependencies', { scopeType: 'project', scopeId: ids.alpha, title: 'Meters fitted', direction: 'inbound', otherProjectId: gamma, otherTaskId: ids.alphaTask });
      expect(wrongTask.statusCode).toBe(422);
      expect(wrongTask.json().detail).toMatch(/^otherTaskId: is not a task of the other project’s plan/);
      const self = await pm.post('/api/v1/dependencies', { scopeType: 'project', scopeId: ids.alpha, title: 'x', direction: 'inbound', otherProjectId: ids.alpha });
      expect(self.json().detail).toMatch(/^otherProjectId: is the project the dependency is raised in/);
      const dep = await pm.post('/api/v1/dependencies', { scopeType: 'project', scopeId: ids.alpha, title: 'Smart meters fitted before commissioning', direction: 'inbound', otherProjectId: gamma, ownTaskId: ids.alphaTask, due: '2026-09-01' });
      expect(dep.statusCode, dep.body).toBe(201);
      expect(dep.json()).toMatchObject({ ref: 'DEP-1', otherProjectCode: 'GAMMA', escalation: null });
      const atRisk = await pm.patch(`/api/v1/dependencies/${dep.json().id}`, { version: 1, status: 'at-risk' });
      expect(atRisk.json().escalation.reason).toBe('the dependency is at-risk');
      const atProgramme = (await admin.get(`/api/v1/dependencies?scopeType=programme&scopeId=${ids.prog}&include=escalated`)).json();
      expect(atProgramme.items.map((d: { ref: string }) => d.ref)).toEqual(['DEP-1']);

      const dec = await pm.post('/api/v1/decisions', { scopeType: 'project', scopeId: ids.alpha, title: 'Which transformer supplier?', options: ['Stay with Volta', 'Dual-source with Amperis'], links: [{ type: 'dependency', id: dep.json().id }] });
      expect(dec.statusCode, dec.body).toBe(201);
      const half = await pm.patch(`/api/v1/decisions/${dec.json().id}`, { version: 1, status: 'decided', decision: 'Dual-source' });
      expect(half.statusCode).toBe(422);
      expect(half.json().issues.map((i: { field: string }) => i.field)).toEqual(['rationale', 'decidedBy', 'decidedOn']);
      const decided = await pm.patch(`/api/v1/decisions/${dec.json().id}`, { version: 1, status: 'decided', decision: 'Dual-source', rationale: 'Halves the delivery risk for 4% more cost', decidedBy: 'Project board', decidedOn: '2026-04-20' });
      expect(decided.json()).toMatchObject({ ref: 'DEC-1', status: 'decided', options: ['Stay with Volta', 'Dual-source with Amperis'] });
      expect((await pm.delete(`/api/v1/decisions/${dec.json().id}?version=2`)).statusCode).toBe(409);
      const log = (await admin.get(`/api/v1/decisions?scopeType=project&scopeId=${ids.alpha}&status=decided`)).json();
      expect(log.items.map((d: { title: string }) => d.title)).toEqual(['Which transformer supplier?']);
    });

    it('lets the PMO change the matrix, refusing a scale that would strand existing ratings', async () => {
      const m = (await admin.get(`/api/v1/organisations/${h.organisationId}/risk-matrix`)).json();
      expect(m.version).toBe(0);
      const { organisationId: _o, version: _v, ...matrix } = m;
      expect((await pm.request('PUT', `/api/v1/organisations/${h.organisationId}/risk-matrix`, { ...matrix, version: 0 })).statusCode).toBe(403);
      const four = { ...matrix, probability: matrix.probability.slice(0, 4), impact: matrix.impact.slice(0, 4), bands: matrix.bands.slice(0, 3), escalation: { scoreAtLeast: 12, proximityDays: 7 }, version: 0 };
      const refused = await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/risk-matrix`, four);
      expect(refused.statusCode).toBe(422);
      // R-3 (impact 5) and the issue it became (severity 5) would fall off the scale.
      expect(refused.json().detail).toMatch(/^impact: has 4 levels but 2 ratings are above level 4/);
      const badBands = await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/risk-matrix`, { ...matrix, bands: [{ name: 'Low', minScore: 2, colour: '#00ff00' }], version: 0 });
      expect(badBands.json().detail).toMatch(/^bands.0.minScore: must be 1/);
      const saved = await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/risk-matrix`, { ...matrix, escalation: { scoreAtLeast: 25, proximityDays: null }, version: 0 });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().version).toBe(1);
      expect((await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/risk-matrix`, { ...matrix, version: 0 })).statusCode).toBe(409);
      // The new rule applies at once: the permit risk is no longer escalated by proximity.
      const atPortfolio = await list(`scopeType=portfolio&scopeId=${ids.pf}`);
      expect(atPortfolio.items.map((r) => r.ref)).toEqual([]);
    });

    it('deletes a project with its risks and issues, each deletion audited', async () => {
      const r = (await admin.post('/api/v1/risks', { scopeType: 'project', scopeId: ids.beta, title: 'Data migration fails', probability: 2, impact: 2, actions: [{ title: 'Dry run' }] })).json() as Risk;
      const i = (await admin.post('/api/v1/issues', { scopeType: 'project', scopeId: ids.beta, title: 'Test data missing', severity: 1 })).json();
      const v = (await admin.get(`/api/v1/projects/${ids.beta}`)).json().version;
      const res = await admin.delete(`/api/v1/projects/${ids.beta}?version=${v}`);
      expect(res.statusCode, res.body).toBe(204);
      expect((await admin.get(`/api/v1/risks/${r.id}`)).statusCode).toBe(404);
      expect((await admin.get(`/api/v1/issues/${i.id}`)).statusCode).toBe(404);
      const audit = (await admin.get(`/api/v1/audit?recordId=${r.id}`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toContain('delete');
    });
  });
}
