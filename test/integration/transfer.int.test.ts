import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { PharosError } from '../../src/domain/errors.js';
import type { ApiTokenId, OrganisationId, ProjectId, RiskId, ScheduleTaskId, UserId } from '../../src/domain/ids.js';
import { AssignmentCreate, CalendarCreate, LinkCreate, ResourceCreate, TaskCreate } from '../../src/api/schemas/schedule.schema.js';
import { saveBaseline } from '../../src/services/schedule-baselines.js';
import { createAssignment, createCalendar, createLink, createResource, createTask, getSchedule, updateTask } from '../../src/services/schedule-edits.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { DEMO_PASSWORD, demoEmail, seedDemo } from '../../src/services/demo-seed.js';
import { createApiToken } from '../../src/services/sessions.js';
import { createUser } from '../../src/services/users.js';
import { exportOrganisation, importOrganisation, type OrganisationDocument } from '../../src/services/transfer.js';
import { ROW_TABLES } from '../../src/services/transfer-document.js';
import { AssumptionCreate, DecisionCreate, DependencyCreate, RiskCreate, RiskOccurred, RiskPatch } from '../../src/api/schemas/raid.schema.js';
import { DEFAULT_RISK_MATRIX } from '../../src/domain/raid/matrix.js';
import { createLogItem } from '../../src/services/raid-logs.js';
import { putRiskMatrix } from '../../src/services/raid-matrix.js';
import { createRisk, riskOccurred, updateRisk } from '../../src/services/raid-risks.js';
import { ChangeRequestCreate } from '../../src/api/schemas/change.schema.js';
import { SimulationStart } from '../../src/api/schemas/simulation.schema.js';
import { DEFAULT_CHANGE_POLICY } from '../../src/domain/change/index.js';
import { putChangePolicy } from '../../src/services/change-policy.js';
import { createChangeRequest, takeChangeStep } from '../../src/services/change-requests.js';
import { getSimulation, startSimulation } from '../../src/services/simulations.js';
import { createScoringModel, putScoreSheet } from '../../src/services/portfolio-scoring.js';
import { createPerson, createRole, putProjectDemand } from '../../src/services/capacity.js';
import { PersonCreate, RoleCreate } from '../../src/api/schemas/capacity.schema.js';
import { ScoringModelCreate } from '../../src/api/schemas/scoring.schema.js';
import type { SimulationId } from '../../src/domain/ids.js';
import type { Store } from '../../src/store/database.js';
import type { Database } from '../../src/store/schema.js';
import { DIALECTS, freshStore } from '../support/database.js';

type Fresh = Store & { drop(): Promise<void> };

const TABLES = [
  'organisation',
  'userAccount',
  'membership',
  'portfolio',
  'programme',
  'project',
  'objective',
  'contribution',
  'apiToken',
  'auditEvent',
  'schedulePlan',
  'scheduleCalendar',
  'scheduleTask',
  'scheduleLink',
  'scheduleResource',
  'scheduleAssignment',
  'scheduleBaseline',
  'raidMatrix',
  'raidRisk',
  'raidRiskReview',
  'raidIssue',
  'raidAction',
  'raidAssumption',
  'raidDependency',
  'raidDecision',
  'changePolicy',
  'changeRequest',
  'changeRequestStep',
  'riskSimulation',
  'scoringModel',
  'projectScore',
  'capacityRole',
  'capacityPerson',
  'projectDemand',
] as const;
type Table = (typeof TABLES)[number];

