import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { frontierLevels, frontierPoint, monotoneFrontier, type FrontierResult } from '../domain/portfolio/optimise/frontier.js';
import { optimise, optimiseSettings } from '../domain/portfolio/optimise/optimise.js';
import type { OptimiseOptions, OptimiseResult, PortfolioModel } from '../domain/portfolio/optimise/types.js';
import type { OptimiseReply, OptimiseRequest } from './optimiser-thread.js';
import { tsxApi } from './schedule-worker.js';

/** The run was cancelled through its AbortSignal. */
export class OptimiseCancelled extends Error {
  constructor() {
    super('the optimisation was cancelled');
    this.name = 'AbortError';
  }
}

/** From the built server (`.js`) the worker runs the compiled thread; from the sources (tests, tsx) it registers tsx first. */
function startWorker(): Worker {
  const here = import.meta.url;
  const fromSources = here.endsWith('.ts');
  const entry = new URL(fromSources ? './optimiser-thread.ts' : './optimiser-thread.js', here);
  if (!fromSources) return new Worker(entry, { name: 'pharos-optimiser' });
  const boot = `import(${JSON.stringify(tsxApi(here))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, name: 'pharos-optimiser' });
}

type Job = { resolve: (r: OptimiseResult) => void; reject: (e: unknown) => void };

/**
 * A long-lived worker, started on first use and kept (HiGHS loads once per thread, and a
 * thread's start costs more than a small solve). Referenced only while it has a job, so it
 * never keeps the process alive. A cancelled or failed job ends it; the next run starts another.
 */
class OptimiserWorker {
  readonly worker = startWorker();
  private readonly jobs = new Map<number, Job>();
  dead = false;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (reply: OptimiseReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      if (this.jobs.size === 0) this.worker.unref();
      if (reply.kind === 'done') job.resolve(reply.result);
      else job.reject(reply.pharos ? new PharosError(reply.code!, reply.message, reply.details) : new Error(reply.message));
    });
    this.worker.on('error', (e) => this.kill(new Error(`the optimiser worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.kill(new Error(`the optimiser worker stopped (exit code ${code})`)));
  }

  run(req: OptimiseRequest, job: Job): void {
    this.jobs.set(req.id, job);
    this.worker.ref();
    this.worker.postMessage(req);
  }

  kill(why: unknown): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const j of jobs) j.reject(why);
  }
}

let pool: OptimiserWorker[] = [];
let nextId = 1;

function workersFor(count: number): OptimiserWorker[] {
  pool = pool.filter((w) => !w.dead);
  while (pool.length < count) pool.push(new OptimiserWorker());
  return pool.slice(0, count);
}

/** Stops the pool's workers (tests, shutdown). */
export async function stopOptimiserWorkers(): Promise<void> {
  const all = pool;
  pool = [];
  for (const w of all) w.kill(new OptimiseCancelled());
  await Promise.all(all.map((w) => w.worker.terminate()));
}

function runOn(w: OptimiserWorker, model: PortfolioModel, options: OptimiseOptions, signal: AbortSignal | undefined): Promise<OptimiseResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OptimiseCancelled());
    const abort = () => w.kill(new OptimiseCancelled());
    signal?.addEventListener('abort', abort, { once: true });
    const settle = <T>(f: (x: T) => void) => (x: T) => {
      signal?.removeEventListener('abort', abort);
      f(x);
    };
    w.run({ id: nextId++, model, options }, { resolve: settle(resolve), reject: settle(reject) });
  });
}

/**
 * `optimise` in a worker thread, so the caller's event loop stays free while HiGHS runs (a
 * solve blocks its thread). Bad options are refused here; a bad model is refused by the worker
 * with the same PharosError. Cancel with `signal`: the worker is stopped.
 */
export async function optimiseInWorker(model: PortfolioModel, options: OptimiseOptions = {}, signal?: AbortSignal): Promise<OptimiseResult> {
  optimiseSettings(options);
  return runOn(workersFor(1)[0]!, model, options, signal);
}

export type FrontierOptions = {
  /** Budget levels (default 10). */
  readonly points?: number;
  /** Worker threads (default: 2, or fewer cores); 1 runs in this thread. */
  readonly workers?: number;
  /** Relative gap of each point (default 0.01). */
  readonly gap?: number;
  /** Seconds each point may take (default 2: a point not proved within the gap by then says so, with its gap). */
  readonly timeLimitSeconds?: number;
  readonly signal?: AbortSignal;
  /** Told the points done so far. */
  readonly onProgress?: (p: { readonly done: number; readonly total: number }) => void;
};

/**
 * The efficient frontier: the best value at each of `points` budget levels from the must-do
 * minimum to what every candidate would cost (see `frontierLevels`), each point a full
 * optimisation (without explanations), the points shared among worker threads as each comes
 * free. Points come back in budget order, non-decreasing (`monotoneFrontier`); one whose
 * must-dos do not fit has status `infeasible` and value 0.
 *
 * @example
 * const { points } = await frontier(model, { points: 10, workers: 2 });
 * // points[k]: { budget, value, cost, status, gap, selected }
 */
export async function frontier(model: PortfolioModel, options: FrontierOptions = {}): Promise<FrontierResult> {
  const plan = frontierLevels(model, options.points ?? 10);
  const each: OptimiseOptions = { gap: options.gap ?? 0.01, timeLimitSeconds: options.timeLimitSeconds ?? 2, forceInLimit: 0, explain: false };
  optimiseSettings(each);
  const total = plan.levels.length;
  const results = new Array<OptimiseResult>(total);
  let done = 0;
  const finished = () => options.onProgress?.({ done: ++done, total });
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(2, availableParallelism()), total));
  if (workers === 1) {
    for (let k = 0; k < total; k++) {
      if (options.signal?.aborted) throw new OptimiseCancelled();
      results[k] = await optimise(plan.models[k]!, each);
      finished();
    }
  } else {
    const threads = workersFor(workers);
    let next = 0;
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.all(
        threads.map(async (w) => {
          for (let k = next++; k < total; k = next++) {
            results[k] = await runOn(w, plan.models[k]!, each, inner.signal);
            finished();
          }
        }),
      );
    } catch (e) {
      inner.abort();
      throw options.signal?.aborted ? new OptimiseCancelled() : e;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
  return { min: plan.min, max: plan.max, points: monotoneFrontier(plan.levels.map((budget, k) => frontierPoint(budget, results[k]!)), each.gap!) };
}
