import type { OrganisationId, PortfolioId, ProjectId, ProjectScoreId, ScoringModelId } from '../domain/ids.js';
import { invalid, PharosError } from '../domain/errors.js';
import {
  explainGap,
  modelWeights,
  projectAlignment,
  scoreProjects,
  validateModel,
  validateValues,
  type ScoringModelDefinition,
} from '../domain/portfolio/scoring/index.js';
import type { Ranking, RankingRow, ScoreSheet, ScoreSheetPut, ScoringModel, ScoringModelCreate, ScoringModelPut } from '../api/schemas/scoring.schema.js';
import type { ProjectScoreTable, ScoringModelTable } from '../store/schema.js';
import { appendAudit } from './audit.js';
import { authorize, pathOfPortfolio, pathOfProject, projectVisibleCondition, visibility } from './access.js';
import { nowIso, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { assertVersion, lostRace } from './versioned.js';

/**
 * A portfolio's scoring models and its projects' values on them. A model is one document
 * (criteria, weighting, comparisons) changed as a whole under its version; a project's values
 * on a model are one score sheet, also versioned. Both are audited. The ranking is computed on
 * read by the scoring engine, with strategic alignment worked out from the objective tree.
 */

function definitionOf(row: ScoringModelTable): ScoringModelDefinition {
  return JSON.parse(row.definition) as ScoringModelDefinition;
}

export function scoringModelFromRow(row: ScoringModelTable): ScoringModel {
  const definition = definitionOf(row);
  const { weights, consistency, warnings } = modelWeights(definition);
  return {
    id: row.id,
    organisationId: row.organisationId,
    portfolioId: row.portfolioId,
    name: row.name,
    description: row.description,
    weighting: definition.weighting,
    criteria: [...definition.criteria],
    pairwise: [...definition.pairwise],
    effectiveWeights: weights,
    consistency,
    warnings,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit trail shows of a model: its fields, not the derived weights. */
function auditView(row: ScoringModelTable): Record<string, unknown> {
  return { name: row.name, description: row.description, ...definitionOf(row) };
}

function checkedDefinition(input: ScoringModelCreate): ScoringModelDefinition {
  const definition: ScoringModelDefinition = { criteria: input.criteria, weighting: input.weighting, pairwise: input.pairwise };
  const issues = validateModel(definition);
  if (issues.length) throw invalid(issues);
  return definition;
}

async function loadModel(db: Db, id: ScoringModelId): Promise<ScoringModelTable | undefined> {
  return db.selectFrom('scoringModel').selectAll().where('id', '=', id).executeTakeFirst();
}

async function modelAndPath(ctx: ServiceContext, id: string, action: 'read' | 'scoring:manage') {
  const row = await loadModel(ctx.db, id as ScoringModelId);
  const path = row ? await pathOfPortfolio(ctx.db, row.portfolioId) : null;
  authorize(ctx, action, path, 'scoring model');
  return row as ScoringModelTable;
}

export async function listScoringModels(ctx: ServiceContext, portfolioId: PortfolioId): Promise<ScoringModel[]> {
  authorize(ctx, 'read', await pathOfPortfolio(ctx.db, portfolioId), 'portfolio');
  const rows = await ctx.db.selectFrom('scoringModel').selectAll().where('portfolioId', '=', portfolioId).orderBy('createdAt').orderBy('id').execute();
  return rows.map(scoringModelFromRow);
}

export async function getScoringModel(ctx: ServiceContext, id: string): Promise<ScoringModel> {
  return scoringModelFromRow(await modelAndPath(ctx, id, 'read'));
}

export async function createScoringModel(ctx: ServiceContext, portfolioId: PortfolioId, input: ScoringModelCreate): Promise<ScoringModel> {
  const path = await pathOfPortfolio(ctx.db, portfolioId);
  authorize(ctx, 'scoring:manage', path, 'portfolio');
  const definition = checkedDefinition(input);
  const now = nowIso(ctx);
  const row: ScoringModelTable = {
    id: newId<ScoringModelId>(),
    organisationId: path[0]!.id as OrganisationId,
    portfolioId,
    name: input.name,
    description: input.description,
    definition: JSON.stringify(definition),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('scoringModel').values(row).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scoring-model', recordId: row.id, recordLabel: row.name, before: null, after: auditView(row) });
  });
  return scoringModelFromRow(row);
}

/** Replaces a model's name, description and definition (criteria, weighting, comparisons). */
export async function putScoringModel(ctx: ServiceContext, id: string, input: ScoringModelPut): Promise<ScoringModel> {
  await modelAndPath(ctx, id, 'scoring:manage');
  const { version, ...fields } = input;
  const definition = checkedDefinition(fields);
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await loadModel(trx, id as ScoringModelId)) as ScoringModelTable;
    assertVersion('the scoring model', before.version, version, scoringModelFromRow(before));
    const now = nowIso(ctx);
    const res = await trx
      .updateTable('scoringModel')
      .set({ name: fields.name, description: fields.description, definition: JSON.stringify(definition), version: version + 1, updatedAt: now })
      .where('id', '=', id as ScoringModelId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw lostRace('the scoring model');
    const after = (await loadModel(trx, id as ScoringModelId)) as ScoringModelTable;
    await appendAudit(trx, ctx, { organisationId: after.organisationId, recordType: 'scoring-model', recordId: after.id, recordLabel: after.name, before: auditView(before), after: auditView(after) });
    return scoringModelFromRow(after);
  });
}

