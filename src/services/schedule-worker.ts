import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { schedule } from '../domain/schedule/schedule.js';
import type { ScheduleInput, ScheduleResult } from '../domain/schedule/types.js';
import type { WorkerReply, WorkerRequest } from './schedule-worker-thread.js';

/**
 * Plans of at least this many tasks are scheduled in a worker thread, so the event loop
 * keeps serving other requests meanwhile. Below it the engine runs in the calling thread.
 * Sending a plan to the worker is not free: the input is cloned out and the result back on
 * this thread. Measured (`bench/schedule-api/worker-stall.ts`, bench/RESULTS.md): at 2,000
 * tasks the clone holds the loop as long as the engine would (8 ms), at 5,000 it saves 30%
 * (9 against 14 ms), at 20,000 half (34 against 73 ms). From 10,000 the engine holds the loop
 * for 30 ms or more, so that is where the worker pays. `PHAROS_SCHEDULE_WORKER_THRESHOLD`
 * overrides it (0: always a worker; a huge number: never).
 */
export const DEFAULT_WORKER_THRESHOLD = 10_000;

export type EngineOptions = {
  /** Tasks from which the worker is used; defaults to PHAROS_SCHEDULE_WORKER_THRESHOLD, else {@link DEFAULT_WORKER_THRESHOLD}. */
  workerThreshold?: number;
};

export function workerThreshold(opts: EngineOptions = {}): number {
  if (opts.workerThreshold !== undefined) return opts.workerThreshold;
  const env = process.env.PHAROS_SCHEDULE_WORKER_THRESHOLD;
  const n = env === undefined || env.trim() === '' ? Number.NaN : Number(env);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_WORKER_THRESHOLD;
}

/** The worker itself failed (could not load, or died), as opposed to the engine refusing the plan. */
class WorkerFailure extends Error {}

/**
 * The URL of tsx's ESM API (`tsx/esm/api`), which registers tsx in the thread that imports it.
 * `import.meta.resolve` finds it under tsx and node; under vitest, which may not provide it,
 * the CommonJS resolution gives the same folder and the ESM build sits beside it.
 */
export function tsxApi(from: string): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') {
    try {
      return resolve('tsx/esm/api');
    } catch {
      // fall through to the CommonJS resolution
    }
  }
  return pathToFileURL(createRequire(from).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

type Pending = { resolve: (r: ScheduleResult) => void; reject: (e: unknown) => void };

/**
 * One long-lived worker, started on first use. From the built server (dist, `.js`) it runs the
 * compiled `schedule-worker-thread.js` beside this file; from the TypeScript sources (tsx,
 * vitest, `bin/pharos.mjs` before a build) it first registers tsx in the worker, since a
 * worker inherits neither the loader hooks nor vitest's transform. The worker is referenced
 * only while a plan is in it, so it never keeps the process alive.
 */
class EngineWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set when a worker failed before it ever answered (it cannot load here): the engine then runs in-thread from then on. */
  unavailable: string | null = null;
  private answered = false;

  private start(): Worker {
    const here = import.meta.url;
    const fromSources = here.endsWith('.ts');
    const entry = new URL(fromSources ? './schedule-worker-thread.ts' : './schedule-worker-thread.js', here);
    let worker: Worker;
    if (fromSources) {
      const boot = `import(${JSON.stringify(tsxApi(here))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
      worker = new Worker(boot, { eval: true, name: 'pharos-schedule' });
    } else {
      worker = new Worker(entry, { name: 'pharos-schedule' });
    }
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(worker, new WorkerFailure(`the schedule worker failed: ${e.message}`)));
    worker.on('exit', (code) => this.fail(worker, new WorkerFailure(`the schedule worker stopped (exit code ${code})`)));
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.answered = true;
    if (this.pending.size === 0) this.worker?.unref();
    if ('result' in reply) p.resolve(reply.result);
    else if (reply.error.pharos) p.reject(new PharosError(reply.error.code, reply.error.message, reply.error.details));
    else p.reject(Object.assign(new Error(reply.error.message), reply.error.stack ? { stack: reply.error.stack } : {}));
  }

  /** The worker died or could not load: every plan in it is refused (its change rolls back), and the next plan starts a new one. */
  private fail(worker: Worker, e: WorkerFailure, broken = true): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (broken && !this.answered) this.unavailable = e.message;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(e);
  }

  run(input: ScheduleInput): Promise<ScheduleResult> {
    if (!this.worker) this.worker = this.start();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<ScheduleResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, input } satisfies WorkerRequest);
    });
  }

  /** Stops the worker (tests, shutdown); plans still in it run here instead, and the next plan starts a new worker. */
  async stop(): Promise<void> {
    const w = this.worker;
    if (w) {
      this.fail(w, new WorkerFailure('the schedule worker was stopped'), false);
      await w.terminate();
    }
  }

  /** Whether the worker has answered at least once (for tests). */
  get used(): boolean {
    return this.answered;
  }
}

const engine = new EngineWorker();

/**
 * Runs the CPM engine on `input`: in the worker thread when the plan has at least the
 * threshold's tasks (see {@link DEFAULT_WORKER_THRESHOLD}), else here. The result is the same
 * either way; an engine error (a loop, a calendar with no working time) is the same
 * PharosError. If no worker can be started, the engine runs here.
 *
 * @example
 * const result = await scheduleOffThread(input); // same as schedule(input)
 */
export async function scheduleOffThread(input: ScheduleInput, opts: EngineOptions = {}): Promise<ScheduleResult> {
  if (input.tasks.length < workerThreshold(opts) || engine.unavailable) return schedule(input);
  try {
    return await engine.run(input);
  } catch (e) {
    // The worker could not run the plan (it failed to load, or died): run it here instead.
    if (e instanceof WorkerFailure) return schedule(input);
    throw e;
  }
}

/** Whether plans have gone through the worker thread in this process, and why it is off if it is. */
export function scheduleWorkerState(): { used: boolean; unavailable: string | null } {
  return { used: engine.used, unavailable: engine.unavailable };
}

/** Stops the schedule worker if one is running. */
export function stopScheduleWorker(): Promise<void> {
  return engine.stop();
}
