import type { OrganisationId, PortfolioId, ProjectId, ScenarioId, ScoringModelId, UserId } from '../domain/ids.js';
import { invalid, PharosError } from '../domain/errors.js';
import { addMonths } from '../domain/portfolio/capacity/index.js';
import type { FitNeeds, OptimiseResult } from '../domain/portfolio/optimise/index.js';
import { buildScenarioModel, type ScenarioModel, type ScenarioProject, type ScenarioSettings } from '../domain/portfolio/scenario/index.js';
import type { Frontier, Scenario, ScenarioComparison, ScenarioCreate, ScenarioPut, ScenarioResult } from '../api/schemas/scenario.schema.js';
import type { PortfolioScenarioTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, pathOfPortfolio } from './access.js';
import { capacityOfRoles, demandOf } from './capacity.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { frontier, optimiseInWorker } from './optimiser-pool.js';
import { riskExposureOf, scoresOn } from './portfolio-scoring.js';
import { insertLogItem } from './raid-logs.js';
import { scopeNode, todayOf } from './raid-common.js';
import { assertVersion, lostRace } from './versioned.js';

/**
 * Portfolio scenarios: named what-ifs of a portfolio, each optimised on demand (HiGHS in a
 * worker thread) over the projects' scores, budgets, planned months and demand against the
 * roles' capacity; compared side by side; and one published as the plan of record, which funds
 * its projects (on hold → active) and holds the rest (active → on hold), with the decision in
 * the portfolio's decision log. Changing a scenario's settings drops its result (it answered
 * other questions).
 */

