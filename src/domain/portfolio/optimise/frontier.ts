import { invalid } from '../../errors.js';
import { compileModel } from './compile.js';
import type { OptimiseResult, Placement, PortfolioModel, SolveStatus } from './types.js';

/** The budget levels of an efficient frontier and the model at each. */
export type FrontierPlan = {
  /** The must-do candidates' whole cost: no budget below it can fund them. */
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
 * the must-do minimum (the whole cost of the must-do candidates and what they require) to
 * what all candidates that may be funded would cost, and the model at each
 * (`modelAtBudget`). Capacity, windows and rules stay as they are, so a point can be below
 * what the budget alone would allow, and with a budget per period, the lowest levels can be
 * infeasible (the must-dos' spend is not spread as the budget is). Validates the model.
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
  const levels = Array.from({ length: points }, (_, k) => (k === points - 1 ? max : min + ((max - min) * k) / (points - 1)));
  return { min, max, levels, models: levels.map((l) => modelAtBudget(cp.model, l)) };
}

/** A frontier point from the optimiser's answer at `budget`. */
export function frontierPoint(budget: number, r: OptimiseResult): FrontierPoint {
  return { budget, value: r.value, cost: r.cost, status: r.status, gap: r.gap, selected: r.selected.map(({ id, start }) => ({ id, start })) };
}
