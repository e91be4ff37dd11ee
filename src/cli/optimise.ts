import { type Command, InvalidArgumentError } from 'commander';
import { PharosError, type FieldIssue } from '../domain/errors.js';
import { checkSelection } from '../domain/portfolio/optimise/check.js';
import { optimise } from '../domain/portfolio/optimise/optimise.js';
import type { ConstraintRef, OptimiseResult, PortfolioModel } from '../domain/portfolio/optimise/types.js';
import { intOption, readInputFile, usage } from './common.js';

export type OptimiseCliOptions = { gap?: number; json?: boolean; timeLimit?: number; forceIn?: number };

/** `--gap 0.01` or `--gap 1%`: the relative optimality gap, a fraction below 1. */
export function parseGap(value: string): number {
  const text = value.trim();
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  if (text === '' || text === '%' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('--gap must be a fraction such as 0.01, or a percentage such as 1%');
  const gap = percent ? n / 100 : n;
  if (gap >= 1) throw new InvalidArgumentError(`--gap must be below 1 (100%); for 1% write 0.01 or 1% (got ${value})`);
  return gap;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('--time-limit must be a number of seconds above 0');
  return n;
}

/** The model field a constraint comes from, for the error's issues. */
function fieldOf(c: ConstraintRef): string {
  switch (c.kind) {
    case 'budget':
      return `budget[${c.period}]`;
    case 'budget-total':
      return 'budgetTotal';
    case 'capacity':
      return `capacity.${c.role}[${c.period}]`;
    default:
      return 'candidates';
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** `--json`: `{"selected": [{"id", "start"}], "value", "gap", "greedy": {"selected", "value"}}`, then status, bound, cost and (infeasible) the shortfalls. */
export function optimiseJson(r: OptimiseResult): Record<string, unknown> {
  return {
    selected: r.selected.map(({ id, start }) => ({ id, start })),
    value: r.value,
    gap: r.gap,
    greedy: { selected: r.greedy.selected, value: r.greedy.value },
    status: r.status,
    bound: r.bound,
    cost: r.cost,
    ...(r.status === 'infeasible' ? { infeasibility: r.infeasibility.map((s) => s.message) } : {}),
  };
}

/** The readable report: the answer beside greedy, the funded candidates, what binds, and the most valuable left out. */
export function formatOptimisation(r: OptimiseResult): string {
  const gain = r.greedy.value > 0 ? ` (${r.value >= r.greedy.value ? '+' : ''}${pct(r.value / r.greedy.value - 1)})` : '';
  const status = r.status === 'optimal' ? 'proved optimal' : r.status === 'gap-reached' ? `within ${pct(r.gap)} of the best bound (${num(r.bound)})` : `stopped by the time limit, ${pct(r.gap)} from the best bound (${num(r.bound)})`;
  const ids = [...r.selected.map((s) => s.id), ...r.leftOut.map((l) => l.id), 'id'];
  const w = Math.min(24, Math.max(...ids.map((id) => id.length)));
  const lines = [
    `Funded ${r.selected.length} of ${r.selected.length + r.leftOut.length} candidates: value ${num(r.value)}, cost ${num(r.cost)}; ${status}`,
    `Greedy by value/cost: value ${num(r.greedy.value)}${r.greedy.feasible ? '' : ' (could not place every must-do)'}; optimised${gain}${r.source === 'greedy' ? ' (the greedy selection: HiGHS found nothing better)' : ''}`,
    '',
    `  ${'id'.padEnd(w)}  start  ${'value'.padStart(10)}  ${'cost'.padStart(12)}`,
    ...r.selected.map((s) => `  ${s.id.padEnd(w)}  ${String(s.start).padStart(5)}  ${num(s.value).padStart(10)}  ${num(s.cost).padStart(12)}${s.mustDo ? '  must-do' : ''}${s.costBeyondHorizon > 0 ? `  (${num(s.costBeyondHorizon)} past the horizon)` : ''}`),
  ];
  if (r.binding.length) {
    lines.push('', 'Binding constraints');
    for (const b of r.binding.slice(0, 15)) lines.push(`  ${b.label}${b.constraint.kind === 'dependency' || b.constraint.kind === 'exclusion' ? '' : `: ${num(b.use)} of ${num(b.limit)}`}`);
    if (r.binding.length > 15) lines.push(`  … and ${r.binding.length - 15} more`);
  }
  const out = [...r.leftOut].sort((a, b) => b.value - a.value);
  if (out.length) {
    lines.push('', 'Left out, most valuable first: what would fit it');
    for (const l of out.slice(0, 15)) {
      const forced = !l.forcedIn ? '' : l.forcedIn.feasible ? `; forced in, the best value is ${num(l.forcedIn.value)} (${num(l.forcedIn.valueLost)} less)` : '; cannot be forced in with the must-dos';
      lines.push(`  ${l.id.padEnd(w)}  value ${num(l.value)}${l.needs ? ` (start ${l.needs.start})` : ''}: ${l.reason}${forced}`);
    }
    if (out.length > 15) lines.push(`  … and ${out.length - 15} more (--json for all)`);
  }
  for (const note of r.notes) lines.push('', `Note: ${note}`);
  lines.push('');
  return lines.join('\n');
}

/**
 * Optimises the model in `file` and returns what `pharos optimise` prints. An infeasible
 * model throws a `validation-failed` error naming each constraint the must-do candidates
 * overrun and by how much (after the JSON, with `--json`, which carries them too).
 */
export async function optimiseFile(file: string, options: OptimiseCliOptions = {}, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<void> {
  const text = await readInputFile(file);
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw usage(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = await optimise(model as PortfolioModel, {
    ...(options.gap !== undefined ? { gap: options.gap } : {}),
    ...(options.timeLimit !== undefined ? { timeLimitSeconds: options.timeLimit } : {}),
    ...(options.forceIn !== undefined ? { forceInLimit: options.forceIn } : {}),
  });
  if (r.status !== 'infeasible') {
    // The engine checks its answer as it goes; this is the independent check of the model's definition.
    const broken = checkSelection(model as PortfolioModel, r.selected);
    if (broken.length) throw new Error(`the optimiser's selection breaks a rule: ${broken[0]!.message}`);
  }
  if (options.json) write(`${JSON.stringify(optimiseJson(r))}\n`);
  if (r.status === 'infeasible') {
    const issues: FieldIssue[] = r.infeasibility.map((s) => ({ field: fieldOf(s.constraint), reason: s.message }));
    const detail = r.infeasibility.length ? r.infeasibility.map((s) => s.message).join('; ') : r.notes.join(' ');
    throw new PharosError('validation-failed', `infeasible: the must-do candidates cannot all be funded: ${detail}`, { issues });
  }
  if (!options.json) write(formatOptimisation(r));
}

/** `pharos optimise MODEL.json`: which candidates to fund, and when, for the most value. */
export function registerOptimise(program: Command): void {
  program
    .command('optimise')
    .description('Choose which candidate projects to fund, and when each starts, for the most value within budget and capacity (HiGHS MILP), beside the greedy value/cost choice')
    .argument('<file>', 'a selection model .json (see docs/portfolio-optimisation.md), or - for stdin')
    .option('--gap <g>', 'stop within this relative gap of the best bound: a fraction (0.01) or a percentage (1%) (default 0.01%)', parseGap)
    .option('--time-limit <s>', 'seconds HiGHS may take (default 60)', seconds)
    .option('--force-in <n>', 'left-out candidates, most valuable first, to re-solve with each forced in (default 10)', intOption('--force-in', 0, 10_000))
    .option('--json', 'print {"selected": [{"id", "start"}], "value", "gap", "greedy": {"selected", "value"}, "status", "bound", "cost"}')
    .action(async (file: string, options: OptimiseCliOptions) => {
      await optimiseFile(file, options);
    });
}
