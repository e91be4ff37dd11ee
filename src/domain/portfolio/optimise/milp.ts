import highsModule, { type Basis, type DetachedModelData, type Highs, type InitOptions, type Model } from 'highs';
import type { CompiledPortfolio } from './compile.js';
import type { Packing } from './packing.js';

type Loader = (options?: InitOptions) => Promise<Highs>;
/**
 * The package declares its types as CommonJS (`export default` in a .d.ts of a "type":
 * "commonjs" package), so TypeScript sees the default import as the module object, while Node
 * loads the ESM build whose default export is the loader itself. Take whichever it is.
 */
const highsLoader = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as unknown as Loader;

let loading: Promise<Highs> | undefined;

/**
 * The HiGHS WebAssembly runtime, loaded once per thread (about 0.1 s) and reused: every solve
 * makes its own native model in it, so solves never share state.
 */
export function loadHighs(): Promise<Highs> {
  const started =
    loading ??
    highsLoader().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
  loading = started;
  return started;
}

/** What one HiGHS MIP run gave. */
export type MipOutcome = {
  /** `done`: the gap or the objective target was reached (or optimality proved); `limit`: stopped by the time limit; `infeasible`. */
  readonly kind: 'done' | 'limit' | 'infeasible';
  /** Option chosen per candidate (−1: none), when HiGHS has a feasible selection. */
  readonly chosen: Int32Array | null;
  /** Best bound on the value HiGHS proved (+∞ when none). */
  readonly bound: number;
  readonly seconds: number;
  readonly nodes: number;
};

/** The LP relaxation's optimum: the bound, and each option's fractional value. */
export type Relaxation =
  | { readonly status: 'optimal'; readonly bound: number; readonly x: Float64Array; readonly seconds: number }
  | { readonly status: 'infeasible' | 'limit'; readonly seconds: number };

export type MipSettings = {
  readonly gap: number;
  readonly timeLimitSeconds: number;
  /** Stop as soon as a selection worth at least this is found. */
  readonly target?: number;
};

/**
 * The selection model as a MILP in one HiGHS model, kept so it can be solved again (as its LP
 * relaxation, with columns fixed, with a candidate forced in). Maximise Σ value_i · x_{i,s}
 * over binaries x_{i,s} (candidate i starting in period s: one column per start in its
 * window; none for a candidate that can never be funded), subject to:
 *
 * - each budget and capacity row: Σ amount · x ≤ limit, one aggregated row per period (and
 *   role), each column carrying its own cost and demand profile shifted to its start;
 * - Σ_s x_{i,s} ≤ 1 per candidate with several starts (= 1 for a must-do; a must-do with one
 *   start is a column fixed at 1);
 * - B requires A: Σ_s x_{B,s} ≤ Σ_s x_{A,s} (none when A is must-do);
 * - A excludes B: Σ_s x_{A,s} + Σ_s x_{B,s} ≤ 1;
 * - a group: Σ over its members and their starts ≤ max (none when it cannot be overfilled).
 *
 * These are the tight forms: one aggregated requirement row rather than one per pair of
 * starts, which keeps the LP relaxation close to the integer optimum.
 */
export class SelectionMilp {
  readonly columns: number;
  readonly rows: number;
  /** Column of each option, −1 for none. */
  readonly colOf: Int32Array;
  /** Option of each column. */
  readonly optOf: Int32Array;
  /** Row of Σ_s x_{i,s} for candidate i, or −1 (one start, not must-do: its bound does it). */
  private readonly assignRow: Int32Array;
  /** Column bounds of the model as it stands (with any forced candidate). */
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly model: Model;
  private readonly allColumns: { readonly kind: 'range'; readonly from: number; readonly to: number };
  /** The last LP relaxation's optimal basis: a re-solve with a candidate forced in starts from it. */
  private lpBasis: Basis | null = null;

