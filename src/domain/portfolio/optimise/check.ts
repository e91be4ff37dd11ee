import { constraintLabel } from './compile.js';
import type { ConstraintRef, Placement, PortfolioModel, ResourceUse } from './types.js';

/** One rule a selection breaks. */
export type Violation = { readonly constraint?: ConstraintRef; readonly candidate?: string; readonly message: string };

/**
 * Whether `use` is over `limit`, allowing for rounding in sums of amounts: one part in 10⁹ of
 * the limit (at least 10⁻⁹). Every part of the optimiser judges fit with this.
 */
export function over(use: number, limit: number): boolean {
  return use > limit + 1e-9 * Math.max(1, Math.abs(limit));
}

/**
 * Every rule of `model` that `selection` breaks, or an empty list when it is a valid
 * funding decision: known ids, each once, starts within [earliestStart, latestStart],
 * every must-do funded and no must-not, each candidate's requirements funded, no two
 * candidates that exclude each other, no group over its maximum, and every budget (per
 * period and total) and role capacity per period respected, with cost and demand past the
 * horizon charged to no period (the total budget counts the whole cost).
 *
 * Written straight from the model's definition, independently of the solver's compiled form,
 * so tests, the benchmark and the CLI can check any answer with it. Expects a model that
 * `validateModel` accepts.
 *
 * @example
 * checkSelection(model, [{ id: 'P1', start: 2 }]); // [] when P1 may start in period 2 and fits
 */
export function checkSelection(model: PortfolioModel, selection: readonly Placement[]): Violation[] {
  const violations: Violation[] = [];
  const byId = new Map(model.candidates.map((c) => [c.id, c]));
  const chosen = new Map<string, number>();
  for (const { id, start } of selection) {
    const c = byId.get(id);
    if (!c) violations.push({ candidate: id, message: `${id} is not a candidate` });
    else if (chosen.has(id)) violations.push({ candidate: id, message: `${id} is selected twice` });
    else {
      chosen.set(id, start);
      const es = c.earliestStart ?? 0;
      const ls = c.latestStart ?? es;
      if (!Number.isInteger(start) || start < es || start > ls) violations.push({ candidate: id, message: `${id} starts in period ${start}, outside its window ${es}–${ls}` });
    }
  }
  for (const c of model.candidates) {
    const on = chosen.has(c.id);
    if (c.mustDo && !on) violations.push({ candidate: c.id, message: `must-do ${c.id} is not selected` });
    if (c.mustNot && on) violations.push({ candidate: c.id, message: `must-not ${c.id} is selected` });
    if (!on) continue;
    for (const r of c.requires ?? [])
      if (!chosen.has(r)) violations.push({ constraint: { kind: 'dependency', candidate: c.id, requires: r }, candidate: c.id, message: `${c.id} requires ${r}, which is not selected` });
    for (const e of c.excludes ?? [])
      if (chosen.has(e)) violations.push({ constraint: { kind: 'exclusion', candidate: c.id, excludes: e }, candidate: c.id, message: `${c.id} excludes ${e}, which is selected too` });
  }
  for (const g of model.groups ?? []) {
    const on = g.members.filter((m) => chosen.has(m));
    const max = g.max ?? 1;
    if (on.length > max) violations.push({ constraint: { kind: 'group', group: g.id }, message: `group ${g.id}: ${on.length} selected (${on.join(', ')}) but at most ${max}` });
  }

  const use = useOf(model, [...chosen].map(([id, start]) => ({ id, start })));
  for (const [id] of chosen)
    for (const role of Object.keys(byId.get(id)!.demand ?? {}))
      if (!use.capacity[role]) violations.push({ candidate: id, message: `${id} needs role ${role}, which has no capacity` });
  const row = (constraint: ConstraintRef, use: number, limit: number) => {
    if (over(use, limit)) violations.push({ constraint, message: `${constraintLabel(constraint)}: ${round(use)} used, limit ${round(limit)}` });
  };
  if (model.budget) model.budget.forEach((limit, t) => row({ kind: 'budget', period: t }, use.budget![t]!, limit));
  if (model.budgetTotal !== undefined) row({ kind: 'budget-total' }, use.budgetTotal!, model.budgetTotal);
  for (const [role, limits] of Object.entries(model.capacity ?? {})) limits.forEach((limit, t) => row({ kind: 'capacity', role, period: t }, use.capacity[role]![t]!, limit));
  return violations;
}

/**
 * What `selection` uses of each budget and capacity row: spend per period (past the horizon
 * left out) when the model has a budget per period, the whole cost when it has a total
 * budget, and per role with a capacity, the demand per period. Unknown ids and roles with no
 * capacity are skipped (`checkSelection` reports them).
 */
export function useOf(model: PortfolioModel, selection: readonly Placement[]): ResourceUse {
  const P = model.periods;
  const budget = new Array<number>(P).fill(0);
  const capacity: Record<string, number[]> = Object.fromEntries(Object.keys(model.capacity ?? {}).map((role) => [role, new Array<number>(P).fill(0)]));
  let total = 0;
  const byId = new Map(model.candidates.map((c) => [c.id, c]));
  for (const { id, start } of selection) {
    const c = byId.get(id);
    if (!c) continue;
    c.cost.forEach((a, j) => {
      total += a;
      if (start + j < P) budget[start + j]! += a;
    });
    for (const [role, d] of Object.entries(c.demand ?? {})) {
      const use = capacity[role];
      if (use) d.forEach((a, j) => start + j < P && (use[start + j]! += a));
    }
  }
  return { budget: model.budget ? budget : null, budgetTotal: model.budgetTotal !== undefined ? total : null, capacity };
}

/** A number for a message: at most 6 significant decimals, no float noise. */
export function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
