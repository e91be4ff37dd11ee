import type { CalendarDate } from '../domain/calendar-date.js';
import type { OrganisationId } from '../domain/ids.js';
import { addMonths, monthOf, monthsBetween } from '../domain/portfolio/capacity/index.js';
import { createPerson, createRole, putProjectDemand } from './capacity.js';
import { updateResource } from './schedule-edits.js';
import type { ServiceContext } from './context.js';
import type { Rng } from './demo-prng.js';

/**
 * The demo's capacity: six roles with their standing size over time (engineers shrinking as
 * contractors roll off, developers growing as hires arrive), a few named people in each (part
 * time, leads with line duties, summer holidays), and every open project's estimate of the hours
 * it needs from the roles its portfolio uses, spread over its planned months from its budget.
 * The engineers and developers come out over capacity in some months, as they are in life.
 */

type RoleSpec = { code: string; name: string; steps: [number, number][]; people: [string, number, number][] };

/** Steps are [months from the anchor, FTE]; people are [name, FTE, non-project share]. */
const ROLES: readonly RoleSpec[] = [
  { code: 'PM', name: 'Project managers', steps: [[-24, 9], [3, 10]], people: [['Hannah Okafor', 1, 0.2], ['Marcus Reid', 1, 0.1]] },
  { code: 'ENG', name: 'Network engineers', steps: [[-24, 18], [4, 15]], people: [['Priya Nair', 1, 0.25], ['Tom Whitfield', 1, 0], ['Grace Liu', 0.8, 0]] },
  { code: 'FIELD', name: 'Field crews', steps: [[-24, 22]], people: [['Dan Mercer', 1, 0.3]] },
  { code: 'DEV', name: 'Software developers', steps: [[-24, 17], [6, 21]], people: [['Aisha Khan', 1, 0.2], ['Leo Brandt', 0.6, 0], ['Sam Ortiz', 1, 0]] },
  { code: 'BA', name: 'Business analysts', steps: [[-24, 12]], people: [['Nina Patel', 1, 0.1], ['Owen Hughes', 0.8, 0]] },
  { code: 'DATA', name: 'Data engineers', steps: [[-24, 6]], people: [['Ravi Shah', 1, 0.15]] },
];

/** Which roles a portfolio's projects draw on, with their share of its labour hours. */
const MIX: Record<string, [string, number][]> = {
  GRID: [['ENG', 0.35], ['FIELD', 0.35], ['PM', 0.12], ['DATA', 0.08], ['DEV', 0.1]],
  CXD: [['DEV', 0.45], ['BA', 0.2], ['PM', 0.12], ['DATA', 0.13], ['ENG', 0.1]],
  BIZ: [['BA', 0.35], ['PM', 0.2], ['DEV', 0.25], ['FIELD', 0.2]],
};

/** The demo plans' own people stand for the roles (contractors and vendors stay outside them). */
const PLAN_RESOURCE_ROLES: Record<string, string> = {
  'Project manager': 'PM',
  'Cable engineers': 'ENG',
  'Civil design engineers': 'ENG',
  'Control engineers': 'ENG',
  'Substation electrical team': 'ENG',
  'Cable jointers': 'FIELD',
  'Survey team': 'FIELD',
  'OT systems engineers': 'DEV',
  'OT security analyst': 'DATA',
};

/** Internal labour is about a quarter of a budget, at about £85 an hour (minor units are pence). */
const LABOUR_SHARE = 0.25;
const PENCE_PER_HOUR = 8_500;

export async function seedCapacity(ctx: ServiceContext, organisationId: OrganisationId, anchor: CalendarDate, rng: Rng, onProject: () => void): Promise<{ roles: number; people: number; demandRows: number }> {
  const base = monthOf(anchor);
  const roleIds = new Map<string, string>();
  let people = 0;
  for (const spec of ROLES) {
    const role = await createRole(ctx, organisationId, {
      code: spec.code,
      name: spec.name,
      description: '',
      hoursPerFteMonth: 140,
      fteSteps: spec.steps.map(([offset, fte]) => ({ from: addMonths(base, offset), fte })),
    });
    roleIds.set(spec.code, role.id);
    for (const [name, fte, nonProjectShare] of spec.people) {
      const summer = `${Number(base.slice(0, 4)) + 1}-07-${String(rng.int(1, 20)).padStart(2, '0')}`;
      const summerEnd = new Date(Date.parse(`${summer}T00:00:00Z`) + rng.int(7, 13) * 86_400_000).toISOString().slice(0, 10);
      await createPerson(ctx, organisationId, {
        roleId: role.id,
        userId: null,
        name,
        fte,
        nonProjectShare,
        fromMonth: null,
        toMonth: null,
        absences: [{ from: summer, to: summerEnd, note: 'Summer holiday' }],
      });
      people++;
    }
  }

  // The planned projects' own resources stand for roles: their assignments become their demand.
  const planResources = await ctx.db.selectFrom('scheduleResource').select(['id', 'projectId', 'name', 'version']).where('organisationId', '=', organisationId).orderBy('id').execute();
  for (const r of planResources) {
    const code = PLAN_RESOURCE_ROLES[r.name];
    if (code) await updateResource(ctx, r.projectId, r.id, { version: r.version, roleId: roleIds.get(code)! });
  }

  const projects = await ctx.db
    .selectFrom('project')
    .innerJoin('portfolio', 'portfolio.id', 'project.portfolioId')
    .select(['project.id', 'project.state', 'project.plannedStart', 'project.plannedFinish', 'project.budget', 'portfolio.code as portfolio'])
    .where('project.organisationId', '=', organisationId)
    .orderBy('project.code')
    .execute();
  let demandRows = 0;
  const horizonFrom = addMonths(base, -3);
  const horizonTo = addMonths(base, 24);
  for (const p of projects) {
    onProject();
    if ((p.state !== 'active' && p.state !== 'on-hold') || !p.plannedStart || !p.plannedFinish || p.budget === null) continue;
    const span = monthsBetween(monthOf(p.plannedStart), monthOf(p.plannedFinish));
    const months = span.filter((m) => m >= horizonFrom && m <= horizonTo);
    if (months.length === 0 || span.length === 0) continue;
    const perMonth = (Number(p.budget) * LABOUR_SHARE) / PENCE_PER_HOUR / span.length;
    for (const [code, share] of MIX[p.portfolio] ?? []) {
      if (rng.chance(0.25)) continue;
      const hours: Record<string, number> = {};
      for (const m of months) hours[m] = Math.min(900, Math.round((perMonth * share * (70 + rng.int(0, 60))) / 100 / 5) * 5);
      if (Object.values(hours).every((h) => h === 0)) continue;
      await putProjectDemand(ctx, p.id, roleIds.get(code)!, { version: 0, hours, note: '' });
      demandRows++;
    }
  }
  return { roles: ROLES.length, people, demandRows };
}
