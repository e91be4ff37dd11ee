import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortfolioId } from '../../domain/ids.js';
import { compareScenarios, createScenario, deleteScenario, getScenario, listScenarios, publishScenario, putScenario, runScenario, scenarioFrontier } from '../../services/portfolio-scenarios.js';
import { IdParams } from '../schemas/common.schema.js';
import { Frontier, FrontierQuery, Scenario, ScenarioComparison, ScenarioCompareQuery, ScenarioCreate, ScenarioPut, ScenarioVersion } from '../schemas/scenario.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

/** Portfolio scenarios: what-ifs optimised with HiGHS, compared, and published as the plan of record. */
export function scenarioRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Portfolio scenarios'];
    app.get('/portfolios/:id/scenarios', { schema: { tags, summary: "The portfolio's scenarios with their last results", params: IdParams, response: { 200: z.object({ items: z.array(Scenario) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listScenarios(ctx(req), req.params.id as PortfolioId) }));
    app.post('/portfolios/:id/scenarios', { schema: { tags, summary: 'Create a scenario: horizon, budget, delay allowed, capacity factors, per-project what-ifs', params: IdParams, body: ScenarioCreate, response: { 201: Scenario } }, config: { access: { action: 'scenario:manage' } } }, async (req, reply) => reply.code(201).send(await createScenario(ctx(req), req.params.id as PortfolioId, req.body)));
    app.get('/scenarios/compare', { schema: { tags, summary: 'Two scenarios of one portfolio side by side', querystring: ScenarioCompareQuery, response: { 200: ScenarioComparison } }, config: { access: { action: 'read' } } }, (req) => compareScenarios(ctx(req), req.query.a, req.query.b));
    app.get('/scenarios/:id', { schema: { tags, summary: 'A scenario with its last result', params: IdParams, response: { 200: Scenario } }, config: { access: { action: 'read' } } }, (req) => getScenario(ctx(req), req.params.id));
    app.put('/scenarios/:id', { schema: { tags, summary: "Change a draft scenario (new settings drop its result)", params: IdParams, body: ScenarioPut, response: { 200: Scenario } }, config: { access: { action: 'scenario:manage' } } }, (req) => putScenario(ctx(req), req.params.id, req.body));
    app.delete('/scenarios/:id', { schema: { tags, summary: 'Delete a scenario that is not the plan of record', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'scenario:manage' } } }, async (req, reply) => {
      await deleteScenario(ctx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    });
    app.post('/scenarios/:id/run', { schema: { tags, summary: 'Optimise the scenario (HiGHS, in a worker thread) and keep the answer', params: IdParams, body: ScenarioVersion, response: { 200: Scenario } }, config: { access: { action: 'scenario:manage' } } }, (req) => runScenario(ctx(req), req.params.id, req.body.version));
    app.get('/scenarios/:id/frontier', { schema: { tags, summary: 'Value against budget: the best value at each budget level (worker threads)', params: IdParams, querystring: FrontierQuery, response: { 200: Frontier } }, config: { access: { action: 'read' } } }, (req) => scenarioFrontier(ctx(req), req.params.id, req.query.points));
    app.post('/scenarios/:id/publish', { schema: { tags, summary: 'Make the scenario the plan of record: fund its projects, hold the rest, log the decision', params: IdParams, body: ScenarioVersion, response: { 200: Scenario } }, config: { access: { action: 'scenario:publish' } } }, (req) => publishScenario(ctx(req), req.params.id, req.body.version));
  };
}
