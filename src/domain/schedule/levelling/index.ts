export { levelPlan } from './level-plan.js';
export { DEFAULT_PRIORITY, DO_NOT_LEVEL } from './types.js';
export type {
  LevellingAssignment,
  LevellingCause,
  LevellingInput,
  LevellingOptions,
  LevellingOrder,
  LevellingResource,
  LevellingResult,
  Overallocation,
  OverallocationSpan,
  TaskLevelling,
  UnresolvedReason,
} from './types.js';
