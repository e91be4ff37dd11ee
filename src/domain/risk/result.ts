import { compileModel, type CompiledModel } from './compile.js';
import { distMean } from './distributions.js';
import { forwardBackward } from './cpm.js';
import { blockCount, checkOptions, DEFAULT_BLOCK, mergeChunks, runBlocks, type ChunkResult } from './simulate.js';
import { jointConfidence, summarise, type QuantitySummary } from './statistics.js';
import type { RiskModel, SimulationOptions } from './types.js';

/** What a report asks of a run beyond the samples: the confidence for contingency, target finish and cost. */
export type ReportOptions = {
  /** Confidence for contingency and convergence (default 0.8). */
  readonly confidence?: number;
  /** Target finish in working days from the start. */
  readonly targetFinish?: number;
  readonly targetCost?: number;
};

/** A driver of the result: a task's duration or a risk's effect, with its Spearman rank correlation. */
export type Driver = { readonly kind: 'task' | 'risk'; readonly id: string; readonly rho: number };

/** The result of a simulation, with the inputs that produced it. */
export type SimulationResult = {
  readonly inputs: { readonly model: RiskModel; readonly options: Required<SimulationOptions>; readonly report: ReportOptions };
  readonly iterations: number;
  readonly finish: QuantitySummary;
  readonly cost: QuantitySummary;
  /** Share of iterations in which each task was critical, in the model's task order. */
  readonly criticality: readonly { readonly task: string; readonly index: number }[];
  /** Drivers of the finish and of the cost, strongest (by |rho|) first. */
  readonly tornado: { readonly finish: readonly Driver[]; readonly cost: readonly Driver[] };
  /** Share of iterations in which each risk happened. */
  readonly risks: readonly { readonly risk: string; readonly occurred: number }[];
  /** P(finish ≤ its P80 and cost ≤ its P80), and the same at the deterministic values. */
  readonly joint: { readonly atP80: number; readonly atDeterministic: number };
  /** Per iteration, in iteration order: keep them to ask further questions (joint confidence, roll-ups). */
  readonly samples: { readonly finish: Float64Array; readonly cost: Float64Array };
};

/**
 * The finish (working days) and cost with every estimate at its most likely value and no
 * risk event: the plan's own dates and budget, against which contingency is measured.
 */
export function deterministicValues(m: CompiledModel): { finish: number; cost: number } {
  const dur = Float64Array.from(m.durations, (d) => d.mode);
  const fin = new Float64Array(1);
  forwardBackward(m, 1, 1, dur, new Float64Array(m.n), fin, new Float64Array(m.n));
  let cost = 0;
  for (let j = 0; j < m.n; j++) cost += m.costPerDay[j]! * dur[j]!;
  for (const d of m.costs) cost += d.mode;
  return { finish: fin[0]!, cost };
}

const drivers = (m: CompiledModel, task: Float64Array, risk: Float64Array, n: number): Driver[] =>
  [...Array.from(task, (rho, j) => ({ kind: 'task' as const, id: m.ids[j]!, rho: rho / n })), ...Array.from(risk, (rho, k) => ({ kind: 'risk' as const, id: m.riskIds[k]!, rho: rho / n }))]
    .filter((d) => d.rho !== 0)
    .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || a.id.localeCompare(b.id));

/** The options with their defaults filled in. */
export function fullOptions(o: SimulationOptions): Required<SimulationOptions> {
  return { iterations: o.iterations, seed: o.seed, sampling: o.sampling ?? 'lhs', block: o.block ?? DEFAULT_BLOCK };
}

/** Turns the merged chunks of a whole run into its result. */
export function buildResult(model: RiskModel, m: CompiledModel, options: SimulationOptions, chunk: ChunkResult, report: ReportOptions = {}): SimulationResult {
  const n = chunk.to - chunk.from;
  const confidence = report.confidence ?? 0.8;
  const det = deterministicValues(m);
  const finish = summarise(chunk.finish, det.finish, confidence, report.targetFinish ?? null);
  const cost = summarise(chunk.cost, det.cost, confidence, report.targetCost ?? null);
  return {
    inputs: { model, options: fullOptions(options), report },
    iterations: n,
    finish,
    cost,
    criticality: Array.from(chunk.critical, (c, j) => ({ task: m.ids[j]!, index: c / n })),
    tornado: { finish: drivers(m, chunk.taskFinishRho, chunk.riskFinishRho, n), cost: drivers(m, chunk.taskCostRho, chunk.riskCostRho, n) },
    risks: Array.from(chunk.occurred, (c, k) => ({ risk: m.riskIds[k]!, occurred: c / n })),
    joint: { atP80: jointConfidence(chunk.finish, chunk.cost, finish.p80, cost.p80), atDeterministic: jointConfidence(chunk.finish, chunk.cost, det.finish, det.cost) },
    samples: { finish: chunk.finish, cost: chunk.cost },
  };
}

/**
 * Runs a whole simulation in the calling thread: the same result, for the same seed, as
 * the worker pool gives (`src/services/risk-simulation-pool.ts`).
 *
 * @example
 * const r = simulate({ tasks: [{ id: 'A', dist: 'triangular', min: 2, mode: 4, max: 9 }] }, { iterations: 10_000, seed: 1 });
 * r.finish.p80; // ≈ 6.6 working days
 */
export function simulate(model: RiskModel, options: SimulationOptions, report: ReportOptions = {}): SimulationResult {
  checkOptions(options);
  const m = compileModel(model);
  return buildResult(model, m, options, mergeChunks([runBlocks(m, options, 0, blockCount(options))]), report);
}

/** The mean duration of each task as estimated (before risks), for reports and tests. */
export function meanDurations(m: CompiledModel): Float64Array {
  return Float64Array.from(m.durations, distMean);
}