/** Deletes a model with every project's values on it, all audited. */
export async function deleteScoringModel(ctx: ServiceContext, id: string, version: number): Promise<void> {
  await modelAndPath(ctx, id, 'scoring:manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await loadModel(trx, id as ScoringModelId)) as ScoringModelTable;
    assertVersion('the scoring model', row.version, version, scoringModelFromRow(row));
    const scenarios = (await trx.selectFrom('portfolioScenario').select(['name', 'settings']).where('portfolioId', '=', row.portfolioId).execute()).filter((s) => (JSON.parse(s.settings) as { modelId: string }).modelId === row.id);
    if (scenarios.length) {
      throw new PharosError('blocked-by-dependents', `scoring model "${row.name}" values the projects of ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} (${scenarios.map((s) => s.name).join(', ')}); change or delete them first`, {
        extensions: { blockedBy: { scenarios: scenarios.map((s) => s.name) } },
      });
    }
    await deleteSheets(trx, ctx, row.organisationId, trx.selectFrom('projectScore').selectAll().where('modelId', '=', row.id));
    await trx.deleteFrom('scoringModel').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'scoring-model', recordId: row.id, recordLabel: row.name, before: auditView(row), after: null });
  });
}

async function deleteSheets(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, query: { execute(): Promise<ProjectScoreTable[]> }): Promise<void> {
  const sheets = await query.execute();
  for (const s of sheets) {
    await appendAudit(trx, ctx, { organisationId, recordType: 'project-score', recordId: s.id, recordLabel: 'scores', before: sheetAudit(s), after: null });
  }
  if (sheets.length) await trx.deleteFrom('projectScore').where('id', 'in', sheets.map((s) => s.id)).execute();
}

/** Removes a project's score sheets (the project is being deleted), audited. */
export async function deleteScoresOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, projectId: ProjectId): Promise<void> {
  await deleteSheets(trx, ctx, organisationId, trx.selectFrom('projectScore').selectAll().where('projectId', '=', projectId));
}

/** Removes a portfolio's models and their sheets (the portfolio is being deleted), audited. */
export async function deleteScoringOf(trx: Db, ctx: ServiceContext, organisationId: OrganisationId, portfolioId: PortfolioId): Promise<void> {
  const models = await trx.selectFrom('scoringModel').selectAll().where('portfolioId', '=', portfolioId).execute();
  for (const m of models) {
    await deleteSheets(trx, ctx, organisationId, trx.selectFrom('projectScore').selectAll().where('modelId', '=', m.id));
    await appendAudit(trx, ctx, { organisationId, recordType: 'scoring-model', recordId: m.id, recordLabel: m.name, before: auditView(m), after: null });
  }
  if (models.length) await trx.deleteFrom('scoringModel').where('portfolioId', '=', portfolioId).execute();
}

function sheetAudit(s: ProjectScoreTable): Record<string, unknown> {
  return { modelId: s.modelId, projectId: s.projectId, values: JSON.parse(s.values) as unknown, note: s.note };
}

function sheetFromRow(modelId: string, projectId: string, row: ProjectScoreTable | undefined): ScoreSheet {
  return row
    ? { modelId, projectId, values: JSON.parse(row.values) as Record<string, number>, note: row.note, version: row.version, updatedAt: row.updatedAt }
    : { modelId, projectId, values: {}, note: '', version: 0, updatedAt: null };
}

