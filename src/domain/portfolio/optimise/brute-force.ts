import { over } from './check.js';
import type { Placement, PortfolioModel } from './types.js';

/**
 * The reference answer for tests: tries every way to fund the candidates (each left out or
 * started in any period of its window: ∏ (window + 1) selections, so keep it to a handful of
 * candidates) and keeps the most valuable that meets every rule, the first found on a tie.
 * Written from the model's definition, sharing nothing with the optimiser but `over` (the
 * rounding tolerance). `forced` ids must be funded. Null when no selection meets the rules.
 */
export function bruteForce(model: PortfolioModel, forced: readonly string[] = []): { value: number; selection: Placement[] } | null {
  const P = model.periods;
  const cands = model.candidates;
  const n = cands.length;
  const index = new Map(cands.map((c, i) => [c.id, i]));
  const roles = Object.keys(model.capacity ?? {});
  const budget = new Float64Array(P);
  const capacity = roles.map(() => new Float64Array(P));
  const start = new Int32Array(n).fill(-1);
  let total = 0;
  let value = 0;
  let best: { value: number; selection: Placement[] } | null = null;

  const apply = (i: number, s: number, sign: number) => {
    const c = cands[i]!;
    c.cost.forEach((a, j) => {
      total += sign * a;
      if (s + j < P) budget[s + j]! += sign * a;
    });
    roles.forEach((role, r) =>
      (c.demand?.[role] ?? []).forEach((a, j) => {
        if (s + j < P) capacity[r]![s + j]! += sign * a;
      }),
    );
  };
  const fits = () => {
    for (let t = 0; t < P; t++) {
      if (model.budget && over(budget[t]!, model.budget[t]!)) return false;
      for (let r = 0; r < roles.length; r++) if (over(capacity[r]![t]!, model.capacity![roles[r]!]![t]!)) return false;
    }
    return model.budgetTotal === undefined || !over(total, model.budgetTotal);
  };
  const rulesHold = () => {
    for (let i = 0; i < n; i++) {
      const c = cands[i]!;
      const on = start[i]! >= 0;
      if ((c.mustDo || forced.includes(c.id)) && !on) return false;
      if (!on) continue;
      if (c.mustNot) return false;
      if ((c.requires ?? []).some((r) => start[index.get(r)!]! < 0)) return false;
      if ((c.excludes ?? []).some((e) => start[index.get(e)!]! >= 0)) return false;
    }
    return (model.groups ?? []).every((g) => g.members.filter((m) => start[index.get(m)!]! >= 0).length <= (g.max ?? 1));
  };
  const visit = (i: number) => {
    if (i === n) {
      if (rulesHold() && (best === null || value > best.value)) {
        best = { value, selection: cands.flatMap((c, k) => (start[k]! >= 0 ? [{ id: c.id, start: start[k]! }] : [])) };
      }
      return;
    }
    visit(i + 1);
    const c = cands[i]!;
    const es = c.earliestStart ?? 0;
    const ls = c.latestStart ?? es;
    for (let s = es; s <= ls; s++) {
      apply(i, s, 1);
      if (fits()) {
        start[i] = s;
        value += c.value;
        visit(i + 1);
        value -= c.value;
        start[i] = -1;
      }
      apply(i, s, -1);
    }
  };
  visit(0);
  return best;
}
