import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortfolioId } from '../../domain/ids.js';
import { createPortfolio, deletePortfolio, getPortfolio, listPortfolios, portfolioSummary, updatePortfolio } from '../../services/portfolios.js';
import { IdParams, Version, page } from '../schemas/common.schema.js';
import { Portfolio, PortfolioCreate, PortfolioListQuery, PortfolioPatch, PortfolioSummary } from '../schemas/portfolio.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';

export const DeleteQuery = z.strictObject({ version: z.coerce.number().pipe(Version) });

export function portfolioRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Portfolios'];
    app.get('/portfolios', { schema: { tags, summary: 'List portfolios', querystring: PortfolioListQuery, response: { 200: page(Portfolio) } }, config: { access: { action: 'read' } } }, (req) => listPortfolios(ctx(req), req.query));
    app.post('/portfolios', { schema: { tags, summary: 'Create a portfolio', body: PortfolioCreate, response: { 201: Portfolio } }, config: { access: { action: 'portfolio:create' } } }, async (req, reply) => reply.code(201).send(await createPortfolio(ctx(req), req.body)));
    app.get('/portfolios/:id', { schema: { tags, summary: 'Get a portfolio', params: IdParams, response: { 200: Portfolio } }, config: { access: { action: 'read' } } }, (req) => getPortfolio(ctx(req), req.params.id as PortfolioId));
    app.get('/portfolios/:id/summary', { schema: { tags, summary: 'Counts by stage and state, unaligned projects, total budget', params: IdParams, response: { 200: PortfolioSummary } }, config: { access: { action: 'read' } } }, (req) => portfolioSummary(ctx(req), req.params.id as PortfolioId));
    app.patch('/portfolios/:id', { schema: { tags, summary: 'Update a portfolio', params: IdParams, body: PortfolioPatch, response: { 200: Portfolio } }, config: { access: { action: 'portfolio:update' } } }, (req) => updatePortfolio(ctx(req), req.params.id as PortfolioId, req.body));
    app.delete('/portfolios/:id', { schema: { tags, summary: 'Delete an empty portfolio', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'portfolio:delete' } } }, async (req, reply) => {
      await deletePortfolio(ctx(req), req.params.id as PortfolioId, req.query.version);
      return reply.code(204).send(null);
    });
  };
}