  constructor(
    private readonly highs: Highs,
    private readonly cp: CompiledPortfolio,
  ) {
    const { n, candOpt, fixedOut, fixedIn, optEntry, entryRow, entryAmount, rows: resourceRows } = cp;
    const inf = highs.infinity;
    const colOf = new Int32Array(candOpt[n]!).fill(-1);
    const optOf: number[] = [];
    for (let i = 0; i < n; i++) if (!fixedOut[i]) for (let o = candOpt[i]!; o < candOpt[i + 1]!; o++) colOf[o] = optOf.push(o) - 1;
    const rowLower: number[] = Array.from({ length: resourceRows }, () => -inf);
    const rowUpper: number[] = Array.from(cp.rowLimit);
    // Structural rows of each candidate, with its coefficient there.
    const candRows: number[][] = Array.from({ length: n }, () => []);
    const candCoef: number[][] = Array.from({ length: n }, () => []);
    const addRow = (lo: number, up: number) => {
      rowLower.push(lo);
      rowUpper.push(up);
      return rowLower.length - 1;
    };
    const link = (i: number, row: number, coef: number) => {
      candRows[i]!.push(row);
      candCoef[i]!.push(coef);
    };
    const assignRow = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) if (!fixedOut[i] && candOpt[i + 1]! - candOpt[i]! > 1) link(i, (assignRow[i] = addRow(fixedIn[i] ? 1 : -inf, 1)), 1);
    for (let b = 0; b < n; b++) {
      if (fixedOut[b]) continue;
      for (let k = cp.reqStart[b]!; k < cp.reqStart[b + 1]!; k++) {
        const a = cp.reqIdx[k]!;
        if (fixedIn[a]) continue;
        const row = addRow(-inf, 0);
        link(b, row, 1);
        link(a, row, -1);
      }
    }
    for (let k = 0; k < cp.exA.length; k++) {
      const a = cp.exA[k]!;
      const b = cp.exB[k]!;
      if (fixedOut[a] || fixedOut[b]) continue;
      const row = addRow(-inf, 1);
      link(a, row, 1);
      link(b, row, 1);
    }
    for (const g of cp.groups) {
      const live = [...g.members].filter((m) => !fixedOut[m]);
      if (live.length <= g.max) continue;
      const row = addRow(-inf, g.max);
      for (const m of live) link(m, row, 1);
    }

