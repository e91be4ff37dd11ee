/**
 * The portfolio selection model and the optimiser's answer. Plain data in, plain data out:
 * the model is the `pharos optimise` file format (docs/portfolio-optimisation.md), and every
 * result is JSON-serialisable.
 *
 * Periods are numbered 0 … periods − 1 (months, quarters: the model does not care). A
 * candidate's `cost` and `demand` arrays are relative to its own start: index 0 is the
 * period it starts in, so a candidate started in period s spends `cost[j]` in period s + j.
 */

/** One project that could be funded. */
export type Candidate = {
  readonly id: string;
  /** For people; the optimiser uses the id. */
  readonly name?: string;
  /** What funding it is worth (a score, an NPV: any unit ≥ 0, the same for every candidate). */
  readonly value: number;
  /** Money in its 1st, 2nd, … period after its start (≥ 0 each). */
  readonly cost: readonly number[];
  /** Per role, the hours (or FTE) it needs in its 1st, 2nd, … period; every role must have a capacity. */
  readonly demand?: Readonly<Record<string, readonly number[]>>;
  /** First period it may start in (default 0). */
  readonly earliestStart?: number;
  /** Last period it may start in (default: its earliest start, so no delay). */
  readonly latestStart?: number;
  /** It must be funded (and so must everything it requires). */
  readonly mustDo?: boolean;
  /** It must not be funded (nor anything that requires it). */
  readonly mustNot?: boolean;
  /** Candidates it needs: funded only if each of these is funded too (any start). */
  readonly requires?: readonly string[];
  /** Candidates it cannot be funded with (symmetric). */
  readonly excludes?: readonly string[];
};

/** Mutually exclusive candidates: at most `max` (default 1) of the members are funded. */
export type CandidateGroup = { readonly id: string; readonly name?: string; readonly members: readonly string[]; readonly max?: number };

/** The selection problem: maximise the value funded within budget and capacity. */
export type PortfolioModel = {
  /** Periods in the horizon (≥ 1). */
  readonly periods: number;
  /** Budget per period (one amount per period). */
  readonly budget?: readonly number[];
  /** Budget for the whole portfolio: the total cost of what is funded, past the horizon included. */
  readonly budgetTotal?: number;
  /** Per role, the capacity in each period (one amount per period). */
  readonly capacity?: Readonly<Record<string, readonly number[]>>;
  readonly candidates: readonly Candidate[];
  readonly groups?: readonly CandidateGroup[];
};

/** A funded candidate and the period it starts in. */
export type Placement = { readonly id: string; readonly start: number };

/** A constraint of the model, named so a person can find it. */
export type ConstraintRef =
  | { readonly kind: 'budget'; readonly period: number }
  | { readonly kind: 'budget-total' }
  | { readonly kind: 'capacity'; readonly role: string; readonly period: number }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'dependency'; readonly candidate: string; readonly requires: string }
  | { readonly kind: 'exclusion'; readonly candidate: string; readonly excludes: string };

/** How far the answer is from proven optimal. */
export type SolveStatus =
  /** Proven optimal (gap 0 within HiGHS's tolerances). */
  | 'optimal'
  /** Within the requested relative gap of the best bound. */
  | 'gap-reached'
  /** Stopped by the time limit: the best selection found, with the gap at that moment. */
  | 'time-limit'
  /** The must-do candidates cannot all fit: see `infeasibility`. */
  | 'infeasible';

export type SelectedCandidate = Placement & {
  readonly value: number;
  /** Its whole cost, past the horizon included. */
  readonly cost: number;
  /** The part of its cost that falls past the horizon (charged to no period's budget). */
  readonly costBeyondHorizon: number;
  readonly mustDo: boolean;
};

/** A budget or capacity row, a group, a dependency or an exclusion that limits the selection. */
export type BindingConstraint = {
  readonly constraint: ConstraintRef;
  /** Readable, e.g. `budget in period 4`, `dev in period 2`, `group G1 (at most 1)`. */
  readonly label: string;
  /** Used by the selection (money, hours, or members funded). */
  readonly use: number;
  readonly limit: number;
};

/** An extra amount of one budget or capacity row. */
export type Extra = { readonly constraint: ConstraintRef; readonly label: string; readonly extra: number };

