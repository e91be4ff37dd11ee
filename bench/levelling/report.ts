/** Figures of one PSPLIB set for the levelling bench, and the table that shows them. */

export type Row = {
  name: string;
  ref: { upperBound: number; optimal: boolean; cpmLb: number };
  baseline: number;
  solver: number;
  schedules: number;
  baselineMs: number;
  solverMs: number;
};

export type Summary = {
  set: string;
  instances: number;
  /** Whether every reference is a proven optimum (then deviations are from the optimum, else from the critical path). */
  allOptimal: boolean;
  baselineDev: number;
  solverDev: number;
  baselineDevUb: number;
  solverDevUb: number;
  baselineAtBest: number;
  solverAtBest: number;
  meanSchedules: number;
  meanMs: number;
  maxMs: number;
  maxName: string;
  baselineMeanMs: number;
  /** Cores of other work on the machine during the run (0 = quiet, 2 = both cores busy elsewhere). */
  otherLoad: number;
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (m: number, ref: number): number => (100 * (m - ref)) / ref;

export function summarise(set: string, rows: Row[], otherLoad: number): Summary {
  const allOptimal = rows.every((r) => r.ref.optimal);
  const base = (r: Row) => (allOptimal ? r.ref.upperBound : r.ref.cpmLb);
  const slowest = rows.reduce((a, b) => (b.solverMs > a.solverMs ? b : a), rows[0]!);
  return {
    set,
    instances: rows.length,
    allOptimal,
    baselineDev: mean(rows.map((r) => pct(r.baseline, base(r)))),
    solverDev: mean(rows.map((r) => pct(r.solver, base(r)))),
    baselineDevUb: mean(rows.map((r) => pct(r.baseline, r.ref.upperBound))),
    solverDevUb: mean(rows.map((r) => pct(r.solver, r.ref.upperBound))),
    baselineAtBest: rows.filter((r) => r.baseline <= r.ref.upperBound).length,
    solverAtBest: rows.filter((r) => r.solver <= r.ref.upperBound).length,
    meanSchedules: mean(rows.map((r) => r.schedules)),
    meanMs: mean(rows.map((r) => r.solverMs)),
    maxMs: slowest.solverMs,
    maxName: slowest.name,
    baselineMeanMs: mean(rows.map((r) => r.baselineMs)),
    otherLoad,
  };
}

const f2 = (x: number): string => x.toFixed(2);

/** A Markdown table, one row per set. */
export function table(summaries: Summary[]): string {
  const lines = [
    '| set | instances | metric | baseline (serial SGS + LFT) | solver | solver / baseline | % above best known UB (baseline / solver) | at best known (baseline / solver) | schedules per instance (mean) | time per instance mean / max (ms) | baseline time mean (ms) | other load (cores) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of summaries) {
    const metric = s.allOptimal ? '% above optimum' : '% above critical path';
    lines.push(
      `| ${s.set} | ${s.instances} | ${metric} | ${f2(s.baselineDev)} | **${f2(s.solverDev)}** | ${f2(s.solverDev / s.baselineDev)} | ${f2(s.baselineDevUb)} / ${f2(s.solverDevUb)} | ` +
        `${s.baselineAtBest} / ${s.solverAtBest} | ${Math.round(s.meanSchedules)} | ${s.meanMs.toFixed(0)} / ${s.maxMs.toFixed(0)} (${s.maxName}) | ${s.baselineMeanMs.toFixed(2)} | ${s.otherLoad.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
