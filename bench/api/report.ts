import type { Measured } from './load.js';
import type { BenchDialect } from './options.js';

export type Scenario = 'ceiling' | 'list' | 'summary';

export type Row = {
  scenario: Scenario;
  dialect: BenchDialect;
  /** Medians over the runs used. */
  result: Measured;
  ceilingRps: number;
  /** Runs used for the medians, and runs made. */
  used: number;
  runs: number;
  /** True when every run had more outside CPU than `QUIET_OUTSIDE_CPU`. */
  noisy: boolean;
};

export type Verdict = 'PASS' | 'FAIL' | '—';

/** The targets: list ≥ 40% of the ceiling's req/s on SQLite; summary p99 under 50 ms. */
export const LIST_MIN_RATIO = 0.4;
export const SUMMARY_MAX_P99_MS = 50;

/** A run with less outside CPU than this (in cores) is "quiet": the machine was ours. */
export const QUIET_OUTSIDE_CPU = 0.15;

/**
 * CPU used by neither the server, the load generator, nor (on that dialect) PostgreSQL: other
 * people's work on a shared machine. PostgreSQL's share counts as outside on SQLite runs.
 */
export function outsideCpu(r: Measured, dialect: BenchDialect): number {
  const postgres = dialect === 'postgres' && Number.isFinite(r.postgresCpu) ? r.postgresCpu : 0;
  return Math.max(0, r.machineCpu - r.serverCpu - r.clientCpu - postgres);
}

export function targetOf(row: Row): { target: string; verdict: Verdict } {
  const r = row.result;
  const failed = r.non2xx > 0 || r.errors > 0;
  if (row.scenario === 'list' && row.dialect === 'sqlite') {
    return { target: `≥ ${LIST_MIN_RATIO * 100}% of ceiling`, verdict: !failed && r.rps / row.ceilingRps >= LIST_MIN_RATIO ? 'PASS' : 'FAIL' };
  }
  if (row.scenario === 'summary') {
    return { target: `p99 < ${SUMMARY_MAX_P99_MS} ms`, verdict: !failed && r.p99 < SUMMARY_MAX_P99_MS ? 'PASS' : 'FAIL' };
  }
  return { target: '—', verdict: failed ? 'FAIL' : '—' };
}

const fixed = (n: number, digits = 0): string => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cores = (n: number): string => (Number.isFinite(n) ? `${fixed(n * 100)}%` : 'n/a');

/** The results as a Markdown table (readable in a terminal too). */
export function table(rows: readonly Row[]): string {
  const head = ['scenario', 'dialect', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'ratio to ceiling', 'bytes/resp', 'server CPU', 'client CPU', 'postgres CPU', 'outside CPU', 'runs used', 'non-2xx', 'target', 'verdict'];
  const body = rows.map((row) => {
    const r = row.result;
    const { target, verdict } = targetOf(row);
    return [
      row.scenario,
      row.dialect,
      fixed(r.rps),
      fixed(r.p50),
      fixed(r.p99),
      fixed(r.max),
      `${fixed((r.rps / row.ceilingRps) * 100, 1)}%`,
      fixed(r.bytesPerResponse),
      cores(r.serverCpu),
      cores(r.clientCpu),
      row.dialect === 'postgres' ? cores(r.postgresCpu) : '—',
      cores(outsideCpu(r, row.dialect)),
      `${row.used}/${row.runs}${row.noisy ? ' noisy' : ''}`,
      fixed(r.non2xx + r.errors),
      target,
      verdict,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** One line per target: met or missed, with the number that decides it. */
export function verdicts(rows: readonly Row[]): string[] {
  return rows.flatMap((row) => {
    const { target, verdict } = targetOf(row);
    if (verdict === '—') return [];
    const r = row.result;
    const measured = row.scenario === 'list' ? `${fixed((r.rps / row.ceilingRps) * 100, 1)}% of ceiling` : `p99 ${fixed(r.p99)} ms`;
    const caveat = row.noisy ? ' — every run shared the machine with other work: rerun when it is quiet' : '';
    return [`${verdict}  ${row.scenario} on ${row.dialect}: ${measured} (target ${target})${caveat}`];
  });
}
