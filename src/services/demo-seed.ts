import { addDays, daysInMonth, type CalendarDate } from '../domain/calendar-date.js';
import { PharosError } from '../domain/errors.js';
import type { ObjectiveId, OrganisationId, PortfolioId, ProgrammeId, ProjectId, UserId } from '../domain/ids.js';
import { ROLES, type Role, type ScopeType } from '../domain/policy/index.js';
import type { Stage } from '../domain/structure/index.js';
import type { ProjectPatch } from '../api/schemas/project.schema.js';
import type { ServiceContext } from './context.js';
import { createContribution } from './contributions.js';
import {
  DEMO_PEOPLE,
  MANAGER_POOL,
  OBJECTIVES,
  ORGANISATION_WIDE_ROLES,
  PORTFOLIOS,
  PROGRAMMES,
  PROJECTS,
  SPONSOR_POOL,
  STAFF,
  type DemoProject,
  type PersonKey,
  type ProjectSize,
  type StaffKey,
} from './demo-catalogue.js';
import { createObjective } from './objectives.js';
import { createOrganisation } from './organisations.js';
import { createPortfolio, updatePortfolio } from './portfolios.js';
import { createProgramme, updateProgramme } from './programmes.js';
import { createProject, updateProject } from './projects.js';
import { createMember, createUser, grantRole } from './users.js';

/**
 * The demo organisation: Northwind Utilities, a believable electricity network operator with
 * three portfolios, eight programmes, sixty projects, a strategy, and one sign-in per role.
 *
 * Content is deterministic: names come from `demo-catalogue.ts`, dates are offsets from a fixed
 * anchor, and budgets, people and history come from a seeded PRNG. Only ids and timestamps
 * differ between two seeds. Everything goes through the services, so the audit trail shows
 * how each record came to be, exactly as if a person had done it.
 */

export const DEMO_PASSWORD = 'pharos-demo';
export const DEMO_ORGANISATION = { name: 'Northwind Utilities', slug: 'northwind' } as const;
export const DEMO_DOMAIN = 'northwind.example';
/** "Today" for the demo's plans: dates are placed around it. */
export const DEMO_ANCHOR: CalendarDate = '2026-10-01';
const DEFAULT_SEED = 20_260_401;

/** The sign-in email of a demo role, e.g. `pmo-director@northwind.example`. */
export function demoEmail(role: Role): string {
  return `${role}@${DEMO_DOMAIN}`;
}

