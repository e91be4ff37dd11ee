import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ProjectId, ScheduleAssignmentId, ScheduleCalendarId, ScheduleLinkId, ScheduleResourceId, ScheduleTaskId } from '../../domain/ids.js';
import { compareBaseline, deleteBaseline, saveBaseline } from '../../services/schedule-baselines.js';
import {
  createAssignment,
  createCalendar,
  createLink,
  createResource,
  createTask,
  deleteAssignment,
  deleteCalendar,
  deleteLink,
  deleteResource,
  deleteTask,
  getSchedule,
  moveTask,
  updateAssignment,
  updateCalendar,
  updateLink,
  updatePlan,
  updateResource,
  updateTask,
} from '../../services/schedule-edits.js';
import { levelSchedule } from '../../services/schedule-levelling.js';
import { exportMspdi, importMspdi } from '../../services/schedule-transfer.js';
import { IdParams, Problem } from '../schemas/common.schema.js';
import {
  AssignmentCreate,
  AssignmentPatch,
  BaselineComparison,
  BaselineParams,
  BaselineSave,
  BaselineSummary,
  CalendarCreate,
  CalendarPatch,
  changeResult,
  ImportQuery,
  ImportReport,
  LevelReport,
  LevelRequest,
  LinkCreate,
  LinkPatch,
  PlanPatch,
  ResourceCreate,
  ResourcePatch,
  ScheduleAssignment,
  ScheduleCalendar,
  ScheduleLink,
  SchedulePlan,
  ScheduleParams,
  ScheduleResource,
  ScheduleTask,
  ScheduleView,
  TaskCreate,
  TaskMove,
  TaskPatch,
} from '../schemas/schedule.schema.js';
import { ctxFor, type RouteDeps } from './deps.js';
import { DeleteQuery } from './portfolios.routes.js';

/** Largest MS Project file accepted for import. */
export const IMPORT_LIMIT = 64 * 1024 * 1024;

/**
 * A project's plan: one document to read it all, and one route per kind of record to change
 * it. Every change recalculates the plan and answers with the record, the plan and the tasks
 * whose computed dates moved.
 */
