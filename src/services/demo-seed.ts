import { addDays, daysInMonth, type CalendarDate } from '../domain/calendar-date.js';
import { PharosError } from '../domain/errors.js';
import type { ObjectiveId, OrganisationId, PortfolioId, ProgrammeId, ProjectId, UserId } from '../domain/ids.js';
import { ROLES, type Role, type ScopeType } from '../domain/policy/index.js';
import type { Stage } from '../domain/structure/index.js';
import { STANDARD_WEEK, type CalendarDefinition } from '../domain/schedule/calendar-types.js';
import { parseLocalDateTime } from '../domain/schedule/local-time.js';
import { outlineOf } from '../domain/schedule/outline.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { LinkType, ScheduleInput, ScheduleLink, ScheduleTask } from '../domain/schedule/types.js';
import { writeMspdi } from '../io/mspdi/index.js';
import { mspdiFromPlan } from '../io/mspdi/mspdi-from-plan.js';
import type { ProjectPatch } from '../api/schemas/project.schema.js';
import type { ServiceContext } from './context.js';
import { createContribution } from './contributions.js';
import {
  DEMO_PEOPLE,
  DEMO_PLANS,
  MANAGER_POOL,
  OBJECTIVES,
  ORGANISATION_WIDE_ROLES,
  PORTFOLIOS,
  PROGRAMMES,
  PROJECTS,
  SPONSOR_POOL,
  STAFF,
  type DemoPlan,
  type DemoProject,
  type PersonKey,
  type ProjectSize,
  type StaffKey,
} from './demo-catalogue.js';
import { prng, type Rng } from './demo-prng.js';
import { CHANGE_SCRIPTS, seedChanges } from './demo-changes.js';
import { seedScoring } from './demo-scoring.js';
import { seedCapacity } from './demo-capacity.js';
import { seedRaid, type RaidSeedResult } from './demo-raid.js';
import { createObjective } from './objectives.js';
import { createOrganisation } from './organisations.js';
import { createPortfolio, updatePortfolio } from './portfolios.js';
import { createProgramme, updateProgramme } from './programmes.js';
import { createProject, updateProject } from './projects.js';
import { saveBaseline } from './schedule-baselines.js';
import { loadPlanData } from './schedule-data.js';
import { updatePlan, updateTask } from './schedule-edits.js';
import { importMspdi } from './schedule-transfer.js';
import { createMember, createUser, grantRole } from './users.js';

/**
 * The demo organisation: Northwind Utilities, a believable electricity network operator with
 * three portfolios, eight programmes, sixty projects, a strategy, and one sign-in per role.
 *
 * Content is deterministic: names come from `demo-catalogue.ts` (and the registers from
 * `demo-raid-catalogue.ts`), dates are offsets from a fixed anchor, and budgets, people and history come from a seeded PRNG. Only ids and timestamps
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
  /** Items in the RAID registers. */
  raid: RaidSeedResult;
  /** Change requests, at every point of the workflow. */
  changeRequests: number;
  /** Projects scored on their portfolio's model. */
  scoreSheets: number;
  /** Roles, named people, and project-by-role demand estimates. */
  capacity: { roles: number; people: number; demandRows: number };
};


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
 * Takes a few seconds on SQLite: hashing the twelve demo passwords, then the plans and registers.
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

  const total = everyone.length + PORTFOLIOS.length + PROGRAMMES.length + OBJECTIVES.length + PROJECTS.length + DEMO_PLANS.length + PROJECTS.length + DEMO_PLANS.length * CHANGE_SCRIPTS + PROJECTS.length * 2;
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

  for (const plan of DEMO_PLANS) {
    const project = await ctx.db.selectFrom('project').select(['id', 'plannedStart', 'plannedFinish']).where('organisationId', '=', orgId).where('code', '=', plan.project).executeTakeFirstOrThrow();
    await seedPlan(ctx, project.id as ProjectId, plan, project.plannedStart!, project.plannedFinish!, anchor);
    tick('plans');
  }

  // The registers draw from their own stream, so adding to them leaves the rest of the demo as it was.
  const raid = await seedRaid(ctx, orgId, anchor, prng((options.seed ?? DEFAULT_SEED) + 1), () => tick('registers'));
  const changeRequests = await seedChanges(ctx, orgId, anchor, () => tick('change requests'));
  const scoreSheets = await seedScoring(ctx, orgId, prng((options.seed ?? DEFAULT_SEED) + 2), () => tick('scores'));
  const capacity = await seedCapacity(ctx, orgId, anchor, prng((options.seed ?? DEFAULT_SEED) + 3), () => tick('demand'));

  return {
    organisationId: orgId,
    users: everyone.length,
    portfolios: PORTFOLIOS.length,
    programmes: PROGRAMMES.length,
    objectives: OBJECTIVES.length,
    projects: PROJECTS.length,
    contributions,
    unaligned: PROJECTS.filter((p) => p.objectives.length === 0).length,
    raid,
    changeRequests,
    scoreSheets,
    capacity,
  };
}

