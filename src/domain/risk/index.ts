export type { CompiledModel } from './compile.js';
export { compileModel } from './compile.js';
export { normalQuantile, imanConover } from './correlation.js';
export { quantile, regularizedBeta, pertShape, toDist, type Dist } from './distributions.js';
export { DEFAULT_BAND, riskModelFromSchedule, type FromScheduleOptions, type UncertaintyBand } from './from-schedule.js';
export { buildResult, deterministicValues, fullOptions, simulate, type Driver, type ReportOptions, type SimulationResult } from './result.js';
export { blockCount, checkOptions, DEFAULT_BLOCK, mergeChunks, runBlocks, type ChunkResult } from './simulate.js';
export { convergence, histogram, jointConfidence, percentile, probabilityAtMost, rollUpContingency, sCurve, summarise, type ContingencyPart, type QuantitySummary } from './statistics.js';
export type { CorrelationGroup, Estimate, RiskEvent, RiskLink, RiskLinkType, RiskModel, RiskTask, Sampling, ScheduleImpact, SimulationOptions } from './types.js';