function scenarioFromRow(row: PortfolioScenarioTable): Scenario {
  return {
    id: row.id,
    organisationId: row.organisationId,
    portfolioId: row.portfolioId,
    name: row.name,
    description: row.description,
    settings: JSON.parse(row.settings) as Scenario['settings'],
    status: row.status,
    runAt: row.runAt,
    runBy: row.runBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    decisionId: row.decisionId,
    result: row.result ? (JSON.parse(row.result) as ScenarioResult) : null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const auditView = (row: PortfolioScenarioTable) => ({ name: row.name, description: row.description, settings: JSON.parse(row.settings) as unknown, status: row.status });

async function load(db: Db, id: string): Promise<PortfolioScenarioTable | undefined> {
  return db.selectFrom('portfolioScenario').selectAll().where('id', '=', id as ScenarioId).executeTakeFirst();
}

async function scenarioAndPath(ctx: ServiceContext, id: string, action: 'read' | 'scenario:manage' | 'scenario:publish') {
  const row = await load(ctx.db, id);
  const path = row ? await pathOfPortfolio(ctx.db, row.portfolioId) : null;
  authorize(ctx, action, path, 'scenario');
  return row as PortfolioScenarioTable;
}

async function checkSettings(db: Db, portfolioId: string, organisationId: string, settings: ScenarioSettings): Promise<void> {
  const issues = [];
  const model = await db.selectFrom('scoringModel').select('portfolioId').where('id', '=', settings.modelId as ScoringModelId).executeTakeFirst();
  if (!model || model.portfolioId !== portfolioId) issues.push({ field: 'settings.modelId', reason: "is not a scoring model of this scenario's portfolio" });
  const projects = await db.selectFrom('project').select(['id', 'code']).where('portfolioId', '=', portfolioId as PortfolioId).execute();
  const inPortfolio = new Map(projects.map((p) => [p.id as string, p.code] as const));
  for (const [id, o] of Object.entries(settings.projects)) {
    if (!inPortfolio.has(id)) issues.push({ field: `settings.projects.${id}`, reason: "is not a project of this scenario's portfolio" });
    for (const key of ['requires', 'excludes'] as const) {
      (o[key] ?? []).forEach((other, i) => {
        if (other === id) issues.push({ field: `settings.projects.${id}.${key}.${i}`, reason: 'is the project itself' });
        else if (!inPortfolio.has(other)) issues.push({ field: `settings.projects.${id}.${key}.${i}`, reason: "is not a project of this scenario's portfolio" });
      });
    }
  }
  (settings.groups ?? []).forEach((g, i) =>
    g.members.forEach((m, k) => {
      if (!inPortfolio.has(m)) issues.push({ field: `settings.groups.${i}.members.${k}`, reason: "is not a project of this scenario's portfolio" });
    }),
  );
  const cycle = requirementCycle(settings.projects);
  if (!issues.length && cycle) {
    const codes = [...cycle, cycle[0]!].map((id) => inPortfolio.get(id) ?? id);
    throw new PharosError('cycle', `settings.projects: the projects' requirements form a cycle: ${codes.join(' → ')}`, { issues: [{ field: `settings.projects.${cycle[0]}.requires`, reason: `cycle ${codes.join(' → ')}` }] });
  }
  const roleIds = Object.keys(settings.capacityFactors);
  if (roleIds.length) {
    const found = new Set((await db.selectFrom('capacityRole').select('id').where('organisationId', '=', organisationId as OrganisationId).execute()).map((r) => r.id as string));
    for (const id of roleIds) if (!found.has(id)) issues.push({ field: `settings.capacityFactors.${id}`, reason: 'is not a role of this organisation' });
  }
  if (issues.length) throw invalid(issues);
}

/** A cycle among the projects' `requires` (ids, first not repeated), or null; walked without recursion. */
function requirementCycle(projects: ScenarioSettings['projects']): string[] | null {
  const state = new Map<string, 1 | 2>();
  for (const start of Object.keys(projects)) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const needs = projects[top.id]?.requires ?? [];
      if (top.next >= needs.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const n = needs[top.next++]!;
      if (state.get(n) === 1) return stack.slice(stack.findIndex((f) => f.id === n)).map((f) => f.id);
      if (!state.has(n)) {
        state.set(n, 1);
        stack.push({ id: n, next: 0 });
      }
    }
  }
  return null;
}

export async function listScenarios(ctx: ServiceContext, portfolioId: PortfolioId): Promise<Scenario[]> {
  authorize(ctx, 'read', await pathOfPortfolio(ctx.db, portfolioId), 'portfolio');
  const rows = await ctx.db.selectFrom('portfolioScenario').selectAll().where('portfolioId', '=', portfolioId).orderBy('createdAt').orderBy('id').execute();
  return rows.map(scenarioFromRow);
}

export async function getScenario(ctx: ServiceContext, id: string): Promise<Scenario> {
  return scenarioFromRow(await scenarioAndPath(ctx, id, 'read'));
}

export async function createScenario(ctx: ServiceContext, portfolioId: PortfolioId, input: ScenarioCreate): Promise<Scenario> {
  const path = await pathOfPortfolio(ctx.db, portfolioId);
  authorize(ctx, 'scenario:manage', path, 'portfolio');
  const organisationId = path[0]!.id as OrganisationId;
  await checkSettings(ctx.db, portfolioId, organisationId, input.settings);
  const now = nowIso(ctx);
  const row: PortfolioScenarioTable = {
    id: newId<ScenarioId>(),
    organisationId,
    portfolioId,
    name: input.name,
    description: input.description,
    settings: JSON.stringify(input.settings),
    status: 'draft',
    result: null,
    runAt: null,
    runBy: null,
    publishedAt: null,
    publishedBy: null,
    decisionId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('portfolioScenario').values(row).execute();
    await appendAudit(trx, ctx, { organisationId, recordType: 'scenario', recordId: row.id, recordLabel: row.name, before: null, after: auditView(row) });
  });
  return scenarioFromRow(row);
}

