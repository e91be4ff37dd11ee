import { type Command, InvalidArgumentError, Option } from 'commander';
import { PharosError } from '../domain/errors.js';
import { riskModelFromSchedule, type UncertaintyBand } from '../domain/risk/from-schedule.js';
import type { SimulationResult } from '../domain/risk/result.js';
import type { QuantitySummary } from '../domain/risk/statistics.js';
import type { RiskModel } from '../domain/risk/types.js';
import { readMspdi } from '../io/mspdi/read-mspdi.js';
import { scheduleInputFromMspdi } from '../io/mspdi/schedule-input.js';
import { simulateInWorkers } from '../services/risk-simulation-pool.js';
import { intOption, progressOn, readInputFile, usage, withProgress } from './common.js';

export type SimulateOptions = {
  iterations?: number;
  seed?: number;
  json?: boolean;
  workers?: number;
  band?: UncertaintyBand;
  target?: number;
  confidence?: number;
  progress?: boolean;
};

/** `--band 90,100,130`: min, most likely and max as percentages of each task's duration. */
export function parseBand(value: string): UncertaintyBand {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0)) throw new InvalidArgumentError('--band must be three percentages MIN,MODE,MAX such as 90,100,130');
  const [min, mode, max] = parts as [number, number, number];
  if (min > mode || mode > max) throw new InvalidArgumentError(`--band must have MIN ≤ MODE ≤ MAX (got ${value})`);
  return { dist: 'triangular', min: min / 100, mode: mode / 100, max: max / 100 };
}

