import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

type Step = { step: string; fromStatus: string; toStatus: string; actorName: string; note: string };
type CR = {
  id: string;
  ref: string;
  status: string;
  version: number;
  scheduleImpactDays: number;
  authority: string | null;
  authorityReason: string | null;
  budgetBefore: number | null;
  budgetAfter: number | null;
  baselineNumber: number | null;
  decisionId: string | null;
  allowedSteps: string[];
  steps: Step[];
};

for (const dialect of DIALECTS) {
  describe(`[${dialect}] change control through the API`, () => {
    let h: Harness;
    let admin: Client;
    let member: Client;
    let pm: Client;
    let sponsor: Client;
    let progMgr: Client;
    let pfMgr: Client;
    let viewer: Client;
    const ids = {} as Record<'pf' | 'prog' | 'alpha' | 'beta' | 'design' | 'build' | 'paint' | 'betaTask' | 'cr1', string>;
    const MINUTES_PER_DAY = 480;

    const cr = async (c: Client, id: string) => (await c.get(`/api/v1/change-requests/${id}`)).json() as CR;
    const step = async (c: Client, id: string, body: { step: string; note?: string; baselineNumber?: number }, version?: number) =>
      c.post(`/api/v1/change-requests/${id}/steps`, { version: version ?? (await cr(admin, id)).version, ...body });
    const ok = <T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as T;
    };
    const plan = async () => (await admin.get(`/api/v1/projects/${ids.alpha}/schedule`)).json() as { plan: { computedFinish: string }; tasks: { id: string; durationMinutes: number; version: number }[]; baselines: { number: number; name: string; projectFinish: string }[] };
    const budget = async (project: string) => ((await admin.get(`/api/v1/projects/${project}`)).json() as { budget: number | null }).budget;
    const count = async () => ((await admin.get(`/api/v1/change-requests?scopeType=organisation&scopeId=${h.organisationId}&limit=500`)).json() as { items: unknown[] }).items.length;

    beforeAll(async () => {
      h = await startHarness(dialect, { clock: () => new Date('2026-03-02T09:00:00Z') });
      admin = await h.userWith([{ role: 'administrator' }], 'Ada Admin');
      const post = async (url: string, body: object) => ok<{ id: string }>(await admin.post(url, body), 201).id;
      ids.pf = await post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'NET', name: 'Network' });
      ids.prog = await post('/api/v1/programmes', { portfolioId: ids.pf, code: 'GRID', name: 'Grid modernisation' });
      ids.alpha = await post('/api/v1/projects', { programmeId: ids.prog, code: 'ALPHA', name: 'Substation Alpha', plannedStart: '2026-03-02', budget: 100_000_000 });
      ids.beta = await post('/api/v1/projects', { portfolioId: ids.pf, code: 'BETA', name: 'Billing Beta', plannedStart: '2026-03-02' });
      const task = async (project: string, name: string, days: number) => ok<{ record: { id: string } }>(await admin.post(`/api/v1/projects/${project}/schedule/tasks`, { name, durationMinutes: days * MINUTES_PER_DAY }), 201).record.id;
      ids.design = await task(ids.alpha, 'Design', 5);
      ids.build = await task(ids.alpha, 'Build', 10);
      ids.paint = await task(ids.alpha, 'Paint the fence', 2);
      ids.betaTask = await task(ids.beta, 'Cut over billing', 1);
      ok(await admin.post(`/api/v1/projects/${ids.alpha}/schedule/links`, { predecessorId: ids.design, successorId: ids.build }), 201);
      member = await h.userWith([{ role: 'team-member', scopeType: 'project', scopeId: ids.alpha }], 'Tom Member');
      pm = await h.userWith([{ role: 'project-manager', scopeType: 'project', scopeId: ids.alpha }], 'Pat Manager');
      sponsor = await h.userWith([{ role: 'sponsor', scopeType: 'project', scopeId: ids.alpha }], 'Sam Sponsor');
      progMgr = await h.userWith([{ role: 'programme-manager', scopeType: 'programme', scopeId: ids.prog }], 'Gil Programme');
      pfMgr = await h.userWith([{ role: 'portfolio-manager', scopeType: 'portfolio', scopeId: ids.pf }], 'Flo Portfolio');
      viewer = await h.userWith([{ role: 'viewer', scopeType: 'project', scopeId: ids.alpha }], 'Vic Viewer');
    });
    afterAll(() => h.close());

    it('a team member raises a draft; its schedule impact is worked out by the engine from its task changes', async () => {
      const before = await plan();
      const res = ok<CR>(
        await member.post('/api/v1/change-requests', {
          projectId: ids.alpha,
          title: 'Add a second transformer bay',
          description: 'Build a second bay beside the first',
          costImpact: 5_000_000,
          scheduleImpactDays: 99,
          taskChanges: [{ taskId: ids.build, days: 3 }],
        }),
        201,
      );
      ids.cr1 = res.id;
      expect(res).toMatchObject({ ref: 'CR-1', status: 'draft', scheduleImpactDays: 3, authority: null, allowedSteps: ['submit'] });
      const forecast = ok<{ finishBefore: string; finishAfter: string; scheduleImpactDays: number }>(await viewer.get(`/api/v1/change-requests/${ids.cr1}/forecast`));
      expect(forecast).toMatchObject({ finishBefore: before.plan.computedFinish, scheduleImpactDays: 3 });
      expect(forecast.finishAfter > forecast.finishBefore).toBe(true);
      // A task off the critical path moves nothing until its slack is used up.
      const off = ok<CR>(await member.patch(`/api/v1/change-requests/${ids.cr1}`, { version: res.version, taskChanges: [{ taskId: ids.build, days: 3 }, { taskId: ids.paint, days: 4 }] }));
      expect(off.scheduleImpactDays).toBe(3);
      expect((await plan()).tasks.find((t) => t.id === ids.build)!.durationMinutes).toBe(10 * MINUTES_PER_DAY);
    });

    it('refuses bad requests by field and by role, storing nothing', async () => {
      const before = await count();
      const cases: [Client, object, number, RegExp][] = [
        [member, { taskChanges: [{ taskId: ids.betaTask, days: 2 }] }, 422, /^taskChanges\.0\.taskId: is not a task of this project’s plan/],
        [member, { taskChanges: [{ taskId: ids.design, days: -6 }] }, 422, /^taskChanges\.0\.days: would make Design’s duration negative \(it is 5 days\)/],
        [member, { taskChanges: [{ taskId: ids.design, days: 0 }] }, 422, /^taskChanges\.0\.days: must not be 0/],
        [member, { costImpact: 1.5 }, 422, /^costImpact: must be a whole number of minor units/],
        [member, { links: [{ type: 'risk', id: ids.design }] }, 422, /^links\.0\.id: is not a risk of this organisation/],
        [viewer, {}, 403, /change:raise/],
      ];
      for (const [who, body, status, detail] of cases) {
        const res = await who.post('/api/v1/change-requests', { projectId: ids.alpha, title: 'Bad', ...body });
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().detail).toMatch(detail);
      }
      expect(await count()).toBe(before);
    });

    it('submission needs what and why; assessment needs every impact, and sends the request to the board the PMO’s thresholds name', async () => {
      const submit = await step(member, ids.cr1, { step: 'submit' });
      expect(submit.statusCode, submit.body).toBe(422);
      expect(submit.json().detail).toBe('reason: must be written before it is submitted');
      let c = ok<CR>(await member.patch(`/api/v1/change-requests/${ids.cr1}`, { version: (await cr(admin, ids.cr1)).version, reason: 'The regulator requires N-1 redundancy' }));
      c = ok<CR>(await step(member, ids.cr1, { step: 'submit' }));
      expect(c).toMatchObject({ status: 'submitted', allowedSteps: ['withdraw'] });

      expect((await step(member, ids.cr1, { step: 'assess' })).statusCode).toBe(403);
      const early = await step(pm, ids.cr1, { step: 'assess' });
      expect(early.statusCode).toBe(422);
      expect(early.json().issues.map((i: { field: string }) => i.field)).toEqual(['scopeImpact', 'benefitsImpact', 'riskImpact']);
      const locked = await pm.patch(`/api/v1/change-requests/${ids.cr1}`, { version: c.version, title: 'Renamed' });
      expect(locked.statusCode).toBe(422);
      expect(locked.json().detail).toMatch(/^title: is fixed once the request is submitted/);
      c = ok<CR>(await pm.patch(`/api/v1/change-requests/${ids.cr1}`, { version: c.version, scopeImpact: 'One more bay', benefitsImpact: 'Meets N-1', riskImpact: 'Retires R-4', taskChanges: [{ taskId: ids.build, days: 3 }] }));
      c = ok<CR>(await step(pm, ids.cr1, { step: 'assess' }));
      expect(c).toMatchObject({ status: 'assessed', authority: 'programme', authorityReason: 'cost is 5% of the budget, above the project board’s 2%' });
      expect(c.steps.map((s) => [s.step, s.actorName])).toEqual([['submit', 'Tom Member'], ['assess', 'Pat Manager']]);
      expect(c.steps[1]!.note).toBe('Goes to the programme board: cost is 5% of the budget, above the project board’s 2%.');
      const awaiting = (await progMgr.get(`/api/v1/change-requests?scopeType=programme&scopeId=${ids.prog}&awaiting=programme`)).json() as { items: CR[] };
      expect(awaiting.items.map((i) => [i.ref, i.allowedSteps])).toEqual([['CR-1', ['approve', 'reject', 'defer']]]);
    });

    it('only the board the change needs may decide it; approval moves the budget and the plan and saves a baseline, all in the decision log and audit trail', async () => {
      for (const who of [sponsor, pm, member]) {
        const res = await step(who, ids.cr1, { step: 'approve' });
        expect(res.statusCode, res.body).toBe(403);
      }
      expect((await step(sponsor, ids.cr1, { step: 'approve' })).json().detail).toMatch(/^CR-1 needs the programme board: change:approve held on the programme or above/);
      expect(await budget(ids.alpha)).toBe(100_000_000);

      const c = ok<CR>(await step(progMgr, ids.cr1, { step: 'approve', note: 'Worth it for N-1' }));
      expect(c).toMatchObject({ status: 'approved', budgetBefore: 100_000_000, budgetAfter: 105_000_000, baselineNumber: 1, allowedSteps: ['implement'] });
      expect(await budget(ids.alpha)).toBe(105_000_000);
      const after = await plan();
      expect(after.tasks.find((t) => t.id === ids.build)!.durationMinutes).toBe(13 * MINUTES_PER_DAY);
      expect(after.baselines).toEqual([expect.objectContaining({ number: 1, name: 'CR-1 Add a second transformer bay', projectFinish: after.plan.computedFinish })]);

      const decision = ok<{ ref: string; status: string; decision: string; rationale: string; decidedBy: string; links: { type: string; id: string }[] }>(await admin.get(`/api/v1/decisions/${c.decisionId}`));
      expect(decision).toMatchObject({ status: 'decided', decision: 'Approved CR-1', rationale: 'Worth it for N-1', decidedBy: 'Gil Programme for the programme board' });
      expect(decision.links).toContainEqual({ type: 'change-request', id: ids.cr1 });
      const audit = (await admin.get(`/api/v1/audit?recordId=${ids.alpha}`)).json() as { items: { actorName: string; changes: { field: string; before: unknown; after: unknown }[] }[] };
      expect(audit.items[0]!.actorName).toBe('Gil Programme');
      expect(audit.items[0]!.changes).toEqual(expect.arrayContaining([{ field: 'budget', before: 100_000_000, after: 105_000_000 }, { field: 'changeRequest', before: null, after: 'CR-1' }]));

      const done = ok<CR>(await step(pm, ids.cr1, { step: 'implement', note: 'Bay energised' }));
      expect(done.steps.map((s) => `${s.fromStatus}→${s.toStatus}`)).toEqual(['draft→submitted', 'submitted→assessed', 'assessed→approved', 'approved→implemented']);
      // Every step is in the one decision log entry of the request, opened when it was submitted.
      expect(done.decisionId).toBe(c.decisionId);
      const entry = ok<{ status: string; description: string }>(await admin.get(`/api/v1/decisions/${c.decisionId}`));
      expect(entry.status).toBe('decided');
      expect(entry.description.split('\n').filter((l) => /^\d{4}-\d\d-\d\d /.test(l)).map((l) => l.replace(/^\S+ /, ''))).toEqual([
        expect.stringMatching(/: submitted\.$/),
        expect.stringMatching(/: assessed \(Goes to the programme board: .*\)\.$/),
        'Gil Programme: approved (Worth it for N-1).',
        'Pat Manager: implemented (Bay energised).',
      ]);
      expect(done.allowedSteps).toEqual([]);
      const edit = await pm.patch(`/api/v1/change-requests/${ids.cr1}`, { version: done.version, scopeImpact: 'x' });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().code).toBe('invalid-transition');
    });

    it('a rejected request cannot be approved, a rejection says why, and a stale screen cannot take a step', async () => {
      const made = ok<CR>(await member.post('/api/v1/change-requests', { projectId: ids.alpha, title: 'Paint it red', description: 'Red fence', reason: 'Brand', scheduleImpactDays: 2, scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'none' }), 201);
      ok(await step(member, made.id, { step: 'submit' }));
      const assessed = ok<CR>(await step(pm, made.id, { step: 'assess' }));
      expect(assessed).toMatchObject({ authority: 'project', scheduleImpactDays: 2 });
      const noNote = await step(sponsor, made.id, { step: 'reject' });
      expect(noNote.statusCode).toBe(422);
      expect(noNote.json().detail).toBe('note: must say why the request is rejected');
      const stale = await step(sponsor, made.id, { step: 'reject', note: 'No' }, assessed.version - 1);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('version-conflict');
      const rejected = ok<CR>(await step(sponsor, made.id, { step: 'reject', note: 'The fence is not ours to paint' }));
      expect(rejected.decisionId).not.toBeNull();
      const again = await step(progMgr, made.id, { step: 'approve' });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json()).toMatchObject({ code: 'invalid-transition', issues: [{ field: 'status', reason: 'is rejected; approve needs a request that is assessed and rejected is final' }] });
      expect((await cr(admin, made.id)).status).toBe('rejected');
    });

    it('the raiser may not approve their own request unless the PMO allows it; only the PMO sets the thresholds', async () => {
      const made = ok<CR>(await progMgr.post('/api/v1/change-requests', { projectId: ids.alpha, title: 'Extra survey', description: 'Survey', reason: 'Ground risk', costImpact: 100_000, scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'Lower ground risk' }), 201);
      ok(await step(progMgr, made.id, { step: 'submit' }));
      ok(await step(progMgr, made.id, { step: 'assess' }));
      const own = await step(progMgr, made.id, { step: 'approve' });
      expect(own.statusCode).toBe(403);
      expect(own.json().detail).toMatch(/^you raised CR-\d+, and the PMO’s policy keeps raising and deciding apart/);

      const policy = ok<{ version: number; project: object; programme: object; selfApproval: boolean }>(await pm.get(`/api/v1/organisations/${h.organisationId}/change-policy`));
      expect(policy).toMatchObject({ version: 0, selfApproval: false, project: { maxCostPercent: 2, maxScheduleDays: 5 } });
      const { version: _v, ...rules } = policy as { version: number; organisationId?: string };
      delete (rules as { organisationId?: string }).organisationId;
      expect((await pm.request('PUT', `/api/v1/organisations/${h.organisationId}/change-policy`, { ...rules, version: 0, selfApproval: true })).statusCode).toBe(403);
      const loose = await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/change-policy`, { ...rules, version: 0, project: { maxCostPercent: 50, maxScheduleDays: 5 } });
      expect(loose.statusCode).toBe(422);
      expect(loose.json().issues[0].field).toBe('project.maxCostPercent');
      ok(await admin.request('PUT', `/api/v1/organisations/${h.organisationId}/change-policy`, { ...rules, version: 0, selfApproval: true }));
      expect(ok<CR>(await step(progMgr, made.id, { step: 'approve' })).status).toBe('approved');
    });

    it('a cost change to a project without a budget or programme goes to the portfolio board, which can defer it for reassessment', async () => {
      const made = ok<CR>(await admin.post('/api/v1/change-requests', { projectId: ids.beta, title: 'New billing vendor', description: 'Switch', reason: 'Cost', costImpact: 1, scopeImpact: 'none', benefitsImpact: 'Cheaper', riskImpact: 'Migration risk' }), 201);
      ok(await step(admin, made.id, { step: 'submit' }));
      const a = ok<CR>(await step(admin, made.id, { step: 'assess' }));
      expect(a).toMatchObject({ authority: 'portfolio', authorityReason: 'cost changes a project without a budget, beyond the project board’s limit, and the project is in no programme' });
      expect((await progMgr.get(`/api/v1/change-requests/${made.id}`)).statusCode).toBe(404);
      const deferred = ok<CR>(await step(pfMgr, made.id, { step: 'defer', note: 'After the year end' }));
      expect(deferred).toMatchObject({ status: 'deferred', allowedSteps: ['reassess'] });
      expect(ok<CR>(await step(pfMgr, made.id, { step: 'reassess' })).status).toBe('assessed');
      const list = (await pfMgr.get(`/api/v1/change-requests?scopeType=portfolio&scopeId=${ids.pf}&awaiting=portfolio`)).json() as { items: CR[] };
      expect(list.items.map((i) => i.id)).toEqual([made.id]);
    });

    it('approval is refused when the plan has changed so the task changes no longer fit, changing nothing', async () => {
      const made = ok<CR>(await pm.post('/api/v1/change-requests', { projectId: ids.alpha, title: 'Longer painting', description: 'Two coats', reason: 'Weather', costImpact: 10_000, taskChanges: [{ taskId: ids.paint, days: 1 }], scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'none' }), 201);
      ok(await step(pm, made.id, { step: 'submit' }));
      ok(await step(pm, made.id, { step: 'assess' }));
      const paint = (await plan()).tasks.find((t) => t.id === ids.paint)!;
      ok(await admin.delete(`/api/v1/projects/${ids.alpha}/schedule/tasks/${ids.paint}?version=${paint.version}`));
      const budgetBefore = await budget(ids.alpha);
      const baselinesBefore = (await plan()).baselines.length;
      const res = await step(sponsor, made.id, { step: 'approve' });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().detail).toBe('taskChanges.0.taskId: is not a task of this project’s plan (the plan changed since the request was assessed; reassess it)');
      expect(await budget(ids.alpha)).toBe(budgetBefore);
      expect((await plan()).baselines.length).toBe(baselinesBefore);
      expect((await cr(admin, made.id)).status).toBe('assessed');
    });

    it('a draft raised in error can be deleted by its raiser; a submitted one cannot', async () => {
      const made = ok<CR>(await member.post('/api/v1/change-requests', { projectId: ids.alpha, title: 'Typo' }), 201);
      expect((await viewer.delete(`/api/v1/change-requests/${made.id}?version=1`)).statusCode).toBe(403);
      expect((await member.delete(`/api/v1/change-requests/${made.id}?version=1`)).statusCode).toBe(204);
      const gone = await admin.delete(`/api/v1/change-requests/${ids.cr1}?version=1`);
      expect(gone.statusCode).toBe(409);
    });
  });
}