/** What adding a left-out candidate to the selection, as it stands, would take. */
export type FitNeeds = {
  /** The start (within its window) that needs the least extra. */
  readonly start: number;
  /** Budget and capacity it would need beyond what the selection leaves (empty: it fits there). */
  readonly extra: readonly Extra[];
  /** Candidates it requires that are not funded (they are counted in `extra`, each at its own best start). */
  readonly alsoFund: readonly string[];
  /** Funded candidates it excludes (they would have to go). */
  readonly displaces: readonly string[];
  /** Groups already at their maximum. */
  readonly fullGroups: readonly string[];
};

export type LeftOutCandidate = {
  readonly id: string;
  readonly value: number;
  /** Why it is out, in a line. */
  readonly reason: string;
  /** Absent when it can never be funded (must-not, or it requires a must-not). */
  readonly needs?: FitNeeds;
  /**
   * The re-solve with it forced in: the best value then, and what that loses against the
   * optimum (its shadow cost). `feasible: false` when forcing it in breaks a must-do.
   * Absent when it was not re-solved (see `OptimiseOptions.forceInLimit`).
   */
  readonly forcedIn?: { readonly feasible: true; readonly value: number; readonly valueLost: number; readonly gap: number } | { readonly feasible: false };
};

/** A budget or capacity row the must-do candidates overrun, and by how much. */
export type Shortfall = {
  readonly constraint: ConstraintRef;
  readonly label: string;
  readonly limit: number;
  /** What the must-do candidates need there, at the starts that overrun least overall. */
  readonly need: number;
  readonly excess: number;
  /** The must-do candidates that use it. */
  readonly by: readonly string[];
  /** E.g. `budget in period 4 exceeded by 120 by must-do projects P1, P7`. */
  readonly message: string;
};

/** Use of every budget and capacity row by a selection. */
export type ResourceUse = {
  /** Per period, when the model has a budget per period. */
  readonly budget: readonly number[] | null;
  readonly budgetTotal: number | null;
  readonly capacity: Readonly<Record<string, readonly number[]>>;
};

/** The greedy ratio rule's answer (see `greedy`). */
export type GreedyResult = {
  readonly selected: readonly Placement[];
  readonly value: number;
  readonly cost: number;
  /** False when the rule could not place every must-do candidate (the selection then misses some). */
  readonly feasible: boolean;
};

export type OptimiseOptions = {
  /** Relative optimality gap at which to stop (default 0.0001, i.e. 0.01%; 0: prove optimality). */
  readonly gap?: number;
  /** Seconds HiGHS may take for the main solve (default 60); each forced re-solve gets a tenth of it, at most 2. */
  readonly timeLimitSeconds?: number;
  /**
   * How many left-out candidates (highest value first) to re-solve with each forced in, for
   * their shadow cost (default 10; 0 for none). Every left-out candidate gets its `needs`.
   */
  readonly forceInLimit?: number;
  /** Skip binding constraints and left-out explanations (the frontier does not need them). */
  readonly explain?: boolean;
};

export type OptimiseResult = {
  readonly status: SolveStatus;
  /** The funded candidates, in model order, with their starts. */
  readonly selected: readonly SelectedCandidate[];
  readonly value: number;
  /** Total cost of the selection, past the horizon included. */
  readonly cost: number;
  /** Relative gap between `value` and the best bound HiGHS proved: (bound − value) / value. */
  readonly gap: number;
  /** The best bound on the value that HiGHS proved (no selection can beat it). */
  readonly bound: number;
  /** `greedy` when HiGHS stopped with a worse selection than the greedy rule's, which is then returned. */
  readonly source: 'highs' | 'greedy';
  readonly greedy: GreedyResult;
  readonly binding: readonly BindingConstraint[];
  readonly leftOut: readonly LeftOutCandidate[];
  readonly use: ResourceUse;
  /** When `status` is `infeasible`: the rows the must-do candidates overrun (empty otherwise). */
  readonly infeasibility: readonly Shortfall[];
  /** What happened along the way (fallbacks, limits), in sentences. */
  readonly notes: readonly string[];
  /**
   * What the solver did: wall-clock seconds as HiGHS measured them, branch-and-bound nodes, the
   * MILP's size, and which step found the selection returned (`greedy`, `lp-rounding`, `rens`
   * or `mip`: see `solveSelection`; `none` when there was nothing to solve).
   */
  readonly solver: {
    readonly name: string;
    readonly seconds: number;
    readonly nodes: number;
    readonly columns: number;
    readonly rows: number;
    readonly foundBy: 'greedy' | 'lp-rounding' | 'rens' | 'mip' | 'none';
  };
};
