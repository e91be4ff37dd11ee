import { compileModel, type CompiledPortfolio } from './compile.js';
import { Packing } from './packing.js';
import type { GreedyResult, Placement } from './types.js';

/**
 * Candidates by the ratio rule: value per unit of whole cost, highest first (a candidate that
 * costs nothing comes first), ties by higher value, then model order.
 */
export function ratioOrder(cp: CompiledPortfolio): Int32Array {
  const ratio = Float64Array.from(cp.value, (v, i) => (cp.totalCost[i]! > 0 ? v / cp.totalCost[i]! : Infinity));
  return Int32Array.from([...Array(cp.n).keys()].sort((a, b) => ratio[b]! - ratio[a]! || cp.value[b]! - cp.value[a]! || a - b));
}

/**
 * The greedy rule on a compiled model: the must-do candidates first (with what they require),
 * then every other candidate in ratio order, each (with its unfunded requirements) at its
 * earliest start that fits, skipped when it does not fit at any start, a funded candidate
 * excludes it, or its group is full. `forced` (a candidate index) is treated as must-do.
 * `feasible` is false when some must-do candidate found no start that fits.
 */
export function greedyPacking(cp: CompiledPortfolio, forced = -1): { packing: Packing; feasible: boolean } {
  const packing = new Packing(cp);
  const order = ratioOrder(cp);
  let feasible = true;
  for (const i of order) if ((cp.fixedIn[i] || i === forced) && packing.chosen[i]! < 0 && !packing.tryFund(i)) feasible = false;
  for (const i of order) if (packing.chosen[i]! < 0 && !cp.fixedOut[i]) packing.tryFund(i);
  return { packing, feasible };
}

/** The placements of a packing, in model order. */
export function placements(p: Packing): Placement[] {
  const out: Placement[] = [];
  for (let i = 0; i < p.cp.n; i++) {
    const o = p.chosen[i]!;
    if (o >= 0) out.push({ id: p.cp.ids[i]!, start: p.cp.optStart[o]! });
  }
  return out;
}

export function greedyResult(cp: CompiledPortfolio, packing: Packing, feasible: boolean): GreedyResult {
  let cost = 0;
  for (let i = 0; i < cp.n; i++) if (packing.chosen[i]! >= 0) cost += cp.totalCost[i]!;
  return { selected: placements(packing), value: packing.value(), cost, feasible };
}

/**
 * The greedy choice by value/cost ratio under the same constraints as the optimiser: must-do
 * first, then by value per unit of whole cost, each at its earliest feasible start (with the
 * candidates it requires, if they fit too). What a sorted list with a budget line gives;
 * reported beside the optimum so the gain of optimising shows. Validates `model` as
 * `compileModel` does.
 *
 * @example
 * greedy({ periods: 1, budgetTotal: 10, candidates: [{ id: 'A', value: 6, cost: [6] }, { id: 'B', value: 5, cost: [5] }, { id: 'C', value: 5, cost: [5] }] });
 * // A has the best ratio (1.0 = 1.0 = 1.0, then value): { selected: [{ id: 'A', start: 0 }], value: 6, … }; the optimum is B + C = 10
 */
export function greedy(model: unknown): GreedyResult {
  const cp = compileModel(model);
  const { packing, feasible } = greedyPacking(cp);
  return greedyResult(cp, packing, feasible);
}
