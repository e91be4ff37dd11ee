import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/policy/index.js';
import { STAGES, STATES } from '../../src/domain/structure/index.js';
import { systemActor } from '../../src/services/context.js';
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
  return {
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
    let seconds: number;

    beforeAll(async () => {
      first = await freshStore(dialect);
      second = await freshStore(dialect);
      const started = Date.now();
      result = await seedDemo({ db: first.db, dialect, actor: systemActor('demo seed'), clock: () => new Date() });
      seconds = (Date.now() - started) / 1000;
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

    it('is seeded in a few seconds', () => {
      expect(seconds).toBeLessThan(15);
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
      expect(new Set(events.map((e) => e.actorName))).toEqual(new Set(['demo seed']));
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

    it('refuses to seed a second time', async () => {
      await expect(seedDemo({ db: first.db, dialect, actor: systemActor('demo seed'), clock: () => new Date() })).rejects.toMatchObject({
        code: 'duplicate',
        message: 'the demo organisation "northwind" already exists in this database',
      });
    });
  });
}