/** Replaces a draft's name, description and settings; new settings drop the last result. */
export async function putScenario(ctx: ServiceContext, id: string, input: ScenarioPut): Promise<Scenario> {
  const current = await scenarioAndPath(ctx, id, 'scenario:manage');
  await checkSettings(ctx.db, current.portfolioId, current.organisationId, input.settings);
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await load(trx, id))!;
    assertVersion('the scenario', before.version, input.version, scenarioFromRow(before));
    if (before.status !== 'draft') throw new PharosError('invalid-transition', `status: scenario "${before.name}" is ${before.status}; copy it (Copy) to try something else`, { issues: [{ field: 'status', reason: `is ${before.status}` }] });
    const settings = JSON.stringify(input.settings);
    const changed = settings !== before.settings;
    const set = { name: input.name, description: input.description, settings, ...(changed ? { result: null, runAt: null, runBy: null } : {}), version: before.version + 1, updatedAt: nowIso(ctx) };
    const res = await trx.updateTable('portfolioScenario').set(set).where('id', '=', before.id).where('version', '=', before.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the scenario');
    const after = (await load(trx, id))!;
    await appendAudit(trx, ctx, { organisationId: after.organisationId, recordType: 'scenario', recordId: after.id, recordLabel: after.name, before: auditView(before), after: auditView(after) });
    return scenarioFromRow(after);
  });
}

export async function deleteScenario(ctx: ServiceContext, id: string, version: number): Promise<void> {
  const row = await scenarioAndPath(ctx, id, 'scenario:manage');
  await ctx.db.transaction().execute(async (trx) => {
    assertVersion('the scenario', row.version, version, scenarioFromRow(row));
    if (row.status === 'published') throw new PharosError('invalid-transition', `status: scenario "${row.name}" is the plan of record; publish another one first`, { issues: [{ field: 'status', reason: 'is published' }] });
    const res = await trx.deleteFrom('portfolioScenario').where('id', '=', row.id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw lostRace('the scenario');
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scenario', recordId: row.id, recordLabel: row.name, before: auditView(row), after: null });
  });
}

/** Removes a portfolio's scenarios (the portfolio is being deleted). */
export async function deleteScenariosOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, portfolioId: PortfolioId): Promise<void> {
  const rows = await trx.selectFrom('portfolioScenario').selectAll().where('portfolioId', '=', portfolioId).execute();
  for (const r of rows) await appendAudit(trx, ctx, { organisationId, recordType: 'scenario', recordId: r.id, recordLabel: r.name, before: auditView(r), after: null });
  if (rows.length) await trx.deleteFrom('portfolioScenario').where('portfolioId', '=', portfolioId).execute();
}

type Inputs = {
  built: ScenarioModel;
  projects: Map<string, { id: string; code: string; name: string; exposure: number }>;
  roles: { id: string; code: string; name: string }[];
};

/**
 * What a scenario optimises: the portfolio's projects (value = score on the model) and the
 * roles' capacity over the horizon, as the optimiser's model. Projects and roles go in by
 * code, so the optimiser's messages read "budget in 2027-04 exceeded by … by must-do projects
 * GRID-12" rather than ids.
 */
