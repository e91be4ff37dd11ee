import { round } from './check.js';
import type { CompiledPortfolio } from './compile.js';
import type { Packing } from './packing.js';
import type { BindingConstraint, Extra, FitNeeds } from './types.js';

/** Whether candidate i fits at some start as the selection stands, resources only. */
function fitsSomewhere(p: Packing, i: number): boolean {
  return p.earliestFit(i) >= 0;
}

/**
 * The constraints that hold the selection back, most used first:
 *
 * - a budget or capacity row binds when the room it has left is smaller than the smallest
 *   amount any left-out candidate would need from it at any of its starts (so it is full as
 *   far as the candidates left out are concerned);
 * - a group binds when it is at its maximum and a member is left out;
 * - a dependency binds when a left-out candidate would fit, resources and exclusions allowing,
 *   but what it requires is not funded;
 * - an exclusion binds when a left-out candidate would fit but a funded one excludes it.
 */
export function bindingConstraints(cp: CompiledPortfolio, p: Packing): BindingConstraint[] {
  const { n, candOpt, optEntry, entryRow, entryAmount, rowLimit } = cp;
  const leftOut = (i: number) => p.chosen[i]! < 0 && !cp.fixedOut[i];
  const smallest = new Float64Array(cp.rows).fill(Infinity);
  for (let i = 0; i < n; i++) {
    if (!leftOut(i)) continue;
    for (let o = candOpt[i]!; o < candOpt[i + 1]!; o++)
      for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
        const k = entryRow[e]!;
        if (entryAmount[e]! < smallest[k]!) smallest[k] = entryAmount[e]!;
      }
  }
  const out: (BindingConstraint & { share: number })[] = [];
  for (let k = 0; k < cp.rows; k++) {
    const tol = 1e-9 * Math.max(1, Math.abs(rowLimit[k]!));
    if (smallest[k]! === Infinity || p.slack[k]! + tol >= smallest[k]!) continue;
    const use = rowLimit[k]! - p.slack[k]!;
    out.push({ constraint: cp.rowRef[k]!, label: cp.rowLabel[k]!, use, limit: rowLimit[k]!, share: rowLimit[k]! > 0 ? use / rowLimit[k]! : 1 });
  }
  cp.groups.forEach((g, k) => {
    if (p.groupCount[k]! >= g.max && [...g.members].some(leftOut)) out.push({ constraint: { kind: 'group', group: g.id }, label: `group ${g.id} (at most ${g.max})`, use: p.groupCount[k]!, limit: g.max, share: 1 });
  });
  for (let b = 0; b < n; b++) {
    if (!leftOut(b) || p.excluded(b) || !fitsSomewhere(p, b)) continue;
    for (let k = cp.reqStart[b]!; k < cp.reqStart[b + 1]!; k++) {
      const a = cp.reqIdx[k]!;
      if (p.chosen[a]! < 0) out.push({ constraint: { kind: 'dependency', candidate: cp.ids[b]!, requires: cp.ids[a]! }, label: `${cp.ids[b]} requires ${cp.ids[a]} (not funded)`, use: 0, limit: 0, share: 1 });
    }
  }
  for (let b = 0; b < n; b++) {
    if (!leftOut(b) || !fitsSomewhere(p, b)) continue;
    for (let k = cp.exStart[b]!; k < cp.exStart[b + 1]!; k++) {
      const a = cp.exIdx[k]!;
      if (p.chosen[a]! >= 0) out.push({ constraint: { kind: 'exclusion', candidate: cp.ids[b]!, excludes: cp.ids[a]! }, label: `${cp.ids[b]} excludes ${cp.ids[a]} (funded)`, use: 1, limit: 1, share: 1 });
    }
  }
  return out.sort((x, y) => y.share - x.share).map(({ share: _share, ...b }) => b);
}

/**
 * What it would take to add left-out candidate i to the selection as it stands: i and the
 * requirements it lacks (requirements first) each at the start that needs the least extra
 * (the sum over rows of the shortfall over the row's limit; ties to the earliest), the extra
 * budget and capacity that would need beyond the room left, the funded candidates they
 * exclude, and the groups already full.
 */
export function fitNeeds(cp: CompiledPortfolio, p: Packing, i: number): FitNeeds {
  const { candOpt, optEntry, entryRow, entryAmount, rowLimit } = cp;
  const bundle = [...p.missingRequirements(i), i];
  const slack = Float64Array.from(p.slack);
  const touched = new Set<number>();
  let start = cp.optStart[candOpt[i]!]!;
  for (const j of bundle) {
    let best = candOpt[j]!;
    let bestScore = Infinity;
    for (let o = candOpt[j]!; o < candOpt[j + 1]!; o++) {
      let score = 0;
      for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
        const k = entryRow[e]!;
        score += Math.max(0, entryAmount[e]! - Math.max(0, slack[k]!)) / Math.max(rowLimit[k]!, 1);
      }
      if (score < bestScore - 1e-12) {
        bestScore = score;
        best = o;
      }
    }
    for (let e = optEntry[best]!; e < optEntry[best + 1]!; e++) {
      slack[entryRow[e]!]! -= entryAmount[e]!;
      touched.add(entryRow[e]!);
    }
    if (j === i) start = cp.optStart[best]!;
  }
  const extra: Extra[] = [];
  for (const k of [...touched].sort((a, b) => a - b)) {
    const short = -slack[k]!;
    if (short > 1e-9 * Math.max(1, Math.abs(rowLimit[k]!))) extra.push({ constraint: cp.rowRef[k]!, label: cp.rowLabel[k]!, extra: short });
  }
  const inBundle = new Set(bundle);
  const displaces = new Set<string>();
  const added = new Map<number, number>();
  for (const j of bundle) {
    for (let k = cp.exStart[j]!; k < cp.exStart[j + 1]!; k++) {
      const x = cp.exIdx[k]!;
      if (p.chosen[x]! >= 0 && !inBundle.has(x)) displaces.add(cp.ids[x]!);
    }
    for (let g = cp.grpStart[j]!; g < cp.grpStart[j + 1]!; g++) added.set(cp.grpIdx[g]!, (added.get(cp.grpIdx[g]!) ?? 0) + 1);
  }
  const fullGroups = [...added].filter(([g, c]) => p.groupCount[g]! + c > cp.groups[g]!.max).map(([g]) => cp.groups[g]!.id);
  return { start, extra, alsoFund: bundle.slice(0, -1).map((j) => cp.ids[j]!), displaces: [...displaces], fullGroups };
}

/** One line saying why a left-out candidate is out, from its needs. */
export function leftOutReason(value: number, needs: FitNeeds): string {
  const parts: string[] = [];
  if (needs.displaces.length) parts.push(`excludes funded ${needs.displaces.join(', ')}`);
  if (needs.fullGroups.length) parts.push(`group ${needs.fullGroups.join(', ')} is full`);
  if (needs.alsoFund.length) parts.push(`requires ${needs.alsoFund.join(', ')} (not funded)`);
  if (needs.extra.length) {
    const shown = needs.extra.slice(0, 3).map((x) => `${round(x.extra)} more ${x.label}`);
    parts.push(`needs ${shown.join(', ')}${needs.extra.length > 3 ? ` and more in ${needs.extra.length - 3} other rows` : ''}`);
  }
  if (parts.length === 0) return value === 0 ? 'adds no value' : 'would fit as the selection stands: left out within the optimality gap';
  return parts.join('; ');
}
