import type { ContributionId, MembershipId, ObjectiveId, OrganisationId, PortfolioId, ProgrammeId, ProjectId, UserId } from '../../src/domain/ids.js';
import { STAGES, STATES, type ProjectState, type Stage } from '../../src/domain/structure/index.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { newId } from '../../src/services/ids.js';
import { createOrganisation } from '../../src/services/organisations.js';
import { createApiToken } from '../../src/services/sessions.js';
import { createUser, grantRole } from '../../src/services/users.js';
import type { Store } from '../../src/store/database.js';
import type { ContributionTable, MembershipTable, ObjectiveTable, PortfolioTable, ProgrammeTable, ProjectTable, UserTable } from '../../src/store/schema.js';
import { budget, personName, plannedDates, portfolioName, prng, projectDescription, projectName, tagsJson, weighted, type Random } from './fixtures.js';

export type SeedPlan = { projects: number; portfolios: number };

/** What the seed wrote for one portfolio: the answers the API must give back. */
export type SeededPortfolio = {
  id: PortfolioId;
  projectCount: number;
  programmeCount: number;
  byStage: Record<Stage, number>;
  byState: Record<ProjectState, number>;
  unalignedCount: number;
  totalBudget: number;
  /** Project ids in list order: name, then id, by code point. */
  orderedIds: ProjectId[];
};

export type Seeded = {
  organisationId: OrganisationId;
  /** Bearer token of an organisation-wide administrator. */
  token: string;
  portfolios: SeededPortfolio[];
  counts: { projects: number; programmes: number; objectives: number; contributions: number; people: number };
  seconds: number;
};

const PROGRAMMES_PER_PORTFOLIO = 5;
const OBJECTIVE_THEMES = 4;
const OBJECTIVES_PER_THEME = 4;
const PEOPLE = 40;
const STAGE_WEIGHTS: Record<Stage, number> = { proposal: 15, initiation: 15, planning: 20, delivery: 40, closure: 10 };
const STATE_WEIGHTS: Record<ProjectState, number> = { active: 70, 'on-hold': 10, completed: 12, cancelled: 8 };
/** Share of projects with at least one contribution to a strategic objective. */
const ALIGNED_SHARE = 0.85;

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const byCodePoint = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

