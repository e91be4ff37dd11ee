import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMspdi } from '../../src/io/mspdi/index.js';
import { scheduleInputFromMspdi } from '../../src/io/mspdi/schedule-input.js';
import { schedule } from '../../src/domain/schedule/schedule.js';
import { formatLocalDateTime } from '../../src/domain/schedule/local-time.js';
import type { ProjectId } from '../../src/domain/ids.js';
import { computePlan, loadPlanData } from '../../src/services/schedule-data.js';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
const CORPUS_FILE = join(corpus, 'generated/core-1-97.xml');

type Task = { id: string; name: string; wbs: string; start: string; finish: string; durationMinutes: number; totalSlackMinutes: number; critical: boolean; version: number; summary: boolean; uid: number; constraintType: string; constraintDate: string | null };
type View = { plan: { id: string; version: number; revision: number; computedFinish: string; warnings: { kind: string; taskId: string | null }[] }; tasks: Task[]; links: { id: string; version: number }[]; calendars: { id: string; name: string }[]; baselines: { number: number; version: number }[] };

for (const dialect of DIALECTS) {
  describe(`[${dialect}] a project's schedule through the API`, () => {
    let h: Harness;
    let admin: Client & { cookie: string; csrf: string };
    let projectId: string;
    let portfolioId: string;
    const url = (path = '') => `/api/v1/projects/${projectId}/schedule${path}`;
    const view = async (id = projectId) => (await admin.get(`/api/v1/projects/${id}/schedule`)).json() as View;
    const task = async (name: string) => (await view()).tasks.find((t) => t.name === name)!;
    const addTask = async (body: object) => {
      const res = await admin.post(url('/tasks'), body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().record as Task;
    };
    const importXml = (id: string, xml: string, query = '') =>
      h.app.inject({ method: 'POST', url: `/api/v1/projects/${id}/schedule/import${query}`, cookies: { pharos_session: admin.cookie }, headers: { 'x-csrf-token': admin.csrf, 'content-type': 'application/xml' }, payload: xml });

    beforeAll(async () => {
      h = await startHarness(dialect);
      // userWith signs in through signIn, so the client carries its cookie and CSRF token.
      admin = (await h.userWith([{ role: 'administrator' }], 'Planner')) as typeof admin;
      portfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'OPS', name: 'Operations' })).json().id;
      projectId = (await admin.post('/api/v1/projects', { portfolioId, code: 'PLAN-1', name: 'Warehouse move', plannedStart: '2026-01-05' })).json().id;
    });
    afterAll(() => h.close());

    it('gives a new project an empty plan on the Standard calendar, starting on its planned start', async () => {
      const v = await view();
      expect(v.tasks).toEqual([]);
      expect(v.calendars.map((c) => c.name)).toEqual(['Standard']);
      expect(v.plan).toMatchObject({ computedFinish: '2026-01-05T08:00:00' });
    });

    it('schedules tasks as they are added and linked, and says which computed dates moved', async () => {
      const a = await addTask({ name: 'Survey', durationMinutes: 2 * 480 });
      const b = await addTask({ name: 'Pack', durationMinutes: 3 * 480 });
      expect(b).toMatchObject({ start: '2026-01-05T08:00:00', finish: '2026-01-07T17:00:00', wbs: '2' });
      const res = await admin.post(url('/links'), { predecessorId: a.id, successorId: b.id });
      expect(res.statusCode, res.body).toBe(201);
      const moved = res.json().moved as { id: string; start: string }[];
      expect(moved.find((m) => m.id === b.id)).toMatchObject({ start: '2026-01-07T08:00:00' });
      expect(res.json().plan.computedFinish).toBe('2026-01-09T17:00:00');
      expect(await task('Survey')).toMatchObject({ critical: true, totalSlackMinutes: 0 });
    });

    it('moves the successors at once when a duration changes', async () => {
      const a = await task('Survey');
      const res = await admin.patch(url(`/tasks/${a.id}`), { version: a.version, durationMinutes: 3 * 480 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().record).toMatchObject({ finish: '2026-01-07T17:00:00', version: a.version + 1 });
      const pack = await task('Pack');
      expect(res.json().moved.map((m: { id: string }) => m.id)).toContain(pack.id);
      expect(pack).toMatchObject({ start: '2026-01-08T08:00:00', finish: '2026-01-12T17:00:00' });
    });

    it('turns a new start into a start-no-earlier-than constraint, and a new finish into a duration', async () => {
      const pack = await task('Pack');
      const moved = await admin.patch(url(`/tasks/${pack.id}`), { version: pack.version, start: '2026-01-13T08:00' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().record).toMatchObject({ constraintType: 'SNET', constraintDate: '2026-01-13T08:00:00', start: '2026-01-13T08:00:00' });
      const after = moved.json().record as Task;
      const longer = await admin.patch(url(`/tasks/${pack.id}`), { version: after.version, finish: '2026-01-19T17:00' });
      expect(longer.json().record).toMatchObject({ durationMinutes: 5 * 480, finish: '2026-01-19T17:00:00' });
    });

    it('refuses a link that closes a loop, naming the tasks, and saves nothing', async () => {
      const before = await view();
      const [survey, pack] = [before.tasks[0]!, before.tasks[1]!];
      const res = await admin.post(url('/links'), { predecessorId: pack.id, successorId: survey.id, type: 'SS' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'duplicate' });
      const c = await addTask({ name: 'Move' });
      await admin.post(url('/links'), { predecessorId: pack.id, successorId: c.id });
      const loop = await admin.post(url('/links'), { predecessorId: c.id, successorId: survey.id });
      expect(loop.json()).toMatchObject({ code: 'cycle' });
      expect(loop.json().detail).toMatch(/1 Survey/);
      expect(loop.json().detail).toMatch(/3 Move/);
      const after = await view();
      expect(after.links).toHaveLength(2);
      expect(after.plan.revision).toBe(before.plan.revision + 2);
    });

    it('refuses bad input naming the field, and stale versions with 409', async () => {
      const survey = await task('Survey');
      const bad = await admin.patch(url(`/tasks/${survey.id}`), { version: survey.version, durationMinutes: -5 });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().detail).toMatch(/durationMinutes/);
      const noDate = await admin.patch(url(`/tasks/${survey.id}`), { version: survey.version, constraintType: 'MSO' });
      expect(noDate.statusCode).toBe(422);
      expect(noDate.json().issues[0].field).toBe('constraintDate');
      const badDate = await admin.patch(url(`/tasks/${survey.id}`), { version: survey.version, deadline: '2026-02-30T08:00' });
      expect(badDate.statusCode).toBe(422);
      expect(badDate.json().detail).toMatch(/deadline/);
      const stale = await admin.patch(url(`/tasks/${survey.id}`), { version: survey.version - 1, name: 'Old' });
      expect(stale.statusCode).toBe(409);
      expect((await task('Survey')).version).toBe(survey.version);
    });

    it('builds the outline: a task moved under another makes it a summary spanning its children', async () => {
      const phase = await addTask({ name: 'Phase 1', afterId: null });
      const survey = await task('Survey');
      const res = await admin.post(url(`/tasks/${survey.id}/move`), { version: survey.version, parentId: phase.id });
      expect(res.statusCode, res.body).toBe(200);
      const v = await view();
      const byName = Object.fromEntries(v.tasks.map((t) => [t.name, t]));
      expect(byName['Phase 1']).toMatchObject({ summary: true, wbs: '3', start: byName.Survey!.start, finish: byName.Survey!.finish });
      expect(byName.Survey).toMatchObject({ wbs: '3.1' });
      expect(v.tasks.map((t) => t.name)).toEqual(['Pack', 'Move', 'Phase 1', 'Survey']);
      const under = await addTask({ name: 'Permits', parentId: phase.id, durationMinutes: 480 });
      expect(under.wbs).toBe('3.2');
    });

    it('saves a baseline and reports start, finish, duration and cost variance, rolled up', async () => {
      const saved = await h.app.inject({ method: 'PUT', url: url('/baselines/0'), cookies: { pharos_session: admin.cookie }, headers: { 'x-csrf-token': admin.csrf }, payload: { name: 'Approved' } });
      expect(saved.statusCode, saved.body).toBe(200);
      const again = await h.app.inject({ method: 'PUT', url: url('/baselines/0'), cookies: { pharos_session: admin.cookie }, headers: { 'x-csrf-token': admin.csrf }, payload: {} });
      expect(again.statusCode).toBe(409);
      const permits = await task('Permits');
      await admin.patch(url(`/tasks/${permits.id}`), { version: permits.version, durationMinutes: 2 * 480, fixedCost: 50_000 });
      const cmp = (await admin.get(url('/baselines/0'))).json();
      const row = cmp.tasks.find((t: { name: string }) => t.name === 'Permits');
      expect(row).toMatchObject({ status: 'both', durationVarianceMinutes: 480, finishVarianceMinutes: 480, costVariance: 50_000 });
      const phase = cmp.tasks.find((t: { name: string }) => t.name === 'Phase 1');
      expect(phase).toMatchObject({ summary: true, costVariance: 50_000 });
      expect(cmp.project.costVariance).toBe(50_000);
      expect(cmp.baseline).toMatchObject({ number: 0, name: 'Approved' });
    });

    it('exports MS Project XML and imports it back into another project with identical dates', async () => {
      const exported = await admin.get(url('/export'));
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toMatch(/PLAN-1\.xml/);
      const otherId = (await admin.post('/api/v1/projects', { portfolioId, code: 'PLAN-2', name: 'Copy' })).json().id as string;
      const res = await importXml(otherId, exported.body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ tasks: 5, links: 2, baselines: 1 });
      const dates = (v: View) => v.tasks.map((t) => [t.uid, t.wbs, t.name, t.start, t.finish, t.totalSlackMinutes, t.critical, t.constraintType, t.constraintDate]);
      expect(dates(await view(otherId))).toEqual(dates(await view()));
      const again = await importXml(otherId, exported.body);
      expect(again.statusCode).toBe(409);
      const replaced = await importXml(otherId, exported.body, '?replace=true');
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect((await view(otherId)).tasks).toHaveLength(5);
      const json = await admin.post(`/api/v1/projects/${otherId}/schedule/import`, { xml: 'no' });
      expect(json.statusCode).toBe(415);
      const broken = await importXml(otherId, '<Project><Tasks>', '?replace=true');
      expect(broken.statusCode).toBe(400);
      expect(broken.json().detail).toMatch(/XML|Project/i);
      expect((await view(otherId)).tasks).toHaveLength(5);
    });

    // The second file has tasks worked on their resources' (night shift) calendar, whose slack counts on the project calendar.
    it.skipIf(!existsSync(CORPUS_FILE))('imports an MS Project file with the dates and slack the engine computes for it (skipped without ../shared/corpus)', async () => {
      for (const [n, file] of [CORPUS_FILE, join(corpus, 'mspdi/mspditimephased.xml')].entries()) {
        const xml = readFileSync(file, 'utf8');
        const other = (await admin.post('/api/v1/projects', { portfolioId, code: `MSP-R${n}`, name: `Imported ${n}` })).json().id as string;
        expect((await importXml(other, xml)).statusCode).toBe(200);
        const read = scheduleInputFromMspdi(readMspdi(xml).document);
        const expected = schedule(read.input);
        const byUid = new Map((await view(other)).tasks.map((t) => [t.uid, t]));
        read.tasks.forEach((t, i) => {
          expect(byUid.get(t.uid), `${file} task ${t.uid}`).toMatchObject({ start: formatLocalDateTime(expected.start[i]!), finish: formatLocalDateTime(expected.finish[i]!), totalSlackMinutes: expected.totalSlack[i] });
        });
      }
      const xml = readFileSync(CORPUS_FILE, 'utf8');
      const id = (await admin.post('/api/v1/projects', { portfolioId, code: 'MSP-1', name: 'Imported' })).json().id as string;
      const res = await importXml(id, xml);
      expect(res.statusCode, res.body).toBe(200);
      const read = scheduleInputFromMspdi(readMspdi(xml).document);
      const v = await view(id);
      expect(v.tasks).toHaveLength(read.input.tasks.length);
      const back = await importXml(id, (await admin.get(`/api/v1/projects/${id}/schedule/export`)).body, '?replace=true');
      expect(back.statusCode, back.body).toBe(200);
      const again = await view(id);
      expect(again.tasks.map((t) => [t.uid, t.start, t.finish, t.totalSlackMinutes])).toEqual(v.tasks.map((t) => [t.uid, t.start, t.finish, t.totalSlackMinutes]));
    });

    it('after every kind of change, the stored plan is exactly what a fresh recalculation gives, and the same as the API shows', async () => {
      for (const id of [projectId]) {
        const stored = (await loadPlanData(h.store.db, id as ProjectId))!;
        const shown = await view(id);
        expect(shown.tasks.map((t) => [t.id, t.version, t.start])).toEqual(stored.tasks.map((t) => [t.id, t.version, t.start]));
        const { moved } = computePlan(stored);
        expect(moved.map((t) => t.name)).toEqual([]);
      }
    });

    it('lets a viewer read the plan but not change it', async () => {
      const viewer = await h.userWith([{ role: 'viewer' }]);
      expect((await viewer.get(url())).statusCode).toBe(200);
      const res = await viewer.post(url('/tasks'), { name: 'Sneaky' });
      expect(res.statusCode).toBe(403);
    });

    it('deletes a task with its subtree and links, and a project with its plan', async () => {
      const phase = await task('Phase 1');
      const res = await admin.delete(url(`/tasks/${phase.id}?version=${phase.version}`));
      expect(res.statusCode, res.body).toBe(200);
      const v = await view();
      expect(v.tasks.map((t) => t.name)).toEqual(['Pack', 'Move']);
      expect(v.tasks.map((t) => t.wbs)).toEqual(['1', '2']);
      const project = (await admin.get(`/api/v1/projects/${projectId}`)).json();
      const gone = await admin.delete(`/api/v1/projects/${projectId}?version=${project.version}`);
      expect(gone.statusCode, gone.body).toBe(204);
    });
  });
}