/**
 * Sets a project's values on a model. Values given replace those stored, `null` clears one,
 * criteria left out keep theirs; values of criteria the model no longer has are dropped.
 * Version 0 creates the sheet; a stale version is a conflict carrying the current sheet.
 */
export async function putScoreSheet(ctx: ServiceContext, modelId: string, projectId: string, input: ScoreSheetPut): Promise<ScoreSheet> {
  const model = await modelAndPath(ctx, modelId, 'read');
  const project = await ctx.db.selectFrom('project').select(['id', 'portfolioId', 'code', 'name']).where('id', '=', projectId as ProjectId).executeTakeFirst();
  const projectPath = project ? await pathOfProject(ctx.db, project.id) : null;
  authorize(ctx, 'scoring:score', projectPath, 'project');
  if (project!.portfolioId !== model.portfolioId) {
    throw invalid([{ field: 'projectId', reason: 'belongs to another portfolio than the scoring model' }]);
  }
  const { criteria } = definitionOf(model);
  const issues = validateValues(criteria, input.values);
  if (issues.length) throw invalid(issues);
  const known = new Set(criteria.map((c) => c.id));
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('projectScore').selectAll().where('modelId', '=', model.id).where('projectId', '=', project!.id).executeTakeFirst();
    assertVersion(`the scores of ${project!.code}`, current?.version ?? 0, input.version, sheetFromRow(model.id, project!.id, current));
    const merged: Record<string, number> = {};
    const old = current ? (JSON.parse(current.values) as Record<string, number>) : {};
    for (const [k, v] of Object.entries({ ...old, ...input.values })) if (v !== null && known.has(k)) merged[k] = v;
    const now = nowIso(ctx);
    const note = input.note ?? current?.note ?? '';
    let after: ProjectScoreTable;
    if (!current) {
      after = { id: newId<ProjectScoreId>(), organisationId: model.organisationId, modelId: model.id, projectId: project!.id, values: JSON.stringify(merged), note, version: 1, createdAt: now, updatedAt: now };
      await trx.insertInto('projectScore').values(after).execute();
    } else {
      const res = await trx
        .updateTable('projectScore')
        .set({ values: JSON.stringify(merged), note, version: current.version + 1, updatedAt: now })
        .where('id', '=', current.id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw lostRace(`the scores of ${project!.code}`);
      after = { ...current, values: JSON.stringify(merged), note, version: current.version + 1, updatedAt: now };
    }
    await appendAudit(trx, ctx, {
      organisationId: model.organisationId,
      recordType: 'project-score',
      recordId: after.id,
      recordLabel: `${project!.code} on ${model.name}`,
      before: current ? sheetAudit(current) : null,
      after: sheetAudit(after),
    });
    return sheetFromRow(model.id, project!.id, after);
  });
}

/**
 * The portfolio's projects ranked by the model: each with its score, the breakdown by
 * criterion, how complete its values are, why it is above the next one, and for the bubble
 * chart its budget and open risk exposure. Strategic alignment is computed here from the
 * organisation's objectives and the projects' contributions. Only projects the actor can see.
 */
export async function rankProjects(ctx: ServiceContext, modelId: string, include: 'open' | 'all'): Promise<Ranking> {
  const row = await modelAndPath(ctx, modelId, 'read');
  const model = scoringModelFromRow(row);
  const vis = await visibility(ctx, row.organisationId);
  let q = ctx.db
    .selectFrom('project')
    .select(['project.id', 'project.code', 'project.name', 'project.programmeId', 'project.stage', 'project.state', 'project.budget'])
    .where('project.portfolioId', '=', row.portfolioId);
  if (include === 'open') q = q.where('project.state', 'in', ['active', 'on-hold']);
  const visible = projectVisibleCondition(vis);
  if (visible) q = q.where(visible);
  const projects = await q.orderBy('project.code').execute();
  if (projects.length === 0) return { model, rows: [] };
  const ids = projects.map((p) => p.id);

  const [{ scored, sheetOf }, exposure] = await Promise.all([scoresOn(ctx.db, row, ids), riskExposureOf(ctx.db, ids)]);
  const byId = new Map(projects.map((p) => [p.id as string, p] as const));
  const rows: RankingRow[] = scored.map((s, i) => {
    const p = byId.get(s.projectId)!;
    const next = scored[i + 1];
    const gap = next ? explainGap(s, next) : null;
    const e = exposure.get(p.id);
    return {
      projectId: p.id,
      code: p.code,
      name: p.name,
      programmeId: p.programmeId,
      stage: p.stage,
      state: p.state,
      budget: p.budget === null ? null : Number(p.budget),
      riskExposure: e?.sum ?? 0,
      openRisks: e?.count ?? 0,
      score: s.score,
      rank: s.rank,
      completeness: s.completeness,
      parts: s.parts,
      sheet: sheetFromRow(row.id, p.id, sheetOf.get(p.id)),
      gapToNext: gap ? { below: gap.below, points: gap.points, parts: gap.parts } : null,
    };
  });
  return { model, rows };
}