async function inBatches<R>(rows: readonly R[], size: number, insert: (batch: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Projects per portfolio: uneven (0.6× to 1.4× the mean), summing to `total`. */
function portfolioSizes(total: number, portfolios: number): number[] {
  const weights = Array.from({ length: portfolios }, (_, i) => 0.6 + (0.8 * ((i * 37) % portfolios)) / Math.max(1, portfolios - 1));
  const sum = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let rest = total - sizes.reduce((s, n) => s + n, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % portfolios) {
    const step = rest > 0 ? 1 : -1;
    if (step > 0 || (sizes[i] as number) > 1) {
      sizes[i] = (sizes[i] as number) + step;
      rest -= step;
    }
  }
  return sizes;
}

/** The organisation, its administrator and token, through the services (audited like production). */
async function seedOrganisation(ctx: ServiceContext): Promise<{ organisationId: OrganisationId; adminId: UserId; token: string }> {
  const org = await createOrganisation(ctx, { name: 'Bench Holdings', slug: 'bench-holdings', pmoMode: 'controlling' });
  const organisationId = org.id as OrganisationId;
  const admin = await createUser(ctx, organisationId, { email: 'bench.admin@example.com', name: 'Bench Administrator', password: null });
  await grantRole(ctx, { userId: admin.id, role: 'administrator', scopeType: 'organisation', scopeId: organisationId });
  const token = await createApiToken(ctx.db, ctx.clock, admin.id as UserId, 'bench', 1);
  return { organisationId, adminId: admin.id as UserId, token: token.token };
}

/**
 * Seeds `plan.projects` projects in `plan.portfolios` portfolios (five programmes each), twenty
 * strategic objectives and the contributions to them, with bulk inserts in one transaction.
 * Ids, timestamps and JSON columns have the formats the services write.
 */
export async function seed(store: Store, plan: SeedPlan): Promise<Seeded> {
  const started = performance.now();
  const ctx: ServiceContext = { db: store.db, dialect: store.dialect, actor: systemActor('bench'), clock: () => new Date() };
  const { organisationId, token } = await seedOrganisation(ctx);
  const rand: Random = prng(20_260_101);
  const now = new Date().toISOString();
  const versioned = { version: 1, createdAt: now, updatedAt: now };

  const people: UserTable[] = Array.from({ length: PEOPLE }, (_, i) => ({
    id: newId<UserId>(),
    email: `person${i + 1}@bench.example.com`,
    name: personName(i),
    passwordHash: null,
    active: 1,
    ...versioned,
  }));
  const memberships: MembershipTable[] = people.map((p) => ({
    id: newId<MembershipId>(),
    organisationId,
    userId: p.id,
    role: 'project-manager',
    scopeType: 'organisation',
    scopeId: organisationId,
    version: 1,
    createdAt: now,
  }));
  const personId = (): UserId => (people[Math.floor(rand() * people.length)] as UserTable).id;

  const objectives: ObjectiveTable[] = [];
  for (let t = 0; t < OBJECTIVE_THEMES; t++) {
    const theme: ObjectiveTable = { id: newId<ObjectiveId>(), organisationId, parentId: null, code: `OBJ-${t + 1}`, name: `Strategic theme ${t + 1}`, description: '', weight: 25, measure: '', target: '', ...versioned };
    objectives.push(theme);
    for (let c = 0; c < OBJECTIVES_PER_THEME; c++) {
      objectives.push({ id: newId<ObjectiveId>(), organisationId, parentId: theme.id, code: `OBJ-${t + 1}.${c + 1}`, name: `Objective ${t + 1}.${c + 1}`, description: '', weight: 25, measure: 'percent', target: `${50 + c * 10}%`, ...versioned });
    }
  }

  const sizes = portfolioSizes(plan.projects, plan.portfolios);
  const portfolios: PortfolioTable[] = [];
  const programmes: ProgrammeTable[] = [];
  const projects: ProjectTable[] = [];
  const contributions: ContributionTable[] = [];
  const seeded: SeededPortfolio[] = [];
  for (let p = 0; p < plan.portfolios; p++) {
    const code = `PF-${String(p + 1).padStart(3, '0')}`;
    const portfolio: PortfolioTable = { id: newId<PortfolioId>(), organisationId, code, name: portfolioName(p), description: `The ${portfolioName(p)} portfolio.`, managerId: personId(), pmoMode: null, ...versioned };
    portfolios.push(portfolio);
    const own: ProgrammeTable[] = Array.from({ length: PROGRAMMES_PER_PORTFOLIO }, (_, g) => ({
      id: newId<ProgrammeId>(),
      organisationId,
      portfolioId: portfolio.id,
      parentId: null,
      code: `${code}-PG${g + 1}`,
      name: `${portfolioName(p)} programme ${g + 1}`,
      description: '',
      managerId: personId(),
      ...versioned,
    }));
    programmes.push(...own);
    const summary: SeededPortfolio = { id: portfolio.id, projectCount: 0, programmeCount: own.length, byStage: zeroes(STAGES), byState: zeroes(STATES), unalignedCount: 0, totalBudget: 0, orderedIds: [] };
    const listed: { name: string; id: ProjectId }[] = [];
    for (let i = 0; i < (sizes[p] as number); i++) {
      const name = projectName(rand);
      const stage = weighted(rand, STAGE_WEIGHTS);
      const state = weighted(rand, STATE_WEIGHTS);
      const project: ProjectTable = {
        id: newId<ProjectId>(),
        organisationId,
        portfolioId: portfolio.id,
        // Four in five projects sit in a programme; the rest straight in the portfolio.
        programmeId: rand() < 0.8 ? (own[Math.floor(rand() * own.length)] as ProgrammeTable).id : null,
        code: `P-${String(projects.length + 1).padStart(6, '0')}`,
        name,
        description: projectDescription(rand, name),
        sponsorId: rand() < 0.9 ? personId() : null,
        managerId: rand() < 0.95 ? personId() : null,
        stage,
        state,
        ...plannedDates(rand),
        budget: budget(rand),
        tags: tagsJson(rand),
        ...versioned,
      };
      projects.push(project);
      listed.push({ name, id: project.id });
      summary.projectCount++;
      summary.byStage[stage]++;
      summary.byState[state]++;
      summary.totalBudget += project.budget ?? 0;
      if (rand() < ALIGNED_SHARE) {
        const first = Math.floor(rand() * objectives.length);
        const targets = rand() < 0.4 ? [first, (first + 1 + Math.floor(rand() * (objectives.length - 1))) % objectives.length] : [first];
        for (const o of targets) {
          contributions.push({ id: newId<ContributionId>(), organisationId, projectId: project.id, objectiveId: (objectives[o] as ObjectiveTable).id, weight: [25, 50, 75, 100][Math.floor(rand() * 4)] as number, ...versioned });
        }
      } else summary.unalignedCount++;
    }
    summary.orderedIds = listed.sort(byCodePoint).map((r) => r.id);
    seeded.push(summary);
  }

  await store.db.transaction().execute(async (trx) => {
    await inBatches(people, 500, (b) => trx.insertInto('userAccount').values(b).execute());
    await inBatches(memberships, 500, (b) => trx.insertInto('membership').values(b).execute());
    await inBatches(objectives, 500, (b) => trx.insertInto('objective').values(b).execute());
    await inBatches(portfolios, 500, (b) => trx.insertInto('portfolio').values(b).execute());
    await inBatches(programmes, 500, (b) => trx.insertInto('programme').values(b).execute());
    // 18 columns × 500 rows stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    await inBatches(projects, 500, (b) => trx.insertInto('project').values(b).execute());
    await inBatches(contributions, 1000, (b) => trx.insertInto('contribution').values(b).execute());
  });

  return {
    organisationId,
    token,
    portfolios: seeded,
    counts: { projects: projects.length, programmes: programmes.length, objectives: objectives.length, contributions: contributions.length, people: people.length + 1 },
    seconds: (performance.now() - started) / 1000,
  };
}
