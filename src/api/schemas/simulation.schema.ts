import { z } from 'zod';
import { CalendarDate, Timestamp, Uuid } from './common.schema.js';

/** Risk simulation runs: what starting one takes, a run with its inputs and progress, its result, and contingency roll-ups. */

const Fraction = z.number().min(0, 'must be 0 or more').max(10, 'must be at most 10 (1000% of the duration)');

/** Three-point spread of each task's duration as fractions of itself (0.9, 1, 1.3: 90%, 100%, 130%). */
export const UncertaintyBand = z
  .strictObject({
    dist: z.enum(['triangular', 'pert', 'uniform']).default('triangular'),
    min: Fraction,
    mode: Fraction,
    max: Fraction,
  })
  .superRefine((b, ctx) => {
    if (b.min > b.mode) ctx.addIssue({ code: 'custom', path: ['min'], message: `must not exceed mode (${b.min} > ${b.mode})` });
    if (b.mode > b.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must not be below mode (${b.max} < ${b.mode})` });
    if (b.max <= 0) ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be above 0: every duration would be nothing' });
  });

export const MIN_ITERATIONS = 100;
export const MAX_ITERATIONS = 100_000;

export const SimulationStart = z.strictObject({
  iterations: z.number().min(MIN_ITERATIONS, `must be at least ${MIN_ITERATIONS}`).max(MAX_ITERATIONS, `must be at most ${MAX_ITERATIONS}`).refine(Number.isInteger, 'must be a whole number').default(10_000),
  /** The same seed on the same inputs gives the same result; chosen at random when left out. */
  seed: z.number().min(0, 'must be 0 or more').max(4_294_967_295, 'must be at most 4294967295').refine(Number.isInteger, 'must be a whole number').optional(),
  band: UncertaintyBand.default({ dist: 'triangular', min: 0.9, mode: 1, max: 1.3 }),
  /** A finish date to meet: the result gives the probability of finishing by it. */
  targetDate: CalendarDate.nullable().default(null),
  /** Confidence for contingency, strictly between 0 and 1 (0.8: P80). */
  confidence: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1').default(0.8),
  /** Rank correlation between the durations of tasks under the same summary, 0 (independent) to below 1. */
  correlation: z.number().min(0, 'must be 0 or more').lt(1, 'must be below 1').default(0),
});
export type SimulationStart = z.infer<typeof SimulationStart>;
export type SimulationOptionsStored = z.output<typeof SimulationStart> & { seed: number };

export const SimulationStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

const Bin = z.object({ from: z.number(), to: z.number(), count: z.number().int() });
const Convergence = z.object({ meanChange: z.number(), percentileChange: z.number(), interval: z.tuple([z.number(), z.number()]), converged: z.boolean() });

/** One simulated quantity: the finish in working days from the start, or the cost in minor units. */
const Quantity = z.object({
  mean: z.number(),
  sd: z.number(),
  min: z.number(),
  max: z.number(),
  p10: z.number(),
  p50: z.number(),
  p80: z.number(),
  p90: z.number(),
  deterministic: z.number(),
  probabilityOfDeterministic: z.number(),
  target: z.number().nullable(),
  probabilityOfTarget: z.number().nullable(),
  /** The value at the run's confidence less the deterministic value. */
  contingency: z.number(),
  histogram: z.array(Bin),
  sCurve: z.array(z.object({ confidence: z.number(), value: z.number() })),
  convergence: Convergence,
});

const FinishDates = z.object({
  min: CalendarDate,
  max: CalendarDate,
  mean: CalendarDate,
  p10: CalendarDate,
  p50: CalendarDate,
  p80: CalendarDate,
  p90: CalendarDate,
  deterministic: CalendarDate,
  /** The date at the run's confidence. */
  atConfidence: CalendarDate,
});

const Driver = z.object({ kind: z.enum(['task', 'risk']), id: z.string(), name: z.string(), rho: z.number() });

export const SimulationResult = z.object({
  iterations: z.number().int(),
  confidence: z.number(),
  /** The day the model counts working days from (the plan's start, or its status date). */
  startDate: CalendarDate,
  currency: z.string(),
  finish: Quantity.extend({
    /** The same values as calendar dates through the project calendar. */
    dates: FinishDates,
    /** Dates of the histogram bins' edges and of the S-curve's points. */
    histogramDates: z.array(z.object({ from: CalendarDate, to: CalendarDate })),
    sCurveDates: z.array(CalendarDate),
    targetDate: CalendarDate.nullable(),
  }),
  cost: Quantity,
  /** Share of iterations in which each task was critical, most critical first. */
  criticality: z.array(z.object({ taskId: z.string(), name: z.string(), index: z.number() })),
  /** The strongest drivers (Spearman rank correlation with the finish and with the cost), at most 20 each. */
  tornado: z.object({ finish: z.array(Driver), cost: z.array(Driver) }),
  risks: z.array(z.object({ riskId: z.string(), ref: z.string(), title: z.string(), probability: z.number(), occurred: z.number() })),
  joint: z.object({ atP80: z.number(), atDeterministic: z.number() }),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const SimulationRun = z.object({
  id: Uuid,
  projectId: Uuid,
  status: SimulationStatus,
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  startedById: z.string().nullable(),
  startedByName: z.string(),
  options: z.object({
    iterations: z.number().int(),
    seed: z.number().int(),
    band: z.object({ dist: z.enum(['triangular', 'pert', 'uniform']), min: z.number(), mode: z.number(), max: z.number() }),
    targetDate: CalendarDate.nullable(),
    confidence: z.number(),
    correlation: z.number(),
  }),
  /** What the model was built from: the plan revision, how many tasks and which risks, and what was simplified. */
  inputs: z.object({
    planRevision: z.number().int(),
    tasks: z.number().int(),
    risks: z.array(z.object({ riskId: z.string(), ref: z.string(), title: z.string(), probability: z.number() })),
    notes: z.array(z.string()),
  }),
  error: z.string().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  /** The run's result once done; `null` before and in list answers. */
  result: SimulationResult.nullable(),
  version: z.number().int(),
});
export type SimulationRun = z.infer<typeof SimulationRun>;

export const SimulationListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(200, 'must be at most 200').default(20),
});

export const ContingencyQuery = z.strictObject({
  confidence: z.coerce.number().gt(0, 'must be above 0').lt(1, 'must be below 1').default(0.8),
});

export const ContingencyRollUp = z.object({
  confidence: z.number(),
  currency: z.string(),
  projects: z.array(
    z.object({
      projectId: z.string(),
      code: z.string(),
      name: z.string(),
      /** The latest done run used, or null when the project has none. */
      simulationId: z.string().nullable(),
      finishedAt: Timestamp.nullable(),
      iterations: z.number().int().nullable(),
      scheduleContingencyDays: z.number().nullable(),
      finishDateAtConfidence: CalendarDate.nullable(),
      deterministicCost: z.number().nullable(),
      costContingency: z.number().nullable(),
    }),
  ),
  total: z.object({
    /** Projects with a done run. */
    simulated: z.number().int(),
    /** Sum of the projects' schedule contingencies, in working days. */
    scheduleContingencyDays: z.number(),
    /** The projects' contingencies added up. */
    sumOfCostContingencies: z.number(),
    /** Contingency of the summed cost, iteration by iteration: less than the sum, as risks do not all strike at once. */
    costContingency: z.number(),
    /** The difference the pooling makes (sum of the parts less the pooled contingency). */
    pooling: z.number(),
    deterministicCost: z.number(),
  }),
  notes: z.array(z.string()),
});
export type ContingencyRollUp = z.infer<typeof ContingencyRollUp>;
