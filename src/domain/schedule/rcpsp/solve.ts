/**
 * The entry points of the RCPSP engine: the genetic search with justification, and the classic
 * single pass (serial SGS with the latest-finish-time rule) it is measured against.
 */
import { criticalPath, fixedProfile, resourceBound } from './bounds.js';
import { runSearch } from './population.js';
import { listByRule, ruleValues, type PriorityRule } from './priority.js';
import { compileProblem, type Problem } from './problem.js';
import { createSearch } from './search.js';
import { createWorkspace, forwardDirection, serialPass } from './sgs.js';
import { DEFAULT_MAX_SCHEDULES, type ArcViolation, type RcpspInput, type RcpspOptions, type RcpspResult } from './types.js';

/** Arcs into fixed jobs that `start` breaks. */
function brokenArcs(p: Problem, start: Int32Array): ArcViolation[] {
  const out: ArcViolation[] = [];
  if (!p.hasFixed) return out;
  for (let j = 0; j < p.n; j++) {
    if (p.fixed[j]! < 0) continue;
    for (let k = p.predStart[j]!; k < p.predStart[j + 1]!; k++) {
      const i = p.predJob[k]!;
      const late = start[i]! + p.dur[i]! + p.predLag[k]! - start[j]!;
      if (late > 0) out.push({ arc: p.predArc[k]!, from: i, to: j, latePeriods: late });
    }
  }
  return out.sort((a, b) => a.arc - b.arc);
}

/** Population size for a budget: about the square root of the budget / 3, from 16 to 100. */
function populationFor(budget: number): number {
  return Math.max(16, Math.min(100, Math.round(Math.sqrt(budget / 3))));
}

/**
 * Schedules jobs under renewable resource limits, minimising the makespan (the resource-
 * constrained project scheduling problem, RCPSP). A genetic search over activity lists decoded
 * by the serial schedule generation scheme, with forward-backward justification of every
 * schedule, seeded by priority rules; deterministic for a given seed. Times are whole periods.
 *
 * Every returned schedule keeps all arcs (start_to ≥ finish_from + lag), releases, fixed starts
 * and capacities in every period; only an arc into a fixed job may be broken, when no schedule
 * the search found could keep it, and such arcs are listed in `violations`.
 *
 * @throws PharosError `validation-failed` on bad input (naming the field and job), `cycle` when the arcs form a cycle.
 * @example
 * // Two jobs of 3 periods that each need 2 of the 3 units of one resource cannot overlap:
 * solveRcpsp({ durations: [3, 3], capacities: [3], demands: [2, 2], arcs: { from: [], to: [] } })
 * // → { makespan: 6, starts: Int32Array [0, 3], lowerBound: 4, schedules: …, violations: [] }
 */
export function solveRcpsp(input: RcpspInput, options: RcpspOptions = {}): RcpspResult {
  const p = compileProblem(input);
  const cpm = criticalPath(p);
  const template = fixedProfile(p);
  const lowerBound = Math.max(cpm.length, resourceBound(p));
  const budget = Math.max(1, Math.floor(options.maxSchedules ?? DEFAULT_MAX_SCHEDULES));
  const target = Math.max(lowerBound, options.targetMakespan ?? lowerBound);
  const s = createSearch(p, cpm, template, options.seed ?? 1, budget, target);
  const progress = options.onProgress;
  if (progress) s.onProgress = (schedules, makespan) => progress({ schedules, maxSchedules: budget, makespan, lowerBound });
  runSearch(s, { populationSize: populationFor(budget), mutationRate: 0.05, geneticShare: 0.5, maxShifts: 4 });
  return { starts: s.bestStart, makespan: s.bestMakespan, lowerBound, schedules: s.schedules, violations: brokenArcs(p, s.bestStart) };
}

/**
 * One pass of the serial schedule generation scheme with a priority rule (default: latest
 * finish time from the critical-path backward pass; ties to the lower job index): the classic
 * fast heuristic, and the baseline {@link solveRcpsp} is never worse than.
 *
 * @example
 * scheduleByRule({ durations: [3, 3], capacities: [3], demands: [2, 2], arcs: { from: [], to: [] } }).makespan // 6
 */
export function scheduleByRule(input: RcpspInput, rule: PriorityRule = 'lft'): RcpspResult {
  const p = compileProblem(input);
  const cpm = criticalPath(p);
  const template = fixedProfile(p);
  const list = new Int32Array(p.free.length);
  listByRule(p, ruleValues(p, cpm, rule), list);
  const start = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) if (p.fixed[j]! >= 0) start[j] = p.fixed[j]!;
  const makespan = serialPass(p, forwardDirection(p, template), createWorkspace(p), list, list.length, start);
  return { starts: start, makespan, lowerBound: Math.max(cpm.length, resourceBound(p)), schedules: 1, violations: brokenArcs(p, start) };
}