async function inputsOf(db: Db, row: PortfolioScenarioTable): Promise<Inputs> {
  const settings = JSON.parse(row.settings) as ScenarioSettings;
  const model = await db.selectFrom('scoringModel').selectAll().where('id', '=', settings.modelId as ScoringModelId).executeTakeFirst();
  if (!model || model.portfolioId !== row.portfolioId) throw invalid([{ field: 'settings.modelId', reason: "is not a scoring model of this scenario's portfolio" }]);
  const projects = await db
    .selectFrom('project')
    .select(['id', 'code', 'name', 'stage', 'state', 'budget', 'plannedStart', 'plannedFinish'])
    .where('portfolioId', '=', row.portfolioId)
    .orderBy('code')
    .execute();
  const ids = projects.map((p) => p.id);
  const to = addMonths(settings.startMonth, settings.months - 1);
  const [{ scored }, demand, capacities, exposure] = await Promise.all([
    ids.length ? scoresOn(db, model, ids) : Promise.resolve({ scored: [] }),
    demandOf(db, ids),
    capacityOfRoles(db, row.organisationId, settings.startMonth, to),
    riskExposureOf(db, ids),
  ]);
  const score = new Map(scored.map((s) => [s.projectId, s.score] as const));
  const roleCode = new Map(capacities.map((c) => [c.role.id as string, c.role.code] as const));
  const codeOf = new Map(projects.map((p) => [p.id as string, p.code] as const));
  const byCode = (record: Record<string, unknown>, codes: Map<string, string>) => Object.fromEntries(Object.entries(record).flatMap(([id, v]) => (codes.has(id) ? [[codes.get(id)!, v]] : [])));
  const scenarioProjects: ScenarioProject[] = projects.map((p) => ({
    id: p.code,
    code: p.code,
    name: p.name,
    stage: p.stage,
    state: p.state,
    value: Math.round((score.get(p.id) ?? 0) * 100) / 100,
    budget: p.budget === null ? null : Number(p.budget),
    plannedStart: p.plannedStart,
    plannedFinish: p.plannedFinish,
    demand: byCode(demand.get(p.id) ?? {}, roleCode) as ScenarioProject['demand'],
  }));
  const codes = (ids: readonly string[] | undefined) => ids?.flatMap((id) => (codeOf.has(id) ? [codeOf.get(id)!] : []));
  const overrides = Object.fromEntries(Object.entries(settings.projects).flatMap(([id, o]) => (codeOf.has(id) ? [[codeOf.get(id)!, { ...o, requires: codes(o.requires), excludes: codes(o.excludes) }]] : [])));
  const built = buildScenarioModel(
    {
      ...settings,
      projects: overrides,
      capacityFactors: byCode(settings.capacityFactors, roleCode) as Record<string, number>,
      groups: (settings.groups ?? []).map((g) => ({ ...g, members: codes(g.members) ?? [] })),
    },
    scenarioProjects,
    Object.fromEntries(capacities.map((c) => [c.role.code, c.months.map((m) => m.hours)])),
  );
  return {
    built,
    projects: new Map(projects.map((p) => [p.code, { id: p.id as string, code: p.code, name: p.name, exposure: exposure.get(p.id)?.sum ?? 0 }] as const)),
    roles: capacities.map((c) => ({ id: c.role.id as string, code: c.role.code, name: c.role.name })),
  };
}

