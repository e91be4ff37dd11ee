import { invalid, PharosError, type FieldIssue } from '../errors.js';
import { toDist, type Dist } from './distributions.js';
import type { Estimate, RiskLink, RiskLinkType, RiskModel } from './types.js';

const LINK_CODE: Record<RiskLinkType, number> = { FS: 0, SS: 1, FF: 2, SF: 3 };

/**
 * A model turned into index-based typed arrays. Random variables are numbered: task
 * durations 0..n−1, then task costs, then one occurrence per risk, then one per schedule
 * impact, then one per risk cost.
 */
export type CompiledModel = {
  readonly ids: readonly string[];
  readonly riskIds: readonly string[];
  readonly n: number;
  /** Topological order of the tasks (predecessors first). */
  readonly order: Int32Array;
  /** Links by successor (CSR): predecessors of task j are predIdx[predStart[j] .. predStart[j + 1]). */
  readonly predStart: Int32Array;
  readonly predIdx: Int32Array;
  readonly predType: Uint8Array;
  readonly predLag: Float64Array;
  /** Links by predecessor (CSR), for the backward pass. */
  readonly succStart: Int32Array;
  readonly succIdx: Int32Array;
  readonly succType: Uint8Array;
  readonly succLag: Float64Array;
  /**
   * Per task, one finish-to-start link with a lag ≥ 0 from a predecessor (`predBound`, an
   * index into predIdx) and to a successor (`succBound`, into succIdx), or −1: such a link
   * bounds the task's start below by 0 and its late finish above by the project's finish,
   * so the CPM passes start from it (see `forwardBackward`).
   */
  readonly predBound: Int32Array;
  readonly succBound: Int32Array;
  readonly durations: readonly Dist[];
  /** Tasks with a cost distribution, and that distribution. */
  readonly costTask: Int32Array;
  readonly costs: readonly Dist[];
  readonly costPerDay: Float64Array;
  readonly probability: Float64Array;
  /** Schedule impacts: the risk, the task, the distribution. */
  readonly impactRisk: Int32Array;
  readonly impactTask: Int32Array;
  readonly impacts: readonly Dist[];
  /** Schedule impacts by task (CSR, in impact order): those on task j are impactOrder[impactStart[j] .. impactStart[j + 1]). */
  readonly impactStart: Int32Array;
  readonly impactOrder: Int32Array;
  /** Risks with a cost impact, and its distribution. */
  readonly riskCostRisk: Int32Array;
  readonly riskCosts: readonly Dist[];
  /** Correlated groups: task indices and the target rank correlation. */
  readonly groups: readonly { readonly tasks: Int32Array; readonly rho: number }[];
  /** 1 for a task in a correlated group (its ranks are drawn before the others' values). */
  readonly grouped: Uint8Array;
};

/** Per task, the first link of a CSR that is finish-to-start with a lag ≥ 0, or −1. */
function boundingLinks(start: Int32Array, type: Uint8Array, lag: Float64Array): Int32Array {
  const n = start.length - 1;
  const first = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    for (let k = start[j]!; k < start[j + 1]!; k++) {
      if (type[k] === 0 && lag[k]! >= 0) {
        first[j] = k;
        break;
      }
    }
  }
  return first;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkEstimate(e: Estimate | undefined, field: string, issues: FieldIssue[], nonNegative: boolean): void {
  if (!e || typeof e !== 'object') {
    issues.push({ field, reason: 'is missing' });
    return;
  }
  const need = (k: 'min' | 'mode' | 'max') => {
    const v = (e as Record<string, unknown>)[k];
    if (!finite(v)) issues.push({ field: `${field}.${k}`, reason: v === undefined ? 'is missing' : 'must be a finite number' });
    else if (nonNegative && v < 0) issues.push({ field: `${field}.${k}`, reason: 'must not be negative' });
    return finite(v);
  };
  switch (e.dist) {
    case 'triangular':
    case 'pert':
      if (need('min') && need('mode') && need('max')) {
        if (e.min > e.mode) issues.push({ field: `${field}.min`, reason: `must not exceed mode (${e.min} > ${e.mode})` });
        if (e.mode > e.max) issues.push({ field: `${field}.max`, reason: `must not be below mode (${e.max} < ${e.mode})` });
      }
      return;
    case 'uniform':
      if (need('min') && need('max') && e.min > e.max) issues.push({ field: `${field}.max`, reason: `must not be below min (${e.max} < ${e.min})` });
      return;
    case 'fixed':
      need('mode');
      return;
    case 'discrete': {
      const ok = Array.isArray(e.values) && Array.isArray(e.weights) && e.values.length > 0 && e.values.length === e.weights.length;
      if (!ok) issues.push({ field: `${field}.values`, reason: 'must be a non-empty list with one weight per value' });
      else if (!e.values.every((v) => finite(v) && (!nonNegative || v >= 0))) issues.push({ field: `${field}.values`, reason: nonNegative ? 'must be non-negative numbers' : 'must be numbers' });
      else if (!e.weights.every((w) => finite(w) && w >= 0) || !e.weights.some((w) => w > 0)) issues.push({ field: `${field}.weights`, reason: 'must be non-negative numbers, not all 0' });
      return;
    }
    default:
      issues.push({ field: `${field}.dist`, reason: `must be triangular, pert, uniform, fixed or discrete (got ${JSON.stringify((e as { dist?: unknown }).dist)})` });
  }
}

