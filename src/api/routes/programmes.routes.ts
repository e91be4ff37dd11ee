import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ProgrammeId } from '../../domain/ids.js';
import { createProgramme, deleteProgramme, getProgramme, listProgrammes, updateProgramme } from '../../services/programmes.js';
import { IdParams, page } from '../schemas/common.schema.js';
import { Programme, ProgrammeCreate, ProgrammeListQuery, ProgrammePatch } from '../schemas/programme.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

export function programmeRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Programmes'];
    app.get('/programmes', { schema: { tags, summary: 'List programmes', querystring: ProgrammeListQuery, response: { 200: page(Programme) } }, config: { access: { action: 'read' } } }, (req) => listProgrammes(ctx(req), req.query));
    app.post('/programmes', { schema: { tags, summary: 'Create a programme', body: ProgrammeCreate, response: { 201: Programme } }, config: { access: { action: 'programme:create' } } }, async (req, reply) => reply.code(201).send(await createProgramme(ctx(req), req.body)));
    app.get('/programmes/:id', { schema: { tags, summary: 'Get a programme', params: IdParams, response: { 200: Programme } }, config: { access: { action: 'read' } } }, (req) => getProgramme(ctx(req), req.params.id as ProgrammeId));
    app.patch('/programmes/:id', { schema: { tags, summary: 'Update or move a programme', params: IdParams, body: ProgrammePatch, response: { 200: Programme } }, config: { access: { action: 'programme:update' } } }, (req) => updateProgramme(ctx(req), req.params.id as ProgrammeId, req.body));
    app.delete('/programmes/:id', { schema: { tags, summary: 'Delete an empty programme', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'programme:delete' } } }, async (req, reply) => {
      await deleteProgramme(ctx(req), req.params.id as ProgrammeId, req.query.version);
      return reply.code(204).send(null);
    });
  };
}