/** The optimiser's answer in the portfolio's words: months instead of period numbers, projects with their codes and names. */
function resultOf(inputs: Inputs, settings: ScenarioSettings, r: OptimiseResult): ScenarioResult {
  const { built, projects, roles } = inputs;
  const month = (k: number) => built.periods[k] ?? `period ${k}`;
  // Months for period numbers, and amounts rounded and grouped (the solver's 1129999.95 reads as 1,130,000).
  const words = (text: string) => text.replace(/period (\d+)/g, (_, k: string) => month(Number(k))).replace(/(?<![\d.-])\d{4,}(?:\.\d+)?(?![\d-])/g, (n) => Math.round(Number(n)).toLocaleString('en-GB'));
  const ref = (code: string) => {
    const p = projects.get(code)!;
    return { projectId: p.id, code: p.code, name: p.name };
  };
  const candidate = new Map(built.model.candidates.map((c) => [c.id, c] as const));
  const running = new Set(built.running);
  const needsOf = (n: FitNeeds | undefined): string[] =>
    n
      ? [
          ...n.extra.map((e) => `${words(e.label)}: ${Math.round(e.extra).toLocaleString('en-GB')} more`),
          ...n.alsoFund.map((c) => `also fund ${c}`),
          ...n.displaces.map((c) => `drop ${c}`),
          ...n.fullGroups.map((g) => `group ${g} is full`),
        ]
      : [];
  const budgetUse = r.use.budget ? [...r.use.budget] : [];
  return {
    status: r.status,
    value: r.value,
    cost: r.cost,
    gap: r.gap,
    bound: r.bound,
    source: r.source,
    periods: built.periods,
    selected: r.selected.map((s) => {
      const c = candidate.get(s.id);
      const earliest = c?.earliestStart ?? s.start;
      const demand = Object.fromEntries(Object.entries(c?.demand ?? {}).map(([role, row]) => [role, [...row]]));
      return { ...ref(s.id), start: month(s.start), plannedStart: month(earliest), delayMonths: s.start - earliest, value: s.value, cost: s.cost, mustDo: s.mustDo, running: running.has(s.id), months: c?.cost.length ?? 1, demand };
    }),
    leftOut: r.leftOut.map((l) => ({ ...ref(l.id), value: l.value, reason: words(l.reason), needs: needsOf(l.needs), valueLost: l.forcedIn?.feasible ? l.forcedIn.valueLost : null })),
    skipped: built.skipped.map((s) => ({ ...ref(s.projectId), reason: s.reason })),
    greedy: { value: r.greedy.value, cost: r.greedy.cost, selected: r.greedy.selected.map((g) => projects.get(g.id)!.id), feasible: r.greedy.feasible },
    binding: r.binding.map((b) => ({ label: words(b.label), use: b.use, limit: b.limit })),
    infeasibility: r.infeasibility.map((s) => ({ label: words(s.label), limit: s.limit, need: s.need, excess: s.excess, message: words(s.message) })),
    budget: {
      kind: settings.budget.kind,
      use: budgetUse,
      limit: built.model.budget ? [...built.model.budget] : [],
      totalUse: r.use.budgetTotal ?? budgetUse.reduce((a, b) => a + b, 0),
      totalLimit: built.model.budgetTotal ?? null,
    },
    capacity: roles.map((role) => ({ roleId: role.id, code: role.code, name: role.name, use: [...(r.use.capacity[role.code] ?? built.periods.map(() => 0))], limit: [...(built.model.capacity?.[role.code] ?? [])] })),
    riskExposure: r.selected.reduce((s, x) => s + (projects.get(x.id)?.exposure ?? 0), 0),
    notes: [...r.notes.map(words), ...Object.entries(built.notes).flatMap(([code, n]) => n.map((t) => `${code}: ${t}`))],
    solver: r.solver,
  };
}

/** Optimises the scenario now and keeps the answer with it (an infeasible one too: it says which row cannot be met). */
export async function runScenario(ctx: ServiceContext, id: string, version: number): Promise<Scenario> {
  const row = await scenarioAndPath(ctx, id, 'scenario:manage');
  assertVersion('the scenario', row.version, version, scenarioFromRow(row));
  const inputs = await inputsOf(ctx.db, row);
  const settings = JSON.parse(row.settings) as ScenarioSettings;
  const answer = await optimiseInWorker(inputs.built.model, { gap: 1e-4, timeLimitSeconds: 30, forceInLimit: 10 });
  const result = resultOf(inputs, settings, answer);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const res = await trx
      .updateTable('portfolioScenario')
      .set({ result: JSON.stringify(result), runAt: now, runBy: ctx.actor.name, version: version + 1, updatedAt: now })
      .where('id', '=', row.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the scenario');
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scenario', recordId: row.id, recordLabel: row.name, before: { run: row.runAt }, after: { run: now, value: result.value, funded: result.selected.length } });
    return scenarioFromRow((await load(trx, id))!);
  });
}

/** Value against budget: the best value at each budget level, and where the scenario's own run sits. */
export async function scenarioFrontier(ctx: ServiceContext, id: string, points: number): Promise<Frontier> {
  const row = await scenarioAndPath(ctx, id, 'read');
  const inputs = await inputsOf(ctx.db, row);
  const f = await frontier(inputs.built.model, { points, workers: 2, gap: 0.005, timeLimitSeconds: 20 });
  const result = row.result ? (JSON.parse(row.result) as ScenarioResult) : null;
  return {
    min: f.min,
    max: f.max,
    points: f.points.map((p) => ({ budget: p.budget, value: p.value, cost: p.cost, status: p.status, funded: p.selected.length })),
    current: result ? { budget: result.budget.totalLimit ?? result.budget.limit.reduce((a, b) => a + b, 0), value: result.value, cost: result.cost } : null,
  };
}

