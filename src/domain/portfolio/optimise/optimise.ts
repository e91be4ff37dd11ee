import { invalid, type FieldIssue } from '../../errors.js';
import { useOf } from './check.js';
import { compileModel, type CompiledPortfolio } from './compile.js';
import { bindingConstraints, fitNeeds, leftOutReason } from './explain.js';
import { greedyPacking, greedyResult, placements } from './greedy.js';
import { explainInfeasible } from './infeasible.js';
import { loadHighs, SelectionMilp } from './milp.js';
import { Packing } from './packing.js';
import { relativeGap, solveSelection, type SolveOutcome } from './solve.js';
import type { GreedyResult, LeftOutCandidate, OptimiseOptions, OptimiseResult, PortfolioModel, SelectedCandidate, SolveStatus } from './types.js';

export const DEFAULT_GAP = 1e-4;
export const DEFAULT_TIME_LIMIT = 60;
export const DEFAULT_FORCE_IN_LIMIT = 10;

/** The options with their defaults, checked. */
export function optimiseSettings(options: OptimiseOptions): Required<OptimiseOptions> {
  const issues: FieldIssue[] = [];
  const gap = options.gap ?? DEFAULT_GAP;
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT;
  const forceInLimit = options.forceInLimit ?? DEFAULT_FORCE_IN_LIMIT;
  if (!Number.isFinite(gap) || gap < 0 || gap >= 1) issues.push({ field: 'gap', reason: `must be a fraction from 0 to below 1, e.g. 0.01 for 1% (got ${gap})` });
  if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) issues.push({ field: 'timeLimitSeconds', reason: `must be a number of seconds above 0 (got ${timeLimitSeconds})` });
  if (!Number.isInteger(forceInLimit) || forceInLimit < 0) issues.push({ field: 'forceInLimit', reason: `must be a whole number ≥ 0 (got ${forceInLimit})` });
  if (issues.length) throw invalid(issues);
  return { gap, timeLimitSeconds, forceInLimit, explain: options.explain ?? true };
}

function selectedOf(cp: CompiledPortfolio, p: Packing): SelectedCandidate[] {
  return placements(p).map(({ id, start }) => {
    const i = cp.index.get(id)!;
    return { id, start, value: cp.value[i]!, cost: cp.totalCost[i]!, costBeyondHorizon: cp.optBeyond[p.chosen[i]!]!, mustDo: cp.fixedIn[i] === 1 };
  });
}

function solverInfo(highsVersion: string, milp: SelectionMilp | null, out: SolveOutcome | null): OptimiseResult['solver'] {
  return { name: `HiGHS ${highsVersion}`, seconds: out?.seconds ?? 0, nodes: out?.nodes ?? 0, columns: milp?.columns ?? 0, rows: milp?.rows ?? 0, foundBy: out?.foundBy ?? 'none' };
}

/** The left-out candidates with why, what fitting them would take, and (for the most valuable) the forced re-solve. */
function leftOutOf(cp: CompiledPortfolio, milp: SelectionMilp, p: Packing, value: number, settings: Required<OptimiseOptions>, notes: string[]): LeftOutCandidate[] {
  const out: LeftOutCandidate[] = [];
  const forcedFor = new Set(
    [...Array(cp.n).keys()]
      .filter((i) => p.chosen[i]! < 0 && !cp.fixedOut[i])
      .sort((a, b) => cp.value[b]! - cp.value[a]! || a - b)
      .slice(0, settings.forceInLimit),
  );
  const each = { gap: settings.gap, timeLimitSeconds: Math.max(0.1, Math.min(2, settings.timeLimitSeconds / 10)) };
  for (let i = 0; i < cp.n; i++) {
    if (p.chosen[i]! >= 0) continue;
    const id = cp.ids[i]!;
    if (cp.fixedOut[i]) {
      out.push({ id, value: cp.value[i]!, reason: cp.outReason[i]! });
      continue;
    }
    const needs = fitNeeds(cp, p, i);
    let forcedIn: LeftOutCandidate['forcedIn'];
    if (forcedFor.has(i)) {
      const seed = greedyPacking(cp, i);
      milp.force(i, true);
      try {
        const r = solveSelection(cp, milp, each, seed.feasible ? seed.packing : null, i);
        if (r.status === 'infeasible') forcedIn = { feasible: false };
        else if (r.packing) {
          const v = r.packing.value();
          forcedIn = { feasible: true, value: v, valueLost: Math.max(0, value - v), gap: relativeGap(v, r.bound) };
        }
      } finally {
        milp.force(i, false);
      }
      if (forcedIn === undefined) notes.push(`Forcing ${id} in found no selection within ${each.timeLimitSeconds} s.`);
    }
    out.push({ id, value: cp.value[i]!, reason: leftOutReason(cp.value[i]!, needs), needs, ...(forcedIn ? { forcedIn } : {}) });
  }
  return out;
}

