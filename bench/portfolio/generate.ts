import type { Candidate, CandidateGroup, PortfolioModel } from '../../src/domain/portfolio/optimise/types.js';
import { prng } from '../api/fixtures.js';

export type GenerateOptions = { readonly periods?: number; readonly roles?: number; readonly seed?: number; readonly budgetShare?: number; readonly capacityShare?: number };

/**
 * A seeded portfolio of `n` candidates over 24 months and 10 roles, built to be hard for an
 * exact solver: value correlated with cost (value ≈ cost × U(0.9, 1.1), so the ratio rule
 * barely separates candidates and the knapsack rows are tight), with a spread of start
 * windows (each candidate may start in 1–4 months), structure (2% must-do, 1% must-not, 5%
 * require an earlier one, 1% exclusion pairs, groups of 3 of which at most 1) and budget and
 * capacity at about a third of what all candidates would need in each month.
 */
export function generatePortfolio(n: number, options: GenerateOptions = {}): PortfolioModel {
  const P = options.periods ?? 24;
  const R = options.roles ?? 10;
  const rand = prng(options.seed ?? 1);
  const roles = Array.from({ length: R }, (_, r) => `role${r}`);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const spend = new Float64Array(P);
  const demandSum = roles.map(() => new Float64Array(P));
  const candidates: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const length = between(3, 12);
    const es = between(0, P - 6);
    const ls = Math.min(P - 1, es + between(0, 3));
    const monthly = 20 + rand() * 180; // thousands
    const cost = Array.from({ length }, () => Math.round(monthly * (0.7 + 0.6 * rand())));
    const total = cost.reduce((a, b) => a + b, 0);
    const demand: Record<string, number[]> = {};
    for (let k = between(2, 4); k > 0; k--) {
      const role = roles[Math.floor(rand() * R)]!;
      const hours = 20 + rand() * 140;
      demand[role] = Array.from({ length }, () => Math.round(hours * (0.5 + rand())));
    }
    // Average start for the expected load: the middle of the window.
    const mid = Math.floor((es + ls) / 2);
    cost.forEach((a, j) => mid + j < P && (spend[mid + j]! += a));
    for (const [role, d] of Object.entries(demand)) d.forEach((a, j) => mid + j < P && (demandSum[roles.indexOf(role)]![mid + j]! += a));
    const c: { -readonly [K in keyof Candidate]: Candidate[K] } = { id: `P${i}`, value: Math.round(total * (0.9 + 0.2 * rand())), cost, demand, earliestStart: es, latestStart: ls };
    const u = rand();
    if (u < 0.02) c.mustDo = true;
    else if (u < 0.03) c.mustNot = true;
    if (i > 10 && rand() < 0.05) c.requires = [`P${i - between(1, 10)}`];
    candidates.push(c);
  }
  // Exclusions between optional candidates (a must-do excluding another must-do would be a contradiction).
  for (let k = 0; k < Math.floor(n / 100); k++) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    const ca = candidates[a]!;
    const cb = candidates[b]!;
    if (a === b || ca.mustDo || cb.mustDo || ca.requires?.includes(cb.id) || cb.requires?.includes(ca.id)) continue;
    (ca as { excludes?: string[] }).excludes = [...(ca.excludes ?? []), cb.id];
  }
  const groups: CandidateGroup[] = [];
  for (let g = 0; g < Math.floor(n / 50); g++) {
    const members = new Set<string>();
    while (members.size < 3) {
      const m = candidates[Math.floor(rand() * n)]!;
      if (!m.mustDo) members.add(m.id);
    }
    groups.push({ id: `G${g}`, members: [...members], max: 1 });
  }
  // Must-do candidates that require others make those must-do too; keep them few by dropping such requirements of must-dos.
  for (const c of candidates) if (c.mustDo && c.requires) delete (c as { requires?: string[] }).requires;
  const budgetShare = options.budgetShare ?? 0.35;
  const capacityShare = options.capacityShare ?? 0.4;
  const flat = (xs: Float64Array, share: number) => {
    // Budget follows the load's shape loosely: the mean over the horizon, and never below 60% of the month's own load share.
    const mean = xs.reduce((a, b) => a + b, 0) / P;
    return Array.from(xs, (x) => Math.round(share * Math.max(mean, x) * 0.9 + share * 0.1 * mean));
  };
  return {
    periods: P,
    budget: flat(spend, budgetShare),
    capacity: Object.fromEntries(roles.map((role, r) => [role, flat(demandSum[r]!, capacityShare)])),
    candidates,
    groups,
  };
}
