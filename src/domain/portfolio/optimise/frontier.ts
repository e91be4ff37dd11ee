import { invalid } from '../../errors.js';
import { compileModel } from './compile.js';
import type { OptimiseResult, Placement, PortfolioModel, SolveStatus } from './types.js';

/** The budget levels of an efficient frontier and the model at each. */
export type FrontierPlan = {
  /**
   * The lowest level: the must-do candidates' whole cost (no budget below it can fund them);
   * with a budget per period, the total at which the must-dos, started as early as they may,
   * fit its shape in every period, when that is more (and finite).
   */
  readonly min: number;
  /** What every candidate that may be funded would cost: no budget above it adds value. */
  readonly max: number;
  /** `points` levels from `min` to `max`, evenly spaced. */
  readonly levels: readonly number[];
  readonly models: readonly PortfolioModel[];
};

/** One point of the frontier: the best value at a budget level. */
export type FrontierPoint = {
  readonly budget: number;
  readonly value: number;
  readonly cost: number;
  readonly status: SolveStatus;
  readonly gap: number;
  /** No selection at this budget is worth more. */
  readonly bound: number;
  readonly selected: readonly Placement[];
};

export type FrontierResult = { readonly min: number; readonly max: number; readonly points: readonly FrontierPoint[] };

/** The model with its budget set to `level`: the total budget becomes `level`, and a budget per period is scaled so that it sums to `level`. */
export function modelAtBudget(model: PortfolioModel, level: number): PortfolioModel {
  const perPeriod = model.budget;
  if (!perPeriod) return { ...model, budgetTotal: level };
  const sum = perPeriod.reduce((a, b) => a + b, 0);
  const budget = sum > 0 ? perPeriod.map((b) => (b * level) / sum) : perPeriod.map(() => level / perPeriod.length);
  return { ...model, budget, ...(model.budgetTotal !== undefined ? { budgetTotal: level } : {}) };
}

/**
 * The budget levels of the efficient frontier (value against budget): `points` levels from
 * the must-do minimum (see `FrontierPlan.min`) to what all candidates that may be funded
 * would cost, and the model at each (`modelAtBudget`). Capacity, windows and rules stay as
 * they are, so a point can be below what the budget alone would allow, and a level can still
 * be infeasible (capacity, or a budget per period the must-dos' spend does not follow).
 * Validates the model.
 *
 * @example
 * frontierLevels(model, 10).levels; // [min, min + (max − min) / 9, …, max]
 */
export function frontierLevels(model: PortfolioModel, points: number): FrontierPlan {
  if (!Number.isInteger(points) || points < 2 || points > 1000) throw invalid([{ field: 'points', reason: `must be a whole number from 2 to 1000 (got ${points})` }]);
  const cp = compileModel(model);
  let min = 0;
  let max = 0;
  for (let i = 0; i < cp.n; i++) {
    if (cp.fixedIn[i]) min += cp.totalCost[i]!;
    if (!cp.fixedOut[i]) max += cp.totalCost[i]!;
  }
  // A budget per period keeps its shape: start where the must-dos, at their earliest starts, fit it in every period.
  const perPeriod = cp.model.budget;
  const sum = perPeriod?.reduce((a, b) => a + b, 0) ?? 0;
  if (perPeriod && sum > 0) {
    const need = new Float64Array(cp.periods);
    for (let i = 0; i < cp.n; i++) {
      if (!cp.fixedIn[i]) continue;
      const o = cp.candOpt[i]!;
      for (let e = cp.optEntry[o]!; e < cp.optEntry[o + 1]!; e++) if (cp.entryRow[e]! < cp.periods) need[cp.entryRow[e]!]! += cp.entryAmount[e]!;
    }
    let scaled = min;
    need.forEach((x, t) => {
      if (x > 0) scaled = Math.max(scaled, perPeriod[t]! > 0 ? (x * sum) / perPeriod[t]! : Infinity);
    });
    if (Number.isFinite(scaled)) min = Math.min(scaled, Math.max(max, min));
  }
  const levels = Array.from({ length: points }, (_, k) => (k === points - 1 ? max : min + ((max - min) * k) / (points - 1)));
  return { min, max, levels, models: levels.map((l) => modelAtBudget(cp.model, l)) };
}

/** A frontier point from the optimiser's answer at `budget`. */
export function frontierPoint(budget: number, r: OptimiseResult): FrontierPoint {
  return { budget, value: r.value, cost: r.cost, status: r.status, gap: r.gap, bound: r.bound, selected: r.selected.map(({ id, start }) => ({ id, start })) };
}

/**
 * Makes the frontier non-decreasing: a selection that fits a budget fits every larger one
 * (the levels only raise the budget), so where a point found less than the point below it,
 * it takes that selection, its gap measured against its own bound.
 */
export function monotoneFrontier(points: readonly FrontierPoint[], gap: number): FrontierPoint[] {
  const out: FrontierPoint[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (!prev || prev.status === 'infeasible' || prev.value <= p.value) {
      out.push(p);
      continue;
    }
    const g = p.bound > prev.value ? (p.bound - prev.value) / Math.max(prev.value, 1e-9) : 0;
    out.push({ ...p, value: prev.value, cost: prev.cost, selected: prev.selected, gap: g, status: g === 0 ? 'optimal' : g <= gap ? 'gap-reached' : 'time-limit' });
  }
  return out;
}
