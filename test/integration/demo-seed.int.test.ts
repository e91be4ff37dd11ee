import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/policy/index.js';
import { STAGES, STATES } from '../../src/domain/structure/index.js';
import { RiskListQuery, TrendQuery } from '../../src/api/schemas/raid.schema.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { listRisks, riskTrend } from '../../src/services/raid-risks.js';
import { listScoringModels, rankProjects } from '../../src/services/portfolio-scoring.js';
import { capacityMap, planDemandOf } from '../../src/services/capacity.js';
import type { PortfolioId } from '../../src/domain/ids.js';
import { DEMO_ORGANISATION, demoEmail, seedDemo, type SeedDemoResult } from '../../src/services/demo-seed.js';
import type { Store } from '../../src/store/database.js';
import { DIALECTS, freshStore } from '../support/database.js';

type Fresh = Store & { drop(): Promise<void> };

/**
 * What a person sees of the seeded organisation, with every id replaced by the code or email
 * it stands for and every timestamp left out: two seeds must give exactly this, equal.
 */
async function content(store: Store) {
  const db = store.db;
  const users = await db.selectFrom('userAccount').selectAll().orderBy('email').execute();
  const portfolios = await db.selectFrom('portfolio').selectAll().orderBy('code').execute();
  const programmes = await db.selectFrom('programme').selectAll().orderBy('code').execute();
  const projects = await db.selectFrom('project').selectAll().orderBy('code').execute();
  const objectives = await db.selectFrom('objective').selectAll().orderBy('code').execute();
  const names = new Map<string, string>([
    ...users.map((u) => [u.id, u.email] as const),
    ...[...portfolios, ...programmes, ...projects, ...objectives].map((r) => [r.id, r.code] as const),
  ]);
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? `unknown ${id}`));
  const organisation = await db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
  names.set(organisation.id, organisation.slug);
  const memberships = await db.selectFrom('membership').selectAll().execute();
  const contributions = await db.selectFrom('contribution').selectAll().execute();
  const audit = await db.selectFrom('auditEvent').select(['recordType', 'action', 'recordLabel', 'actorName']).execute();
  const sorted = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();
  const tasks = await db.selectFrom('scheduleTask').selectAll().orderBy('projectId').orderBy('position').execute();
  const baselines = await db.selectFrom('scheduleBaseline').select(['projectId', 'number', 'name', 'projectStart', 'projectFinish', 'tasks']).execute();
  // The registers are dated from the anchor, so their timestamps are content too.
  const taskNames = new Map(tasks.map((t) => [t.id as string, `${name(t.projectId)}:${t.uid}`] as const));
  const risks = await db.selectFrom('raidRisk').selectAll().execute();
  const issues = await db.selectFrom('raidIssue').selectAll().execute();
  const refs = new Map<string, string>([...risks.map((r) => [r.id as string, `R-${r.number}`] as const), ...issues.map((i) => [i.id as string, `I-${i.number}`] as const)]);
  const plain = (r: object & { scopeId: string }): Record<string, unknown> => ({ ...r, id: undefined, organisationId: undefined, scopeId: name(r.scopeId) });
  const reviews = await db.selectFrom('raidRiskReview').selectAll().execute();
  const actions = await db.selectFrom('raidAction').selectAll().execute();
  const logs = await Promise.all((['raidAssumption', 'raidDependency', 'raidDecision'] as const).map((t) => db.selectFrom(t).selectAll().execute()));
  const raid = {
    risks: sorted(risks.map((r) => ({ ...plain(r), ownerId: name(r.ownerId), issueId: r.issueId && refs.get(r.issueId), quantification: r.quantification?.replace(/"taskId":"([^"]+)"/g, (_m, id: string) => `"task":"${taskNames.get(id)}"`) }))),
    reviews: sorted(reviews.map((r) => ({ ...r, id: undefined, organisationId: undefined, riskId: refs.get(r.riskId) }))),
    issues: sorted(issues.map((i) => ({ ...plain(i), ownerId: name(i.ownerId), riskId: i.riskId && refs.get(i.riskId) }))),
    actions: sorted(actions.map((a) => ({ ...a, id: undefined, organisationId: undefined, itemId: refs.get(a.itemId), ownerId: name(a.ownerId) }))),
    logs: logs.map((rows) =>
      sorted(
        rows.map((r) => {
          const row = r as Record<string, unknown> & { id: string; organisationId: string; scopeId: string };
          const other = (k: string) => (typeof row[k] === 'string' ? (names.get(row[k] as string) ?? taskNames.get(row[k] as string) ?? row[k]) : row[k]);
          return { ...plain(row), ownerId: other('ownerId'), validatorId: other('validatorId'), otherProjectId: other('otherProjectId'), ownTaskId: other('ownTaskId'), otherTaskId: other('otherTaskId'), links: typeof row.links === 'string' ? (JSON.parse(row.links) as { id: string }[]).map((l) => refs.get(l.id)) : undefined };
        }),
      ),
    ),
  };
  return {
    raid,
    organisation: { ...organisation, id: undefined, createdAt: undefined, updatedAt: undefined },
    users: users.map((u) => ({ email: u.email, name: u.name, active: u.active, canSignIn: u.passwordHash !== null, version: u.version })),
    memberships: sorted(memberships.map((m) => ({ user: name(m.userId), role: m.role, scopeType: m.scopeType, scope: name(m.scopeId) }))),
    portfolios: portfolios.map((p) => ({ ...p, id: undefined, organisationId: undefined, createdAt: undefined, updatedAt: undefined, managerId: name(p.managerId) })),
    programmes: programmes.map((p) => ({
      ...p,
      id: undefined,
      organisationId: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      portfolioId: name(p.portfolioId),
      parentId: name(p.parentId),
      managerId: name(p.managerId),
    })),
    projects: projects.map((p) => ({
      ...p,
      id: undefined,
      organisationId: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      portfolioId: name(p.portfolioId),
      programmeId: name(p.programmeId),
      managerId: name(p.managerId),
      sponsorId: name(p.sponsorId),
    })),
    objectives: objectives.map((o) => ({ ...o, id: undefined, organisationId: undefined, createdAt: undefined, updatedAt: undefined, parentId: name(o.parentId) })),
    contributions: sorted(contributions.map((c) => ({ project: name(c.projectId), objective: name(c.objectiveId), weight: c.weight, version: c.version }))),
    audit: sorted(audit),
    schedules: sorted(tasks.map((t) => [name(t.projectId), t.position, t.name, t.durationMinutes, t.start, t.finish, t.lateFinish, t.totalSlackMinutes, t.critical, t.percentComplete, t.actualStart, t.actualFinish])),
    baselines: sorted(baselines.map((b) => ({ ...b, projectId: name(b.projectId), tasks: (JSON.parse(b.tasks) as { taskId?: string }[]).map(({ taskId: _id, ...t }) => t) }))),
  };
}

for (const dialect of DIALECTS) {
  describe(`[${dialect}] the demo organisation`, () => {
    let first: Fresh;
    let second: Fresh;
    let result: SeedDemoResult;

    beforeAll(async () => {
      first = await freshStore(dialect);
      second = await freshStore(dialect);
      result = await seedDemo({ db: first.db, dialect, actor: systemActor('demo seed'), clock: () => new Date() });
      await seedDemo({ db: second.db, dialect, actor: systemActor('demo seed'), clock: () => new Date() }, {});
    }, 120_000);
    afterAll(async () => {
      await first?.drop();
      await second?.drop();
    });

    it('is the same in two fresh databases, apart from ids and timestamps', async () => {
      const a = await content(first);
      const b = await content(second);
      expect(a).toEqual(b);
      const ids = await first.db.selectFrom('project').select('id').orderBy('code').execute();
      const otherIds = await second.db.selectFrom('project').select('id').orderBy('code').execute();
      expect(ids).not.toEqual(otherIds);
    });

    it('is Northwind Utilities: GBP, fiscal year from April, controlling mode, three portfolios, one of them supportive', async () => {
      const org = await first.db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
      expect(org).toMatchObject({ name: DEMO_ORGANISATION.name, slug: 'northwind', currency: 'GBP', fiscalYearStartMonth: 4, pmoMode: 'controlling' });
      const portfolios = await first.db.selectFrom('portfolio').select(['code', 'pmoMode', 'managerId']).execute();
      expect(portfolios).toHaveLength(3);
      expect(portfolios.filter((p) => p.pmoMode === 'supportive')).toHaveLength(1);
      expect(portfolios.every((p) => p.managerId !== null)).toBe(true);
      expect(result).toMatchObject({ portfolios: 3, programmes: 8, projects: 60 });
    });

    it('has programmes with one nested under another, and projects at every stage and in every state', async () => {
      const programmes = await first.db.selectFrom('programme').select(['code', 'parentId', 'managerId']).execute();
      expect(programmes.filter((p) => p.parentId !== null).length).toBeGreaterThanOrEqual(1);
      expect(programmes.every((p) => p.managerId !== null)).toBe(true);
      const projects = await first.db.selectFrom('project').selectAll().execute();
      expect(new Set(projects.map((p) => p.stage))).toEqual(new Set(STAGES));
      expect(new Set(projects.map((p) => p.state))).toEqual(new Set(STATES));
      for (const p of projects) {
        expect(p.managerId, p.code).not.toBeNull();
        expect(p.sponsorId, p.code).not.toBeNull();
        expect(p.plannedStart! <= p.plannedFinish!, p.code).toBe(true);
        expect(JSON.parse(p.tags).length, p.code).toBeGreaterThan(0);
        if (p.stage !== 'proposal') expect(p.budget, p.code).toBeGreaterThan(0);
      }
      expect(projects.filter((p) => p.programmeId === null).length).toBeGreaterThan(0);
    });

    it('has an objective tree, and leaves some projects unaligned without breaking the controlling rule', async () => {
      const objectives = await first.db.selectFrom('objective').select(['id', 'parentId', 'measure', 'target']).execute();
      const top = objectives.filter((o) => o.parentId === null);
      expect(top.length).toBeGreaterThanOrEqual(3);
      for (const t of top) expect(objectives.filter((o) => o.parentId === t.id).length).toBeGreaterThanOrEqual(2);
      expect(objectives.every((o) => o.measure && o.target)).toBe(true);

      const rows = await first.db
        .selectFrom('project')
        .innerJoin('portfolio', 'portfolio.id', 'project.portfolioId')
        .select(['project.code', 'project.stage', 'portfolio.pmoMode'])
        .where((eb) => eb.not(eb.exists(eb.selectFrom('contribution').select('contribution.id').whereRef('contribution.projectId', '=', 'project.id'))))
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((r) => r.stage === 'proposal').length).toBeGreaterThanOrEqual(3);
      const pastProposal = rows.filter((r) => r.stage !== 'proposal');
      expect(pastProposal.length).toBeGreaterThanOrEqual(2);
      for (const r of pastProposal) expect(r.pmoMode, r.code).toBe('supportive');
    });

    it('has a person for every role, with the scopes the docs describe', async () => {
      const grants = await first.db
        .selectFrom('membership')
        .innerJoin('userAccount', 'userAccount.id', 'membership.userId')
        .select(['userAccount.email', 'userAccount.id as userId', 'membership.role', 'membership.scopeType', 'membership.scopeId'])
        .execute();
      const of = (role: Role) => grants.filter((g) => g.email === demoEmail(role));
      for (const role of ['administrator', 'pmo-director', 'pmo-manager', 'pmo-analyst', 'pmo-coordinator', 'resource-manager', 'viewer'] as const) {
        expect(of(role).map((g) => `${g.role}@${g.scopeType}`), role).toEqual([`${role}@organisation`]);
      }
      const scoped: [Role, string, number][] = [
        ['portfolio-manager', 'portfolio', 1],
        ['programme-manager', 'programme', 1],
        ['project-manager', 'project', 3],
        ['sponsor', 'project', 4],
        ['team-member', 'project', 2],
      ];
      for (const [role, scopeType, n] of scoped) {
        const mine = of(role);
        expect(mine.every((g) => g.role === role && g.scopeType === scopeType), role).toBe(true);
        expect(mine, role).toHaveLength(n);
      }
      const pm = of('project-manager');
      const managed = await first.db.selectFrom('project').select('id').where('managerId', '=', pm[0]!.userId).execute();
      expect(managed.map((p) => p.id).sort()).toEqual(pm.map((g) => g.scopeId).sort());
      const sponsor = of('sponsor');
      const sponsored = await first.db.selectFrom('project').select('id').where('sponsorId', '=', sponsor[0]!.userId).execute();
      expect(sponsored.map((p) => p.id).sort()).toEqual(sponsor.map((g) => g.scopeId).sort());
      const signIns = await first.db.selectFrom('userAccount').select('email').where('passwordHash', 'is not', null).execute();
      expect(signIns.map((u) => u.email).sort()).toEqual(ROLES.map(demoEmail).sort());
    });

    it('went through the services: every record has its audit trail, and many projects a history', async () => {
      const events = await first.db.selectFrom('auditEvent').select(['recordType', 'action', 'recordId', 'actorName']).execute();
      const projects = await first.db.selectFrom('project').select('id').execute();
      for (const p of projects) expect(events.some((e) => e.recordId === p.id && e.action === 'create')).toBe(true);
      const updated = new Set(events.filter((e) => e.recordType === 'project' && e.action === 'update').map((e) => e.recordId));
      expect(updated.size).toBeGreaterThanOrEqual(30);
      // The seed acts as itself, except in change control, where the demo's people raise and decide.
      const people = new Set((await first.db.selectFrom('userAccount').select('name').execute()).map((u) => u.name));
      expect(events.filter((e) => e.actorName !== 'demo seed' && !people.has(e.actorName))).toEqual([]);
      expect(new Set(events.filter((e) => e.actorName !== 'demo seed').map((e) => e.recordType))).toEqual(new Set(['change-request', 'project', 'schedule-baseline', 'decision']));
    });

    it('gives three projects a plan: phases, milestones, links with lags, constraints, a deadline, resources, progress, a critical path and variance from baseline 0', async () => {
      for (const code of ['RS-401', 'SG-101', 'RS-403']) {
        const project = await first.db.selectFrom('project').select(['id', 'plannedStart']).where('code', '=', code).executeTakeFirstOrThrow();
        const plan = await first.db.selectFrom('schedulePlan').selectAll().where('projectId', '=', project.id).executeTakeFirstOrThrow();
        const tasks = await first.db.selectFrom('scheduleTask').selectAll().where('projectId', '=', project.id).orderBy('position').execute();
        const links = await first.db.selectFrom('scheduleLink').selectAll().where('projectId', '=', project.id).execute();
        const assignments = await first.db.selectFrom('scheduleAssignment').select('id').where('projectId', '=', project.id).execute();
        const baseline = await first.db.selectFrom('scheduleBaseline').selectAll().where('projectId', '=', project.id).where('number', '=', 0).executeTakeFirstOrThrow();
        expect(plan.start, code).toBe(`${project.plannedStart}T08:00:00`);
        expect(plan.statusDate, code).toBe('2026-10-01T17:00:00');
        expect(plan.revision, code).toBeGreaterThan(1);
        expect(tasks.length, code).toBeGreaterThanOrEqual(30);
        expect(tasks.length, code).toBeLessThanOrEqual(120);
        const parents = new Set(tasks.map((t) => t.parentId).filter(Boolean));
        const leaves = tasks.filter((t) => !parents.has(t.id));
        expect(parents.size, code).toBeGreaterThanOrEqual(5);
        expect(leaves.filter((t) => t.milestone === 1).length, code).toBeGreaterThanOrEqual(2);
        expect(new Set(links.map((l) => l.type)).size, code).toBeGreaterThanOrEqual(3);
        expect(links.some((l) => l.lagMinutes !== 0), code).toBe(true);
        expect(tasks.some((t) => t.constraintType !== 'ASAP'), code).toBe(true);
        expect(tasks.some((t) => t.deadline !== null), code).toBe(true);
        expect(assignments.length, code).toBeGreaterThan(10);
        // The critical path runs through leaves, and every task has its computed dates.
        expect(leaves.filter((t) => t.critical === 1).length, code).toBeGreaterThanOrEqual(3);
        expect(tasks.every((t) => t.start !== null && t.finish !== null && t.totalSlackMinutes !== null), code).toBe(true);
        const saved = JSON.parse(baseline.tasks) as { uid: number; finish: string | null }[];
        const moved = tasks.filter((t) => saved.some((b) => b.uid === t.uid && b.finish !== t.finish));
        expect(moved.length, code).toBeGreaterThan(0);
      }
      const delivery = await first.db.selectFrom('scheduleTask').innerJoin('project', 'project.id', 'scheduleTask.projectId').select(['scheduleTask.percentComplete', 'scheduleTask.actualStart']).where('project.code', '=', 'RS-401').execute();
      expect(delivery.filter((t) => t.percentComplete === 100).length).toBeGreaterThan(3);
      expect(delivery.some((t) => t.percentComplete > 0 && t.percentComplete < 100 && t.actualStart !== null)).toBe(true);
    });

    it('gives every project a RAID register: threats and opportunities across the heat map, responses, residual ratings, review history, issues, actions, assumptions and decisions', async () => {
      const db = first.db;
      const projects = await db.selectFrom('project').select(['id', 'code', 'stage', 'state']).execute();
      const risks = await db.selectFrom('raidRisk').selectAll().execute();
      const issues = await db.selectFrom('raidIssue').selectAll().execute();
      const assumptions = await db.selectFrom('raidAssumption').selectAll().execute();
      const decisions = await db.selectFrom('raidDecision').selectAll().execute();
      const actions = await db.selectFrom('raidAction').selectAll().execute();
      const reviews = await db.selectFrom('raidRiskReview').select(['riskId', 'at', 'probability', 'impact']).execute();
      expect(result.raid).toEqual({
        risks: risks.length,
        issues: issues.length,
        actions: actions.length,
        assumptions: assumptions.length,
        dependencies: Number((await db.selectFrom('raidDependency').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        decisions: decisions.filter((d) => !d.links.includes('"change-request"')).length,
      });
      for (const p of projects) {
        const own = risks.filter((r) => r.scopeId === p.id);
        expect(own.length, p.code).toBeGreaterThanOrEqual(2);
        expect(assumptions.some((a) => a.scopeId === p.id), p.code).toBe(true);
        // A finished project's risks are closed; a live project keeps open ones.
        if (p.state === 'completed' || p.state === 'cancelled') expect(own.every((r) => r.status === 'closed'), p.code).toBe(true);
        else expect(own.some((r) => r.status === 'open'), p.code).toBe(true);
      }
      expect(risks.length).toBeGreaterThanOrEqual(150);
      expect(risks.filter((r) => r.kind === 'opportunity').length).toBeGreaterThanOrEqual(5);
      for (const r of risks) expect(r.cause && r.event && r.effect && r.responseStrategy, `R-${r.number}`).toBeTruthy();
      const open = risks.filter((r) => r.status === 'open');
      const cells = new Set(open.map((r) => `${r.probability}x${r.impact}`));
      expect(cells.size).toBeGreaterThanOrEqual(15);
      expect(open.filter((r) => r.probability * r.impact >= 16).length).toBeGreaterThanOrEqual(5);
      expect(open.filter((r) => r.probability * r.impact <= 4).length).toBeGreaterThanOrEqual(5);
      expect(open.filter((r) => r.residualProbability !== null && r.residualProbability * r.residualImpact! < r.probability * r.impact).length).toBeGreaterThanOrEqual(20);
      // Review history: re-rated risks move, with each review on its own day before today.
      const perRisk = new Map<string, typeof reviews>();
      for (const r of reviews) perRisk.set(r.riskId, [...(perRisk.get(r.riskId) ?? []), r]);
      const moved = [...perRisk.values()].filter((rs) => new Set(rs.map((r) => r.probability * r.impact)).size >= 2);
      expect(moved.length).toBeGreaterThanOrEqual(10);
      expect(reviews.every((r) => r.at <= '2026-10-01T23:59:59.999Z')).toBe(true);
      // Issues: one a risk became, both pointing at each other; others open, in progress and closed with a resolution.
      const occurred = risks.filter((r) => r.status === 'occurred');
      expect(occurred.length).toBeGreaterThanOrEqual(1);
      for (const r of occurred) expect(issues.find((i) => i.id === r.issueId)?.riskId).toBe(r.id);
      expect(new Set(issues.map((i) => i.status))).toEqual(new Set(['open', 'in-progress', 'closed']));
      for (const i of issues.filter((i) => i.status === 'closed')) expect(i.resolution).not.toBe('');
      // Actions: most past their date are done, some are overdue.
      const past = actions.filter((a) => a.due !== null && a.due < '2026-10-01');
      expect(past.filter((a) => a.doneOn === null).length).toBeGreaterThanOrEqual(5);
      expect(past.filter((a) => a.doneOn !== null).length).toBeGreaterThanOrEqual(5);
      expect(new Set(assumptions.map((a) => a.status))).toEqual(new Set(['unvalidated', 'valid', 'invalid']));
      expect(decisions.filter((d) => d.status === 'decided' && d.rationale !== '' && d.decidedOn !== null).length).toBeGreaterThanOrEqual(10);
      expect(decisions.filter((d) => d.status === 'open').length).toBeGreaterThanOrEqual(3);
      expect(risks.filter((r) => r.scopeType !== 'project').length).toBeGreaterThanOrEqual(2);
    });

    it('gives each planned project a change history: implemented, awaiting its board with the engine’s forecast, rejected, and a draft', async () => {
      const db = first.db;
      expect(result.changeRequests).toBe(12);
      for (const code of ['RS-401', 'SG-101', 'RS-403']) {
        const project = await db.selectFrom('project').select(['id', 'budget']).where('code', '=', code).executeTakeFirstOrThrow();
        const requests = await db.selectFrom('changeRequest').selectAll().where('projectId', '=', project.id).orderBy('number').execute();
        expect(requests.map((r) => r.status), code).toEqual(['implemented', 'assessed', 'rejected', 'draft']);
        const [done, waiting, rejected] = requests as [(typeof requests)[0], (typeof requests)[0], (typeof requests)[0]];
        expect(done).toMatchObject({ authority: 'project', baselineNumber: 1 });
        expect(done.budgetAfter! - done.budgetBefore!).toBe(done.costImpact);
        expect(project.budget).toBe(done.budgetAfter);
        const baseline = await db.selectFrom('scheduleBaseline').select('name').where('projectId', '=', project.id).where('number', '=', 1).executeTakeFirstOrThrow();
        expect(baseline.name).toMatch(/^CR-\d+ Independent safety review/);
        expect(waiting.authority, code).not.toBe('project');
        expect(JSON.parse(waiting.taskChanges)).toHaveLength(1);
        expect(waiting.scheduleImpactDays).toBeGreaterThanOrEqual(0);
        for (const r of [done, rejected]) {
          const decision = await db.selectFrom('raidDecision').selectAll().where('id', '=', r.decisionId!).executeTakeFirstOrThrow();
          expect(decision).toMatchObject({ status: 'decided', scopeId: project.id });
        }
        const steps = await db.selectFrom('changeRequestStep').select(['step', 'actorName']).where('changeRequestId', '=', done.id).orderBy('at').execute();
        expect(steps.map((s) => s.step)).toEqual(['submit', 'assess', 'approve', 'implement']);
        expect(steps[2]!.actorName).not.toBe(steps[0]!.actorName);
      }
    });

    it("quantifies the flagship projects' risks on tasks of their own plans", async () => {
      for (const code of ['RS-401', 'SG-101', 'RS-403']) {
        const project = await first.db.selectFrom('project').select('id').where('code', '=', code).executeTakeFirstOrThrow();
        const tasks = new Set((await first.db.selectFrom('scheduleTask').select('id').where('projectId', '=', project.id).execute()).map((t) => t.id as string));
        const quantified = await first.db.selectFrom('raidRisk').select(['number', 'quantification']).where('scopeId', '=', project.id).where('quantification', 'is not', null).execute();
        expect(quantified.length, code).toBeGreaterThanOrEqual(1);
        const impacts = quantified.flatMap((r) => (JSON.parse(r.quantification!) as { schedule: { taskId: string }[] }).schedule);
        expect(impacts.length, code).toBeGreaterThanOrEqual(1);
        for (const i of impacts) expect(tasks.has(i.taskId), code).toBe(true);
      }
    });

    it('links projects by dependencies recorded at both ends, some at risk', async () => {
      const deps = await first.db.selectFrom('raidDependency').selectAll().execute();
      expect(deps.length).toBeGreaterThanOrEqual(10);
      for (const d of deps.filter((d) => d.direction === 'inbound')) {
        expect(d.otherProjectId).not.toBeNull();
        expect(d.otherProjectId).not.toBe(d.scopeId);
        const other = deps.find((o) => o.direction === 'outbound' && o.scopeId === d.otherProjectId && o.otherProjectId === d.scopeId && o.title === d.title);
        expect(other?.status, d.title).toBe(d.status);
      }
      expect(deps.some((d) => d.status === 'at-risk')).toBe(true);
      expect(deps.some((d) => d.ownTaskId !== null)).toBe(true);
    });

    it('escalates risks by the rule to their programme, and shows exposure moving over the months before today', async () => {
      const atAnchor: ServiceContext = { db: first.db, dialect, actor: systemActor('test'), clock: () => new Date('2026-10-01T12:00:00Z') };
      const smart = await first.db.selectFrom('programme').select('id').where('code', '=', 'SMART').executeTakeFirstOrThrow();
      const escalated = await listRisks(atAnchor, RiskListQuery.parse({ scopeType: 'programme', scopeId: smart.id, include: 'escalated' }));
      expect(escalated.items.length).toBeGreaterThanOrEqual(1);
      expect(escalated.items.some((r) => r.escalation?.reason.startsWith('score '))).toBe(true);
      expect(escalated.items.every((r) => r.scopeType === 'project')).toBe(true);
      const trend = await riskTrend(atAnchor, TrendQuery.parse({ scopeType: 'organisation', scopeId: result.organisationId, from: '2026-04-01', to: '2026-10-01', stepDays: 14 }));
      const exposure = trend.points.map((p) => p.exposure);
      expect(new Set(exposure).size).toBeGreaterThanOrEqual(5);
      expect(exposure[exposure.length - 1]!).toBeGreaterThan(exposure[0]!);
      expect(trend.points.at(-1)!.residualExposure).toBeLessThan(trend.points.at(-1)!.exposure);
    });

    it("scores every portfolio's open projects on its model, a few proposals not yet, so each ranking has a leader and incomplete sheets", async () => {
      const ctx: ServiceContext = { db: first.db, dialect, actor: systemActor('test'), clock: () => new Date() };
      const portfolios = await first.db.selectFrom('portfolio').select('id').where('organisationId', '=', result.organisationId).execute();
      expect(result.scoreSheets).toBeGreaterThanOrEqual(30);
      let incomplete = 0;
      for (const p of portfolios) {
        const [model] = await listScoringModels(ctx, p.id as PortfolioId);
        expect(model!.criteria.map((c) => c.id)).toEqual(['value', 'alignment', 'risk', 'urgency', 'compliance']);
        const { rows } = await rankProjects(ctx, model!.id, 'open');
        expect(rows.length).toBeGreaterThanOrEqual(5);
        expect(rows[0]!.score).toBeGreaterThan(rows.at(-1)!.score);
        expect(rows.some((r) => r.parts.find((x) => x.criterionId === 'alignment')!.value! > 0)).toBe(true);
        incomplete += rows.filter((r) => r.completeness < 1).length;
      }
      expect(incomplete).toBeGreaterThanOrEqual(1);
    });

    it('gives the roles people and the open projects demand, so the year ahead has over-allocated months and months with room', async () => {
      const ctx: ServiceContext = { db: first.db, dialect, actor: systemActor('test'), clock: () => new Date() };
      expect(result.capacity).toMatchObject({ roles: 6, people: 12 });
      expect(result.capacity.demandRows).toBeGreaterThanOrEqual(50);
      const map = await capacityMap(ctx, result.organisationId, { from: '2026-10', to: '2027-09' });
      const cells = map.roles.flatMap((r) => r.cells);
      expect(map.hotspots.length).toBeGreaterThanOrEqual(3);
      expect(cells.filter((c) => c.utilisation !== null && c.utilisation < 0.85).length).toBeGreaterThanOrEqual(10);
      for (const h of map.hotspots) expect(cells.find((c) => c.month === h.month && c.overBy === h.overBy)!.projects.length).toBeGreaterThanOrEqual(2);
      // The planned projects' own people stand for roles, so their plans give their demand.
      const planned = await first.db.selectFrom('project').select('id').where('code', 'in', ['RS-401', 'SG-101', 'RS-403']).execute();
      const fromPlans = await planDemandOf(first.db, planned.map((p) => p.id));
      expect(fromPlans.size).toBe(3);
    });

    it('refuses to seed a second time', async () => {
      await expect(seedDemo({ db: first.db, dialect, actor: systemActor('demo seed'), clock: () => new Date() })).rejects.toMatchObject({
        code: 'duplicate',
        message: 'the demo organisation "northwind" already exists in this database',
      });
    });
  });
}
