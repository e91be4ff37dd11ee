export { checkSelection, over, useOf, type Violation } from './check.js';
export { compileModel, constraintLabel, type CompiledPortfolio } from './compile.js';
export { frontierLevels, frontierPoint, modelAtBudget, monotoneFrontier, type FrontierPlan, type FrontierPoint, type FrontierResult } from './frontier.js';
export { greedy } from './greedy.js';
export { loadHighs } from './milp.js';
export { DEFAULT_FORCE_IN_LIMIT, DEFAULT_GAP, DEFAULT_TIME_LIMIT, optimise, optimiseSettings } from './optimise.js';
export { MAX_PERIODS, validateModel } from './validate.js';
export type {
  BindingConstraint,
  Candidate,
  CandidateGroup,
  ConstraintRef,
  Extra,
  FitNeeds,
  GreedyResult,
  LeftOutCandidate,
  OptimiseOptions,
  OptimiseResult,
  Placement,
  PortfolioModel,
  ResourceUse,
  SelectedCandidate,
  Shortfall,
  SolveStatus,
} from './types.js';