export function scheduleRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const ctx = ctxFor(deps);
  return async (app) => {
    const tags = ['Schedule'];
    const read = { access: { action: 'read' as const } };
    const write = { access: { action: 'project:update' as const } };
    const pid = (p: { id: string }) => p.id as ProjectId;
    const gone = z.object({ record: z.null(), plan: SchedulePlan, moved: changeResult(z.null()).shape.moved });

    app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => done(null, body));

    app.get('/projects/:id/schedule', { schema: { tags, summary: "The project's whole plan: settings, calendars, tasks with computed dates, links, resources, assignments, baselines", params: IdParams, response: { 200: ScheduleView } }, config: read }, (req) => getSchedule(ctx(req), pid(req.params)));
    app.patch('/projects/:id/schedule', { schema: { tags, summary: "Change the plan's settings (start, calendar, status date, direction …)", params: IdParams, body: PlanPatch, response: { 200: changeResult(SchedulePlan) } }, config: write }, (req) => updatePlan(ctx(req), pid(req.params), req.body));

    app.post('/projects/:id/schedule/tasks', { schema: { tags, summary: 'Add a task (under a summary, after a task, or at the end)', params: IdParams, body: TaskCreate, response: { 201: changeResult(ScheduleTask) } }, config: write }, async (req, reply) => reply.code(201).send(await createTask(ctx(req), pid(req.params), req.body)));
    app.patch('/projects/:id/schedule/tasks/:itemId', { schema: { tags, summary: 'Edit a task: duration, dates, constraint, progress …', params: ScheduleParams, body: TaskPatch, response: { 200: changeResult(ScheduleTask) } }, config: write }, (req) => updateTask(ctx(req), pid(req.params), req.params.itemId as ScheduleTaskId, req.body));
    app.post('/projects/:id/schedule/tasks/:itemId/move', { schema: { tags, summary: 'Move a task and its subtree (indent, outdent, reorder)', params: ScheduleParams, body: TaskMove, response: { 200: changeResult(ScheduleTask) } }, config: write }, (req) => moveTask(ctx(req), pid(req.params), req.params.itemId as ScheduleTaskId, req.body));
    app.delete('/projects/:id/schedule/tasks/:itemId', { schema: { tags, summary: 'Delete a task with its subtree, links and assignments', params: ScheduleParams, querystring: DeleteQuery, response: { 200: gone } }, config: write }, (req) => deleteTask(ctx(req), pid(req.params), req.params.itemId as ScheduleTaskId, req.query.version));

    app.post('/projects/:id/schedule/links', { schema: { tags, summary: 'Link two tasks (FS, SS, FF, SF, with a lag or lead)', params: IdParams, body: LinkCreate, response: { 201: changeResult(ScheduleLink) } }, config: write }, async (req, reply) => reply.code(201).send(await createLink(ctx(req), pid(req.params), req.body)));
    app.patch('/projects/:id/schedule/links/:itemId', { schema: { tags, summary: "Change a link's type or lag", params: ScheduleParams, body: LinkPatch, response: { 200: changeResult(ScheduleLink) } }, config: write }, (req) => updateLink(ctx(req), pid(req.params), req.params.itemId as ScheduleLinkId, req.body));
    app.delete('/projects/:id/schedule/links/:itemId', { schema: { tags, summary: 'Remove a link', params: ScheduleParams, querystring: DeleteQuery, response: { 200: gone } }, config: write }, (req) => deleteLink(ctx(req), pid(req.params), req.params.itemId as ScheduleLinkId, req.query.version));

    app.post('/projects/:id/schedule/calendars', { schema: { tags, summary: 'Add a working calendar', params: IdParams, body: CalendarCreate, response: { 201: changeResult(ScheduleCalendar) } }, config: write }, async (req, reply) => reply.code(201).send(await createCalendar(ctx(req), pid(req.params), req.body)));
    app.patch('/projects/:id/schedule/calendars/:itemId', { schema: { tags, summary: "Change a calendar's week, work weeks or exceptions", params: ScheduleParams, body: CalendarPatch, response: { 200: changeResult(ScheduleCalendar) } }, config: write }, (req) => updateCalendar(ctx(req), pid(req.params), req.params.itemId as ScheduleCalendarId, req.body));
    app.delete('/projects/:id/schedule/calendars/:itemId', { schema: { tags, summary: 'Delete a calendar nothing uses', params: ScheduleParams, querystring: DeleteQuery, response: { 200: gone } }, config: write }, (req) => deleteCalendar(ctx(req), pid(req.params), req.params.itemId as ScheduleCalendarId, req.query.version));

    app.post('/projects/:id/schedule/resources', { schema: { tags, summary: 'Add a resource', params: IdParams, body: ResourceCreate, response: { 201: changeResult(ScheduleResource) } }, config: write }, async (req, reply) => reply.code(201).send(await createResource(ctx(req), pid(req.params), req.body)));
    app.patch('/projects/:id/schedule/resources/:itemId', { schema: { tags, summary: 'Change a resource', params: ScheduleParams, body: ResourcePatch, response: { 200: changeResult(ScheduleResource) } }, config: write }, (req) => updateResource(ctx(req), pid(req.params), req.params.itemId as ScheduleResourceId, req.body));
    app.delete('/projects/:id/schedule/resources/:itemId', { schema: { tags, summary: 'Delete a resource with no assignments', params: ScheduleParams, querystring: DeleteQuery, response: { 200: gone } }, config: write }, (req) => deleteResource(ctx(req), pid(req.params), req.params.itemId as ScheduleResourceId, req.query.version));

    app.post('/projects/:id/schedule/assignments', { schema: { tags, summary: 'Assign a resource to a task', params: IdParams, body: AssignmentCreate, response: { 201: changeResult(ScheduleAssignment) } }, config: write }, async (req, reply) => reply.code(201).send(await createAssignment(ctx(req), pid(req.params), req.body)));
    app.patch('/projects/:id/schedule/assignments/:itemId', { schema: { tags, summary: "Change an assignment's units or work", params: ScheduleParams, body: AssignmentPatch, response: { 200: changeResult(ScheduleAssignment) } }, config: write }, (req) => updateAssignment(ctx(req), pid(req.params), req.params.itemId as ScheduleAssignmentId, req.body));
    app.delete('/projects/:id/schedule/assignments/:itemId', { schema: { tags, summary: 'Remove an assignment', params: ScheduleParams, querystring: DeleteQuery, response: { 200: gone } }, config: write }, (req) => deleteAssignment(ctx(req), pid(req.params), req.params.itemId as ScheduleAssignmentId, req.query.version));

    app.put('/projects/:id/schedule/baselines/:number', { schema: { tags, summary: 'Save the current plan as baseline 0–10 (replacing one needs its version)', params: BaselineParams, body: BaselineSave, response: { 200: BaselineSummary } }, config: write }, (req) => saveBaseline(ctx(req), pid(req.params), req.params.number, req.body));
    app.get('/projects/:id/schedule/baselines/:number', { schema: { tags, summary: 'Compare the current plan with a baseline: start, finish, duration and cost variance per task and for the project', params: BaselineParams, response: { 200: BaselineComparison } }, config: read }, (req) => compareBaseline(ctx(req), pid(req.params), req.params.number));
    app.delete('/projects/:id/schedule/baselines/:number', { schema: { tags, summary: 'Clear a baseline', params: BaselineParams, querystring: DeleteQuery, response: { 204: z.null() } }, config: write }, async (req, reply) => {
      await deleteBaseline(ctx(req), pid(req.params), req.params.number, req.query.version);
      return reply.code(204).send(null);
    });

    app.post('/projects/:id/schedule/level', { schema: { tags, summary: 'Level the resources: delay tasks so no work resource is over its capacity, and report each delay with its cause (or clear the delays)', params: IdParams, body: LevelRequest, response: { 200: LevelReport } }, config: write }, (req) => levelSchedule(ctx(req), pid(req.params), req.body));

    app.post('/projects/:id/schedule/import', { schema: { tags, summary: 'Import an MS Project XML (MSPDI) file as the plan; send it as application/xml', params: IdParams, querystring: ImportQuery, response: { 200: ImportReport, 415: Problem } }, config: write }, (req) => importMspdi(ctx(req), pid(req.params), req.body, req.query.replace, req.headers['content-type']));
    app.get('/projects/:id/schedule/export', { schema: { tags, summary: 'Download the plan as an MS Project XML (MSPDI) file', params: IdParams }, config: read }, async (req, reply) => {
      const { xml, fileName } = await exportMspdi(ctx(req), pid(req.params));
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(xml);
    });
  };
}
