import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectId } from '../../src/domain/ids.js';
import { STANDARD_WEEK } from '../../src/domain/schedule/calendar-types.js';
import { parseLocalDateTime } from '../../src/domain/schedule/local-time.js';
import { schedule } from '../../src/domain/schedule/schedule.js';
import type { ScheduleInput } from '../../src/domain/schedule/types.js';
import { writeMspdi } from '../../src/io/mspdi/index.js';
import { mspdiFromPlan } from '../../src/io/mspdi/mspdi-from-plan.js';
import { outlineOf } from '../../src/domain/schedule/outline.js';
import { computedFromRow, computePlan, engineInput, loadPlanData } from '../../src/services/schedule-data.js';
import { scheduleOffThread, scheduleWorkerState, stopScheduleWorker } from '../../src/services/schedule-worker.js';
import { DIALECTS } from '../support/database.js';
import { startHarness, type Client, type Harness } from '../support/harness.js';

/**
 * The engine in a worker thread gives the plan the in-thread engine gives. The threshold is
 * forced to 0 (PHAROS_SCHEDULE_WORKER_THRESHOLD), so every change of this file recalculates
 * through the worker; the stored result is then compared with the engine run here.
 */
for (const dialect of DIALECTS) {
  describe(`[${dialect}] recalculation in a worker thread`, () => {
    let h: Harness;
    let admin: Client;
    let projectId: ProjectId;
    const saved = process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD;
    const url = (path = '') => `/api/v1/projects/${projectId}/schedule${path}`;

    beforeAll(async () => {
      process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD = '0';
      h = await startHarness(dialect);
      admin = await h.userWith([{ role: 'administrator' }], 'Planner');
      const portfolioId = (await admin.post('/api/v1/portfolios', { organisationId: h.organisationId, code: 'OPS', name: 'Operations' })).json().id as string;
      projectId = (await admin.post('/api/v1/projects', { portfolioId, code: 'WRK-1', name: 'Worker plan', plannedStart: '2026-03-02' })).json().id as ProjectId;
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD;
      else process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD = saved;
      await stopScheduleWorker();
      await h.close();
    });

    it('stores, change after change, what the in-thread engine computes', async () => {
      const add = async (body: object): Promise<{ id: string; version: number }> => {
        const res = await admin.post(url('/tasks'), body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json().record as { id: string; version: number };
      };
      const link = async (body: object) => expect((await admin.post(url('/links'), body)).statusCode).toBe(201);
      // Two phases of tasks with every link type, lags and a lead, a constraint, a deadline and progress.
      const ids: string[] = [];
      for (const phase of ['Design', 'Build']) {
        const summary = await add({ name: phase });
        for (let i = 0; i < 6; i++) ids.push((await add({ name: `${phase} ${i + 1}`, parentId: summary.id, durationMinutes: (i % 3 + 1) * 480 })).id);
      }
      const types = ['FS', 'SS', 'FF', 'SF', 'FS', 'FS'] as const;
      for (let i = 1; i < ids.length; i++) await link({ predecessorId: ids[i - 1], successorId: ids[i], type: types[i % types.length], lagMinutes: i === 4 ? 960 : i === 8 ? -480 : 0 });
      await link({ predecessorId: ids[0], successorId: ids[7] });
      const gate = await add({ name: 'Gate', milestone: true, durationMinutes: 0, deadline: '2026-03-20T17:00:00' });
      await link({ predecessorId: ids[ids.length - 1], successorId: gate.id });
      const late = await add({ name: 'Late start', durationMinutes: 480, constraintType: 'SNET', constraintDate: '2026-03-16T08:00:00' });
      await link({ predecessorId: late.id, successorId: gate.id, type: 'FF' });
      const first = (await admin.get(url())).json().tasks.find((t: { id: string }) => t.id === ids[0]) as { version: number };
      const res = await admin.patch(url(`/tasks/${ids[0]}`), { version: first.version, durationMinutes: 30 * 480, percentComplete: 40, actualStart: '2026-03-02T08:00:00' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().moved.length).toBeGreaterThan(3);

      expect(scheduleWorkerState()).toEqual({ used: true, unavailable: null });
      const data = (await loadPlanData(h.store.db, projectId))!;
      const stored = data.tasks.map(computedFromRow);
      const storedPlan = { start: data.plan.computedStart, finish: data.plan.computedFinish, warnings: data.plan.warnings };
      const { moved } = computePlan(data);
      expect(moved).toEqual([]);
      expect(data.tasks.map(computedFromRow)).toEqual(stored);
      expect({ start: data.plan.computedStart, finish: data.plan.computedFinish, warnings: data.plan.warnings }).toEqual(storedPlan);
      expect(JSON.parse(storedPlan.warnings)).not.toEqual([]);
    });

    it('gives the very same result object as the engine run in this thread', async () => {
      const data = (await loadPlanData(h.store.db, projectId))!;
      const input = engineInput(data, outlineOf(data.tasks.map((t) => ({ id: t.id, parentId: t.parentId }))));
      expect(await scheduleOffThread(input, { workerThreshold: 0 })).toEqual(schedule(input));
    });

    it('writes a change that moves more than a thousand tasks (two batches) as the engine computes it', async () => {
      const n = 1200;
      const input: ScheduleInput = {
        tasks: Array.from({ length: n }, (_, i) => ({ id: `T${i}`, name: `Step ${i + 1}`, durationMinutes: 480 + (i % 3) * 240 })),
        links: Array.from({ length: n - 1 }, (_, i) => ({ predecessor: `T${i}`, successor: `T${i + 1}`, type: i % 5 === 4 ? ('SS' as const) : ('FS' as const), ...(i % 7 === 0 ? { lagMinutes: 240 } : {}) })),
        calendars: [{ id: 'standard', name: 'Standard', week: STANDARD_WEEK }],
        projectCalendar: 'standard',
        start: parseLocalDateTime('2026-03-02T08:00:00')!,
      };
      const none = { start: null, finish: null, earlyStart: null, earlyFinish: null, lateStart: null, lateFinish: null, totalSlackMinutes: null, freeSlackMinutes: null, critical: false, manualStart: null, manualFinish: null };
      const xml = writeMspdi(
        mspdiFromPlan({
          name: 'Chain',
          input,
          minutesPerDay: 480,
          computedStart: null,
          computedFinish: null,
          tasks: input.tasks.map((t, i) => ({ uid: i + 1, name: t.name!, outlineLevel: 1, wbs: String(i + 1), summary: false, notes: '', priority: 500, fixedCost: 0, ...none })),
          calendarUids: new Map([['standard', 1]]),
          resources: [],
          assignments: [],
          baselines: [],
        }),
      );
      const signed = admin as Client & { cookie: string; csrf: string };
      const portfolioId = (await admin.get(`/api/v1/projects/${projectId}`)).json().portfolioId as string;
      const chain = (await admin.post('/api/v1/projects', { portfolioId, code: 'WRK-2', name: 'Long chain', plannedStart: '2026-03-02' })).json().id as ProjectId;
      const imported = await h.app.inject({ method: 'POST', url: `/api/v1/projects/${chain}/schedule/import`, cookies: { pharos_session: signed.cookie }, headers: { 'x-csrf-token': signed.csrf, 'content-type': 'application/xml' }, payload: xml });
      expect(imported.statusCode, imported.body).toBe(200);
      const first = ((await admin.get(`/api/v1/projects/${chain}/schedule`)).json().tasks as { id: string; uid: number; version: number }[]).find((t) => t.uid === 1)!;
      const res = await admin.patch(`/api/v1/projects/${chain}/schedule/tasks/${first.id}`, { version: first.version, durationMinutes: 3 * 480 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().moved.length).toBeGreaterThan(1000);
      const data = (await loadPlanData(h.store.db, chain))!;
      const stored = data.tasks.map(computedFromRow);
      expect(computePlan(data).moved).toEqual([]);
      expect(data.tasks.map(computedFromRow)).toEqual(stored);
      expect(stored[n - 1]!.finish).toBe(res.json().plan.computedFinish);
    });

    it('refuses a loop with the same problem as in-thread, and saves nothing', async () => {
      const view = (await admin.get(url())).json() as { tasks: { id: string; name: string }[]; plan: { revision: number } };
      const byName = (n: string) => view.tasks.find((t) => t.name === n)!.id;
      const loop = { predecessorId: byName('Build 6'), successorId: byName('Design 1') };
      const viaWorker = await admin.post(url('/links'), loop);
      process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD = '1000000';
      const inThread = await admin.post(url('/links'), loop);
      process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD = '0';
      expect(viaWorker.statusCode).toBe(inThread.statusCode);
      expect(viaWorker.statusCode).toBeGreaterThanOrEqual(400);
      expect(viaWorker.statusCode).toBeLessThan(500);
      expect(viaWorker.json()).toEqual(inThread.json());
      expect((await admin.get(url())).json().plan.revision).toBe(view.plan.revision);
    });
  });
}
