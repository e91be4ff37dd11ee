import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ObjectiveId, OrganisationId } from '../../domain/ids.js';
import { createObjective, deleteObjective, getObjective, strategy, updateObjective } from '../../services/objectives.js';
import { IdParams } from '../schemas/common.schema.js';
import { Objective, ObjectiveCreate, ObjectivePatch, Strategy } from '../schemas/objective.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

export function strategyRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Strategy'];
    app.get('/organisations/:id/strategy', { schema: { tags, summary: 'The objective tree with the projects serving each objective', params: IdParams, response: { 200: Strategy } }, config: { access: { action: 'read' } } }, (req) => strategy(ctx(req), req.params.id as OrganisationId));
    app.post('/objectives', { schema: { tags, summary: 'Create a strategic objective', body: ObjectiveCreate, response: { 201: Objective } }, config: { access: { action: 'objective:manage' } } }, async (req, reply) => reply.code(201).send(await createObjective(ctx(req), req.body)));
    app.get('/objectives/:id', { schema: { tags, summary: 'Get an objective', params: IdParams, response: { 200: Objective } }, config: { access: { action: 'read' } } }, (req) => getObjective(ctx(req), req.params.id as ObjectiveId));
    app.patch('/objectives/:id', { schema: { tags, summary: 'Update or move an objective', params: IdParams, body: ObjectivePatch, response: { 200: Objective } }, config: { access: { action: 'objective:manage' } } }, (req) => updateObjective(ctx(req), req.params.id as ObjectiveId, req.body));
    app.delete('/objectives/:id', { schema: { tags, summary: 'Delete a leaf objective nothing contributes to', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'objective:manage' } } }, async (req, reply) => {
      await deleteObjective(ctx(req), req.params.id as ObjectiveId, req.query.version);
      return reply.code(204).send(null);
    });
  };
}