function positiveNumber(name: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of at least 0`);
    return n;
  };
}

/** The model a file holds: a JSON network in working days, or an MS Project XML plan spread by the band. */
async function readModel(file: string, band: UncertaintyBand | undefined): Promise<{ model: RiskModel; notes: string[] }> {
  const text = await readInputFile(file);
  if (/\.xml$/i.test(file) || text.trimStart().startsWith('<')) {
    const { document } = readMspdi(text);
    const adapted = scheduleInputFromMspdi(document);
    const mapped = riskModelFromSchedule(adapted.input, { minutesPerDay: document.header.minutesPerDay ?? 480, ...(band ? { band } : {}) });
    return { model: mapped.model, notes: [...adapted.notes, ...mapped.notes] };
  }
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw usage(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!model || typeof model !== 'object' || Array.isArray(model)) throw new PharosError('validation-failed', `${file}: the model must be an object with "tasks"`, { issues: [{ field: 'tasks', reason: 'is missing' }] });
  if (band) throw usage('--band applies to MS Project files; a JSON model gives each task its own estimate');
  return { model: model as RiskModel, notes: [] };
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '');
const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

function quantityLines(label: string, unit: string, q: QuantitySummary, confidence: number): string[] {
  const c = q.convergence;
  return [
    `${label}: mean ${fmt(q.mean)}${unit}, P10 ${fmt(q.p10)}, P50 ${fmt(q.p50)}, P80 ${fmt(q.p80)}, P90 ${fmt(q.p90)} (min ${fmt(q.min)}, max ${fmt(q.max)})`,
    `  deterministic ${fmt(q.deterministic)}${unit}: met in ${pct(q.probabilityOfDeterministic)} of iterations; contingency at P${Math.round(confidence * 100)}: ${fmt(q.contingency)}${unit}` +
      (q.target === null ? '' : `; target ${fmt(q.target)}${unit}: met in ${pct(q.probabilityOfTarget)}`),
    `  convergence: P${Math.round(confidence * 100)} moved ${pct(c.percentileChange)} and the mean ${pct(c.meanChange)} over the last 10% of iterations; 95% interval ${fmt(c.interval[0])}–${fmt(c.interval[1])}${c.converged ? '' : ' (not yet converged: run more iterations)'}`,
  ];
}

/** The readable report of a run. */
export function formatSimulation(r: SimulationResult): string {
  const confidence = r.inputs.report.confidence ?? 0.8;
  const hasCost = r.cost.max > 0 || r.cost.min < 0;
  const crit = [...r.criticality].sort((a, b) => b.index - a.index).slice(0, 15);
  const width = Math.max(4, ...crit.map((c) => c.task.length), ...r.tornado.finish.slice(0, 10).map((d) => d.id.length));
  return [
    `${r.iterations} iterations, seed ${r.inputs.options.seed}, ${r.inputs.options.sampling === 'lhs' ? 'Latin hypercube' : 'Monte Carlo'} sampling; working days from the start`,
    '',
    ...quantityLines('Finish', ' d', r.finish, confidence),
    ...(hasCost ? ['', ...quantityLines('Cost', '', r.cost, confidence), `  joint confidence of P80 finish and P80 cost: ${pct(r.joint.atP80)}; of the deterministic finish and cost: ${pct(r.joint.atDeterministic)}`] : []),
    '',
    'Criticality (share of iterations on the critical path)',
    ...crit.map((c) => `  ${c.task.padEnd(width)}  ${pct(c.index).padStart(6)}`),
    '',
    'Drivers of the finish (Spearman rank correlation)',
    ...r.tornado.finish.slice(0, 10).map((d) => `  ${d.id.padEnd(width)}  ${d.kind.padEnd(4)}  ${d.rho >= 0 ? '+' : ''}${d.rho.toFixed(2)}`),
    '',
  ].join('\n');
}

/** `--json`: `{"finish": {mean, p10, p50, p80, p90}, "criticality": {id: share}}` in working days from the start. */
export function simulationJson(r: SimulationResult): { finish: { mean: number; p10: number; p50: number; p80: number; p90: number }; criticality: Record<string, number> } {
  const { mean, p10, p50, p80, p90 } = r.finish;
  return { finish: { mean, p10, p50, p80, p90 }, criticality: Object.fromEntries(r.criticality.map((c) => [c.task, c.index])) };
}

/** Simulates `file` and returns what `pharos simulate` prints on stdout; notes and progress go to stderr. */
export async function simulateFile(file: string, options: SimulateOptions = {}): Promise<string> {
  const { model, notes } = await readModel(file, options.band);
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  const progress = progressOn('simulate', options.progress);
  let result: SimulationResult;
  try {
    result = await simulateInWorkers(
      model,
      { iterations: options.iterations ?? 10_000, seed: options.seed ?? 1 },
      {
        ...(options.workers ? { workers: options.workers } : {}),
        onProgress: (p) => progress.update({ step: 'iterations', done: p.done, total: p.total }),
        report: { ...(options.target !== undefined ? { targetFinish: options.target } : {}), ...(options.confidence !== undefined ? { confidence: options.confidence / 100 } : {}) },
      },
    );
  } finally {
    progress.finish();
  }
  return options.json ? `${JSON.stringify(simulationJson(result))}\n` : formatSimulation(result);
}

/** `pharos simulate MODEL.json|FILE.xml`: Monte Carlo schedule risk analysis. */
export function registerSimulate(program: Command): void {
  withProgress(
    program
      .command('simulate')
      .description('Monte Carlo schedule and cost risk analysis of a JSON network (working days) or an MS Project XML file')
      .argument('<file>', 'a model .json (see docs/risk-simulation.md) or an MSPDI .xml file, or - for stdin')
      .option('--iterations <n>', 'iterations (default 10000)', intOption('--iterations', 2, 100_000_000))
      .option('--seed <s>', 'seed: the same seed gives the same result (default 1)', intOption('--seed', 0, 4_294_967_295))
      .option('--workers <n>', 'worker threads (default: the available cores)', intOption('--workers', 1, 256))
      .option('--band <min,mode,max>', 'MS Project files: each duration spread as percentages of itself (default 90,100,130)', parseBand)
      .option('--target <days>', 'a target finish in working days from the start: the probability of meeting it', positiveNumber('--target'))
      .addOption(new Option('--confidence <percent>', 'confidence for contingency (default 80)').argParser(intOption('--confidence', 1, 99)))
      .option('--json', 'print {"finish": {mean, p10, p50, p80, p90}, "criticality": {task: share}}'),
  ).action(async (file: string, options: SimulateOptions) => {
    process.stdout.write(await simulateFile(file, options));
  });
}
