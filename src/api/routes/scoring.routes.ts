import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortfolioId } from '../../domain/ids.js';
import { createScoringModel, deleteScoringModel, getScoreSheet, getScoringModel, listScoringModels, putScoreSheet, putScoringModel, rankProjects } from '../../services/portfolio-scoring.js';
import { IdParams } from '../schemas/common.schema.js';
import { ModelScoreParams, Ranking, RankingQuery, ScoreSheet, ScoreSheetPut, ScoringModel, ScoringModelCreate, ScoringModelPut } from '../schemas/scoring.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

/** Portfolio prioritisation: scoring models, projects' values, the ranking with its reasons. */
export function scoringRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Portfolio scoring'];
    app.get('/portfolios/:id/scoring-models', { schema: { tags, summary: "The portfolio's scoring models, with their effective weights", params: IdParams, response: { 200: z.object({ items: z.array(ScoringModel) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listScoringModels(ctx(req), req.params.id as PortfolioId) }));
    app.post('/portfolios/:id/scoring-models', { schema: { tags, summary: 'Define a scoring model: criteria with scales, directions and weights (direct or pairwise)', params: IdParams, body: ScoringModelCreate, response: { 201: ScoringModel } }, config: { access: { action: 'scoring:manage' } } }, async (req, reply) => reply.code(201).send(await createScoringModel(ctx(req), req.params.id as PortfolioId, req.body)));
    app.get('/scoring-models/:id', { schema: { tags, summary: 'A scoring model with its effective weights and, for pairwise weighting, its consistency', params: IdParams, response: { 200: ScoringModel } }, config: { access: { action: 'read' } } }, (req) => getScoringModel(ctx(req), req.params.id));
    app.put('/scoring-models/:id', { schema: { tags, summary: 'Replace a scoring model (criteria, weighting, comparisons)', params: IdParams, body: ScoringModelPut, response: { 200: ScoringModel } }, config: { access: { action: 'scoring:manage' } } }, (req) => putScoringModel(ctx(req), req.params.id, req.body));
    app.delete('/scoring-models/:id', { schema: { tags, summary: "Delete a scoring model and every project's values on it", params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'scoring:manage' } } }, async (req, reply) => {
      await deleteScoringModel(ctx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    });
    app.get('/scoring-models/:id/ranking', { schema: { tags, summary: "The portfolio's projects ranked by the model, each with its breakdown and why it is above the next", params: IdParams, querystring: RankingQuery, response: { 200: Ranking } }, config: { access: { action: 'read' } } }, (req) => rankProjects(ctx(req), req.params.id, req.query.include));
    app.get('/scoring-models/:id/scores/:projectId', { schema: { tags, summary: "A project's values on the model", params: ModelScoreParams, response: { 200: ScoreSheet } }, config: { access: { action: 'read' } } }, (req) => getScoreSheet(ctx(req), req.params.id, req.params.projectId));
    app.put('/scoring-models/:id/scores/:projectId', { schema: { tags, summary: "Set a project's values on the model (version 0 for the first time)", params: ModelScoreParams, body: ScoreSheetPut, response: { 200: ScoreSheet } }, config: { access: { action: 'scoring:score' } } }, (req) => putScoreSheet(ctx(req), req.params.id, req.params.projectId, req.body));
  };
}
