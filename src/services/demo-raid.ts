import type { RiskQuantification } from '../api/schemas/raid.schema.js';
import { addDays, type CalendarDate } from '../domain/calendar-date.js';
import type { IssueId, OrganisationId, ProjectId, RaidActionId, RiskId, UserId } from '../domain/ids.js';
import type { ServiceContext } from './context.js';
import { DEMO_PLANS, PROJECTS, type DemoProject } from './demo-catalogue.js';
import type { Rng } from './demo-prng.js';
import {
  ASSUMPTIONS,
  COMMON_RISKS,
  DECISIONS,
  DEPENDENCIES,
  ISSUES,
  PLAN_RISKS,
  PORTFOLIO_RISKS,
  UPPER_RISKS,
  type PlanRisk,
  type RiskTemplate,
} from './demo-raid-catalogue.js';
import { updateAction } from './raid-actions.js';
import { createIssue, updateIssue } from './raid-issues.js';
import { createLogItem, updateLogItem } from './raid-logs.js';
import { createRisk, riskOccurred, updateRisk } from './raid-risks.js';

/**
 * The demo's RAID registers: every project gets risks (threats and opportunities, rated
 * across the heat map, with responses, residual ratings, actions and review history), issues,
 * assumptions and decisions; related projects get dependencies on each other; programmes and
 * portfolios get their own risks. Everything goes through the RAID services, so numbering,
 * checks, escalation and the audit trail are the real ones. Each step runs with a clock set to
 * a day relative to the anchor, so reviews, due dates and the exposure trend read as months
 * of history before "today" and are the same in every fresh database.
 */

export type RaidSeedResult = { risks: number; issues: number; actions: number; assumptions: number; dependencies: number; decisions: number };

type ProjectRow = { id: ProjectId; code: string; managerId: UserId; sponsorId: UserId; demo: DemoProject };

/** How many risks, issues and assumptions a project carries at each stage. */
const SIZE: Record<DemoProject['stage'], { risks: number; issues: [number, number]; assumptions: [number, number] }> = {
  proposal: { risks: 2, issues: [0, 0], assumptions: [1, 1] },
  initiation: { risks: 3, issues: [0, 1], assumptions: [1, 1] },
  planning: { risks: 3, issues: [0, 1], assumptions: [1, 2] },
  delivery: { risks: 4, issues: [1, 2], assumptions: [1, 2] },
  closure: { risks: 2, issues: [1, 1], assumptions: [1, 1] },
};

const REVIEW_NOTES = ['re-rated at the monthly risk review', 'response under way; rating updated', 'new information from the supplier', 'reviewed with the sponsor'];

/** `items` in an order drawn from `rng` (Fisher–Yates), leaving `items` alone. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const clamp = (n: number): number => Math.min(5, Math.max(1, n));

/**
 * Seeds the registers of the demo organisation (after its projects and plans exist).
 * `rng` is the demo's own stream for RAID, so the rest of the demo does not change with it.
 */