/** Two scenarios of one portfolio side by side: value, cost, projects funded, risk, peak capacity use, and every project they treat differently. */
export async function compareScenarios(ctx: ServiceContext, a: string, b: string): Promise<ScenarioComparison> {
  const [ra, rb] = [await scenarioAndPath(ctx, a, 'read'), await scenarioAndPath(ctx, b, 'read')];
  if (ra.portfolioId !== rb.portfolioId) throw invalid([{ field: 'b', reason: 'is a scenario of another portfolio' }]);
  const [sa, sb] = [scenarioFromRow(ra), scenarioFromRow(rb)];
  const missing = [sa, sb].filter((s) => !s.result).map((s) => s.name);
  if (missing.length) throw invalid([{ field: !sa.result ? 'a' : 'b', reason: `scenario "${missing[0]}" has not been run since its settings changed: run it first` }]);
  const side = (s: Scenario) => ({
    id: s.id,
    name: s.name,
    value: s.result!.value,
    cost: s.result!.cost,
    funded: s.result!.selected.length,
    riskExposure: s.result!.riskExposure,
    peakCapacityUse: s.result!.capacity.map((c) => ({ roleId: c.roleId, code: c.code, peak: Math.max(0, ...c.use.map((u, i) => (c.limit[i] ? u / c.limit[i]! : u > 0 ? Infinity : 0)).filter(Number.isFinite)) })),
  });
  const inA = new Map(sa.result!.selected.map((s) => [s.projectId, s] as const));
  const inB = new Map(sb.result!.selected.map((s) => [s.projectId, s] as const));
  const names = new Map([...sa.result!.selected, ...sb.result!.selected, ...sa.result!.leftOut, ...sb.result!.leftOut].map((p) => [p.projectId, p] as const));
  const differences = [...new Set([...inA.keys(), ...inB.keys()])]
    .filter((id) => !inA.has(id) || !inB.has(id) || inA.get(id)!.start !== inB.get(id)!.start)
    .map((id) => ({ projectId: id, code: names.get(id)!.code, name: names.get(id)!.name, inA: inA.has(id), inB: inB.has(id), startA: inA.get(id)?.start ?? null, startB: inB.get(id)?.start ?? null }))
    .sort((x, y) => x.code.localeCompare(y.code));
  return { a: side(sa), b: side(sb), differences };
}

/**
 * Publishes a run scenario as the portfolio's plan of record, in one transaction: funded
 * projects on hold become active, projects it leaves out (among those it considered) are put on
 * hold, the previous plan of record is superseded, and the decision goes into the portfolio's
 * decision log with the numbers behind it. Refused when it was not run since its settings
 * changed, or its must-dos do not fit.
 */
