import type { Highs } from 'highs';
import { round } from './check.js';
import type { CompiledPortfolio } from './compile.js';
import type { Shortfall } from './types.js';

/** The must-do candidates placed as the elastic model placed them, and the rows they overrun. */
export type ElasticOutcome = {
  /** Option per candidate (−1: none): every must-do at the starts that overrun least. */
  readonly chosen: Int32Array | null;
  readonly shortfalls: readonly Shortfall[];
  /** Whether HiGHS proved these starts overrun least, within 0.1% (false: stopped by the time limit). */
  readonly proved: boolean;
};

/**
 * Why the must-do candidates cannot all be funded: the elastic re-solve. Only must-do
 * candidates (and what they require) can make the model infeasible — the empty selection
 * meets every other rule, as no limit is negative and structural contradictions are refused
 * when the model is compiled — so this places exactly those, each at one start in its
 * window, lets every budget and capacity row they touch overrun by an elastic amount e ≥ 0,
 * and minimises Σ e / scale (scale: the row's limit, or its largest single need when the limit
 * is 0, so money and hours weigh alike). Rows left with e > 0 are the constraints that cannot
 * be met, with the need, the excess, and the must-do candidates that use them.
 */
export function explainInfeasible(highs: Highs, cp: CompiledPortfolio, timeLimitSeconds: number): ElasticOutcome {
  const { n, candOpt, optEntry, entryRow, entryAmount, fixedIn, rowLimit } = cp;
  const must: number[] = [];
  for (let i = 0; i < n; i++) if (fixedIn[i]) must.push(i);
  const rowOf = new Int32Array(cp.rows).fill(-1);
  const touched: number[] = [];
  const biggest = new Float64Array(cp.rows);
  for (const i of must)
    for (let o = candOpt[i]!; o < candOpt[i + 1]!; o++)
      for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
        const k = entryRow[e]!;
        if (rowOf[k]! < 0) rowOf[k] = touched.push(k) - 1;
        biggest[k] = Math.max(biggest[k]!, entryAmount[e]!);
      }
  if (touched.length === 0) return { chosen: null, shortfalls: [], proved: true };
  const inf = highs.infinity;
  const options: number[] = [];
  for (const i of must) for (let o = candOpt[i]!; o < candOpt[i + 1]!; o++) options.push(o);
  const numCols = options.length + touched.length;
  const numRows = touched.length + must.length;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const mustRow = new Map(must.map((i, k) => [i, touched.length + k]));
  for (const o of options) {
    for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
      indices.push(rowOf[entryRow[e]!]!);
      values.push(entryAmount[e]!);
    }
    indices.push(mustRow.get(cp.optCand[o]!)!);
    values.push(1);
    starts.push(indices.length);
  }
  touched.forEach((_, r) => {
    indices.push(r);
    values.push(-1);
    starts.push(indices.length);
  });
  const colCost = [...options.map(() => 0), ...touched.map((k) => 1 / Math.max(rowLimit[k]!, biggest[k]!, 1e-9))];
  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.minimize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: [...options.map(() => 1), ...touched.map(() => inf)],
    rowLower: [...touched.map(() => -inf), ...must.map(() => 1)],
    rowUpper: [...touched.map((k) => rowLimit[k]!), ...must.map(() => 1)],
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    integrality: [...options.map(() => highs.constants.variableType.integer), ...touched.map(() => highs.constants.variableType.continuous)],
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 1e-3, time_limit: timeLimitSeconds });
    const run = model.run();
    if (Number(model.info.get('primal_solution_status')) !== highs.constants.solutionStatus.feasible) return { chosen: null, shortfalls: [], proved: false };
    const x = model.getSolution().colValue;
    const chosen = new Int32Array(n).fill(-1);
    options.forEach((o, c) => {
      if (x[c]! > 0.5) chosen[cp.optCand[o]!] = o;
    });
    const need = new Float64Array(cp.rows);
    const users: number[][] = touched.map(() => []);
    for (const i of must) {
      const o = chosen[i]!;
      if (o < 0) continue;
      for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
        const k = entryRow[e]!;
        need[k]! += entryAmount[e]!;
        users[rowOf[k]!]!.push(i);
      }
    }
    const shortfalls: Shortfall[] = [];
    for (const k of touched) {
      const excess = need[k]! - rowLimit[k]!;
      if (excess <= 1e-9 * Math.max(1, rowLimit[k]!)) continue;
      const by = users[rowOf[k]!]!.map((i) => cp.ids[i]!);
      const named = users[rowOf[k]!]!.map((i) => (cp.inReason[i] ? `${cp.ids[i]} (${cp.inReason[i]})` : cp.ids[i]!));
      const label = cp.rowLabel[k]!;
      shortfalls.push({
        constraint: cp.rowRef[k]!,
        label,
        limit: rowLimit[k]!,
        need: need[k]!,
        excess,
        by,
        message: `${label} exceeded by ${round(excess)} by must-do ${by.length === 1 ? 'project' : 'projects'} ${named.join(', ')} (needs ${round(need[k]!)}, limit ${round(rowLimit[k]!)})`,
      });
    }
    shortfalls.sort((a, b) => b.excess / Math.max(b.limit, 1e-9) - a.excess / Math.max(a.limit, 1e-9) || a.label.localeCompare(b.label));
    return { chosen, shortfalls, proved: run.modelStatus === highs.constants.modelStatus.optimal };
  } finally {
    model.dispose();
  }
}
