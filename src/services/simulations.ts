import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { invalid } from '../domain/errors.js';
import type { ProjectId, SimulationId } from '../domain/ids.js';
import type { SimulationResult as EngineResult } from '../domain/risk/result.js';
import type { SimulationOptions } from '../domain/risk/types.js';
import type { SimulationOptionsStored, SimulationResult, SimulationRun, SimulationStart } from '../api/schemas/simulation.schema.js';
import type { RiskSimulationTable, SimulationStatus } from '../store/schema.js';
import { authorize, pathOfProject } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso, type Clock, type Db, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { SimulationCancelled, simulateInWorkers } from './risk-simulation-pool.js';
import { buildSimulationModel, dayCalendar, type SimulationContext } from './simulation-model.js';

/**
 * Risk simulation runs of a project: started through the API, run in the worker pool in the
 * background, their progress and result kept in the database so any app process can answer
 * for them. A run belongs to the process that runs it (`runner`), which beats a heartbeat while
 * it works; a queued or running run whose heartbeat stops (the process died) is marked failed
 * when next read, and when an app starts.
 */

/** This process, as the runner of the runs it starts. */
const RUNNER = randomUUID();
/** How often a process says it still runs its runs, and after how long without that a run is abandoned. */
const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 60_000;
/** Progress is written at most this often. */
const PROGRESS_MS = 500;
/** Runs this process works on at once; the others wait queued (each run already uses every core). */
const MAX_ACTIVE = 1;
/** Drivers kept in a result's tornado. */
const TORNADO_SIZE = 20;

type InFlight = { db: Db; clock: Clock; abort: AbortController; done: Promise<void> };
const inFlight = new Map<string, InFlight>();
const waiting: (() => void)[] = [];
let active = 0;
let heartbeat: NodeJS.Timeout | null = null;

const ACTIVE_STATUSES: readonly SimulationStatus[] = ['queued', 'running'];

function runFromRow(row: RiskSimulationTable, withResult: boolean): SimulationRun {
  const options = JSON.parse(row.options) as SimulationOptionsStored;
  const context = JSON.parse(row.context) as SimulationContext;
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    progress: { done: Number(row.progressDone), total: Number(row.progressTotal) },
    startedById: row.startedById,
    startedByName: row.startedByName,
    options: { iterations: options.iterations, seed: options.seed, band: options.band, targetDate: options.targetDate, confidence: options.confidence, correlation: options.correlation },
    inputs: { planRevision: Number(row.planRevision), tasks: Object.keys(context.taskNames).length, risks: [...context.risks], notes: [...context.notes] },
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    result: withResult && row.result ? (JSON.parse(row.result) as SimulationResult) : null,
    version: row.version,
  };
}

const auditView = (row: Pick<RiskSimulationTable, 'status' | 'options' | 'planRevision'>) => ({ status: row.status, ...(JSON.parse(row.options) as object), planRevision: row.planRevision });
const labelOf = (code: string, row: Pick<RiskSimulationTable, 'createdAt'>) => `${code} simulation ${row.createdAt.slice(0, 16).replace('T', ' ')}`;

/**
 * Marks failed the queued and running runs that nobody runs any more: their heartbeat is older
 * than {@link STALE_AFTER_MS}, or this process was their runner and has forgotten them.
 * `projectId` limits it to one project's runs.
 */
