/**
 * Types of the resource-constrained project scheduling problem (RCPSP) engine: plain data in,
 * plain data out. Jobs are numbered 0 … n−1 by their position in the arrays; time is whole
 * periods counted from 0 (the caller chooses the period: a day, an hour, a PSPLIB period).
 */

/** Marks a job as free to move in {@link RcpspInput.fixedStarts}. */
export const NOT_FIXED = -1;

/** Finish-to-start arcs: job `to[k]` starts no earlier than job `from[k]` finishes plus `lag[k]` periods. */
export type RcpspArcs = {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  /** Minimum lag of each arc in periods (0 when absent). May be negative (a lead); the arcs must still form no cycle. */
  lag?: ArrayLike<number>;
};

/** One RCPSP instance. Every number is a whole number; arrays are indexed by job (and resource). */
export type RcpspInput = {
  /** Duration of each job in periods (≥ 0; a 0-duration job is a milestone and uses no resource). */
  durations: ArrayLike<number>;
  /** Constant capacity of each renewable resource, in units per period (≥ 0). */
  capacities: ArrayLike<number>;
  /** Units of resource r that job j uses in every period it runs, at `demands[j * R + r]` (R = number of resources). */
  demands: ArrayLike<number>;
  /** Precedence arcs (finish-to-start with a minimum lag). */
  arcs: RcpspArcs;
  /** Earliest start of each job in periods (release date); 0 when absent. */
  releases?: ArrayLike<number>;
  /** Start each job must keep ("do not level"), or {@link NOT_FIXED}. Fixed jobs use their resources first. */
  fixedStarts?: ArrayLike<number>;
  /** Priority of each job: a higher one is served first in the initial lists and wins ties between equal makespans. */
  priorities?: ArrayLike<number>;
  /** Name of each job for error messages (e.g. the PSPLIB job number); the index when absent. */
  labels?: readonly string[];
};

/** How hard to search. The budget is counted in generated schedules, never in wall-clock time. */
export type RcpspOptions = {
  /** Schedules (schedule-generation passes, forward or backward) the search may generate. Default {@link DEFAULT_MAX_SCHEDULES}. */
  maxSchedules?: number;
  /** Seed of the pseudo-random generator: the same input, options and seed give the same result. Default 1. */
  seed?: number;
  /** Stop as soon as a schedule this short is found (e.g. a known optimum); the lower bound always stops the search. */
  targetMakespan?: number;
  /** Called about every 1,000 schedules with the progress so far (for a progress line; the search does not wait on it). */
  onProgress?: (progress: RcpspProgress) => void;
};

/** Default schedule budget of {@link RcpspOptions.maxSchedules}. */
export const DEFAULT_MAX_SCHEDULES = 40_000;

export type RcpspProgress = { schedules: number; maxSchedules: number; makespan: number; lowerBound: number };

/** An arc into a fixed job that the schedule breaks: its predecessor could not finish in time. */
export type ArcViolation = { arc: number; from: number; to: number; latePeriods: number };

export type RcpspResult = {
  /** Start period of each job. */
  starts: Int32Array;
  /** Finish of the last job: max(start + duration), in periods. */
  makespan: number;
  /** A proven lower bound on the makespan: max(critical path, max over r of ceil(Σ d·q / capacity)). */
  lowerBound: number;
  /** Schedules generated (forward and backward passes each count one). */
  schedules: number;
  /** Arcs into fixed jobs the schedule could not keep (always empty without fixed jobs). */
  violations: readonly ArcViolation[];
};