/** A staff member's email: `Fiona MacLeod` → `fiona.macleod@northwind.example`. */
export function staffEmail(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${DEMO_DOMAIN}`;
}

export type SeedProgress = { step: string; done: number; total: number };

export type SeedDemoOptions = {
  onProgress?: (progress: SeedProgress) => void;
  /** Centre of the demo's timeline (default {@link DEMO_ANCHOR}). */
  anchor?: CalendarDate;
  /** PRNG seed; the same seed gives the same organisation. */
  seed?: number;
};

export type SeedDemoResult = {
  organisationId: OrganisationId;
  users: number;
  portfolios: number;
  programmes: number;
  objectives: number;
  projects: number;
  contributions: number;
  unaligned: number;
};

/** mulberry32: a small, fast PRNG with a 32-bit state; plenty for demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    /** A whole number from `lo` to `hi` inclusive. */
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number): boolean => next() < p,
    /** Log-uniform between `lo` and `hi`: budgets spread over orders of magnitude. */
    logUniform: (lo: number, hi: number): number => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo))),
  };
}
type Rng = ReturnType<typeof prng>;

const monthStart = (d: CalendarDate): CalendarDate => `${d.slice(0, 8)}01`;
const monthEnd = (d: CalendarDate): CalendarDate => `${d.slice(0, 8)}${String(daysInMonth(Number(d.slice(0, 4)), Number(d.slice(5, 7)))).padStart(2, '0')}`;

/** Where a project's planned dates sit around the anchor, by stage: [start from, start to, length from, length to] in days. */
const WINDOWS: Record<Stage, [number, number, number, number]> = {
  proposal: [45, 300, 150, 600],
  initiation: [-45, 60, 200, 720],
  planning: [-150, 30, 270, 900],
  delivery: [-600, -90, 400, 1000],
  closure: [-900, -300, 300, 800],
};

type Plan = {
  start: CalendarDate;
  finish: CalendarDate;
  budget: number | null;
  /** The first baseline, when the project was later re-planned. */
  original: { finish: CalendarDate; budget: number | null } | null;
};

const POUND = 100;
/** Budget range in pounds, and the rounding step, for each project size. */
const SIZES: Record<ProjectSize, [number, number, number]> = {
  S: [80_000, 400_000, 5_000],
  M: [350_000, 1_800_000, 10_000],
  L: [1_500_000, 8_000_000, 50_000],
  XL: [6_000_000, 40_000_000, 100_000],
};
const roundPounds = (pounds: number, step: number): number => Math.max(step, Math.round(pounds / step) * step) * POUND;

function planOf(project: DemoProject, rng: Rng, anchor: CalendarDate): Plan {
  const [from, to, shortest, longest] = WINDOWS[project.stage];
  const start = monthStart(addDays(anchor, rng.int(from, to)));
  let finish = monthEnd(addDays(start, rng.int(shortest, longest)));
  // Delivery is under way and closure is finishing: keep their finish on the right side of today.
  if (project.stage === 'delivery' && finish <= anchor) finish = monthEnd(addDays(anchor, rng.int(30, 400)));
  if (project.stage === 'closure') finish = monthEnd(addDays(anchor, project.state === 'completed' ? rng.int(-200, -20) : rng.int(-60, 20)));
  if (finish < start) finish = monthEnd(addDays(start, shortest));
  const estimated = project.stage !== 'proposal' || rng.chance(0.7);
  const [low, high, step] = SIZES[project.size];
  const budget = estimated ? roundPounds(rng.logUniform(low, high), step) : null;
  let original: Plan['original'] = null;
  if (['planning', 'delivery', 'closure'].includes(project.stage) && rng.chance(0.35)) {
    const earlier = monthEnd(addDays(finish, -rng.int(30, 150)));
    const originalBudget = budget === null ? null : roundPounds(budget / POUND / (1.05 + rng.int(0, 20) / 100), step);
    original = { finish: earlier > start ? earlier : finish, budget: originalBudget };
  }
  return { start, finish, budget, original };
}

function weightsOf(count: number, rng: Rng): number[] {
  if (count <= 1) return [100];
  const first = rng.pick([60, 70, 80]);
  return [first, 100 - first];
}

/** Every person the seed makes, with the demo roles first. */
function people(): { key: string; name: string; email: string; role: Role | null }[] {
  const demo = ROLES.map((role) => ({ key: `role:${role}`, name: DEMO_PEOPLE[role], email: demoEmail(role), role }));
  const staff = (Object.entries(STAFF) as [StaffKey, string][]).map(([key, name]) => ({ key: `staff:${key}`, name, email: staffEmail(name), role: null }));
  return [...demo, ...staff];
}

const keyOf = (p: PersonKey): string => ('role' in p ? `role:${p.role}` : `staff:${p.staff}`);

/**
 * Seeds the demo organisation through the services (so every record has its audit trail).
 * Refuses with `duplicate` when the organisation or any of its people already exist.
 * Takes about a second on SQLite; most of it is hashing the twelve demo passwords.
 *
 * @example await seedDemo({ db, dialect, actor: systemActor('demo seed'), clock: () => new Date() })
 */
export async function seedDemo(ctx: ServiceContext, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const anchor = options.anchor ?? DEMO_ANCHOR;
  const rng = prng(options.seed ?? DEFAULT_SEED);
  const everyone = people();

  const existing = await ctx.db.selectFrom('organisation').select('id').where('slug', '=', DEMO_ORGANISATION.slug).executeTakeFirst();
  if (existing) throw new PharosError('duplicate', `the demo organisation "${DEMO_ORGANISATION.slug}" already exists in this database`);
  const taken = await ctx.db.selectFrom('userAccount').select('email').where('email', 'in', everyone.map((p) => p.email)).orderBy('email').execute();
  if (taken.length > 0) {
    throw new PharosError('duplicate', `the demo users already exist (${taken.map((t) => t.email).slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''})`);
  }

  const total = everyone.length + PORTFOLIOS.length + PROGRAMMES.length + OBJECTIVES.length + PROJECTS.length;
  let done = 0;
  const tick = (step: string) => options.onProgress?.({ step, done: ++done, total });

  const organisation = await createOrganisation(ctx, {
    name: DEMO_ORGANISATION.name,
    slug: DEMO_ORGANISATION.slug,
    pmoMode: 'controlling',
    currency: 'GBP',
    fiscalYearStartMonth: 4,
  });
  const orgId = organisation.id as OrganisationId;

  // People. Anyone named as a manager or sponsor must already belong to the organisation, so
  // `members` tracks who does; the rest are appointed once their scoped role is granted.
  const userIds = new Map<string, UserId>();
  const members = new Set<UserId>();
  for (const p of everyone) {
    const orgWide = p.role === null ? 'viewer' : ORGANISATION_WIDE_ROLES.includes(p.role) ? p.role : null;
    const password = p.role === null ? null : DEMO_PASSWORD;
    const user = orgWide
      ? await createMember(ctx, orgId, { email: p.email, name: p.name, password, role: orgWide })
      : await ctx.db.transaction().execute((trx) => createUser(ctx, orgId, { email: p.email, name: p.name, password }, trx));
    userIds.set(p.key, user.id as UserId);
    if (orgWide) members.add(user.id as UserId);
    tick('people');
  }
  const idOf = (p: PersonKey): UserId => userIds.get(keyOf(p)) as UserId;
  const grant = async (userId: UserId, role: Role, scopeType: ScopeType, scopeId: string): Promise<void> => {
    await ctx.db.transaction().execute((trx) => grantRole(ctx, { userId, role, scopeType, scopeId }, trx));
    members.add(userId);
  };
  /** The user to name now, or `null` when they join the organisation only with this record's role. */
  const nameable = (userId: UserId): UserId | null => (members.has(userId) ? userId : null);

  const portfolioIds = new Map<string, PortfolioId>();
  for (const p of PORTFOLIOS) {
    const managerId = idOf(p.manager);
    const created = await createPortfolio(ctx, { organisationId: orgId, code: p.code, name: p.name, description: p.description, managerId: nameable(managerId), pmoMode: p.pmoMode });
    await grant(managerId, 'portfolio-manager', 'portfolio', created.id);
    if (created.managerId === null) await updatePortfolio(ctx, created.id as PortfolioId, { version: created.version, managerId });
    portfolioIds.set(p.code, created.id as PortfolioId);
    tick('portfolios');
  }

  const programmeIds = new Map<string, ProgrammeId>();
  for (const p of PROGRAMMES) {
    const managerId = idOf(p.manager);
    const created = await createProgramme(ctx, {
      portfolioId: portfolioIds.get(p.portfolio) as string,
      parentId: p.parent ? (programmeIds.get(p.parent) as string) : null,
      code: p.code,
      name: p.name,
      description: p.description,
      managerId: nameable(managerId),
    });
    await grant(managerId, 'programme-manager', 'programme', created.id);
    if (created.managerId === null) await updateProgramme(ctx, created.id as ProgrammeId, { version: created.version, managerId });
    programmeIds.set(p.code, created.id as ProgrammeId);
    tick('programmes');
  }

  const objectiveIds = new Map<string, ObjectiveId>();
  for (const o of OBJECTIVES) {
    const created = await createObjective(ctx, {
      organisationId: orgId,
      parentId: o.parent ? (objectiveIds.get(o.parent) as string) : null,
      code: o.code,
      name: o.name,
      description: o.description,
      weight: o.weight,
      measure: o.measure,
      target: o.target,
    });
    objectiveIds.set(o.code, created.id as ObjectiveId);
    tick('objectives');
  }

  let contributions = 0;
  for (const p of PROJECTS) {
    // Draw every random choice first, in a fixed order, so the content never depends on timing.
    const plan = planOf(p, rng, anchor);
    const managerId = idOf(p.manager ?? { staff: rng.pick(MANAGER_POOL[p.portfolio] ?? []) });
    const sponsorId = idOf(p.sponsor ?? { staff: rng.pick(SPONSOR_POOL[p.portfolio] ?? []) });
    const weights = weightsOf(p.objectives.length, rng);

    let project = await createProject(ctx, {
      portfolioId: portfolioIds.get(p.portfolio) as string,
      programmeId: p.programme ? (programmeIds.get(p.programme) as string) : null,
      code: p.code,
      name: p.name,
      description: p.description,
      sponsorId: nameable(sponsorId),
      managerId: nameable(managerId),
      stage: 'proposal',
      state: 'active',
      plannedStart: plan.start,
      plannedFinish: plan.original?.finish ?? plan.finish,
      budget: plan.original ? plan.original.budget : plan.budget,
      tags: [...p.tags],
    });
    const id = project.id as ProjectId;
    const update = async (patch: Omit<ProjectPatch, 'version'>) => {
      project = await updateProject(ctx, id, { version: project.version, ...patch });
    };
    await grant(managerId, 'project-manager', 'project', id);
    await grant(sponsorId, 'sponsor', 'project', id);
    for (const member of p.team ?? []) await grant(idOf(member), 'team-member', 'project', id);
    const appoint: Omit<ProjectPatch, 'version'> = {};
    if (project.managerId === null) appoint.managerId = managerId;
    if (project.sponsorId === null) appoint.sponsorId = sponsorId;
    if (Object.keys(appoint).length > 0) await update(appoint);

    for (const [i, code] of p.objectives.entries()) {
      await createContribution(ctx, id, { objectiveId: objectiveIds.get(code) as string, weight: weights[i] ?? 100 });
      contributions++;
    }
    // The project's life so far: the stage it reached, then any hold, cancellation or re-plan.
    if (p.stage !== 'proposal') await update(p.state === 'completed' ? { stage: p.stage, state: 'completed' } : { stage: p.stage });
    if (p.state === 'on-hold' || p.state === 'cancelled') await update({ state: p.state });
    if (plan.original) await update({ plannedFinish: plan.finish, budget: plan.budget });
    tick('projects');
  }

  return {
    organisationId: orgId,
    users: everyone.length,
    portfolios: PORTFOLIOS.length,
    programmes: PROGRAMMES.length,
    objectives: OBJECTIVES.length,
    projects: PROJECTS.length,
    contributions,
    unaligned: PROJECTS.filter((p) => p.objectives.length === 0).length,
  };
}
