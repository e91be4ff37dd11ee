import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IssueId, OrganisationId, RaidActionId, RiskId } from '../../domain/ids.js';
import { addAction, deleteAction, updateAction } from '../../services/raid-actions.js';
import { createIssue, deleteIssue, getIssue, listIssues, updateIssue } from '../../services/raid-issues.js';
import { createLogItem, deleteLogItem, getLogItem, listLogItems, updateLogItem } from '../../services/raid-logs.js';
import { getRiskMatrix, putRiskMatrix } from '../../services/raid-matrix.js';
import { createRisk, deleteRisk, getRisk, listRisks, riskHeatMap, riskHistory, riskOccurred, riskTrend, updateRisk } from '../../services/raid-risks.js';
import { IdParams, page } from '../schemas/common.schema.js';
import {
  Assumption,
  AssumptionCreate,
  AssumptionPatch,
  Decision,
  DecisionCreate,
  DecisionPatch,
  Dependency,
  DependencyCreate,
  DependencyPatch,
  LogListQuery,
  HeatMap,
  HeatMapQuery,
  Issue,
  IssueCreate,
  IssueDetail,
  IssueListQuery,
  IssuePatch,
  RaidAction,
  RaidActionCreate,
  RaidActionPatch,
  Risk,
  RiskCreate,
  RiskDetail,
  RiskListQuery,
  RiskMatrixDocument,
  RiskMatrixPut,
  RiskOccurred,
  RiskPatch,
  RiskReview,
  Trend,
  TrendQuery,
} from '../schemas/raid.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { raidTransferRoutes } from './raid-transfer.routes.js';
import { DeleteQuery } from './portfolios.routes.js';

