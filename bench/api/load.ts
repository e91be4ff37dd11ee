import { fork } from 'node:child_process';
import { cpuSince, cpuSnapshot } from './cpu.js';

/** One load run: autocannon against `origin`, cycling through `paths`. */
export type LoadSpec = {
  origin: string;
  paths: readonly string[];
  headers: Record<string, string>;
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Seconds of load before the measurement, whose numbers are thrown away. */
  warmup: number;
};

export type LoadResult = {
  /** Mean requests per second over the measured window. */
  rps: number;
  /** Latency percentiles in milliseconds (autocannon's histogram has 1 ms resolution). */
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Mean response size in bytes, headers included. */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU the load generator itself used over the measured window (1 = one core). */
  clientCpu: number;
};

/**
 * A run with where the CPU went, in cores: the server process, every PostgreSQL process, and
 * the whole machine (NaN off Linux). See `outsideCpu` in report.ts.
 */
export type Measured = LoadResult & { serverCpu: number; postgresCpu: number; machineCpu: number };

export type LoadMessage = { kind: 'measuring' } | { kind: 'done'; result: LoadResult } | { kind: 'failed'; error: string };

/**
 * Runs the load from a child process so the client does not share the server's event loop
 * (in one process, autocannon's own parsing would be charged to the server's numbers).
 */
export function runLoad(spec: LoadSpec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-client.ts', import.meta.url), [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: LoadMessage | null = null;
    let from = cpuSnapshot();
    let shares = { server: 0, postgres: Number.NaN, machine: Number.NaN };
    child.on('message', (raw) => {
      const message = raw as LoadMessage;
      if (message.kind === 'measuring') {
        from = cpuSnapshot();
        return;
      }
      shares = cpuSince(from);
      answer = message;
      child.disconnect();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const got = answer as LoadMessage | null;
      if (got?.kind === 'done') resolve({ ...got.result, serverCpu: shares.server, postgresCpu: shares.postgres, machineCpu: shares.machine });
      else reject(new Error(got?.kind === 'failed' ? got.error : `load client exited with code ${String(code)} and no result`));
    });
    child.send(spec);
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Each figure's median over several runs of one scenario; failure counts are summed. */
export function medianOf(runs: readonly Measured[]): Measured {
  if (runs.length === 0) throw new Error('no runs to summarise');
  const m = (pick: (r: Measured) => number) => median(runs.map(pick));
  const sum = (pick: (r: Measured) => number) => runs.reduce((n, r) => n + pick(r), 0);
  return {
    rps: m((r) => r.rps),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    requests: sum((r) => r.requests),
    bytesPerResponse: m((r) => r.bytesPerResponse),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    clientCpu: m((r) => r.clientCpu),
    serverCpu: m((r) => r.serverCpu),
    postgresCpu: m((r) => r.postgresCpu),
    machineCpu: m((r) => r.machineCpu),
  };
}
