export { NOT_FIXED, DEFAULT_MAX_SCHEDULES } from './types.js';
export type { RcpspArcs, RcpspInput, RcpspOptions, RcpspProgress, RcpspResult, ArcViolation } from './types.js';
export { solveRcpsp, scheduleByRule } from './solve.js';
export { checkSchedule, type ScheduleCheck } from './check.js';
export { PRIORITY_RULES, type PriorityRule } from './priority.js';
