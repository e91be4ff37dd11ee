import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OrganisationId } from '../../domain/ids.js';
import { capacityMap, createPerson, createRole, deletePerson, deleteRole, getProjectDemand, getRole, listPeople, listRoles, putProjectDemand, updatePerson, updateRole } from '../../services/capacity.js';
import { IdParams } from '../schemas/common.schema.js';
import { CapacityMap, CapacityQuery, DemandParams, DemandPut, DemandSheet, Person, PersonCreate, PersonPatch, ProjectDemand, Role, RoleCreate, RolePatch } from '../schemas/capacity.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

/** Capacity: roles, people, projects' demand, and demand against capacity. */
export function capacityRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Capacity'];
    const org = (id: string) => id as OrganisationId;
    app.get('/organisations/:id/roles', { schema: { tags, summary: "The organisation's roles, with their unnamed capacity over time", params: IdParams, response: { 200: z.object({ items: z.array(Role) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listRoles(ctx(req), org(req.params.id)) }));
    app.post('/organisations/:id/roles', { schema: { tags, summary: 'Add a role (hours per FTE month, FTE steps over time)', params: IdParams, body: RoleCreate, response: { 201: Role } }, config: { access: { action: 'capacity:manage' } } }, async (req, reply) => reply.code(201).send(await createRole(ctx(req), org(req.params.id), req.body)));
    app.get('/roles/:id', { schema: { tags, summary: 'A role', params: IdParams, response: { 200: Role } }, config: { access: { action: 'read' } } }, (req) => getRole(ctx(req), req.params.id));
    app.patch('/roles/:id', { schema: { tags, summary: 'Change a role', params: IdParams, body: RolePatch, response: { 200: Role } }, config: { access: { action: 'capacity:manage' } } }, (req) => updateRole(ctx(req), req.params.id, req.body));
    app.delete('/roles/:id', { schema: { tags, summary: 'Delete a role nobody and no demand refers to', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'capacity:manage' } } }, async (req, reply) => {
      await deleteRole(ctx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    });
    app.get('/organisations/:id/people', { schema: { tags, summary: 'The named people in roles, with FTE, months in the role, non-project share and absences', params: IdParams, response: { 200: z.object({ items: z.array(Person) }) } }, config: { access: { action: 'read' } } }, async (req) => ({ items: await listPeople(ctx(req), org(req.params.id)) }));
    app.post('/organisations/:id/people', { schema: { tags, summary: 'Add a person to a role', params: IdParams, body: PersonCreate, response: { 201: Person } }, config: { access: { action: 'capacity:manage' } } }, async (req, reply) => reply.code(201).send(await createPerson(ctx(req), org(req.params.id), req.body)));
    app.patch('/people/:id', { schema: { tags, summary: "Change a person's role, FTE, months, non-project share or absences", params: IdParams, body: PersonPatch, response: { 200: Person } }, config: { access: { action: 'capacity:manage' } } }, (req) => updatePerson(ctx(req), req.params.id, req.body));
    app.delete('/people/:id', { schema: { tags, summary: 'Remove a person from capacity', params: IdParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: { access: { action: 'capacity:manage' } } }, async (req, reply) => {
      await deletePerson(ctx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    });
    app.get('/projects/:id/demand', { schema: { tags, summary: "The project's estimated hours per role and month", params: IdParams, response: { 200: ProjectDemand } }, config: { access: { action: 'read' } } }, (req) => getProjectDemand(ctx(req), req.params.id));
    app.put('/projects/:id/demand/:roleId', { schema: { tags, summary: "Set the project's hours for one role, month by month (version 0 the first time)", params: DemandParams, body: DemandPut, response: { 200: DemandSheet } }, config: { access: { action: 'project:update' } } }, (req) => putProjectDemand(ctx(req), req.params.id, req.params.roleId, req.body));
    app.get('/organisations/:id/capacity', { schema: { tags, summary: 'Demand against capacity by role and month, with the projects in each over-allocated cell', params: IdParams, querystring: CapacityQuery, response: { 200: CapacityMap } }, config: { access: { action: 'read' } } }, (req) => capacityMap(ctx(req), org(req.params.id), req.query));
  };
}
