import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export type BenchOptions = {
  /** Seconds of measured load per scenario. */
  duration: number;
  /** Seconds of discarded load before each measurement. */
  warmup: number;
  connections: number;
  /** Times each scenario runs (interleaved); the medians are reported. */
  rounds: number;
  /** Seconds to wait, before each run, for other work on the machine to stop (0: do not wait). */
  quietWait: number;
  projects: number;
  portfolios: number;
  dialects: BenchDialect[];
};

export const USAGE = `Usage: npm run bench -- [options]

  --duration <s>      measured seconds per scenario (default 10)
  --warmup <s>        discarded warm-up seconds before each scenario (default 2)
  --connections <n>   concurrent connections (default 10)
  --rounds <n>        run ceiling, list, summary n times in turn; report medians (default 1)
  --quiet-wait <s>    before each run, wait up to s seconds for other work on the machine
                      to stop (default 30; 0 to start at once)
  --projects <n>      projects to seed (default 10000)
  --portfolios <n>    portfolios to spread them over (default 50)
  --dialect <d>       sqlite | postgres | both (default both)
  --help              this text

PostgreSQL: PHAROS_BENCH_DATABASE_URL, else PHAROS_TEST_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/test. The bench works in a schema of its own and drops it.`;

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

/** Reads the command line; throws with a one-line reason on anything it does not understand. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      'quiet-wait': { type: 'string' },
      projects: { type: 'string' },
      portfolios: { type: 'string' },
      dialect: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const dialect = values.dialect ?? 'both';
  if (dialect !== 'sqlite' && dialect !== 'postgres' && dialect !== 'both') {
    throw new Error(`--dialect must be sqlite, postgres or both (got "${dialect}")`);
  }
  const portfolios = wholeNumber('portfolios', values.portfolios, 50, 1, 1000);
  return {
    duration: wholeNumber('duration', values.duration, 10, 1, 600),
    warmup: wholeNumber('warmup', values.warmup, 2, 0, 60),
    connections: wholeNumber('connections', values.connections, 10, 1, 1000),
    rounds: wholeNumber('rounds', values.rounds, 1, 1, 20),
    quietWait: wholeNumber('quiet-wait', values['quiet-wait'], 30, 0, 3600),
    projects: wholeNumber('projects', values.projects, 10_000, portfolios, 1_000_000),
    portfolios,
    dialects: dialect === 'both' ? ['sqlite', 'postgres'] : [dialect],
  };
}
