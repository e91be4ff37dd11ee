import GLPK, { type LP } from 'glpk.js/node';
import type { CompiledPortfolio } from '../../src/domain/portfolio/optimise/compile.js';
import { placements } from '../../src/domain/portfolio/optimise/greedy.js';
import type { SelectionMilp } from '../../src/domain/portfolio/optimise/milp.js';
import { Packing } from '../../src/domain/portfolio/optimise/packing.js';
import type { Placement } from '../../src/domain/portfolio/optimise/types.js';

const glpk = await GLPK();

export type GlpkOutcome = { selected: Placement[] | null; value: number; status: string; seconds: number; version: string };

/**
 * The same MILP (the very rows and columns HiGHS holds, read back from it) solved by GLPK's
 * branch and cut (glpk.js, WebAssembly) with the same relative gap and a time limit: no
 * seed, no LP-guided heuristics, GLPK's own presolve and defaults.
 */
export function solveWithGlpk(cp: CompiledPortfolio, milp: SelectionMilp, gap: number, timeLimitSeconds: number): GlpkOutcome {
  const d = milp.data();
  const name = (c: number) => `x${c}`;
  const rows: LP['subjectTo'] = [];
  for (let r = 0; r < d.numRows; r++) {
    const vars: { name: string; coef: number }[] = [];
    for (let k = d.matrix.starts[r]!; k < d.matrix.starts[r + 1]!; k++) vars.push({ name: name(d.matrix.indices[k]!), coef: d.matrix.values[k]! });
    const lo = d.rowLower[r]!;
    const up = d.rowUpper[r]!;
    const type = lo === up ? glpk.GLP_FX : Number.isFinite(lo) ? (Number.isFinite(up) ? glpk.GLP_DB : glpk.GLP_LO) : glpk.GLP_UP;
    rows.push({ name: `r${r}`, vars, bnds: { type, lb: Number.isFinite(lo) ? lo : 0, ub: Number.isFinite(up) ? up : 0 } });
  }
  const lp: LP = {
    name: 'portfolio',
    objective: { direction: glpk.GLP_MAX, name: 'value', vars: Array.from(d.colCost, (coef, c) => ({ name: name(c), coef })) },
    subjectTo: rows,
    bounds: Array.from(d.colLower, (lb, c) => ({ name: name(c), type: lb === d.colUpper[c] ? glpk.GLP_FX : glpk.GLP_DB, lb, ub: d.colUpper[c]! })),
    // Integer in [0, 1] rather than binary: GLPK resets a binary's bounds to [0, 1], which would free a must-do fixed at 1.
    generals: Array.from({ length: d.numCols }, (_, c) => name(c)),
  };
  const t0 = performance.now();
  const r = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, mipgap: gap, tmlim: timeLimitSeconds, presol: true });
  const seconds = (performance.now() - t0) / 1000;
  const status = r.result.status === glpk.GLP_OPT ? 'gap reached' : r.result.status === glpk.GLP_FEAS ? 'stopped, gap not proved' : r.result.status === glpk.GLP_NOFEAS ? 'infeasible' : 'no solution';
  if (r.result.status !== glpk.GLP_OPT && r.result.status !== glpk.GLP_FEAS) return { selected: null, value: NaN, status, seconds, version: glpk.version };
  const chosen = new Int32Array(cp.n).fill(-1);
  for (let c = 0; c < d.numCols; c++) if ((r.result.vars[name(c)] ?? 0) > 0.5) chosen[cp.optCand[milp.optOf[c]!]!] = milp.optOf[c]!;
  const p = Packing.of(cp, chosen);
  return { selected: placements(p), value: p.value(), status, seconds, version: glpk.version };
}
