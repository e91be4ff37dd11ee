import type { ChangeRequestCreate } from '../api/schemas/change.schema.js';
import { addDays, type CalendarDate } from '../domain/calendar-date.js';
import type { ChangeStep } from '../domain/change/index.js';
import type { OrganisationId, ProjectId, UserId } from '../domain/ids.js';
import { createChangeRequest, takeChangeStep } from './change-requests.js';
import type { ServiceContext } from './context.js';
import { DEMO_PLANS } from './demo-catalogue.js';
import { loadPlanData } from './schedule-data.js';

/**
 * The demo's change requests: each planned project carries a short change history, one request
 * at each point of the workflow, raised by its manager and decided by the board its size
 * needs. They go through the change control service, so numbering, the boards, the baselines
 * and the decision log are the real ones. Approved requests change cost only (the demo plans
 * keep their dates); the one waiting for a decision carries task changes, so its forecast is
 * the engine's.
 */

type Script = {
  title: string;
  description: string;
  reason: string;
  /** Share of the budget, signed. */
  costShare: number;
  /** Working days added to the longest task still to do (only on requests not approved). */
  taskDays?: number;
  scheduleImpactDays?: number;
  impact: { scope: string; benefits: string; risk: string };
  /** Days from the anchor on which each step is taken, in order. */
  steps: readonly [ChangeStep, number, string?][];
};

const SCRIPTS: readonly Script[] = [
  {
    title: 'Independent safety review of the design',
    description: 'Commission an independent review of the detailed design before construction starts.',
    reason: 'The insurer asked for it after a similar scheme elsewhere failed its energisation tests.',
    costShare: 0.012,
    scheduleImpactDays: 3,
    impact: { scope: 'Adds one review stage; no change to what is built.', benefits: 'none', risk: 'Lowers the chance of rework at commissioning.' },
    steps: [
      ['submit', -70],
      ['assess', -66],
      ['approve', -63, 'Cheap insurance; within the project board’s tolerance.'],
      ['implement', -30, 'Review completed; two design notes actioned.'],
    ],
  },
  {
    title: 'Extend the monitoring to the 11 kV feeders',
    description: 'Add feeder-level monitoring to every primary in scope, not only the 33 kV side.',
    reason: 'Operations cannot see the low-voltage constraints that drive most of the complaints.',
    costShare: 0.065,
    taskDays: 8,
    impact: { scope: 'Adds 11 kV feeder monitoring at each site.', benefits: 'Feeds the flexibility programme with feeder data a year early.', risk: 'More site work during the outage windows.' },
    steps: [
      ['submit', -12],
      ['assess', -8],
    ],
  },
  {
    title: 'Gold-plated control room displays',
    description: 'Replace the agreed display wall with the vendor’s premium model.',
    reason: 'Nicer to look at.',
    costShare: 0.02,
    scheduleImpactDays: 2,
    impact: { scope: 'Swaps equipment; no new function.', benefits: 'none', risk: 'none' },
    steps: [
      ['submit', -40],
      ['assess', -38],
      ['reject', -36, 'No benefit that the agreed model does not already give.'],
    ],
  },
  {
    title: 'Bring the handover training forward',
    description: 'Train the operators during commissioning instead of after it.',
    reason: 'Operators are available now and will not be in the spring.',
    costShare: 0,
    scheduleImpactDays: 0,
    impact: { scope: 'none', benefits: 'Earlier competent operation.', risk: 'none' },
    steps: [],
  },
];

/** How many requests each planned project carries. */
export const CHANGE_SCRIPTS = SCRIPTS.length;

/** The people who act for each board of a project: its manager raises, its sponsor or the programme or portfolio manager decides. */
type Cast = { manager: { id: UserId; name: string }; boards: Record<'project' | 'programme' | 'portfolio', { id: UserId; name: string }> };

export async function seedChanges(ctx: ServiceContext, organisationId: OrganisationId, anchor: CalendarDate, tick: () => void): Promise<number> {
  const on = (days: number, who: { id: UserId; name: string }): ServiceContext => ({
    ...ctx,
    actor: { userId: who.id, name: who.name, grants: [], system: true },
    clock: () => new Date(Date.parse(`${addDays(anchor, days)}T10:00:00Z`)),
  });
  const people = new Map((await ctx.db.selectFrom('userAccount').select(['id', 'name']).execute()).map((u) => [u.id as string, u.name] as const));
  const person = (id: string | null) => ({ id: id as UserId, name: people.get(id ?? '') ?? 'PMO' });
  let made = 0;
  for (const plan of DEMO_PLANS) {
    const project = await ctx.db.selectFrom('project').select(['id', 'managerId', 'sponsorId', 'programmeId', 'portfolioId', 'budget']).where('organisationId', '=', organisationId).where('code', '=', plan.project).executeTakeFirstOrThrow();
    const programme = project.programmeId ? await ctx.db.selectFrom('programme').select('managerId').where('id', '=', project.programmeId).executeTakeFirst() : undefined;
    const portfolio = await ctx.db.selectFrom('portfolio').select('managerId').where('id', '=', project.portfolioId).executeTakeFirstOrThrow();
    const cast: Cast = {
      manager: person(project.managerId),
      boards: { project: person(project.sponsorId), programme: person(programme?.managerId ?? portfolio.managerId), portfolio: person(portfolio.managerId) },
    };
    // The longest task not yet started: where an extension would really land.
    const data = (await loadPlanData(ctx.db, project.id as ProjectId))!;
    const parents = new Set(data.tasks.map((t) => t.parentId));
    const open = data.tasks.filter((t) => !parents.has(t.id) && t.actualStart === null).sort((a, b) => b.durationMinutes - a.durationMinutes || a.uid - b.uid)[0];
    for (const s of SCRIPTS) {
      const first = s.steps[0]?.[1] ?? -2;
      const input: ChangeRequestCreate = {
        projectId: project.id,
        title: s.title,
        description: s.description,
        reason: s.reason,
        costImpact: Math.round(((project.budget ?? 0) * s.costShare) / 100_00) * 100_00,
        scheduleImpactDays: s.scheduleImpactDays ?? 0,
        taskChanges: s.taskDays && open ? [{ taskId: open.id, days: s.taskDays }] : [],
        scopeImpact: s.impact.scope,
        benefitsImpact: s.impact.benefits,
        riskImpact: s.impact.risk,
        links: [],
      };
      let request = await createChangeRequest(on(first - 1, cast.manager), input);
      for (const [step, day, note] of s.steps) {
        const who = step === 'approve' || step === 'reject' || step === 'defer' ? cast.boards[request.authority ?? 'portfolio'] : cast.manager;
        request = await takeChangeStep(on(day, who), request.id, { step, version: request.version, note: note ?? '' });
      }
      made++;
      tick();
    }
  }
  return made;
}
