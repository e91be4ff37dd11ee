/** A probability distribution of a quantity in working days (durations, impacts) or money (costs). */
export type Estimate =
  | { readonly dist: 'triangular' | 'pert'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'fixed'; readonly mode: number }
  /** Values with their weights (the weights need not sum to 1). */
  | { readonly dist: 'discrete'; readonly values: readonly number[]; readonly weights: readonly number[] };

export type RiskLinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** A dependency on a predecessor; `lag` in working days (negative: a lead). */
export type RiskLink = { readonly task: string; readonly type?: RiskLinkType; readonly lag?: number };

/** One task of the network: its duration in working days and, optionally, its cost. */
export type RiskTask = Estimate & {
  readonly id: string;
  readonly name?: string;
  /** Finish-to-start predecessors with no lag (the CLI model's shorthand). */
  readonly predecessors?: readonly string[];
  /** Links of any type with lags; merged with `predecessors`. */
  readonly links?: readonly RiskLink[];
  /** The task's cost apart from its duration (money, any unit). */
  readonly cost?: Estimate;
  /** Cost per working day of the sampled duration. */
  readonly costPerDay?: number;
};

/** A three-point impact (triangular) in working days added to a task's duration. */
export type ScheduleImpact = { readonly task: string; readonly min: number; readonly mode: number; readonly max: number };

/** A risk event of the register: when it happens (with `probability`), its impacts apply. */
export type RiskEvent = {
  readonly id: string;
  readonly name?: string;
  readonly probability: number;
  readonly impacts?: readonly ScheduleImpact[];
  /** A three-point cost impact (triangular). */
  readonly cost?: { readonly min: number; readonly mode: number; readonly max: number };
};

/** Tasks whose durations move together with this rank (Spearman) correlation, −1 < rho < 1. */
export type CorrelationGroup = { readonly tasks: readonly string[]; readonly rho: number };

/** The input of a simulation: the network in working days from the start, the risks, the correlations. */
export type RiskModel = {
  readonly tasks: readonly RiskTask[];
  readonly risks?: readonly RiskEvent[];
  readonly correlations?: readonly CorrelationGroup[];
};

/** How a run samples: Latin hypercube (the default) or plain Monte Carlo. */
export type Sampling = 'lhs' | 'random';

export type SimulationOptions = {
  readonly iterations: number;
  readonly seed: number;
  readonly sampling?: Sampling;
  /**
   * Iterations per Latin hypercube block (default 250): each block is one stratified design,
   * and the unit of work a worker takes, so a run splits across workers with the same result.
   */
  readonly block?: number;
};
