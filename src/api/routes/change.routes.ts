import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OrganisationId } from '../../domain/ids.js';
import { getChangePolicy, putChangePolicy } from '../../services/change-policy.js';
import { createChangeRequest, deleteChangeRequest, forecastChangeRequest, getChangeRequest, listChangeRequests, takeChangeStep, updateChangeRequest } from '../../services/change-requests.js';
import { IdParams, page } from '../schemas/common.schema.js';
import { ChangeForecast, ChangeListQuery, ChangePolicyDocument, ChangePolicyPut, ChangeRequest, ChangeRequestCreate, ChangeRequestDetail, ChangeRequestPatch, ChangeStepInput } from '../schemas/change.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

/** Change control: the approval thresholds, change requests and their workflow. */
export function changeRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Change control'];
    app.get('/organisations/:id/change-policy', { schema: { tags, summary: 'How much each board may approve (cost as % of budget, delay in working days)', params: IdParams, response: { 200: ChangePolicyDocument } }, config: { access: { action: 'read' } } }, (req) => getChangePolicy(ctx(req), req.params.id as OrganisationId));
    app.put('/organisations/:id/change-policy', { schema: { tags, summary: 'Set the approval thresholds (version 0 replaces the default)', params: IdParams, body: ChangePolicyPut, response: { 200: ChangePolicyDocument } }, config: { access: { action: 'change-policy:manage' } } }, (req) => putChangePolicy(ctx(req), req.params.id as OrganisationId, req.body));

    app.get('/change-requests', { schema: { tags, summary: 'The change requests of every project in a level (filter by status or by the board they await)', querystring: ChangeListQuery, response: { 200: page(ChangeRequest) } }, config: { access: { action: 'read' } } }, (req) => listChangeRequests(ctx(req), req.query));
    app.post('/change-requests', { schema: { tags, summary: 'Raise a change request on a project (as a draft)', body: ChangeRequestCreate, response: { 201: ChangeRequestDetail } }, config: { access: { action: 'change:raise' } } }, async (req, reply) => reply.code(201).send(await createChangeRequest(ctx(req), req.body)));
    app.get('/change-requests/:id', { schema: { tags, summary: 'Get a change request with its workflow steps', params: IdParams, response: { 200: ChangeRequestDetail } }, config: { access: { action: 'read' } } }, (req) => getChangeRequest(ctx(req), req.params.id));
    app.patch('/change-requests/:id', { schema: { tags, summary: 'Edit a draft, or the impact of a request being assessed', params: IdParams, body: ChangeRequestPatch, response: { 200: ChangeRequestDetail } }, config: { access: { action: 'change:raise' } } }, (req) => updateChangeRequest(ctx(req), req.params.id, req.body));
    app.delete('/change-requests/:id', { schema: { tags, summary: 'Delete a draft raised in error', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'change:raise' } } }, async (req, reply) => {
      await deleteChangeRequest(ctx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    });
    app.get('/change-requests/:id/forecast', { schema: { tags, summary: "The project finish with the request's task changes made, by the schedule engine", params: IdParams, response: { 200: ChangeForecast } }, config: { access: { action: 'read' } } }, (req) => forecastChangeRequest(ctx(req), req.params.id));
    app.post('/change-requests/:id/steps', { schema: { tags, summary: 'Take a workflow step: submit, withdraw, assess, approve, reject, defer, reassess, implement', params: IdParams, body: ChangeStepInput, response: { 200: ChangeRequestDetail } }, config: { access: { action: 'change:raise' } } }, (req) => takeChangeStep(ctx(req), req.params.id, req.body));
  };
}