/**
 * Every project's score on a model (values from the sheets, alignment from the strategy),
 * ranked; and each project's sheet. No authorisation: callers check it.
 */
export async function scoresOn(db: Db, row: ScoringModelTable, ids: readonly ProjectId[]) {
  const model = scoringModelFromRow(row);
  const [sheets, alignment] = await Promise.all([
    db.selectFrom('projectScore').selectAll().where('modelId', '=', row.id).where('projectId', 'in', ids).execute(),
    model.criteria.some((c) => c.source === 'alignment') ? alignmentOf(db, row.organisationId, ids) : Promise.resolve(new Map<string, number>()),
  ]);
  const sheetOf = new Map(sheets.map((s) => [s.projectId as string, s] as const));
  const alignmentId = model.criteria.find((c) => c.source === 'alignment')?.id;
  const values = ids.map((id) => {
    const stored = sheetOf.get(id);
    const v: Record<string, number> = stored ? (JSON.parse(stored.values) as Record<string, number>) : {};
    if (alignmentId) v[alignmentId] = alignment.get(id) ?? 0;
    return { projectId: id as string, values: v };
  });
  return { scored: scoreProjects(model.criteria, model.effectiveWeights, values), sheetOf };
}

/** Each project's open threats: how many, and the sum of probability × impact. */
export async function riskExposureOf(db: Db, ids: readonly ProjectId[]): Promise<Map<string, { sum: number; count: number }>> {
  const exposure = new Map<string, { sum: number; count: number }>();
  if (ids.length === 0) return exposure;
  const risks = await db
    .selectFrom('raidRisk')
    .select(['scopeId', 'probability', 'impact'])
    .where('scopeType', '=', 'project')
    .where('scopeId', 'in', ids)
    .where('status', '=', 'open')
    .where('kind', '=', 'threat')
    .execute();
  for (const r of risks) {
    const e = exposure.get(r.scopeId) ?? { sum: 0, count: 0 };
    e.sum += r.probability * r.impact;
    e.count += 1;
    exposure.set(r.scopeId, e);
  }
  return exposure;
}

async function alignmentOf(db: Db, organisationId: OrganisationId, projectIds: readonly ProjectId[]): Promise<Map<string, number>> {
  const [objectives, contributions] = await Promise.all([
    db.selectFrom('objective').select(['id', 'parentId', 'weight']).where('organisationId', '=', organisationId).execute(),
    db.selectFrom('contribution').select(['projectId', 'objectiveId', 'weight']).where('projectId', 'in', projectIds).execute(),
  ]);
  return projectAlignment(objectives, contributions);
}

/** A project's sheet on a model (version 0 and no values when nothing was entered). */
export async function getScoreSheet(ctx: ServiceContext, modelId: string, projectId: string): Promise<ScoreSheet> {
  const model = await modelAndPath(ctx, modelId, 'read');
  authorize(ctx, 'read', await pathOfProject(ctx.db, projectId as ProjectId), 'project');
  const row = await ctx.db.selectFrom('projectScore').selectAll().where('modelId', '=', model.id).where('projectId', '=', projectId as ProjectId).executeTakeFirst();
  if (!row && !(await ctx.db.selectFrom('project').select('id').where('id', '=', projectId as ProjectId).where('portfolioId', '=', model.portfolioId).executeTakeFirst())) {
    throw new PharosError('not-found', 'the project is not in the scoring model\'s portfolio');
  }
  return sheetFromRow(model.id, projectId, row);
}