/** Every row of a table, straight from the database (not through the export), ordered by id. */
async function rows(store: Store, table: Table): Promise<Record<string, unknown>[]> {
  const all = (await store.db.selectFrom(table as keyof Database).selectAll().execute()) as Record<string, unknown>[];
  return all.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

async function counts(store: Store): Promise<Record<Table, number>> {
  const out = {} as Record<Table, number>;
  for (const t of TABLES) out[t] = (await rows(store, t)).length;
  return out;
}

/** Every list of rows of a document, empty. */
const NO_ROWS = Object.fromEntries(ROW_TABLES.map((t) => [t, []])) as unknown as Pick<OrganisationDocument, (typeof ROW_TABLES)[number]>;

/** The tables version 1 documents did not have (plans, registers, change control, simulation runs). */
const SINCE_V1 = ROW_TABLES.slice(ROW_TABLES.indexOf('auditEvents') + 1);

const clone = (doc: OrganisationDocument): OrganisationDocument => JSON.parse(JSON.stringify(doc)) as OrganisationDocument;

async function refusal(work: Promise<unknown>): Promise<PharosError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PharosError);
  return error as PharosError;
}

for (const dialect of DIALECTS) {
  // The source is always SQLite: with PHAROS_TEST_DATABASE_URL set, this is the SQLite → PostgreSQL move.
  describe(`[sqlite → ${dialect}] moving an organisation with export and import`, () => {
    let source: Fresh;
    let target: Fresh;
    let doc: OrganisationDocument;
    let orgId: OrganisationId;
    let token: string;

    beforeAll(async () => {
      source = await freshStore('sqlite');
      target = await freshStore(dialect);
      const ctx: ServiceContext = { db: source.db, dialect: source.dialect, actor: systemActor('test'), clock: () => new Date() };
      orgId = (await seedDemo(ctx)).organisationId;
      // Records the seed does not make: an API token (hashed), and a revoked one.
      const analyst = await source.db.selectFrom('userAccount').select('id').where('email', '=', demoEmail('pmo-analyst')).executeTakeFirstOrThrow();
      token = (await createApiToken(source.db, () => new Date(), analyst.id, 'reporting job', 30)).token;
      const revoked = await createApiToken(source.db, () => new Date(), analyst.id, 'old job', 30);
      await source.db.updateTable('apiToken').set({ revokedAt: new Date().toISOString() }).where('id', '=', revoked.id as ApiTokenId).execute();
      // A plan with every kind of schedule record, so the move is seen to carry plans too.
      const project = await source.db.selectFrom('project').select('id').where('organisationId', '=', orgId).orderBy('code', 'desc').executeTakeFirstOrThrow();
      const pid = project.id as ProjectId;
      const survey = (await createTask(ctx, pid, TaskCreate.parse({ name: 'Survey', durationMinutes: 960 }))).record;
      const phase = (await createTask(ctx, pid, TaskCreate.parse({ name: 'Phase' }))).record;
      const build = (await createTask(ctx, pid, TaskCreate.parse({ name: 'Build', parentId: phase.id, fixedCost: 12_000 }))).record;
      await createLink(ctx, pid, LinkCreate.parse({ predecessorId: survey.id, successorId: build.id, type: 'SS', lagMinutes: 240 }));
      const crew = (await createResource(ctx, pid, ResourceCreate.parse({ name: 'Crew', standardRate: 5_000 }))).record;
      await createAssignment(ctx, pid, AssignmentCreate.parse({ taskId: build.id, resourceId: crew.id }));
      const view = await getSchedule(ctx, pid);
      const holidays = (await createCalendar(ctx, pid, CalendarCreate.parse({ name: 'Site', baseId: view.calendars[0]!.id, week: [null, null, null, null, null, null, null], exceptions: [{ from: '2026-12-25', to: '2026-12-26', working: [] }] }))).record;
      await updateTask(ctx, pid, survey.id as ScheduleTaskId, { version: survey.version, calendarId: holidays.id });
      await saveBaseline(ctx, pid, 0, { name: 'Approved' });
      // The RAID registers: a saved matrix, a risk with an action and a review that occurred as an issue, and the three logs.
      await putRiskMatrix(ctx, orgId, { ...DEFAULT_RISK_MATRIX, reviewIntervalDays: 21, version: 0 });
      const risk = await createRisk(ctx, RiskCreate.parse({ scopeType: 'project', scopeId: pid, title: 'Crew unavailable', probability: 3, impact: 4, quantification: { probability: 0.3, schedule: [{ taskId: build.id, min: 1, mode: 2, max: 5 }] }, actions: [{ title: 'Book a second crew' }] }));
      const rated = await updateRisk(ctx, risk.id as RiskId, RiskPatch.parse({ version: risk.version, residualProbability: 2, residualImpact: 3 }));
      await riskOccurred(ctx, risk.id as RiskId, RiskOccurred.parse({ version: rated.version, action: { title: 'Hire in' } }));
      const other = await source.db.selectFrom('project').select('id').where('organisationId', '=', orgId).where('id', '!=', pid).executeTakeFirstOrThrow();
      await createLogItem(ctx, 'assumption', AssumptionCreate.parse({ scopeType: 'project', scopeId: pid, title: 'Access granted in May' }));
      await createLogItem(ctx, 'dependency', DependencyCreate.parse({ scopeType: 'project', scopeId: pid, title: 'Design signed off', direction: 'inbound', otherProjectId: other.id, ownTaskId: build.id }));
      await createLogItem(ctx, 'decision', DecisionCreate.parse({ scopeType: 'project', scopeId: pid, title: 'One crew or two?', options: ['One', 'Two'] }));
      // Change control: a saved policy and a request taken through to approval (a baseline, a decision), raised by a person.
      await putChangePolicy(ctx, orgId, { ...DEFAULT_CHANGE_POLICY, selfApproval: true, version: 0 });
      const person: ServiceContext = { ...ctx, actor: { userId: analyst.id as UserId, name: 'Analyst', grants: [], system: true } };
      let change = await createChangeRequest(person, ChangeRequestCreate.parse({ projectId: pid, title: 'Second crew', description: 'Add a crew', reason: 'Catch up', costImpact: 5_000, taskChanges: [{ taskId: survey.id, days: 1 }], scopeImpact: 'none', benefitsImpact: 'none', riskImpact: 'none' }));
      for (const step of ['submit', 'assess', 'approve'] as const) change = await takeChangeStep(person, change.id, { step, version: change.version, note: '' });
      // A finished simulation run of the plan.
      let run = await startSimulation(ctx, pid, SimulationStart.parse({ iterations: 200, seed: 7 }));
      for (let i = 0; i < 200 && run.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        run = await getSimulation(ctx, run.id as SimulationId);
      }
      expect(run.status).toBe('done');
      // A scoring model of the project's portfolio, and the project's values on it.
      const scored = await source.db.selectFrom('project').select('portfolioId').where('id', '=', pid).executeTakeFirstOrThrow();
      const model = await createScoringModel(ctx, scored.portfolioId, ScoringModelCreate.parse({ name: 'Committee', criteria: [{ id: 'npv', name: 'NPV', min: 0, max: 10 }, { id: 'fit', name: 'Fit', min: 0, max: 100, source: 'alignment' }] }));
      await putScoreSheet(ctx, model.id, pid, { version: 0, values: { npv: 7 }, note: 'Case v1' });
      // Capacity: a role with a step, a person in it with an absence, the project's demand.
      const role = await createRole(ctx, orgId, RoleCreate.parse({ code: 'SURVEY', name: 'Surveyors', fteSteps: [{ from: '2027-01', fte: 2 }] }));
      await createPerson(ctx, orgId, PersonCreate.parse({ roleId: role.id, userId: analyst.id, name: 'Analyst', fte: 0.8, absences: [{ from: '2027-02-01', to: '2027-02-05' }] }));
      await putProjectDemand(ctx, pid, role.id, { version: 0, hours: { '2027-01': 120 }, note: '' });
      doc = await exportOrganisation(source.db, orgId);
    });
    afterAll(async () => {
      await source?.drop();
      await target?.drop();
    });

    it('exports every row of the organisation', async () => {
      expect(doc).toMatchObject({ format: 'pharos-organisation', formatVersion: 4 });
      for (const key of ['raidMatrices', 'raidRisks', 'raidRiskReviews', 'raidIssues', 'raidActions', 'raidAssumptions', 'raidDependencies', 'raidDecisions', 'changePolicies', 'changeRequests', 'changeRequestSteps', 'riskSimulations', 'scoringModels', 'projectScores', 'capacityRoles', 'capacityPeople', 'projectDemands'] as const) expect(doc[key].length, key).toBeGreaterThan(0);
      for (const [key, table] of [
        ['portfolios', 'portfolio'],
        ['programmes', 'programme'],
        ['projects', 'project'],
        ['objectives', 'objective'],
        ['contributions', 'contribution'],
        ['memberships', 'membership'],
        ['auditEvents', 'auditEvent'],
        ['users', 'userAccount'],
        ['apiTokens', 'apiToken'],
        ['schedulePlans', 'schedulePlan'],
        ['scheduleCalendars', 'scheduleCalendar'],
        ['scheduleTasks', 'scheduleTask'],
        ['scheduleLinks', 'scheduleLink'],
        ['scheduleResources', 'scheduleResource'],
        ['scheduleAssignments', 'scheduleAssignment'],
        ['scheduleBaselines', 'scheduleBaseline'],
        ['raidMatrices', 'raidMatrix'],
        ['raidRisks', 'raidRisk'],
        ['raidRiskReviews', 'raidRiskReview'],
        ['raidIssues', 'raidIssue'],
        ['raidActions', 'raidAction'],
        ['raidAssumptions', 'raidAssumption'],
        ['raidDependencies', 'raidDependency'],
        ['raidDecisions', 'raidDecision'],
        ['changePolicies', 'changePolicy'],
        ['changeRequests', 'changeRequest'],
        ['changeRequestSteps', 'changeRequestStep'],
        ['riskSimulations', 'riskSimulation'],
        ['scoringModels', 'scoringModel'],
        ['projectScores', 'projectScore'],
        ['capacityRoles', 'capacityRole'],
        ['capacityPeople', 'capacityPerson'],
        ['projectDemands', 'projectDemand'],
      ] as const) {
        expect(doc[key], key).toEqual(await rows(source, table));
      }
      expect(doc.users.every((u) => !('sessions' in u))).toBe(true);
      expect(doc.users.filter((u) => u.passwordHash !== null)).toHaveLength(12);
    });

    it('imports every record verbatim: ids, versions, timestamps, hashes and the audit trail', async () => {
      const progress: number[] = [];
      const result = await importOrganisation(target.db, clone(doc), (p) => progress.push(p.done));
      expect(result).toMatchObject({ organisationId: orgId, slug: 'northwind', existingUsers: 0 });
      expect(result.inserted.projects).toBe(doc.projects.length);
      expect(progress.at(-1)).toBe(1 + ROW_TABLES.reduce((n, t) => n + doc[t].length, 0));
      expect(result.inserted.scheduleTasks).toBeGreaterThanOrEqual(3);
      expect(result.inserted.scheduleBaselines).toBeGreaterThanOrEqual(1);

      for (const table of TABLES) {
        const before = await rows(source, table);
        const after = await rows(target, table);
        if (table === 'auditEvent') {
          // The imported trail, untouched, plus exactly one event recording the import.
          const added = after.filter((r) => !before.some((b) => b.id === r.id));
          expect(added).toHaveLength(1);
          expect(added[0]).toMatchObject({ organisationId: orgId, action: 'create', recordType: 'organisation', recordId: orgId, actorName: 'import' });
          expect(after.filter((r) => r !== added[0])).toEqual(before);
        } else {
          expect(after, table).toEqual(before);
        }
      }
    });

    it('people sign in with their old passwords and tokens after the move', async () => {
      const app = await buildApp({ store: target });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail('pmo-director'), password: DEMO_PASSWORD } });
        expect(login.statusCode, login.body).toBe(200);
        const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
        expect(me.statusCode, me.body).toBe(200);
        expect(me.json().user.email).toBe(demoEmail('pmo-analyst'));
        const list = await app.inject({ method: 'GET', url: `/api/v1/projects?organisationId=${orgId}&limit=500`, headers: { authorization: `Bearer ${token}` } });
        expect(list.json().items).toHaveLength(doc.projects.length);
      } finally {
        await app.close();
      }
    });

    it('importing the same organisation twice is refused with a clear error and changes nothing', async () => {
      const before = await counts(target);
      const error = await refusal(importOrganisation(target.db, clone(doc)));
      expect(error.code).toBe('duplicate');
      expect(error.message).toMatch(/organisation northwind .* already exists in the target database/);
      expect(await counts(target)).toEqual(before);
    });

    it('refuses the same slug under another id, and an existing email under another id', async () => {
      // Another organisation that happens to use the same slug: nothing but the organisation row.
      const sameSlug = { ...clone(doc), ...NO_ROWS };
      sameSlug.organisation.id = randomUUID() as OrganisationId;
      expect((await refusal(importOrganisation(target.db, sameSlug))).message).toMatch(/slug "northwind" already exists/);

      const empty = await freshStore(dialect);
      try {
        const other = clone(doc);
        const email = demoEmail('viewer');
        const ctx: ServiceContext = { db: empty.db, dialect: empty.dialect, actor: systemActor('test'), clock: () => new Date() };
        await empty.db.transaction().execute((trx) => createUser(ctx, null, { email, name: 'Someone Else', password: null }, trx));
        const error = await refusal(importOrganisation(empty.db, other));
        expect(error.code).toBe('duplicate');
        expect(error.message).toBe(`a different user with email ${email} already exists in the target database`);
        expect(await empty.db.selectFrom('organisation').select('id').execute()).toHaveLength(0);
      } finally {
        await empty.drop();
      }
    });

    it('refuses a corrupted document, naming the path of the bad field, and writes nothing', async () => {
      const empty = await freshStore(dialect);
      try {
        const wrongType = clone(doc) as unknown as { projects: Record<string, unknown>[] };
        (wrongType.projects[7] as Record<string, unknown>).budget = 'two million';
        let error = await refusal(importOrganisation(empty.db, wrongType));
        expect(error.code).toBe('validation-failed');
        expect(error.message).toMatch(/^the export document is not valid: projects\.7\.budget: /);
        expect(error.details.issues?.[0]?.field).toBe('projects.7.budget');

        const dangling = clone(doc);
        (dangling.projects[3] as { portfolioId: string }).portfolioId = randomUUID();
        error = await refusal(importOrganisation(empty.db, dangling));
        expect(error.message).toMatch(/projects\.3\.portfolioId: is not a portfolio of the document/);

        const badTags = clone(doc);
        (badTags.projects[0] as { tags: string }).tags = '["ok", 3]';
        error = await refusal(importOrganisation(empty.db, badTags));
        expect(error.message).toMatch(/projects\.0\.tags: must be JSON text holding an array of strings/);

        error = await refusal(importOrganisation(empty.db, { ...clone(doc), formatVersion: 5 } as unknown as OrganisationDocument));
        expect(error.message).toMatch(/formatVersion: is 5, but this Pharos reads versions 1, 2, 3 and 4/);
        const strayScore = clone(doc);
        strayScore.projectScores[0]!.modelId = randomUUID() as never;
        error = await refusal(importOrganisation(empty.db, strayScore));
        expect(error.message).toMatch(/projectScores\.0\.modelId: is not a scoring model of the document/);
        const strayAction = clone(doc);
        strayAction.raidActions[0]!.itemId = randomUUID();
        error = await refusal(importOrganisation(empty.db, strayAction));
        expect(error.message).toMatch(/raidActions\.0\.itemId: is not a/);
        const lostScope = clone(doc);
        lostScope.raidRisks[0]!.scopeId = randomUUID();
        error = await refusal(importOrganisation(empty.db, lostScope));
        expect(error.message).toMatch(/raidRisks\.0\.scopeId: is not a project of the document/);
        const strayStep = clone(doc);
        strayStep.changeRequestSteps[0]!.changeRequestId = randomUUID() as never;
        error = await refusal(importOrganisation(empty.db, strayStep));
        expect(error.message).toMatch(/changeRequestSteps\.0\.changeRequestId: is not a change request of the document/);
        const lostRun = clone(doc);
        lostRun.riskSimulations[0]!.projectId = randomUUID() as never;
        error = await refusal(importOrganisation(empty.db, lostRun));
        expect(error.message).toMatch(/riskSimulations\.0\.projectId: is not a project of the document/);
        error = await refusal(importOrganisation(empty.db, { hello: 'world' }));
        expect(error.message).toMatch(/format: must be "pharos-organisation"/);

        expect(await counts(empty)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
      } finally {
        await empty.drop();
      }
    });

    it('still reads a version 1 export (made before plans existed)', async () => {
      const empty = await freshStore(dialect);
      try {
        const old = clone(doc) as unknown as Record<string, unknown>;
        old.formatVersion = 1;
        for (const key of SINCE_V1) delete old[key];
        const result = await importOrganisation(empty.db, old);
        expect(result.inserted.projects).toBe(doc.projects.length);
        expect(result.inserted.scheduleTasks).toBe(0);
      } finally {
        await empty.drop();
      }
    });

    it('is one transaction: a failure part-way through leaves nothing behind', async () => {
      const empty = await freshStore(dialect);
      try {
        // Fail once the organisation, people and portfolios are written and projects are going in.
        const failing = importOrganisation(empty.db, clone(doc), (p) => {
          if (p.step === 'projects') throw new Error('disk full (simulated)');
        });
        await expect(failing).rejects.toThrow('disk full (simulated)');
        expect(await counts(empty)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
      } finally {
        await empty.drop();
      }
    });

    it('imports 10,000 projects in batches, quickly', async () => {
      const big = clone(doc);
      const template = big.projects.find((p) => p.programmeId !== null)!;
      big.organisation = { ...big.organisation, id: randomUUID() as OrganisationId, slug: 'northwind-big' };
      const orgOf = <T extends { organisationId: unknown }>(r: T): T => ({ ...r, organisationId: big.organisation.id });
      big.users = [];
      big.apiTokens = [];
      big.memberships = [];
      big.auditEvents = [];
      big.contributions = [];
      for (const key of SINCE_V1) Object.assign(big, { [key]: [] });
      big.portfolios = big.portfolios.map((p) => orgOf({ ...p, managerId: null }));
      big.programmes = big.programmes.map((p) => orgOf({ ...p, managerId: null }));
      big.objectives = big.objectives.map(orgOf);
      big.projects = Array.from({ length: 10_000 }, (_, i) => orgOf({ ...template, id: randomUUID() as ProjectId, code: `BULK-${i}`, sponsorId: null as UserId | null, managerId: null }));
      // Ids must be fresh in the target: give every structural record a new one, keeping references.
      const remap = new Map<string, string>();
      const fresh = (id: string) => remap.get(id) ?? (remap.set(id, randomUUID()), remap.get(id)!);
      big.portfolios = big.portfolios.map((p) => ({ ...p, id: fresh(p.id) as never }));
      big.programmes = big.programmes.map((p) => ({ ...p, id: fresh(p.id) as never, portfolioId: fresh(p.portfolioId) as never, parentId: p.parentId && (fresh(p.parentId) as never) }));
      big.objectives = big.objectives.map((o) => ({ ...o, id: fresh(o.id) as never, parentId: o.parentId && (fresh(o.parentId) as never) }));
      big.projects = big.projects.map((p) => ({ ...p, portfolioId: fresh(p.portfolioId) as never, programmeId: p.programmeId && (fresh(p.programmeId) as never) }));

      const started = Date.now();
      const result = await importOrganisation(target.db, big);
      const ms = Date.now() - started;
      expect(result.inserted.projects).toBe(10_000);
      expect(ms, `took ${ms} ms`).toBeLessThan(20_000);
      const n = await target.db.selectFrom('project').select((eb) => eb.fn.countAll<number>().as('n')).where('organisationId', '=', big.organisation.id).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(10_000);
    }, 60_000);
  });
}
