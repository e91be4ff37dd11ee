import autocannon from 'autocannon';
import type { LoadMessage, LoadResult, LoadSpec } from './load.js';

/** The child side of `runLoad`: receives a spec, warms up, measures, sends the numbers back. */

function run(spec: LoadSpec, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration,
    headers: spec.headers,
    requests: spec.paths.map((path) => ({ method: 'GET', path })),
  });
}

function summarise(r: autocannon.Result, cpuMs: number): LoadResult {
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    bytesPerResponse: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    clientCpu: cpuMs / 1000 / r.duration,
  };
}

// The bench went away (Ctrl-C): stop loading rather than run to the end of the duration.
process.once('disconnect', () => process.exit(0));

process.once('message', (message) => {
  const spec = message as LoadSpec;
  void (async () => {
    let reply: LoadMessage;
    try {
      if (spec.warmup > 0) await run(spec, spec.warmup);
      process.send?.({ kind: 'measuring' } satisfies LoadMessage);
      const from = process.cpuUsage();
      const result = await run(spec, spec.duration);
      const used = process.cpuUsage(from);
      reply = { kind: 'done', result: summarise(result, (used.user + used.system) / 1000) };
    } catch (error) {
      reply = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(reply);
  })();
});