/** The RAID registers: the risk matrix, risks (with heat map, trend and history), issues and their actions. */
export function raidRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['RAID'];
    app.get('/organisations/:id/risk-matrix', { schema: { tags, summary: "The organisation's risk matrix (scales, bands, escalation rule)", params: IdParams, response: { 200: RiskMatrixDocument } }, config: { access: { action: 'read' } } }, (req) => getRiskMatrix(ctx(req), req.params.id as OrganisationId));
    app.put('/organisations/:id/risk-matrix', { schema: { tags, summary: 'Set the risk matrix (version 0 replaces the default)', params: IdParams, body: RiskMatrixPut, response: { 200: RiskMatrixDocument } }, config: { access: { action: 'risk-matrix:manage' } } }, (req) => putRiskMatrix(ctx(req), req.params.id as OrganisationId, req.body));

    app.get('/risks', { schema: { tags, summary: "A level's risks: its own and those escalated from below (filter, sort, cursor pagination)", querystring: RiskListQuery, response: { 200: page(Risk) } }, config: { access: { action: 'read' } } }, (req) => listRisks(ctx(req), req.query));
    app.get('/risks/heat-map', { schema: { tags, summary: "The heat map of a level's open risks, before or after response", querystring: HeatMapQuery, response: { 200: HeatMap } }, config: { access: { action: 'read' } } }, (req) => riskHeatMap(ctx(req), req.query));
    app.get('/risks/trend', { schema: { tags, summary: "A level's risk exposure over time", querystring: TrendQuery, response: { 200: Trend } }, config: { access: { action: 'read' } } }, (req) => riskTrend(ctx(req), req.query));
    app.post('/risks', { schema: { tags, summary: 'Raise a risk in a portfolio, programme or project', body: RiskCreate, response: { 201: RiskDetail } }, config: { access: { action: 'raid:raise' } } }, async (req, reply) => reply.code(201).send(await createRisk(ctx(req), req.body)));
    app.get('/risks/:id', { schema: { tags, summary: 'Get a risk with its actions', params: IdParams, response: { 200: RiskDetail } }, config: { access: { action: 'read' } } }, (req) => getRisk(ctx(req), req.params.id as RiskId));
    app.patch('/risks/:id', { schema: { tags, summary: 'Rate, respond to, review, escalate or close a risk', params: IdParams, body: RiskPatch, response: { 200: RiskDetail } }, config: { access: { action: 'raid:manage' } } }, (req) => updateRisk(ctx(req), req.params.id as RiskId, req.body));
    app.delete('/risks/:id', { schema: { tags, summary: 'Delete a risk raised in error', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => {
      await deleteRisk(ctx(req), req.params.id as RiskId, req.query.version);
      return reply.code(204).send(null);
    });
    app.get('/risks/:id/history', { schema: { tags, summary: "A risk's reviews: its rating and status over time", params: IdParams, response: { 200: z.object({ items: z.array(RiskReview) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await riskHistory(ctx(req), req.params.id as RiskId) }));
    app.post('/risks/:id/occurred', { schema: { tags, summary: 'The risk happened: it becomes an issue with one action', params: IdParams, body: RiskOccurred, response: { 201: z.object({ risk: RiskDetail, issueId: z.string() }) } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => reply.code(201).send(await riskOccurred(ctx(req), req.params.id as RiskId, req.body)));
    app.post('/risks/:id/actions', { schema: { tags, summary: 'Add an action to a risk', params: IdParams, body: RaidActionCreate, response: { 201: RaidAction } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => reply.code(201).send(await addAction(ctx(req), 'risk', req.params.id, req.body)));

    app.get('/issues', { schema: { tags, summary: "A level's issues: its own and those escalated from below", querystring: IssueListQuery, response: { 200: page(Issue) } }, config: { access: { action: 'read' } } }, (req) => listIssues(ctx(req), req.query));
    app.post('/issues', { schema: { tags, summary: 'Raise an issue in a portfolio, programme or project', body: IssueCreate, response: { 201: IssueDetail } }, config: { access: { action: 'raid:raise' } } }, async (req, reply) => reply.code(201).send(await createIssue(ctx(req), req.body)));
    app.get('/issues/:id', { schema: { tags, summary: 'Get an issue with its actions', params: IdParams, response: { 200: IssueDetail } }, config: { access: { action: 'read' } } }, (req) => getIssue(ctx(req), req.params.id as IssueId));
    app.patch('/issues/:id', { schema: { tags, summary: 'Update, escalate, resolve or close an issue', params: IdParams, body: IssuePatch, response: { 200: IssueDetail } }, config: { access: { action: 'raid:manage' } } }, (req) => updateIssue(ctx(req), req.params.id as IssueId, req.body));
    app.delete('/issues/:id', { schema: { tags, summary: 'Delete an issue raised in error', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => {
      await deleteIssue(ctx(req), req.params.id as IssueId, req.query.version);
      return reply.code(204).send(null);
    });
    app.post('/issues/:id/actions', { schema: { tags, summary: 'Add an action to an issue', params: IdParams, body: RaidActionCreate, response: { 201: RaidAction } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => reply.code(201).send(await addAction(ctx(req), 'issue', req.params.id, req.body)));

    // Assumptions, dependencies and decisions: one shape of routes each.
    const logs = [
      { kind: 'assumption', path: 'assumptions', item: Assumption, create: AssumptionCreate, patch: AssumptionPatch, what: 'an assumption', changes: 'Validate, update or escalate an assumption' },
      { kind: 'dependency', path: 'dependencies', item: Dependency, create: DependencyCreate, patch: DependencyPatch, what: 'a dependency on or from another project', changes: 'Update, agree, flag at risk, meet or escalate a dependency' },
      { kind: 'decision', path: 'decisions', item: Decision, create: DecisionCreate, patch: DecisionPatch, what: 'a decision to make (the decision log)', changes: 'Record the decision, its rationale, who and when; or supersede it' },
    ] as const;
    for (const l of logs) {
      app.get(`/${l.path}`, { schema: { tags, summary: `A level's ${l.path}: its own and those escalated from below`, querystring: LogListQuery, response: { 200: page(l.item) } }, config: { access: { action: 'read' } } }, (req) => listLogItems(ctx(req), l.kind, req.query));
      app.post(`/${l.path}`, { schema: { tags, summary: `Log ${l.what}`, body: l.create, response: { 201: l.item } }, config: { access: { action: 'raid:raise' } } }, async (req, reply) => reply.code(201).send(await createLogItem(ctx(req), l.kind, req.body as never)));
      app.get(`/${l.path}/:id`, { schema: { tags, summary: `Get one of the ${l.path}`, params: IdParams, response: { 200: l.item } }, config: { access: { action: 'read' } } }, (req) => getLogItem(ctx(req), l.kind, req.params.id));
      app.patch(`/${l.path}/:id`, { schema: { tags, summary: l.changes, params: IdParams, body: l.patch, response: { 200: l.item } }, config: { access: { action: 'raid:manage' } } }, (req) => updateLogItem(ctx(req), l.kind, req.params.id, req.body as never));
      app.delete(`/${l.path}/:id`, { schema: { tags, summary: `Delete one of the ${l.path} logged in error`, params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => {
        await deleteLogItem(ctx(req), l.kind, req.params.id, req.query.version);
        return reply.code(204).send(null);
      });
    }

    app.patch('/raid-actions/:id', { schema: { tags, summary: 'Update an action, mark it done or reopen it', params: IdParams, body: RaidActionPatch, response: { 200: RaidAction } }, config: { access: { action: 'raid:manage' } } }, (req) => updateAction(ctx(req), req.params.id as RaidActionId, req.body));
    app.delete('/raid-actions/:id', { schema: { tags, summary: 'Delete an action', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'raid:manage' } } }, async (req, reply) => {
      await deleteAction(ctx(req), req.params.id as RaidActionId, req.query.version);
      return reply.code(204).send(null);
    });

    await app.register(raidTransferRoutes(deps));
  };
}
