import type { PortfolioId, ProgrammeId, ProjectId } from '../domain/ids.js';
import { percentile, rollUpContingency } from '../domain/risk/statistics.js';
import { ancestorsOf } from '../domain/structure/hierarchy.js';
import type { ContingencyRollUp, SimulationOptionsStored, SimulationResult } from '../api/schemas/simulation.schema.js';
import { authorize, pathOfPortfolio, pathOfProgramme, projectVisibleCondition, visibility } from './access.js';
import type { ServiceContext } from './context.js';
import { dayCalendar, type SimulationContext } from './simulation-model.js';
import { samplesOf } from './simulations.js';

/**
 * Contingency of a programme or portfolio at a chosen confidence, from each project's latest
 * done simulation: schedule contingency per project (working days, added up), and cost
 * contingency pooled iteration by iteration (the engine's roll-up), which is less than the sum
 * of the projects' own as their risks do not all strike at once.
 */
export async function contingencyRollUp(ctx: ServiceContext, level: { type: 'programme'; id: ProgrammeId } | { type: 'portfolio'; id: PortfolioId }, confidence: number): Promise<ContingencyRollUp> {
  const path = level.type === 'programme' ? await pathOfProgramme(ctx.db, level.id) : await pathOfPortfolio(ctx.db, level.id);
  authorize(ctx, 'read', path, level.type);
  const organisationId = path[0]!.id;
  let q = ctx.db.selectFrom('project').select(['project.id', 'project.code', 'project.name']).where('project.organisationId', '=', organisationId as never);
  if (level.type === 'portfolio') q = q.where('project.portfolioId', '=', level.id);
  else {
    const programmes = await ctx.db.selectFrom('programme').select(['id', 'parentId']).where('organisationId', '=', organisationId as never).execute();
    const parentOf = new Map(programmes.map((p) => [p.id, p.parentId] as const));
    const within = programmes.filter((p) => p.id === level.id || ancestorsOf(parentOf, p.id).includes(level.id)).map((p) => p.id);
    q = q.where('project.programmeId', 'in', within);
  }
  const visible = projectVisibleCondition(await visibility(ctx, organisationId));
  if (visible) q = q.where(visible);
  const projects = await q.orderBy('project.code').execute();
  const org = await ctx.db.selectFrom('organisation').select('currency').where('id', '=', organisationId as never).executeTakeFirstOrThrow();

  const ids = projects.map((p) => p.id as ProjectId);
  const runs = ids.length
    ? await ctx.db.selectFrom('riskSimulation').select(['id', 'projectId', 'finishedAt', 'options', 'context', 'result']).where('projectId', 'in', ids).where('status', '=', 'done').orderBy('finishedAt', 'desc').orderBy('id', 'desc').execute()
    : [];
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) if (!latest.has(r.projectId)) latest.set(r.projectId, r);
  const samples = new Map<string, { finish: Float64Array; cost: Float64Array }>();
  if (latest.size) {
    const rows = await ctx.db.selectFrom('riskSimulation').select(['id', 'samples']).where('id', 'in', [...latest.values()].map((r) => r.id)).execute();
    for (const r of rows) if (r.samples) samples.set(r.id, samplesOf(r.samples));
  }

  const notes: string[] = [];
  const parts: { id: string; cost: Float64Array; deterministic: number }[] = [];
  const seeds = new Map<number, string[]>();
  const rows: ContingencyRollUp['projects'] = projects.map((p) => {
    const run = latest.get(p.id);
    const s = run ? samples.get(run.id) : undefined;
    if (!run || !s) return { projectId: p.id, code: p.code, name: p.name, simulationId: null, finishedAt: null, iterations: null, scheduleContingencyDays: null, finishDateAtConfidence: null, deterministicCost: null, costContingency: null };
    const result = JSON.parse(run.result!) as SimulationResult;
    const options = JSON.parse(run.options) as SimulationOptionsStored;
    seeds.set(options.seed, [...(seeds.get(options.seed) ?? []), p.code]);
    const finishAt = percentile(Float64Array.from(s.finish).sort(), confidence);
    const costAt = percentile(Float64Array.from(s.cost).sort(), confidence);
    parts.push({ id: p.id, cost: s.cost, deterministic: result.cost.deterministic });
    return {
      projectId: p.id,
      code: p.code,
      name: p.name,
      simulationId: run.id,
      finishedAt: run.finishedAt,
      iterations: s.finish.length,
      scheduleContingencyDays: finishAt - result.finish.deterministic,
      finishDateAtConfidence: dayCalendar(JSON.parse(run.context) as SimulationContext).dateOf(finishAt),
      deterministicCost: result.cost.deterministic,
      costContingency: costAt - result.cost.deterministic,
    };
  });
  const missing = rows.filter((r) => r.simulationId === null).map((r) => r.code);
  if (missing.length) notes.push(`not simulated yet, left out: ${missing.join(', ')}`);
  for (const [seed, codes] of seeds) if (codes.length > 1) notes.push(`${codes.join(', ')} ran with the same seed (${seed}): their draws are alike, so the pooled cost contingency shows less pooling than independent runs would; run them again with different seeds`);
  // The pooled cost adds the projects iteration by iteration: over the iterations every run has.
  const n = parts.length ? Math.min(...parts.map((p) => p.cost.length)) : 0;
  if (parts.some((p) => p.cost.length !== n)) notes.push(`the runs have different numbers of iterations; the pooled cost uses the first ${n} of each`);
  const pooled = parts.length ? rollUpContingency(parts.map((p) => ({ ...p, cost: p.cost.subarray(0, n) })), confidence) : null;
  const simulated = rows.filter((r) => r.simulationId !== null);
  return {
    confidence,
    currency: org.currency,
    projects: rows,
    total: {
      simulated: simulated.length,
      scheduleContingencyDays: simulated.reduce((sum, r) => sum + r.scheduleContingencyDays!, 0),
      sumOfCostContingencies: simulated.reduce((sum, r) => sum + r.costContingency!, 0),
      costContingency: pooled?.contingency ?? 0,
      pooling: pooled ? simulated.reduce((sum, r) => sum + r.costContingency!, 0) - pooled.contingency : 0,
      deterministicCost: simulated.reduce((sum, r) => sum + r.deterministicCost!, 0),
    },
    notes,
  };
}