const DAY = 480;
const ELAPSED_DAY = 1440;

/** Public holidays every year (England): the plans' calendar skips them. */
const HOLIDAYS: CalendarDefinition['exceptions'] = [
  { name: "New Year's Day", from: '2024-01-01', to: '2024-01-01', working: [], recurrence: { kind: 'yearly-day', month: 1, day: 1 }, occurrences: 10 },
  { name: 'Christmas Day', from: '2024-12-25', to: '2024-12-25', working: [], recurrence: { kind: 'yearly-day', month: 12, day: 25 }, occurrences: 10 },
  { name: 'Boxing Day', from: '2024-12-26', to: '2024-12-26', working: [], recurrence: { kind: 'yearly-day', month: 12, day: 26 }, occurrences: 10 },
];

/** `'design SS+5'` → the predecessor's key, the link type and the lag in working days. */
function parseLinks(text: string | undefined): { key: string; type: LinkType; days: number }[] {
  if (!text) return [];
  const links = [];
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    const m = next ? /^(FS|SS|FF|SF)([+-]\d+)?$/.exec(next) : null;
    links.push({ key: words[i]!, type: (m?.[1] ?? 'FS') as LinkType, days: m?.[2] ? Number(m[2]) : 0 });
    if (m) i++;
  }
  return links;
}

/** The plan's tasks and links, with every duration and lag in working days multiplied by `stretch` (and whole). */
function planInput(plan: DemoPlan, stretch: number, start: number, calendar: CalendarDefinition, dayMinutes: number): ScheduleInput {
  const parents: string[] = [];
  const days = (d: number) => (d > 0 ? Math.max(1, Math.round(d * stretch)) : 0);
  const at = (d: number, hour: number) => start + Math.round(days(d) * (7 / 5)) * ELAPSED_DAY + (hour - 8) * 60;
  const tasks: ScheduleTask[] = [];
  const links: ScheduleLink[] = [];
  for (const [depth, key, name, d, after, extra] of plan.rows) {
    parents.length = depth - 1;
    tasks.push({
      id: key,
      name,
      parent: parents[depth - 2] ?? null,
      durationMinutes: days(d) * dayMinutes,
      ...(extra?.snet !== undefined ? { constraint: 'SNET' as const, constraintDate: at(extra.snet, 8) } : {}),
      ...(extra?.fnlt !== undefined ? { constraint: 'FNLT' as const, constraintDate: at(extra.fnlt, 17) } : {}),
      ...(extra?.deadline !== undefined ? { deadline: at(extra.deadline, 17) } : {}),
    });
    parents[depth - 1] = key;
    for (const l of parseLinks(after)) links.push({ predecessor: l.key, successor: key, type: l.type, ...(l.days ? { lagMinutes: Math.sign(l.days) * Math.max(1, Math.round(Math.abs(l.days) * stretch)) * dayMinutes } : {}) });
  }
  // A summary is not a milestone: only leaves with no duration are.
  const summaries = new Set(tasks.map((t) => t.parent).filter((p): p is string => !!p));
  return { tasks: tasks.map((t) => ({ ...t, milestone: !summaries.has(t.id) && t.durationMinutes === 0 })), links, calendars: [calendar], projectCalendar: calendar.id, start };
}

/**
 * A project's demo plan: the catalogue's tasks stretched to fit the project's planned dates,
 * imported as an MS Project file would be (calendars, outline, links, constraints, resources,
 * assignments, and the tasks finished by the anchor, "today", with their actual dates),
 * baseline 0 saved as the approved plan, then the edits a project manager makes at a status
 * update: tasks under way get an actual start and a percentage (some behind), a few durations
 * grow, and the status date is set. Every step is a service call, recalculated and audited.
 */