export async function failAbandonedSimulations(db: Db, clock: Clock, projectId?: ProjectId): Promise<number> {
  const now = clock();
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const mine = [...inFlight.keys()];
  let q = db
    .updateTable('riskSimulation')
    .set({ status: 'failed', error: 'the server running it stopped before it finished; start it again', finishedAt: now.toISOString(), updatedAt: now.toISOString(), version: sql`version + 1` })
    .where('status', 'in', ACTIVE_STATUSES)
    .where((eb) => eb.or([eb('heartbeatAt', '<', staleBefore), eb('heartbeatAt', 'is', null), mine.length ? eb.and([eb('runner', '=', RUNNER), eb('id', 'not in', mine as SimulationId[])]) : eb('runner', '=', RUNNER)]));
  if (projectId) q = q.where('projectId', '=', projectId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

async function projectOf(ctx: ServiceContext, projectId: ProjectId, action: 'read' | 'raid:manage') {
  authorize(ctx, action, await pathOfProject(ctx.db, projectId), 'project');
  return ctx.db.selectFrom('project').select(['id', 'organisationId', 'code']).where('id', '=', projectId).executeTakeFirstOrThrow();
}

/**
 * Starts a simulation of the project as its plan and risk register stand: builds the model,
 * stores the run (queued) with its inputs, and runs it in the background. Bad options, an
 * empty plan or a plan whose links loop are refused before anything is stored.
 */
export async function startSimulation(ctx: ServiceContext, projectId: ProjectId, input: SimulationStart): Promise<SimulationRun> {
  const project = await projectOf(ctx, projectId, 'raid:manage');
  const options: SimulationOptionsStored = { ...input, seed: input.seed ?? randomInt(0, 2 ** 32 - 1) };
  const built = await buildSimulationModel(ctx.db, projectId, options);
  const days = dayCalendar(built.context);
  const targetFinish = options.targetDate === null ? undefined : days.daysTo(options.targetDate);
  if (targetFinish !== undefined && targetFinish < 0) throw invalid([{ field: 'targetDate', reason: `must not be before the day the simulation starts from (${built.context.origin.slice(0, 10)})` }]);
  const now = nowIso(ctx);
  const row: RiskSimulationTable = {
    id: newId<SimulationId>(),
    organisationId: project.organisationId,
    projectId,
    startedById: ctx.actor.userId,
    startedByName: ctx.actor.name,
    status: 'queued',
    progressDone: 0,
    progressTotal: options.iterations,
    options: JSON.stringify(options),
    model: JSON.stringify(built.model),
    context: JSON.stringify(built.context),
    planRevision: built.planRevision,
    result: null,
    samples: null,
    error: null,
    runner: RUNNER,
    heartbeatAt: now,
    startedAt: null,
    finishedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // Held before the row exists, so no reader takes the new run for one this process forgot.
  const slot = reserve(ctx.db, ctx.clock, row.id);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('riskSimulation').values(row).execute();
      await appendAudit(trx, ctx, { organisationId: project.organisationId, recordType: 'simulation', recordId: row.id, recordLabel: labelOf(project.code, row), before: null, after: auditView(row) });
    });
  } catch (e) {
    slot.release();
    throw e;
  }
  slot.launch(() => runOne(ctx.db, ctx.clock, row.id, built.model, options, built.context, targetFinish, slot.signal));
  return runFromRow(row, false);
}

export async function listSimulations(ctx: ServiceContext, projectId: ProjectId, limit: number): Promise<{ items: SimulationRun[] }> {
  await projectOf(ctx, projectId, 'read');
  await failAbandonedSimulations(ctx.db, ctx.clock, projectId);
  const rows = await ctx.db.selectFrom('riskSimulation').selectAll().where('projectId', '=', projectId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return { items: rows.map((r) => runFromRow(r, false)) };
}

async function loadRun(ctx: ServiceContext, id: SimulationId, action: 'read' | 'raid:manage'): Promise<RiskSimulationTable> {
  const found = await ctx.db.selectFrom('riskSimulation').select(['projectId']).where('id', '=', id).executeTakeFirst();
  authorize(ctx, action, found ? await pathOfProject(ctx.db, found.projectId) : null, 'simulation');
  await failAbandonedSimulations(ctx.db, ctx.clock, found!.projectId);
  return ctx.db.selectFrom('riskSimulation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A run with its status, progress, and its result once done. */
export async function getSimulation(ctx: ServiceContext, id: SimulationId): Promise<SimulationRun> {
  return runFromRow(await loadRun(ctx, id, 'read'), true);
}

/** Cancels a queued or running run: it stops where it is and keeps no result. */
export async function cancelSimulation(ctx: ServiceContext, id: SimulationId): Promise<SimulationRun> {
  const row = await loadRun(ctx, id, 'raid:manage');
  if (!ACTIVE_STATUSES.includes(row.status)) throw invalid([{ field: 'status', reason: `the run is ${row.status}; only a queued or running run can be cancelled` }]);
  const now = nowIso(ctx);
  const project = await ctx.db.selectFrom('project').select('code').where('id', '=', row.projectId).executeTakeFirstOrThrow();
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('riskSimulation').set({ status: 'cancelled', finishedAt: now, updatedAt: now, version: row.version + 1 }).where('id', '=', id).where('status', 'in', ACTIVE_STATUSES).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, ctx, { organisationId: row.organisationId, recordType: 'simulation', recordId: id, recordLabel: labelOf(project.code, row), before: auditView(row), after: auditView({ ...row, status: 'cancelled' }) });
    return true;
  });
  if (!changed) {
    const now2 = await ctx.db.selectFrom('riskSimulation').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    throw invalid([{ field: 'status', reason: `the run is ${now2.status}; only a queued or running run can be cancelled` }]);
  }
  inFlight.get(id)?.abort.abort();
  return getSimulation(ctx, id);
}