const threePoint = (e: { min: number; mode: number; max: number }): Estimate => ({ dist: 'triangular', min: e.min, mode: e.mode, max: e.max });

/** The tasks of a cycle among `left` (tasks Kahn's algorithm could not order), found by walking predecessors. */
function findCycle(left: Set<number>, predStart: Int32Array, predIdx: Int32Array): number[] {
  let at = left.values().next().value as number;
  const seen = new Map<number, number>();
  const path: number[] = [];
  while (!seen.has(at)) {
    seen.set(at, path.length);
    path.push(at);
    for (let k = predStart[at]!; k < predStart[at + 1]!; k++) {
      if (left.has(predIdx[k]!)) {
        at = predIdx[k]!;
        break;
      }
    }
  }
  return path.slice(seen.get(at)).reverse();
}

/**
 * Checks a model and compiles it into typed arrays. Throws a `validation-failed` PharosError
 * naming each bad field (`tasks[2].min`, `risks[0].probability` …), or a `cycle` error naming
 * the tasks of a loop.
 *
 * @example
 * compileModel({ tasks: [{ id: 'A', dist: 'fixed', mode: 3 }] }).n; // 1
 */
export function compileModel(model: RiskModel): CompiledModel {
  const issues: FieldIssue[] = [];
  if (!model || !Array.isArray(model.tasks) || model.tasks.length === 0) throw invalid([{ field: 'tasks', reason: 'must be a non-empty list' }]);
  const index = new Map<string, number>();
  model.tasks.forEach((t, i) => {
    if (typeof t.id !== 'string' || t.id === '') issues.push({ field: `tasks[${i}].id`, reason: 'must be a non-empty string' });
    else if (index.has(t.id)) issues.push({ field: `tasks[${i}].id`, reason: `"${t.id}" is used by another task` });
    else index.set(t.id, i);
  });
  if (issues.length) throw invalid(issues);
  const n = model.tasks.length;
  const links: { p: number; s: number; type: number; lag: number }[] = [];
  model.tasks.forEach((t, i) => {
    checkEstimate(t, `tasks[${i}]`, issues, true);
    if (t.cost !== undefined) checkEstimate(t.cost, `tasks[${i}].cost`, issues, false);
    if (t.costPerDay !== undefined && !finite(t.costPerDay)) issues.push({ field: `tasks[${i}].costPerDay`, reason: 'must be a finite number' });
    (t.predecessors ?? []).forEach((p: string, k: number) => {
      const pi = index.get(p);
      if (pi === undefined) issues.push({ field: `tasks[${i}].predecessors[${k}]`, reason: `no task has id "${p}"` });
      else links.push({ p: pi, s: i, type: 0, lag: 0 });
    });
    (t.links ?? []).forEach((l: RiskLink, k: number) => {
      const pi = index.get(l.task);
      const type = LINK_CODE[l.type ?? 'FS'];
      if (pi === undefined) issues.push({ field: `tasks[${i}].links[${k}].task`, reason: `no task has id "${l.task}"` });
      else if (type === undefined) issues.push({ field: `tasks[${i}].links[${k}].type`, reason: 'must be FS, SS, FF or SF' });
      else if (l.lag !== undefined && !finite(l.lag)) issues.push({ field: `tasks[${i}].links[${k}].lag`, reason: 'must be a finite number of working days' });
      else links.push({ p: pi, s: i, type, lag: l.lag ?? 0 });
    });
  });
  const risks = model.risks ?? [];
  const riskIds = new Set<string>();
  risks.forEach((r, i) => {
    if (typeof r.id !== 'string' || r.id === '' || riskIds.has(r.id)) issues.push({ field: `risks[${i}].id`, reason: 'must be a unique non-empty string' });
    riskIds.add(r.id);
    if (!finite(r.probability) || r.probability < 0 || r.probability > 1) issues.push({ field: `risks[${i}].probability`, reason: `must be a number from 0 to 1 (got ${JSON.stringify(r.probability)})` });
    (r.impacts ?? []).forEach((im, k) => {
      if (!index.has(im.task)) issues.push({ field: `risks[${i}].impacts[${k}].task`, reason: `no task has id "${im.task}"` });
      checkEstimate(threePoint(im), `risks[${i}].impacts[${k}]`, issues, false);
    });
    if (r.cost !== undefined) checkEstimate(threePoint(r.cost), `risks[${i}].cost`, issues, false);
  });
  (model.correlations ?? []).forEach((g, i) => {
    if (!Array.isArray(g.tasks) || g.tasks.length < 2) issues.push({ field: `correlations[${i}].tasks`, reason: 'must list at least two tasks' });
    else g.tasks.forEach((t, k) => index.has(t) || issues.push({ field: `correlations[${i}].tasks[${k}]`, reason: `no task has id "${t}"` }));
    const size = Array.isArray(g.tasks) ? g.tasks.length : 2;
    if (!finite(g.rho) || g.rho <= -1 / (size - 1) || g.rho >= 1) issues.push({ field: `correlations[${i}].rho`, reason: `must be above ${-(1 / (size - 1)).toFixed(3)} and below 1` });
  });
  if (issues.length) throw invalid(issues);

  // CSR by successor and by predecessor.
  const predStart = new Int32Array(n + 1);
  const succStart = new Int32Array(n + 1);
  for (const l of links) {
    predStart[l.s + 1]!++;
    succStart[l.p + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    predStart[i + 1]! += predStart[i]!;
    succStart[i + 1]! += succStart[i]!;
  }
  const m = links.length;
  const predIdx = new Int32Array(m);
  const predType = new Uint8Array(m);
  const predLag = new Float64Array(m);
  const succIdx = new Int32Array(m);
  const succType = new Uint8Array(m);
  const succLag = new Float64Array(m);
  const pf = predStart.slice(0, n);
  const sf = succStart.slice(0, n);
  for (const l of links) {
    const a = pf[l.s]!++;
    predIdx[a] = l.p;
    predType[a] = l.type;
    predLag[a] = l.lag;
    const b = sf[l.p]!++;
    succIdx[b] = l.s;
    succType[b] = l.type;
    succLag[b] = l.lag;
  }
  // Kahn's algorithm, without recursion.
  const indeg = new Int32Array(n);
  for (let j = 0; j < n; j++) indeg[j] = predStart[j + 1]! - predStart[j]!;
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n; j++) if (indeg[j] === 0) order[tail++] = j;
  while (head < tail) {
    const p = order[head++]!;
    for (let k = succStart[p]!; k < succStart[p + 1]!; k++) if (--indeg[succIdx[k]!]! === 0) order[tail++] = succIdx[k]!;
  }
  if (tail < n) {
    const left = new Set<number>();
    for (let j = 0; j < n; j++) if (indeg[j]! > 0) left.add(j);
    const cycle = findCycle(left, predStart, predIdx).map((j) => model.tasks[j]!.id);
    throw new PharosError('cycle', `tasks: the links form a cycle: ${[...cycle, cycle[0]].join(' → ')}`, { issues: [{ field: 'tasks', reason: `cycle ${cycle.join(', ')}` }] });
  }

  const costTask: number[] = [];
  const costs: Dist[] = [];
  model.tasks.forEach((t, i) => {
    if (t.cost) {
      costTask.push(i);
      costs.push(toDist(t.cost));
    }
  });
  const impactRisk: number[] = [];
  const impactTask: number[] = [];
  const impacts: Dist[] = [];
  const riskCostRisk: number[] = [];
  const riskCosts: Dist[] = [];
  risks.forEach((r, i) => {
    for (const im of r.impacts ?? []) {
      impactRisk.push(i);
      impactTask.push(index.get(im.task)!);
      impacts.push(toDist(threePoint(im)));
    }
    if (r.cost) {
      riskCostRisk.push(i);
      riskCosts.push(toDist(threePoint(r.cost)));
    }
  });
  const impactStart = new Int32Array(n + 1);
  for (const j of impactTask) impactStart[j + 1]!++;
  for (let j = 0; j < n; j++) impactStart[j + 1]! += impactStart[j]!;
  const impactOrder = new Int32Array(impactTask.length);
  const at = impactStart.slice(0, n);
  impactTask.forEach((j, x) => (impactOrder[at[j]!++] = x));
  const groups = (model.correlations ?? []).map((g) => ({ tasks: Int32Array.from(g.tasks, (t) => index.get(t)!), rho: g.rho }));
  const grouped = new Uint8Array(n);
  for (const g of groups) for (const j of g.tasks) grouped[j] = 1;
  return {
    ids: model.tasks.map((t) => t.id),
    riskIds: risks.map((r) => r.id),
    n,
    order,
    predStart,
    predIdx,
    predType,
    predLag,
    succStart,
    succIdx,
    succType,
    succLag,
    predBound: boundingLinks(predStart, predType, predLag),
    succBound: boundingLinks(succStart, succType, succLag),
    durations: model.tasks.map((t) => toDist(t)),
    costTask: Int32Array.from(costTask),
    costs,
    costPerDay: Float64Array.from(model.tasks, (t) => t.costPerDay ?? 0),
    probability: Float64Array.from(risks, (r) => r.probability),
    impactRisk: Int32Array.from(impactRisk),
    impactTask: Int32Array.from(impactTask),
    impacts,
    impactStart,
    impactOrder,
    riskCostRisk: Int32Array.from(riskCostRisk),
    riskCosts,
    groups,
    grouped,
  };
}