async function seedPlan(ctx: ServiceContext, projectId: ProjectId, plan: DemoPlan, plannedStart: CalendarDate, plannedFinish: CalendarDate, anchor: CalendarDate): Promise<void> {
  const start = parseLocalDateTime(`${plannedStart}T08:00:00`)!;
  const calendar: CalendarDefinition = { id: 'standard', name: 'Standard', week: STANDARD_WEEK, exceptions: HOLIDAYS };
  // The catalogue's length in working days, then the stretch that makes it fill about 90% of
  // the project's planned working days.
  const raw = schedule(planInput(plan, 1, 0, { id: 'days', name: 'Days', week: Array.from({ length: 7 }, () => [{ from: 0, to: 1440 }]) }, ELAPSED_DAY));
  const rawDays = raw.projectFinish / ELAPSED_DAY;
  const windowDays = ((parseLocalDateTime(`${plannedFinish}T00:00:00`)! - start) / ELAPSED_DAY) * (5 / 7);
  const stretch = Math.max(0.5, Math.round(((0.9 * windowDays) / rawDays) * 20) / 20);
  // Work finished by today went as planned: it goes in with its actual dates. (Actuals equal to
  // the planned dates move nothing, so baseline 0 below is the plan as approved.)
  const status = `${anchor}T17:00:00`;
  const now = parseLocalDateTime(status)!;
  const planned = planInput(plan, stretch, start, calendar, DAY);
  const dates = schedule(planned);
  const summaries = new Set(planned.tasks.map((t) => t.parent));
  const input: ScheduleInput = {
    ...planned,
    tasks: planned.tasks.map((t, i) => (!summaries.has(t.id) && dates.finish[i]! <= now ? { ...t, actualStart: dates.start[i]!, actualFinish: dates.finish[i]!, percentComplete: 100 } : t)),
  };
  const facts = outlineOf(input.tasks.map((t) => ({ id: t.id, parentId: t.parent ?? null })));
  const resourceUid = new Map(plan.resources.map((r, i) => [r.key, i + 1]));
  const assignments = plan.rows.flatMap(([, key, , , , extra], i) =>
    (extra?.who ?? '')
      .split(' ')
      .filter(Boolean)
      .map((w) => {
        const [who, units] = w.split(':');
        const u = units ? Number(units) / 100 : 1;
        return { taskUid: i + 1, resourceUid: resourceUid.get(who!)!, units: u, workMinutes: Math.round(input.tasks[i]!.durationMinutes * u), key };
      }),
  );
  const none = { start: null, finish: null, earlyStart: null, earlyFinish: null, lateStart: null, lateFinish: null, totalSlackMinutes: null, freeSlackMinutes: null, critical: false, manualStart: null, manualFinish: null };
  const xml = writeMspdi(
    mspdiFromPlan({
      name: plan.project,
      input,
      minutesPerDay: DAY,
      computedStart: null,
      computedFinish: null,
      tasks: input.tasks.map((t, i) => ({ uid: i + 1, name: t.name!, outlineLevel: facts.level[i]!, wbs: facts.wbs[i]!, summary: facts.summary[i] === 1, notes: '', priority: 500, fixedCost: 0, ...none })),
      calendarUids: new Map([[calendar.id, 1]]),
      resources: plan.resources.map((r, i) => ({ id: r.key, uid: i + 1, name: r.name, kind: r.kind ?? 'work', maxUnits: r.maxUnits ?? 1, calendarId: null, standardRate: r.ratePounds * POUND })),
      assignments: assignments.map((a, i) => ({ uid: i + 1, taskUid: a.taskUid, resourceUid: a.resourceUid, units: a.units, workMinutes: a.workMinutes })),
      baselines: [],
    }),
  );
  await importMspdi(ctx, projectId, xml, false, 'application/xml');
  await saveBaseline(ctx, projectId, 0, { name: 'Approved plan' });

  // Tasks under way today, judged against the baseline dates: every third one is behind.
  const data = (await loadPlanData(ctx.db, projectId))!;
  const outline = outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId })));
  let underWay = 0;
  for (const [i, t] of data.tasks.entries()) {
    if (outline.summary[i] === 1 || !t.start || !t.finish || t.start >= status || t.finish <= status) continue;
    const from = parseLocalDateTime(t.start)!;
    const elapsed = (now - from) / (parseLocalDateTime(t.finish)! - from);
    const pace = underWay++ % 3 === 0 ? 0.6 : 1;
    const percent = Math.min(95, Math.max(5, Math.round((elapsed * pace * 100) / 5) * 5));
    await updateTask(ctx, projectId, t.id, { version: t.version, actualStart: t.start, percentComplete: percent });
  }
  for (const slip of plan.slips) {
    const row = plan.rows.findIndex((r) => r[1] === slip.key);
    const task = (await loadPlanData(ctx.db, projectId))!.tasks.find((t) => t.uid === row + 1)!;
    if (task.percentComplete >= 100) continue;
    await updateTask(ctx, projectId, task.id, { version: task.version, durationMinutes: task.durationMinutes + Math.max(1, Math.round(slip.days * stretch)) * DAY });
  }
  const planRow = (await loadPlanData(ctx.db, projectId))!.plan;
  await updatePlan(ctx, projectId, { version: planRow.version, statusDate: status });
}
