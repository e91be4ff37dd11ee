import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PharosError } from '../domain/errors.js';
import { compileModel, type CompiledModel } from '../domain/risk/compile.js';
import { buildResult, type ReportOptions, type SimulationResult } from '../domain/risk/result.js';
import { blockCount, checkOptions, DEFAULT_BLOCK, mergeChunks, runBlocks, type ChunkResult } from '../domain/risk/simulate.js';
import type { RiskModel, SimulationOptions } from '../domain/risk/types.js';
import type { SimulationReply, SimulationRequest } from './risk-simulation-thread.js';
import { tsxApi } from './schedule-worker.js';

export type SimulationProgress = { readonly done: number; readonly total: number };

export type PoolOptions = {
  /** Worker threads (default: the machine's available parallelism); 1 runs in this thread. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Told the iterations done so far, after each block. */
  readonly onProgress?: (p: SimulationProgress) => void;
  readonly report?: ReportOptions;
};

/** The run was cancelled through its AbortSignal. */
export class SimulationCancelled extends Error {
  constructor() {
    super('the simulation was cancelled');
    this.name = 'AbortError';
  }
}

function startWorker(): Worker {
  const here = import.meta.url;
  const fromSources = here.endsWith('.ts');
  const entry = new URL(fromSources ? './risk-simulation-thread.ts' : './risk-simulation-thread.js', here);
  if (!fromSources) return new Worker(entry, { name: 'pharos-risk' });
  const boot = `import(${JSON.stringify(tsxApi(here))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, name: 'pharos-risk' });
}

type Job = { onBlocks: (blocks: number) => void; resolve: (c: ChunkResult) => void; reject: (e: unknown) => void };

/**
 * A long-lived worker, started on first use and kept for the next run (starting one costs
 * far more than a small run). Referenced only while it has a job, so it never keeps the
 * process alive. A cancelled or failed job ends the worker; the next run starts a new one.
 */
class RiskWorker {
  readonly worker = startWorker();
  private readonly jobs = new Map<number, Job>();
  dead = false;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (reply: SimulationReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      if (reply.kind === 'progress') return job.onBlocks(reply.blocks);
      this.jobs.delete(reply.id);
      if (this.jobs.size === 0) this.worker.unref();
      if (reply.kind === 'done') job.resolve(reply.chunk);
      else job.reject(reply.pharos ? new PharosError(reply.code!, reply.message, reply.details) : new Error(reply.message));
    });
    this.worker.on('error', (e) => this.kill(new Error(`the risk simulation worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.kill(new Error(`the risk simulation worker stopped (exit code ${code})`)));
  }

  run(req: SimulationRequest, job: Job): void {
    this.jobs.set(req.id, job);
    this.worker.ref();
    this.worker.postMessage(req);
  }

  /** Ends the worker, rejecting what it had with `why`. */
  kill(why: unknown): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const j of jobs) j.reject(why);
  }
}

let pool: RiskWorker[] = [];
let nextId = 1;

/** The first `count` live workers of the pool, starting those missing. */
function workersFor(count: number): RiskWorker[] {
  pool = pool.filter((w) => !w.dead);
  while (pool.length < count) pool.push(new RiskWorker());
  return pool.slice(0, count);
}

/** Stops the pool's workers (tests, shutdown). */
export async function stopRiskWorkers(): Promise<void> {
  const all = pool;
  pool = [];
  for (const w of all) w.kill(new SimulationCancelled());
  await Promise.all(all.map((w) => w.worker.terminate()));
}

/** Runs blocks [from, to) on `w`; a cancel ends the worker (it cannot be interrupted otherwise). */
function runInWorker(w: RiskWorker, req: Omit<SimulationRequest, 'id'>, onBlocks: (blocks: number) => void, signal: AbortSignal): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const abort = () => w.kill(new SimulationCancelled());
    signal.addEventListener('abort', abort, { once: true });
    const settle = <T>(f: (x: T) => void) => (x: T) => {
      signal.removeEventListener('abort', abort);
      f(x);
    };
    w.run({ ...req, id: nextId++ }, { onBlocks, resolve: settle(resolve), reject: settle(reject) });
  });
}

/** Runs the blocks here, one at a time, giving the event loop (and a cancel) a turn between them. */
async function runHere(m: CompiledModel, options: SimulationOptions, blocks: number, onBlocks: (b: number) => void, signal: AbortSignal | undefined): Promise<ChunkResult> {
  const chunks: ChunkResult[] = [];
  for (let b = 0; b < blocks; b++) {
    if (signal?.aborted) throw new SimulationCancelled();
    chunks.push(runBlocks(m, options, b, b + 1));
    onBlocks(b + 1);
    await new Promise((r) => setImmediate(r));
  }
  return mergeChunks(chunks);
}

/**
 * Runs a simulation across worker threads: the blocks of iterations are split into one
 * contiguous range per worker, and the chunks merged in order. The result is exactly what
 * `simulate` gives in one thread for the same seed, whatever the number of workers. Bad
 * input is refused here, before any worker starts. Cancel with `signal`: the workers stop
 * and the promise rejects with a {@link SimulationCancelled}.
 *
 * @example
 * const result = await simulateInWorkers(model, { iterations: 10_000, seed: 1 }, { onProgress: (p) => log(p.done / p.total) });
 */
export async function simulateInWorkers(model: RiskModel, options: SimulationOptions, pool: PoolOptions = {}): Promise<SimulationResult> {
  checkOptions(options);
  const m = compileModel(model);
  if (pool.signal?.aborted) throw new SimulationCancelled();
  const B = options.block ?? DEFAULT_BLOCK;
  const blocks = blockCount(options);
  const workers = Math.max(1, Math.min(pool.workers ?? availableParallelism(), blocks));
  const done = new Array<number>(workers).fill(0);
  const progress = (w: number) => (b: number) => {
    done[w] = b;
    pool.onProgress?.({ done: Math.min(options.iterations, done.reduce((s, x) => s + x, 0) * B), total: options.iterations });
  };
  let chunk: ChunkResult;
  if (workers === 1) {
    chunk = await runHere(m, options, blocks, progress(0), pool.signal);
  } else {
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    pool.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const ranges = Array.from({ length: workers }, (_, w) => [Math.floor((w * blocks) / workers), Math.floor(((w + 1) * blocks) / workers)] as const);
      const threads = workersFor(workers);
      const chunks = await Promise.all(ranges.map(([fromBlock, toBlock], w) => runInWorker(threads[w]!, { model: m, options, fromBlock, toBlock }, progress(w), inner.signal)));
      chunk = mergeChunks(chunks);
    } catch (e) {
      inner.abort(); // stop the other workers
      throw pool.signal?.aborted ? new SimulationCancelled() : e;
    } finally {
      pool.signal?.removeEventListener('abort', onAbort);
    }
  }
  return buildResult(model, m, options, chunk, pool.report);
}