export async function seedRaid(ctx: ServiceContext, organisationId: OrganisationId, anchor: CalendarDate, rng: Rng, tick: () => void): Promise<RaidSeedResult> {
  const counts: RaidSeedResult = { risks: 0, issues: 0, actions: 0, assumptions: 0, dependencies: 0, decisions: 0 };
  /** The context at `days` from the anchor, 09:00 UTC plus `minutes`: history happens on its own day. */
  const on = (days: number, minutes = 0): ServiceContext => ({ ...ctx, clock: () => new Date(Date.parse(`${addDays(anchor, days)}T09:00:00Z`) + minutes * 60_000) });
  const day = (days: number): CalendarDate => addDays(anchor, days);

  const rows = await ctx.db.selectFrom('project').select(['id', 'code', 'managerId', 'sponsorId']).where('organisationId', '=', organisationId).execute();
  const byCode = new Map(rows.map((r) => [r.code, r] as const));
  const projects: ProjectRow[] = PROJECTS.map((demo) => {
    const r = byCode.get(demo.code)!;
    return { id: r.id as ProjectId, code: r.code, managerId: r.managerId as UserId, sponsorId: r.sponsorId as UserId, demo };
  });
  const names = new Map((await ctx.db.selectFrom('userAccount').select(['id', 'name']).execute()).map((u) => [u.id as string, u.name] as const));
  const teams = await ctx.db.selectFrom('membership').select(['userId', 'scopeId']).where('role', '=', 'team-member').where('scopeType', '=', 'project').execute();
  const peopleOf = (p: ProjectRow): UserId[] => [p.managerId, p.managerId, p.sponsorId, ...teams.filter((t) => t.scopeId === p.id).map((t) => t.userId as UserId)];

  /** Plan task ids by catalogue key, for the projects that have a plan. */
  const taskIds = new Map<string, string>();
  for (const plan of DEMO_PLANS) {
    const projectId = byCode.get(plan.project)!.id;
    const tasks = await ctx.db.selectFrom('scheduleTask').select(['id', 'uid']).where('projectId', '=', projectId).execute();
    const byUid = new Map(tasks.map((t) => [t.uid, t.id as string] as const));
    plan.rows.forEach(([, key], i) => taskIds.set(`${plan.project}:${key}`, byUid.get(i + 1)!));
  }

  /** Actions created with an item: those due before today are mostly done, the rest of them overdue. */
  const settleActions = async (actions: readonly { id: string; version: number; due: string | null }[], allDone = false) => {
    counts.actions += actions.length;
    for (const a of actions) {
      if (a.due === null || (!allDone && (a.due >= anchor || !rng.chance(0.6)))) continue;
      const doneOn = addDays(a.due as CalendarDate, -rng.int(0, 6));
      const daysFromAnchor = Math.min(0, Math.round((Date.parse(doneOn) - Date.parse(anchor)) / 86_400_000));
      await updateAction(on(daysFromAnchor), a.id as RaidActionId, { version: a.version, doneOn: day(daysFromAnchor) });
    }
  };

  type Placed = { scopeType: 'project' | 'programme' | 'portfolio'; scopeId: string; owner: UserId; people: UserId[]; closed: boolean; raisedFrom: number; raisedTo: number };

  /**
   * One risk: raised on its day with its first rating, re-rated at later reviews, reviewed
   * close to today or left to go stale, closed when its project is finished.
   */
  const raiseRisk = async (where: Placed, t: RiskTemplate, r: { rating: [number, number]; residual: [number, number] | null; history: readonly { daysBefore: number; rating: [number, number]; note: string }[]; proximity: CalendarDate | null; quantification: RiskQuantification | null }) => {
    const raised = r.history.length ? -r.history[0]!.daysBefore : -rng.int(where.raisedFrom, where.raisedTo);
    const first = r.history[0]?.rating ?? r.rating;
    const actions = t.actions.map((title) => ({ title, ownerId: rng.pick(where.people), due: day(raised + rng.int(14, 100)) }));
    let risk = await createRisk(
      on(raised),
      {
        scopeType: where.scopeType,
        scopeId: where.scopeId,
        kind: t.kind ?? 'threat',
        title: t.title,
        cause: t.cause,
        event: t.event,
        effect: t.effect,
        category: t.category,
        ownerId: where.owner,
        probability: first[0],
        impact: first[1],
        residualProbability: r.history.length ? null : (r.residual?.[0] ?? null),
        residualImpact: r.history.length ? null : (r.residual?.[1] ?? null),
        proximity: r.proximity,
        responseStrategy: t.strategy,
        response: t.response,
        escalate: false,
        quantification: r.quantification,
        actions,
      },
    );
    counts.risks++;
    await settleActions(risk.actions, where.closed);
    let lastDay = raised;
    // Later reviews: each re-rating on its own day, the last one landing on today's rating.
    const later = [...r.history.slice(1).map((h) => ({ at: -h.daysBefore, rating: h.rating, note: h.note })), ...(r.history.length ? [{ at: -rng.int(2, Math.max(3, Math.min(25, r.history[r.history.length - 1]!.daysBefore - 1))), rating: r.rating, note: rng.pick(REVIEW_NOTES) }] : [])];
    for (const [i, h] of later.entries()) {
      const last = i === later.length - 1;
      lastDay = h.at;
      risk = await updateRisk(on(h.at), risk.id as RiskId, {
        version: risk.version,
        probability: h.rating[0],
        impact: h.rating[1],
        ...(last && r.residual ? { residualProbability: r.residual[0], residualImpact: r.residual[1] } : {}),
        note: h.note,
      });
    }
    if (!where.closed && r.history.length === 0 && raised < -20 && rng.chance(0.4)) {
      lastDay = -rng.int(1, 20);
      risk = await updateRisk(on(lastDay), risk.id as RiskId, { version: risk.version, reviewed: true, note: 'no change at the monthly review' });
    }
    if (where.closed) {
      lastDay = Math.min(-5, raised + rng.int(30, 120));
      risk = await updateRisk(on(lastDay), risk.id as RiskId, { version: risk.version, status: 'closed', note: 'closed with the project' });
    }
    return { risk, lastDay };
  };

  /** A drawn rating: most risks sit in the middle of the map, a few in the critical corner. */
  const drawRating = (): [number, number] => [rng.pick([1, 2, 2, 3, 3, 3, 4, 4, 5]), rng.pick([1, 2, 3, 3, 4, 4, 5])];
  const drawResidual = (t: RiskTemplate, [p, i]: [number, number]): [number, number] | null => {
    if (t.strategy === 'accept' || !rng.chance(0.6)) return null;
    return t.kind === 'opportunity' ? [clamp(p + 1), i] : [clamp(p - rng.int(1, 2)), clamp(i - rng.int(0, 1))];
  };
  const drawHistory = ([p, i]: [number, number], stage: DemoProject['stage']): { daysBefore: number; rating: [number, number]; note: string }[] => {
    if ((stage !== 'delivery' && stage !== 'planning') || !rng.chance(0.35)) return [];
    const first = rng.int(70, 160);
    return [
      { daysBefore: first, rating: [clamp(p + rng.pick([-1, 1])), i], note: 'raised' },
      { daysBefore: rng.int(30, first - 20), rating: [clamp(p + rng.pick([-1, 0, 1])), clamp(i + rng.pick([-1, 0]))], note: rng.pick(REVIEW_NOTES) },
    ];
  };

  const planRisk = async (where: Placed, project: string | null, t: PlanRisk) => {
    const q = t.quantified;
    const quantification = q
      ? { probability: q.probability, schedule: q.tasks.map((s) => ({ taskId: taskIds.get(`${project}:${s.key}`)!, min: s.min, mode: s.mode, max: s.max })), cost: q.costPounds ? { min: q.costPounds[0] * 100, mode: q.costPounds[1] * 100, max: q.costPounds[2] * 100 } : null }
      : null;
    const history = t.history ? [...t.history] : [];
    const { risk, lastDay } = await raiseRisk(where, t, { rating: t.rating, residual: t.residual ?? null, history, proximity: t.proximityDays === undefined ? null : day(t.proximityDays), quantification });
    if (t.occurred) {
      await riskOccurred(on(Math.min(0, lastDay + 7)), risk.id as RiskId, { version: risk.version, priority: 'high', action: { title: t.occurred.action, ownerId: where.owner, due: day(t.occurred.dueDays) } });
      counts.issues++;
      counts.actions++;
    }
    return risk;
  };

  for (const p of projects) {
    const stage = p.demo.stage;
    const finished = p.demo.state === 'completed' || p.demo.state === 'cancelled';
    const size = SIZE[stage];
    const people = peopleOf(p);
    const where: Placed = { scopeType: 'project', scopeId: p.id, owner: p.managerId, people, closed: finished, raisedFrom: stage === 'closure' ? 200 : 10, raisedTo: stage === 'closure' ? 400 : 150 };
    const riskIds: string[] = [];

    for (const t of PLAN_RISKS[p.code] ?? []) riskIds.push((await planRisk(where, p.code, t)).id);
    const pool = shuffled([...(PORTFOLIO_RISKS[p.demo.portfolio] ?? []), ...COMMON_RISKS], rng);
    const wanted = PLAN_RISKS[p.code] ? 2 : size.risks;
    for (const t of pool.slice(0, wanted)) {
      const rating = drawRating();
      const history = drawHistory(rating, stage);
      const proximity = rng.chance(0.4) ? day(rng.int(-10, 180)) : null;
      const { risk, lastDay } = await raiseRisk({ ...where, owner: rng.pick(people) }, t, { rating, residual: drawResidual(t, rating), history, proximity, quantification: null });
      riskIds.push(risk.id);
      // Now and then a threat in a project under way has already happened.
      if (stage === 'delivery' && !finished && t.kind !== 'opportunity' && rng.chance(0.2)) {
        await riskOccurred(on(Math.min(0, lastDay + rng.int(1, 10))), risk.id as RiskId, { version: risk.version, priority: rng.pick(['medium', 'high'] as const), action: { title: 'Agree the recovery plan', ownerId: p.managerId, due: day(rng.int(-10, 30)) } });
        counts.issues++;
        counts.actions++;
      }
    }

    const issueCount = rng.int(...size.issues);
    for (const t of shuffled(ISSUES, rng).slice(0, issueCount)) {
      const raised = finished ? -rng.int(150, 300) : -rng.int(5, 60);
      const issue = await createIssue(
        on(raised),
        {
          scopeType: 'project',
          scopeId: p.id,
          title: t.title,
          description: t.description,
          category: t.category,
          ownerId: rng.pick(people),
          priority: t.priority,
          severity: t.severity,
          due: day(raised + rng.int(10, 60)),
          escalate: false,
          actions: t.actions.map((title) => ({ title, ownerId: rng.pick(people), due: day(raised + rng.int(5, 30)) })),
        },
      );
      counts.issues++;
      await settleActions(issue.actions, finished || stage === 'closure');
      if (finished || stage === 'closure') {
        await updateIssue(on(raised + rng.int(20, 60)), issue.id as IssueId, { version: issue.version, status: 'closed', resolution: t.resolution });
      } else if (rng.chance(0.5)) {
        await updateIssue(on(raised + rng.int(1, 4)), issue.id as IssueId, { version: issue.version, status: 'in-progress' });
      }
    }

    const assumptionCount = rng.int(...size.assumptions);
    for (const t of shuffled(ASSUMPTIONS, rng).slice(0, assumptionCount)) {
      const raised = -rng.int(30, 200);
      const a = await createLogItem(on(raised), 'assumption', { scopeType: 'project', scopeId: p.id, title: t.title, description: t.description, ownerId: p.managerId, validatorId: p.sponsorId, due: day(rng.int(-15, 120)), escalate: false });
      counts.assumptions++;
      const settled = stage === 'closure' || (stage === 'delivery' && rng.chance(0.7));
      if (settled) {
        const invalid = rng.chance(0.2);
        await updateLogItem(on(raised + rng.int(10, 25)), 'assumption', a.id, { version: a.version, status: invalid ? 'invalid' : 'valid', outcome: invalid ? t.invalid : t.valid });
      }
    }

    if (stage !== 'proposal' || rng.chance(0.5)) {
      const t = rng.pick(DECISIONS);
      const raised = -rng.int(40, 220);
      const d = await createLogItem(
        on(raised),
        'decision',
        { scopeType: 'project', scopeId: p.id, title: t.title, description: t.description, ownerId: p.sponsorId, due: day(raised + rng.int(20, 60)), escalate: false, options: [...t.options], links: riskIds.slice(0, 1).map((id) => ({ type: 'risk' as const, id })) },
      );
      counts.decisions++;
      if (stage === 'delivery' || stage === 'closure' || rng.chance(0.4)) {
        const after = raised + rng.int(7, 30);
        const decidedOn = day(after);
        await updateLogItem(on(after), 'decision', d.id, { version: d.version, status: 'decided', decision: t.decision, rationale: t.rationale, decidedBy: names.get(p.sponsorId) ?? 'the sponsor', decidedOn });
      }
    }
    tick();
  }

  // Dependencies: each recorded at both ends, inbound where it is needed and outbound where it comes from.
  for (const d of DEPENDENCIES) {
    const needs = byCode.get(d.needs)!;
    const from = byCode.get(d.from)!;
    const needsTask = d.needsTask ? taskIds.get(`${d.needs}:${d.needsTask}`)! : null;
    const fromTask = d.fromTask ? taskIds.get(`${d.from}:${d.fromTask}`)! : null;
    const raised = -rng.int(60, 240);
    const common = { title: d.title, description: d.description, due: day(d.dueDays), status: d.status, escalate: false };
    await createLogItem(on(raised), 'dependency', { ...common, scopeType: 'project', scopeId: needs.id, ownerId: needs.managerId, direction: 'inbound', otherProjectId: from.id, ownTaskId: needsTask, otherTaskId: fromTask });
    await createLogItem(on(raised), 'dependency', { ...common, scopeType: 'project', scopeId: from.id, ownerId: from.managerId, direction: 'outbound', otherProjectId: needs.id, ownTaskId: fromTask, otherTaskId: needsTask });
    counts.dependencies += 2;
  }

  // Risks that belong to a programme or a portfolio rather than to one project.
  for (const t of UPPER_RISKS) {
    const scope =
      'programme' in t.scope
        ? { scopeType: 'programme' as const, row: await ctx.db.selectFrom('programme').select(['id', 'managerId']).where('organisationId', '=', organisationId).where('code', '=', t.scope.programme).executeTakeFirstOrThrow() }
        : { scopeType: 'portfolio' as const, row: await ctx.db.selectFrom('portfolio').select(['id', 'managerId']).where('organisationId', '=', organisationId).where('code', '=', t.scope.portfolio).executeTakeFirstOrThrow() };
    const owner = scope.row.managerId as UserId;
    await planRisk({ scopeType: scope.scopeType, scopeId: scope.row.id, owner, people: [owner], closed: false, raisedFrom: 30, raisedTo: 120 }, null, t);
  }
  return counts;
}