/** Stops every run this process has on `db` (the app is closing): each is marked failed, as it will not finish. */
export async function stopSimulations(db: Db, clock: Clock): Promise<void> {
  const mine = [...inFlight.entries()].filter(([, f]) => f.db === db);
  for (const [, f] of mine) f.abort.abort(new Error('the server stopped while it ran; start it again'));
  await Promise.all(mine.map(([, f]) => f.done));
  await failAbandonedSimulations(db, clock).catch(() => 0);
}

function beat(): void {
  if (heartbeat || inFlight.size === 0) return;
  heartbeat = setInterval(() => {
    if (inFlight.size === 0) {
      clearInterval(heartbeat!);
      heartbeat = null;
      return;
    }
    for (const [id, f] of inFlight) void f.db.updateTable('riskSimulation').set({ heartbeatAt: f.clock().toISOString() }).where('id', '=', id as SimulationId).where('status', 'in', ACTIVE_STATUSES).execute().catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
}

/** A place for run `id` among this process's runs: launched once its row is stored, or released. */
function reserve(db: Db, clock: Clock, id: SimulationId): { signal: AbortSignal; launch(run: () => Promise<void>): void; release(): void } {
  const abort = new AbortController();
  let settle!: () => void;
  const done = new Promise<void>((r) => (settle = r));
  inFlight.set(id, { db, clock, abort, done });
  beat();
  const release = () => {
    inFlight.delete(id);
    settle();
  };
  return {
    signal: abort.signal,
    release,
    launch: (run) => {
      const go = () => {
        active++;
        void run().finally(() => {
          active--;
          release();
          waiting.shift()?.();
        });
      };
      if (active < MAX_ACTIVE) go();
      else waiting.push(go);
    },
  };
}

async function runOne(db: Db, clock: Clock, id: SimulationId, model: Parameters<typeof simulateInWorkers>[0], options: SimulationOptionsStored, context: SimulationContext, targetFinish: number | undefined, signal: AbortSignal): Promise<void> {
  const now = () => clock().toISOString();
  try {
    if (signal.aborted) return;
    const started = await db.updateTable('riskSimulation').set({ status: 'running', startedAt: now(), heartbeatAt: now(), updatedAt: now() }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
    if (Number(started.numUpdatedRows) !== 1) return; // cancelled while it waited
    const local = new AbortController();
    const onAbort = () => local.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let lastWrite = 0;
    let writing = false;
    const onProgress = (p: { done: number }) => {
      const t = Date.now();
      if (writing || t - lastWrite < PROGRESS_MS) return;
      writing = true;
      lastWrite = t;
      // The write also asks whether the run is still wanted: a cancel from another process shows here.
      void db
        .updateTable('riskSimulation')
        .set({ progressDone: p.done, heartbeatAt: now(), updatedAt: now() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst()
        .then((r) => Number(r.numUpdatedRows) === 1 || local.abort())
        .catch(() => undefined)
        .finally(() => (writing = false));
    };
    const engineOptions: SimulationOptions = { iterations: options.iterations, seed: options.seed };
    let result: EngineResult;
    try {
      result = await simulateInWorkers(model, engineOptions, { signal: local.signal, onProgress, report: { confidence: options.confidence, ...(targetFinish !== undefined ? { targetFinish } : {}) } });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    const view = resultView(result, context, options);
    const samples = JSON.stringify({ finish: base64(result.samples.finish), cost: base64(result.samples.cost) });
    await db
      .updateTable('riskSimulation')
      .set({ status: 'done', progressDone: options.iterations, result: JSON.stringify(view), samples, finishedAt: now(), updatedAt: now(), version: sql`version + 1` })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  } catch (e) {
    if (e instanceof SimulationCancelled && !signal.aborted) return; // cancelled through the database
    const reason = signal.aborted && signal.reason instanceof Error ? signal.reason.message : e instanceof SimulationCancelled ? null : e instanceof Error ? e.message : String(e);
    if (reason === null) return;
    await db
      .updateTable('riskSimulation')
      .set({ status: 'failed', error: reason, finishedAt: now(), updatedAt: now(), version: sql`version + 1` })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE_STATUSES)
      .execute()
      .catch(() => undefined);
  }
}

const base64 = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Per-iteration values stored by a run, back as a Float64Array. */
export function samplesOf(text: string): { finish: Float64Array; cost: Float64Array } {
  const s = JSON.parse(text) as { finish: string; cost: string };
  const back = (b: string) => {
    const buf = Buffer.from(b, 'base64');
    return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  };
  return { finish: back(s.finish), cost: back(s.cost) };
}

/** The engine's result in the API's terms: dates through the project calendar, names for ids, the strongest drivers. */
export function resultView(r: EngineResult, c: SimulationContext, options: SimulationOptionsStored): SimulationResult {
  const days = dayCalendar(c);
  const riskById = new Map(c.risks.map((x) => [x.ref, x]));
  const nameOf = (kind: 'task' | 'risk', id: string) => (kind === 'task' ? (c.taskNames[id] ?? id) : `${id} ${riskById.get(id)?.title ?? ''}`.trim());
  const f = r.finish;
  return {
    iterations: r.iterations,
    confidence: options.confidence,
    startDate: c.origin.slice(0, 10),
    currency: c.currency,
    finish: {
      ...f,
      histogram: [...f.histogram],
      sCurve: [...f.sCurve],
      convergence: { ...f.convergence, interval: [f.convergence.interval[0], f.convergence.interval[1]] },
      dates: {
        min: days.dateOf(f.min),
        max: days.dateOf(f.max),
        mean: days.dateOf(f.mean),
        p10: days.dateOf(f.p10),
        p50: days.dateOf(f.p50),
        p80: days.dateOf(f.p80),
        p90: days.dateOf(f.p90),
        deterministic: days.dateOf(f.deterministic),
        atConfidence: days.dateOf(f.deterministic + f.contingency),
      },
      histogramDates: f.histogram.map((b) => ({ from: days.dateOf(b.from), to: days.dateOf(b.to) })),
      sCurveDates: f.sCurve.map((p) => days.dateOf(p.value)),
      targetDate: options.targetDate,
    },
    cost: { ...r.cost, histogram: [...r.cost.histogram], sCurve: [...r.cost.sCurve], convergence: { ...r.cost.convergence, interval: [r.cost.convergence.interval[0], r.cost.convergence.interval[1]] } },
    criticality: [...r.criticality].map((x) => ({ taskId: x.task, name: nameOf('task', x.task), index: x.index })).sort((a, b) => b.index - a.index || a.name.localeCompare(b.name)),
    tornado: {
      finish: r.tornado.finish.slice(0, TORNADO_SIZE).map((d) => ({ ...d, name: nameOf(d.kind, d.id) })),
      cost: r.tornado.cost.slice(0, TORNADO_SIZE).map((d) => ({ ...d, name: nameOf(d.kind, d.id) })),
    },
    risks: r.risks.map((x) => {
      const info = riskById.get(x.risk);
      return { riskId: info?.riskId ?? x.risk, ref: x.risk, title: info?.title ?? '', probability: info?.probability ?? 0, occurred: x.occurred };
    }),
    joint: r.joint,
  };
}

/** Deletes a project's runs (the project is being deleted, in the caller's transaction). */
export async function deleteSimulationsOf(trx: Db, projectId: ProjectId): Promise<void> {
  await trx.deleteFrom('riskSimulation').where('projectId', '=', projectId).execute();
}
