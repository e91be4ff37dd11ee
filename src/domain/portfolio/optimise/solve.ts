import type { CompiledPortfolio } from './compile.js';
import { ratioOrder } from './greedy.js';
import type { SelectionMilp } from './milp.js';
import { Packing } from './packing.js';
import type { SolveStatus } from './types.js';

export type SolveSettings = { readonly gap: number; readonly timeLimitSeconds: number };

/** The best selection found and how good it is proved to be. */
export type SolveOutcome = {
  readonly status: SolveStatus;
  /** Null only when infeasible, or when nothing was found before the time limit. */
  readonly packing: Packing | null;
  /** No selection is worth more than this (the LP relaxation's optimum or HiGHS's MIP bound). */
  readonly bound: number;
  /** Which step found the selection returned. */
  readonly foundBy: 'greedy' | 'lp-rounding' | 'rens' | 'mip';
  readonly seconds: number;
  readonly nodes: number;
  readonly notes: readonly string[];
};

/** Relative gap of `value` to `bound`: (bound − value) / value (0 when both are 0). */
export function relativeGap(value: number, bound: number): number {
  const d = bound - value;
  if (d <= Math.max(1e-6, 1e-9 * Math.abs(bound))) return 0;
  return d / Math.max(Math.abs(value), 1e-9);
}

const within = (value: number, bound: number, gap: number) => relativeGap(value, bound) <= gap;

/**
 * Rounds the LP relaxation's solution to a selection: must-do (and `forced`) first, then the
 * candidates by how much of them the LP funds (ties by the ratio rule), each at the start the
 * LP weights most that fits; then whatever else fits, in ratio order, at its earliest start.
 */
export function roundRelaxation(cp: CompiledPortfolio, x: Float64Array, forced = -1): Packing {
  const p = new Packing(cp);
  const xi = new Float64Array(cp.n);
  for (let o = 0; o < x.length; o++) xi[cp.optCand[o]!]! += x[o]!;
  const ratio = ratioOrder(cp);
  const rank = new Int32Array(cp.n);
  ratio.forEach((i, k) => (rank[i] = k));
  const lpPick = (j: number) => {
    let best = -1;
    for (let o = cp.candOpt[j]!; o < cp.candOpt[j + 1]!; o++) if (p.fits(o) && (best < 0 || x[o]! > x[best]! + 1e-9)) best = o;
    return best;
  };
  for (let i = 0; i < cp.n; i++) if ((cp.fixedIn[i] || i === forced) && p.chosen[i]! < 0) p.tryFund(i, lpPick);
  const order = [...Array(cp.n).keys()].filter((i) => xi[i]! > 1e-9).sort((a, b) => xi[b]! - xi[a]! || rank[a]! - rank[b]!);
  for (const i of order) if (p.chosen[i]! < 0 && !cp.fixedOut[i]) p.tryFund(i, lpPick);
  for (const i of ratio) if (p.chosen[i]! < 0 && !cp.fixedOut[i]) p.tryFund(i);
  return p;
}

/** Whether every must-do (and `forced`) is in. */
function complete(cp: CompiledPortfolio, p: Packing, forced: number): boolean {
  for (let i = 0; i < cp.n; i++) if ((cp.fixedIn[i] || i === forced) && p.chosen[i]! < 0) return false;
  return true;
}

/**
 * Finds the best selection within `gap` of optimal, in steps that stop as soon as the gap is
 * proved, each seeded with the best selection so far:
 *
 * 1. the LP relaxation (HiGHS simplex): its optimum bounds every selection;
 * 2. its rounding (`roundRelaxation`), compared with `seed` (the greedy selection);
 * 3. RENS: the MILP with every option the LP made whole fixed as it is, HiGHS settling the
 *    fractional ones, stopped as soon as it reaches the LP bound less the gap;
 * 4. the whole MILP (HiGHS branch and bound, seeded, `mip_rel_gap` = gap), for the time left.
 *
 * The selection returned is never worse than `seed`. `forced` is a candidate that must be in
 * (the caller forces it in `milp` too). Time is HiGHS's own measure of its runs.
 */
export function solveSelection(cp: CompiledPortfolio, milp: SelectionMilp, settings: SolveSettings, seed: Packing | null, forced = -1): SolveOutcome {
  const notes: string[] = [];
  let seconds = 0;
  let nodes = 0;
  const left = () => Math.max(0.05, settings.timeLimitSeconds - seconds);
  let best: Packing | null = seed;
  let bestValue = seed ? seed.value() : -Infinity;
  let foundBy: SolveOutcome['foundBy'] = 'greedy';
  const offer = (p: Packing | null, by: SolveOutcome['foundBy']) => {
    if (!p || !complete(cp, p, forced)) return;
    if (!p.feasible()) {
      notes.push(`HiGHS's ${by} selection overran a row beyond rounding tolerance and was set aside.`);
      return;
    }
    const v = p.value();
    if (v > bestValue + 1e-9 * Math.max(1, Math.abs(v)) || (by !== 'greedy' && foundBy === 'greedy' && v >= bestValue - 1e-9 * Math.max(1, Math.abs(v)))) {
      best = p;
      bestValue = v;
      foundBy = by;
    }
  };
  const outcome = (status: SolveStatus, bound: number): SolveOutcome => ({ status, packing: best, bound, foundBy, seconds, nodes, notes });

  let bound = Infinity;
  const rel = milp.relaxation(left());
  seconds += rel.seconds;
  if (rel.status === 'infeasible') return { ...outcome('infeasible', -Infinity), packing: null };
  if (rel.status === 'optimal') {
    bound = rel.bound;
    offer(roundRelaxation(cp, rel.x, forced), 'lp-rounding');
    if (best && within(bestValue, bound, settings.gap)) return outcome(relativeGap(bestValue, bound) === 0 ? 'optimal' : 'gap-reached', Math.max(bound, bestValue));
    let free = 0;
    const fixed = Int8Array.from(rel.x, (v) => (v > 1 - 1e-6 ? 1 : v < 1e-6 ? 0 : (free++, -1)));
    if (free > 0 && settings.gap > 0 && best) {
      const rens = milp.mip({ gap: settings.gap / 4, timeLimitSeconds: Math.min(left(), Math.max(0.25, settings.timeLimitSeconds * 0.1)), target: bound / (1 + settings.gap) }, best, fixed);
      seconds += rens.seconds;
      nodes += rens.nodes;
      if (rens.chosen) offer(Packing.of(cp, rens.chosen), 'rens');
      if (best && within(bestValue, bound, settings.gap)) return outcome('gap-reached', Math.max(bound, bestValue));
    }
  }
  if (seconds >= settings.timeLimitSeconds) return outcome(best ? 'time-limit' : 'infeasible', Math.max(bound, bestValue));
  const mip = milp.mip({ gap: settings.gap, timeLimitSeconds: left() }, best);
  seconds += mip.seconds;
  nodes += mip.nodes;
  if (mip.kind === 'infeasible') return { ...outcome('infeasible', -Infinity), packing: null };
  if (mip.chosen) offer(Packing.of(cp, mip.chosen), 'mip');
  bound = Math.max(Math.min(bound, mip.bound), bestValue);
  if (!best) {
    notes.push('HiGHS found no selection that funds every must-do candidate before the time limit.');
    return outcome('time-limit', bound);
  }
  const gap = relativeGap(bestValue, bound);
  return outcome(gap === 0 ? 'optimal' : gap <= settings.gap ? 'gap-reached' : 'time-limit', bound);
}
