import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortfolioId, ProgrammeId, ProjectId, SimulationId } from '../../domain/ids.js';
import { contingencyRollUp } from '../../services/simulation-rollup.js';
import { cancelSimulation, failAbandonedSimulations, getSimulation, listSimulations, startSimulation, stopSimulations } from '../../services/simulations.js';
import { IdParams } from '../schemas/common.schema.js';
import { ContingencyQuery, ContingencyRollUp, SimulationListQuery, SimulationRun, SimulationStart } from '../schemas/simulation.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';

/**
 * Risk simulation: start a Monte Carlo run of a project's plan and risk register (it runs in
 * the background; poll it), read its progress and result, cancel it; contingency rolled up
 * to programmes and portfolios from each project's latest run.
 */
export function simulationRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Risk simulation'];
    // Runs left queued or running by a process that stopped are failed when an app starts; this app's own runs stop with it.
    app.addHook('onReady', async () => {
      await failAbandonedSimulations(deps.store.db, deps.clock);
    });
    app.addHook('onClose', async () => stopSimulations(deps.store.db, deps.clock));

    app.post('/projects/:id/simulations', { schema: { tags, summary: "Start a simulation of the project's plan and open quantified risks; answers 202 with the queued run", params: IdParams, body: SimulationStart, response: { 202: SimulationRun } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => reply.code(202).send(await startSimulation(ctx(req), req.params.id as ProjectId, req.body)));
    app.get('/projects/:id/simulations', { schema: { tags, summary: "The project's simulation runs, newest first, with their inputs (results through GET /simulations/:id)", params: IdParams, querystring: SimulationListQuery, response: { 200: z.object({ items: z.array(SimulationRun) }) } }, config: { access: { action: 'read' } } }, (req) => listSimulations(ctx(req), req.params.id as ProjectId, req.query.limit));
    app.get('/simulations/:id', { schema: { tags, summary: 'A run: status, progress, inputs, and the result once done', params: IdParams, response: { 200: SimulationRun } }, config: { access: { action: 'read' } } }, (req) => getSimulation(ctx(req), req.params.id as SimulationId));
    app.post('/simulations/:id/cancel', { schema: { tags, summary: 'Cancel a queued or running run', params: IdParams, response: { 200: SimulationRun } }, config: { access: { action: 'raid:manage' } } }, (req) => cancelSimulation(ctx(req), req.params.id as SimulationId));
    app.get('/programmes/:id/contingency', { schema: { tags, summary: "Schedule and cost contingency at a confidence, from each of the programme's projects' latest run, rolled up", params: IdParams, querystring: ContingencyQuery, response: { 200: ContingencyRollUp } }, config: { access: { action: 'read' } } }, (req) => contingencyRollUp(ctx(req), { type: 'programme', id: req.params.id as ProgrammeId }, req.query.confidence));
    app.get('/portfolios/:id/contingency', { schema: { tags, summary: "Schedule and cost contingency at a confidence, from each of the portfolio's projects' latest run, rolled up", params: IdParams, querystring: ContingencyQuery, response: { 200: ContingencyRollUp } }, config: { access: { action: 'read' } } }, (req) => contingencyRollUp(ctx(req), { type: 'portfolio', id: req.params.id as PortfolioId }, req.query.confidence));
  };
}