    const numCols = optOf.length;
    const starts = new Int32Array(numCols + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const colCost = new Float64Array(numCols);
    const lower = new Float64Array(numCols);
    const upper = new Float64Array(numCols).fill(1);
    for (let c = 0; c < numCols; c++) {
      const o = optOf[c]!;
      const i = cp.optCand[o]!;
      colCost[c] = cp.value[i]!;
      if (fixedIn[i] && assignRow[i]! < 0) lower[c] = 1;
      for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
        indices.push(entryRow[e]!);
        values.push(entryAmount[e]!);
      }
      const rs = candRows[i]!;
      for (let k = 0; k < rs.length; k++) {
        indices.push(rs[k]!);
        values.push(candCoef[i]![k]!);
      }
      starts[c + 1] = indices.length;
    }
    this.colOf = colOf;
    this.optOf = Int32Array.from(optOf);
    this.assignRow = assignRow;
    this.lower = lower;
    this.upper = upper;
    this.columns = numCols;
    this.rows = rowLower.length;
    this.allColumns = { kind: 'range', from: 0, to: Math.max(0, numCols - 1) };
    this.model = highs.createModel({
      numCols,
      numRows: rowLower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: lower,
      colUpper: upper,
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: rowLower.length, numCols, starts, indices, values },
      integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
    });
  }

  /** Puts every option back to HiGHS's default (objective_target cannot be set back to −∞ otherwise), then sets these. */
  private settings(values: Readonly<Record<string, number | string | boolean>>): void {
    this.model.options.reset();
    this.model.options.set({ output_flag: false, ...values });
  }

  private info(name: string): number {
    try {
      return Number(this.model.info.get(name));
    } catch {
      return NaN;
    }
  }

  /**
   * Solves the LP relaxation (every x in [0, 1]): its optimum bounds the value of any
   * selection, and its solution guides the rounding (see `solve.ts`).
   */
  relaxation(timeLimitSeconds: number): Relaxation {
    const m = this.model;
    m.clearSolver();
    m.zeroAllClocks();
    m.clearIntegrality();
    try {
      this.settings({ presolve: 'off', time_limit: timeLimitSeconds });
      if (this.lpBasis) m.setBasis(this.lpBasis);
      const run = m.run();
      const seconds = m.getRunTime();
      const st = this.highs.constants.modelStatus;
      if (run.modelStatus === st.infeasible) return { status: 'infeasible', seconds };
      if (run.modelStatus !== st.optimal) return { status: 'limit', seconds };
      if (Number(m.info.get('basis_validity')) === this.highs.constants.basisValidity.valid) this.lpBasis = m.getBasis();
      const col = m.getSolution().colValue;
      const x = new Float64Array(this.colOf.length);
      for (let c = 0; c < this.columns; c++) x[this.optOf[c]!] = col[c]!;
      return { status: 'optimal', bound: m.getObjectiveValue(), x, seconds };
    } finally {
      if (this.columns > 0) m.changeColsIntegrality(this.allColumns, new Int32Array(this.columns).fill(this.highs.constants.variableType.integer));
    }
  }

  /**
   * Solves the MILP with `seed` (a feasible selection) as HiGHS's first incumbent. `fixed`
   * (per option: 1 fix at 1, 0 fix at 0, −1 free) restricts it to a neighbourhood, as in
   * RENS: options whole in the LP optimum stay as they are and HiGHS settles the fractional
   * ones; the bounds are put back afterwards.
   */
  mip(settings: MipSettings, seed: Packing | null, fixed?: Int8Array): MipOutcome {
    const m = this.model;
    m.clearSolver();
    m.zeroAllClocks();
    if (fixed && this.columns > 0) {
      const lo = Float64Array.from(this.lower);
      const up = Float64Array.from(this.upper);
      for (let c = 0; c < this.columns; c++) {
        const f = fixed[this.optOf[c]!]!;
        if (f === 1 && up[c] === 1) lo[c] = 1;
        else if (f === 0 && lo[c] === 0) up[c] = 0;
      }
      m.changeColsBounds(this.allColumns, lo, up);
    }
    try {
      this.settings({ mip_rel_gap: settings.gap, time_limit: settings.timeLimitSeconds, ...(settings.target === undefined ? {} : { objective_target: settings.target }) });
      if (seed && this.columns > 0) {
        const colValue = new Float64Array(this.columns);
        for (let i = 0; i < this.cp.n; i++) {
          const o = seed.chosen[i]!;
          if (o >= 0 && this.colOf[o]! >= 0) colValue[this.colOf[o]!] = 1;
        }
        m.setSolution({ colValue });
      }
      const run = m.run();
      const st = this.highs.constants.modelStatus;
      const seconds = m.getRunTime();
      const nodes = this.info('mip_node_count');
      if (run.modelStatus === st.infeasible) return { kind: 'infeasible', chosen: null, bound: -Infinity, seconds, nodes };
      const kind = run.modelStatus === st.optimal || run.modelStatus === st.objectiveTarget ? 'done' : 'limit';
      let chosen: Int32Array | null = null;
      if (this.info('primal_solution_status') === this.highs.constants.solutionStatus.feasible) {
        const x = m.getSolution().colValue;
        chosen = new Int32Array(this.cp.n).fill(-1);
        for (let c = 0; c < this.columns; c++) if (x[c]! > 0.5) chosen[this.cp.optCand[this.optOf[c]!]!] = this.optOf[c]!;
      }
      const bound = this.info('mip_dual_bound');
      return { kind, chosen, bound: Number.isFinite(bound) ? bound : Infinity, seconds, nodes };
    } finally {
      if (fixed && this.columns > 0) m.changeColsBounds(this.allColumns, this.lower, this.upper);
    }
  }

  /** Forces candidate i in (`on`) or puts its bounds back, for the left-out re-solves. */
  force(i: number, on: boolean): void {
    const row = this.assignRow[i]!;
    if (row >= 0) {
      this.model.changeRowBounds(row, on || this.cp.fixedIn[i] ? 1 : -this.highs.infinity, 1);
      return;
    }
    const col = this.colOf[this.cp.candOpt[i]!]!;
    if (col < 0) return;
    this.lower[col] = on || this.cp.fixedIn[i] ? 1 : 0;
    this.model.changeColBounds(col, this.lower[col]!, 1);
  }

  /** The MILP as HiGHS holds it (rows by CSR), for peers that solve the same model (bench/portfolio hands it to GLPK). */
  data(): DetachedModelData {
    return this.model.getLp('csr');
  }

  dispose(): void {
    this.model.dispose();
  }
}