export async function publishScenario(ctx: ServiceContext, id: string, version: number): Promise<Scenario> {
  const row = await scenarioAndPath(ctx, id, 'scenario:publish');
  return ctx.db.transaction().execute(async (trx) => {
    const current = (await load(trx, id))!;
    assertVersion('the scenario', current.version, version, scenarioFromRow(current));
    if (current.status === 'published') throw new PharosError('invalid-transition', `status: scenario "${current.name}" is already the plan of record`, { issues: [{ field: 'status', reason: 'is published' }] });
    const result = current.result ? (JSON.parse(current.result) as ScenarioResult) : null;
    if (!result) throw new PharosError('invalid-transition', `result: scenario "${current.name}" has not been run since its settings changed; run it before publishing`, { issues: [{ field: 'result', reason: 'run the scenario first' }] });
    if (result.status === 'infeasible') throw new PharosError('invalid-transition', `result: scenario "${current.name}" cannot fit its must-do projects (${result.infeasibility[0]?.message ?? 'see its result'})`, { issues: [{ field: 'result', reason: 'is infeasible' }] });
    const now = nowIso(ctx);
    const funded = new Set(result.selected.map((s) => s.projectId));
    const considered = [...result.selected.map((s) => s.projectId), ...result.leftOut.map((l) => l.projectId)];
    const rows = considered.length ? await trx.selectFrom('project').select(['id', 'code', 'name', 'state', 'version']).where('id', 'in', considered as ProjectId[]).execute() : [];
    const activated: string[] = [];
    const held: string[] = [];
    for (const p of rows) {
      const next = funded.has(p.id) ? 'active' : 'on-hold';
      if (p.state === next || (p.state !== 'active' && p.state !== 'on-hold')) continue;
      await trx.updateTable('project').set({ state: next, version: p.version + 1, updatedAt: now }).where('id', '=', p.id).execute();
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'project', recordId: p.id, recordLabel: p.name, before: { state: p.state }, after: { state: next } });
      (next === 'active' ? activated : held).push(p.code);
    }
    const previous = await trx.selectFrom('portfolioScenario').selectAll().where('portfolioId', '=', row.portfolioId).where('status', '=', 'published').execute();
    for (const prev of previous) {
      await trx.updateTable('portfolioScenario').set({ status: 'superseded', version: prev.version + 1, updatedAt: now }).where('id', '=', prev.id).execute();
      await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scenario', recordId: prev.id, recordLabel: prev.name, before: { status: 'published' }, after: { status: 'superseded' } });
    }
    const portfolio = (await trx.selectFrom('portfolio').select(['id', 'code', 'name']).where('id', '=', row.portfolioId).executeTakeFirst())!;
    const fundedCodes = result.selected.map((s) => s.code);
    const outCodes = result.leftOut.map((l) => l.code);
    const money = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
    const scope = await scopeNode({ ...ctx, db: trx }, 'portfolio', row.portfolioId);
    const decisionId = await insertLogItem(trx, ctx, 'decision', scope, {
      scopeType: 'portfolio',
      scopeId: row.portfolioId,
      title: `Plan of record for ${portfolio.code}: ${current.name}`.slice(0, 200),
      description: `Scenario "${current.name}" optimised on ${result.periods[0]} – ${result.periods.at(-1)}.`.slice(0, 10_000),
      ownerId: (ctx.actor.userId as UserId | null) ?? null,
      due: null,
      escalate: false,
      options: ['Publish this scenario', 'Keep the current plan'],
      links: [{ type: 'scenario', id: current.id }],
      status: 'decided',
      decision: `Fund ${fundedCodes.length} project${fundedCodes.length === 1 ? '' : 's'} (${fundedCodes.join(', ') || 'none'}); hold ${outCodes.length} (${outCodes.join(', ') || 'none'}).`.slice(0, 10_000),
      rationale: `Total score ${result.value.toFixed(1)} for ${money(result.cost)} (the ratio rule would fund ${result.greedy.value.toFixed(1)} for ${money(result.greedy.cost)}); ${result.status === 'optimal' ? 'proven optimal' : `within ${(result.gap * 100).toFixed(2)}% of optimal`}. Binding: ${result.binding.map((b) => b.label).join('; ') || 'nothing'}.`.slice(0, 10_000),
      decidedBy: ctx.actor.name,
      decidedOn: todayOf(ctx),
    } as never);
    const res = await trx
      .updateTable('portfolioScenario')
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor.name, decisionId, version: version + 1, updatedAt: now })
      .where('id', '=', current.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the scenario');
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scenario', recordId: current.id, recordLabel: current.name, before: { status: current.status }, after: { status: 'published', activated, held } });
    return scenarioFromRow((await load(trx, id))!);
  });
}