/**
 * Chooses which candidates to fund, and when each starts, to maximise the total value within
 * the budget (per period and/or in total), the capacity of each role per period, and the
 * must-do, must-not, requires, excludes and group rules — as a MILP solved with HiGHS
 * (WebAssembly, loaded once per thread): the LP relaxation bounds the value, its rounding and
 * a RENS sub-MIP find a selection, and branch and bound runs only when those are not within
 * `gap` of the bound (see `solveSelection`). The greedy ratio rule's choice is computed
 * beside it, seeds HiGHS, and is returned instead when HiGHS stops with nothing better, so the
 * result is never worse than greedy.
 *
 * The result states the proved gap and status, the binding constraints, every left-out
 * candidate with what it would take to fit it (extra budget and capacity per period at its
 * best start, requirements, exclusions, full groups) and, for the `forceInLimit` most valuable,
 * the value lost when it is forced in (its shadow cost). When the must-do candidates cannot all
 * fit, the status is `infeasible` and `infeasibility` names each row they overrun and by how
 * much (never a bare "infeasible"). Invalid models and options throw a `validation-failed`
 * (or `cycle`) PharosError naming the field.
 *
 * @example
 * const r = await optimise({ periods: 1, budgetTotal: 10, candidates: [
 *   { id: 'A', value: 6, cost: [6] }, { id: 'B', value: 5, cost: [5] }, { id: 'C', value: 5, cost: [5] }] });
 * // r.selected: B and C (value 10); r.greedy: A (value 6); r.status: 'optimal'
 */
export async function optimise(model: PortfolioModel, options: OptimiseOptions = {}): Promise<OptimiseResult> {
  const settings = optimiseSettings(options);
  const cp = compileModel(model);
  const g = greedyPacking(cp);
  const greedy: GreedyResult = greedyResult(cp, g.packing, g.feasible);
  const highs = await loadHighs();
  const notes: string[] = [];
  if (!g.feasible) notes.push('The greedy rule could not place every must-do candidate.');
  const milp = new SelectionMilp(highs, cp);
  try {
    let out: SolveOutcome | null = null;
    let packing: Packing | null;
    let status: SolveStatus;
    let bound: number;
    if (milp.columns === 0) {
      // Nothing can be funded (no candidate, or none that may be): the empty selection is optimal.
      packing = new Packing(cp);
      status = 'optimal';
      bound = 0;
    } else {
      out = solveSelection(cp, milp, settings, g.feasible ? g.packing : null);
      notes.push(...out.notes);
      packing = out.packing;
      status = out.status;
      bound = out.bound;
    }
    if (!packing) {
      const elastic = explainInfeasible(highs, cp, Math.min(settings.timeLimitSeconds, 10));
      if (elastic.shortfalls.length > 0 || status === 'infeasible') {
        if (status !== 'infeasible') notes.push('HiGHS found no selection before the time limit; the elastic re-solve shows the must-do candidates overrun these rows.');
        if (elastic.shortfalls.length === 0) notes.push('HiGHS proved the must-do candidates cannot all be funded, but the elastic re-solve found no overrun row within its time limit.');
        return {
          status: 'infeasible',
          selected: [],
          value: 0,
          cost: 0,
          gap: 0,
          bound: 0,
          source: 'highs',
          greedy,
          binding: [],
          leftOut: [],
          use: useOf(cp.model, []),
          infeasibility: elastic.shortfalls,
          notes,
          solver: solverInfo(highs.version.string, milp, out),
        };
      }
      // The must-dos fit (the elastic placement overruns nothing): fund the rest around them by the ratio rule.
      packing = elastic.chosen ? Packing.of(cp, elastic.chosen) : new Packing(cp);
      for (let i = 0; i < cp.n; i++) if (packing.chosen[i]! < 0 && !cp.fixedOut[i]) packing.tryFund(i);
      notes.push('HiGHS found no selection before the time limit; this one places the must-do candidates as the elastic re-solve did and adds the rest by the ratio rule.');
      status = 'time-limit';
    }
    const source = out?.foundBy === 'greedy' ? 'greedy' : 'highs';
    if (source === 'greedy' && out) notes.push('HiGHS found nothing better than the greedy selection before it stopped; the greedy selection is returned.');
    const final = Packing.of(cp, packing.chosen);
    final.shiftEarlier();
    const value = final.value();
    bound = Math.max(bound, value);
    const selected = selectedOf(cp, final);
    return {
      status,
      selected,
      value,
      cost: selected.reduce((a, s) => a + s.cost, 0),
      gap: relativeGap(value, bound),
      bound,
      source,
      greedy,
      binding: settings.explain ? bindingConstraints(cp, final) : [],
      leftOut: settings.explain ? leftOutOf(cp, milp, final, value, settings, notes) : [],
      use: useOf(cp.model, selected),
      infeasibility: [],
      notes,
      solver: solverInfo(highs.version.string, milp, out),
    };
  } finally {
    milp.dispose();
  }
}
