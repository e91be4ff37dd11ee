/**
 * The search state shared by the phases of the solver: the schedule budget, evaluation of an
 * activity list (serial SGS, then forward-backward improvement), and the best schedule so far.
 */
import type { Cpm } from './bounds.js';
import { createJustifier, justify, type Justifier } from './justify.js';
import type { Problem } from './problem.js';
import { seededRandom, type Random } from './random.js';
import { createWorkspace, forwardDirection, serialPass, type Direction } from './sgs.js';

export type Search = {
  p: Problem;
  cpm: Cpm;
  rng: Random;
  forward: Direction;
  jz: Justifier;
  /** Number of free jobs: the length of every activity list. */
  count: number;
  budget: number;
  schedules: number;
  /** Stop once the best makespan is at most this (and no arc is broken). */
  target: number;
  /** Justification rounds per evaluated list. */
  rounds: number;
  start: Int32Array;
  bestStart: Int32Array;
  bestMakespan: number;
  bestViolations: number;
  bestTie: number;
  /** Result of the last {@link evaluate}. */
  makespan: number;
  violations: number;
  tie: number;
  onProgress: ((schedules: number, makespan: number) => void) | undefined;
  nextProgress: number;
};

/**
 * A search over `p` with `budget` schedules, stopping once it reaches `target` periods;
 * `template` is the forward profile with the fixed jobs placed.
 */
export function createSearch(p: Problem, cpm: Cpm, template: Int32Array, seed: number, budget: number, target: number): Search {
  const ws = createWorkspace(p);
  const forward = forwardDirection(p, template);
  const capacity = p.hasFixed ? ws.avail.slice() : template;
  const start = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) if (p.fixed[j]! >= 0) start[j] = p.fixed[j]!;
  return {
    p, cpm, forward,
    rng: seededRandom(seed),
    jz: createJustifier(p, ws, forward, capacity),
    count: p.free.length,
    budget, schedules: 0, target, rounds: 3,
    start, bestStart: start.slice(),
    bestMakespan: Infinity, bestViolations: Infinity, bestTie: Infinity,
    makespan: 0, violations: 0, tie: 0,
    onProgress: undefined, nextProgress: 1000,
  };
}

/** Whether the search may go on: budget left and the target not reached. */
export function searching(s: Search): boolean {
  return s.schedules < s.budget && (s.bestViolations > 0 || s.bestMakespan > s.target);
}

/** Lexicographic order of (broken arcs, makespan, priority tie-break): negative when a is better. */
export function compareFitness(va: number, ma: number, ta: number, vb: number, mb: number, tb: number): number {
  return va - vb || ma - mb || ta - tb;
}

/** Σ (priority − lowest priority) · start: among equal makespans, high-priority jobs start early. */
function tieBreak(p: Problem, start: Int32Array): number {
  const prio = p.priority;
  if (prio === null) return 0;
  let low = Infinity;
  for (let j = 0; j < p.n; j++) low = Math.min(low, prio[j]!);
  let sum = 0;
  for (let j = 0; j < p.n; j++) sum += (prio[j]! - low) * start[j]!;
  return sum;
}

/**
 * Decodes `list` with the serial SGS and improves the schedule by justification, within the
 * budget (at least one schedule must be left). Rewrites `list` as the improved schedule's start
 * order, leaves the result in s.makespan / s.violations / s.tie and keeps it when it is the best.
 */
export function evaluate(s: Search, list: Int32Array, justifyRounds = s.rounds): void {
  const { p, jz } = s;
  let makespan = serialPass(p, s.forward, jz.ws, list, s.count, s.start);
  let violations = jz.ws.violations;
  s.schedules++;
  const rounds = Math.min(justifyRounds, Math.floor((s.budget - s.schedules) / 2));
  if (rounds > 0) {
    justify(jz, list, s.start, makespan, violations, rounds);
    s.schedules += jz.schedules;
    makespan = jz.makespan;
    violations = jz.violations;
  }
  s.makespan = makespan;
  s.violations = violations;
  s.tie = tieBreak(p, s.start);
  if (compareFitness(violations, makespan, s.tie, s.bestViolations, s.bestMakespan, s.bestTie) < 0) {
    s.bestMakespan = makespan;
    s.bestViolations = violations;
    s.bestTie = s.tie;
    s.bestStart.set(s.start);
  }
  if (s.onProgress && s.schedules >= s.nextProgress) {
    s.nextProgress = s.schedules + 1000;
    s.onProgress(s.schedules, s.bestMakespan);
  }
}
