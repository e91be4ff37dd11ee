import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ContributionId, ProjectId } from '../../domain/ids.js';
import { createContribution, deleteContribution, listContributions, updateContribution } from '../../services/contributions.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from '../../services/projects.js';
import { IdParams, page } from '../schemas/common.schema.js';
import { Contribution, ContributionCreate, ContributionPatch } from '../schemas/objective.schema.js';
import { Project, ProjectCreate, ProjectListQuery, ProjectPatch } from '../schemas/project.schema.js';
import { sendJsonText } from '../json-text.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

export function projectRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Projects'];
    app.get('/projects', { schema: { tags, summary: 'List projects (filter, sort, cursor pagination)', querystring: ProjectListQuery, response: { 200: page(Project) } }, config: { access: { action: 'read' } } }, async (req, reply) => sendJsonText(reply, await listProjects(ctx(req), req.query)));
    app.post('/projects', { schema: { tags, summary: 'Create a project', body: ProjectCreate, response: { 201: Project } }, config: { access: { action: 'project:create' } } }, async (req, reply) => reply.code(201).send(await createProject(ctx(req), req.body)));
    app.get('/projects/:id', { schema: { tags, summary: 'Get a project', params: IdParams, response: { 200: Project } }, config: { access: { action: 'read' } } }, (req) => getProject(ctx(req), req.params.id as ProjectId));
    app.patch('/projects/:id', { schema: { tags, summary: 'Update a project (stage changes need project:change-stage)', params: IdParams, body: ProjectPatch, response: { 200: Project } }, config: { access: { action: 'project:update' } } }, (req) => updateProject(ctx(req), req.params.id as ProjectId, req.body));
    app.delete('/projects/:id', { schema: { tags, summary: 'Delete a project and its contributions', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'project:delete' } } }, async (req, reply) => {
      await deleteProject(ctx(req), req.params.id as ProjectId, req.query.version);
      return reply.code(204).send(null);
    });

    const ctags = ['Strategy'];
    app.get('/projects/:id/contributions', { schema: { tags: ctags, summary: "A project's contributions to strategic objectives", params: IdParams, response: { 200: z.object({ items: z.array(Contribution) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listContributions(ctx(req), req.params.id as ProjectId) }));
    app.post('/projects/:id/contributions', { schema: { tags: ctags, summary: 'Record that a project serves an objective', params: IdParams, body: ContributionCreate, response: { 201: Contribution } }, config: { access: { action: 'contribution:manage' } } }, async (req, reply) => reply.code(201).send(await createContribution(ctx(req), req.params.id as ProjectId, req.body)));
    app.patch('/contributions/:id', { schema: { tags: ctags, summary: "Change a contribution's weight", params: IdParams, body: ContributionPatch, response: { 200: Contribution } }, config: { access: { action: 'contribution:manage' } } }, (req) => updateContribution(ctx(req), req.params.id as ContributionId, req.body));
    app.delete('/contributions/:id', { schema: { tags: ctags, summary: 'Remove a contribution', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'contribution:manage' } } }, async (req, reply) => {
      await deleteContribution(ctx(req), req.params.id as ContributionId, req.query.version);
      return reply.code(204).send(null);
    });
  };
}
