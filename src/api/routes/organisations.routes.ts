import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MembershipId, OrganisationId } from '../../domain/ids.js';
import { listAudit } from '../../services/audit.js';
import { getOrganisation, listOrganisations, updateOrganisation } from '../../services/organisations.js';
import { portfolioSummaries } from '../../services/portfolios.js';
import { navigationTree } from '../../services/tree.js';
import { createMember, grantRole, listMemberships, revokeMembership } from '../../services/users.js';
import { AuditEvent, AuditQuery } from '../schemas/audit.schema.js';
import { Membership, MembershipCreate, User, UserCreate } from '../schemas/auth.schema.js';
import { IdParams, page } from '../schemas/common.schema.js';
import { Organisation, OrganisationPatch } from '../schemas/organisation.schema.js';
import { PortfolioSummary } from '../schemas/portfolio.schema.js';
import { Tree } from '../schemas/tree.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';

const MemberRow = Membership.extend({ userName: z.string(), userEmail: z.string() });

export function organisationRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Organisations'];
    app.get('/organisations', { schema: { tags, summary: 'Organisations you belong to', response: { 200: z.object({ items: z.array(Organisation) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listOrganisations(ctx(req)) }));
    app.get('/organisations/:id', { schema: { tags, summary: 'Get an organisation and its settings', params: IdParams, response: { 200: Organisation } }, config: { access: { action: 'read' } } }, (req) => getOrganisation(ctx(req), req.params.id as OrganisationId));
    app.patch('/organisations/:id', { schema: { tags, summary: 'Change settings: PMO mode, currency, fiscal year, calendar', params: IdParams, body: OrganisationPatch, response: { 200: Organisation } }, config: { access: { action: 'organisation:update' } } }, (req) => updateOrganisation(ctx(req), req.params.id as OrganisationId, req.body));
    app.get('/organisations/:id/tree', { schema: { tags, summary: 'Navigation tree: portfolios → programmes → projects you can see', params: IdParams, response: { 200: Tree } }, config: { access: { action: 'read' } } }, (req) => navigationTree(ctx(req), req.params.id as OrganisationId));

    app.get('/organisations/:id/portfolio-summaries', { schema: { tags: ['Portfolios'], summary: 'The summary of every portfolio you can see, in one call (for dashboards)', params: IdParams, response: { 200: z.object({ items: z.array(PortfolioSummary) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await portfolioSummaries(ctx(req), req.params.id as OrganisationId) }));

    const ptags = ['People'];
    app.get('/organisations/:id/memberships', { schema: { tags: ptags, summary: 'Who holds which role where', params: IdParams, response: { 200: z.object({ items: z.array(MemberRow) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listMemberships(ctx(req), req.params.id as OrganisationId) }));
    app.post('/memberships', { schema: { tags: ptags, summary: 'Grant a role at a scope', body: MembershipCreate, response: { 201: Membership } }, config: { access: { action: 'member:manage' } } }, async (req, reply) => reply.code(201).send(await grantRole(ctx(req), req.body)));
    app.delete('/memberships/:id', { schema: { tags: ptags, summary: 'Revoke a role', params: IdParams, response: { 204: z.null() } }, config: { access: { action: 'member:manage' } } }, async (req, reply) => {
      await revokeMembership(ctx(req), req.params.id as MembershipId);
      return reply.code(204).send(null);
    });
    app.post('/users', { schema: { tags: ptags, summary: 'Create a user with an organisation-wide role', body: UserCreate, response: { 201: User } }, config: { access: { action: 'user:manage' } } }, async (req, reply) => {
      const { organisationId, ...rest } = req.body;
      return reply.code(201).send(await createMember(ctx(req), organisationId as OrganisationId, rest));
    });

    app.get('/audit', { schema: { tags: ['Audit'], summary: 'Audit trail of a record (recordId) or an organisation, newest first', querystring: AuditQuery, response: { 200: page(AuditEvent) } }, config: { access: { action: 'audit:read' } } }, (req) => listAudit(ctx(req), req.query));
  };
}
