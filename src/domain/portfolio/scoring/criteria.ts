import type { FieldIssue } from '../../errors.js';

/** Whether a bigger value on the criterion's scale makes a project more or less attractive. */
export const DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
export type CriterionDirection = (typeof DIRECTIONS)[number];

/**
 * Where a criterion's value comes from: typed in by a person (`entered`), or worked out from
 * the project's contributions to the organisation's weighted objectives (`alignment`, 0–100).
 */
export const CRITERION_SOURCES = ['entered', 'alignment'] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

/** How the criteria's weights are set: typed directly, or derived from pairwise comparisons (AHP). */
export const WEIGHTING_METHODS = ['direct', 'pairwise'] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];

/** One criterion of a scoring model, with its scale (`min` to `max`, in `unit`). */
export type Criterion = {
  /** Stable key inside the model (scores are stored under it), e.g. `npv`. */
  id: string;
  name: string;
  description: string;
  unit: string;
  min: number;
  max: number;
  direction: CriterionDirection;
  /** The directly set weight (≥ 0); used when the model's weighting is `direct`. */
  weight: number;
  source: CriterionSource;
};

/** "`a` is `value` times as important as `b`", on Saaty's scale 1/9 … 9. */
export type PairwiseComparison = { a: string; b: string; value: number };

export type ScoringModelDefinition = {
  criteria: readonly Criterion[];
  weighting: WeightingMethod;
  /** The comparisons, one per unordered pair; used when the weighting is `pairwise`. */
  pairwise: readonly PairwiseComparison[];
};

/** The most criteria a model may hold (Saaty's random index table, and what a person can compare). */
export const MAX_CRITERIA = 15;
/** Saaty's scale bounds for one comparison. */
export const PAIRWISE_MIN = 1 / 9;
export const PAIRWISE_MAX = 9;

const ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Problems with a model's definition, each naming its field, or an empty list. Checks the
 * criteria (unique ids, a scale with `min < max`, weights ≥ 0 that sum to a positive number
 * when weighting directly, at most one alignment criterion, on 0–100) and the comparisons
 * (known, distinct criteria, one per pair, on 1/9 … 9).
 *
 * @example validateModel({ criteria: [], weighting: 'direct', pairwise: [] })
 * // [{ field: 'criteria', reason: 'needs at least one criterion' }]
 */
export function validateModel(model: ScoringModelDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { criteria } = model;
  if (criteria.length === 0) issues.push({ field: 'criteria', reason: 'needs at least one criterion' });
  if (criteria.length > MAX_CRITERIA) issues.push({ field: 'criteria', reason: `holds ${criteria.length} criteria; at most ${MAX_CRITERIA} may be compared` });
  const seen = new Set<string>();
  let alignments = 0;
  criteria.forEach((c, i) => {
    const at = `criteria.${i}`;
    if (!ID.test(c.id)) issues.push({ field: `${at}.id`, reason: 'must be 1–40 lower-case letters, digits or hyphens, starting with a letter' });
    else if (seen.has(c.id)) issues.push({ field: `${at}.id`, reason: `"${c.id}" is used by another criterion` });
    seen.add(c.id);
    if (!Number.isFinite(c.min) || !Number.isFinite(c.max)) issues.push({ field: `${at}.max`, reason: 'the scale needs finite bounds' });
    else if (!(c.min < c.max)) issues.push({ field: `${at}.max`, reason: `must be above the minimum (${c.min})` });
    if (!Number.isFinite(c.weight) || c.weight < 0) issues.push({ field: `${at}.weight`, reason: 'must be a number ≥ 0' });
    if (c.source === 'alignment') {
      alignments += 1;
      if (alignments > 1) issues.push({ field: `${at}.source`, reason: 'only one criterion can be computed from strategic alignment' });
      if (c.min !== 0 || c.max !== 100 || c.direction !== 'higher-is-better') {
        issues.push({ field: `${at}.source`, reason: 'strategic alignment is measured from 0 to 100, higher is better' });
      }
    }
  });
  if (model.weighting === 'direct' && criteria.length > 0 && issues.length === 0) {
    const total = criteria.reduce((s, c) => s + c.weight, 0);
    if (!(total > 0)) issues.push({ field: 'criteria', reason: 'the weights must sum to a positive number' });
  }
  const pairs = new Set<string>();
  model.pairwise.forEach((p, i) => {
    const at = `pairwise.${i}`;
    if (!seen.has(p.a)) issues.push({ field: `${at}.a`, reason: `"${p.a}" is not a criterion of this model` });
    if (!seen.has(p.b)) issues.push({ field: `${at}.b`, reason: `"${p.b}" is not a criterion of this model` });
    if (p.a === p.b) issues.push({ field: `${at}.b`, reason: 'a criterion is not compared with itself' });
    const key = p.a < p.b ? `${p.a}|${p.b}` : `${p.b}|${p.a}`;
    if (pairs.has(key)) issues.push({ field: at, reason: `"${p.a}" and "${p.b}" are compared twice` });
    pairs.add(key);
    if (!Number.isFinite(p.value) || p.value < PAIRWISE_MIN - 1e-9 || p.value > PAIRWISE_MAX + 1e-9) {
      issues.push({ field: `${at}.value`, reason: 'must be on the scale 1/9 … 9 (how many times as important a is as b)' });
    }
  });
  return issues;
}

/**
 * A value's position on its criterion's scale, from 0 (worst) to 1 (best), after the
 * direction is applied; values outside the scale are clamped.
 *
 * @example normalise({ min: 0, max: 10, direction: 'lower-is-better' } as Criterion, 2.5) // 0.75
 */
export function normalise(criterion: Pick<Criterion, 'min' | 'max' | 'direction'>, value: number): number {
  const t = (value - criterion.min) / (criterion.max - criterion.min);
  const clamped = t < 0 ? 0 : t > 1 ? 1 : t;
  return criterion.direction === 'higher-is-better' ? clamped : 1 - clamped;
}

/**
 * Problems with one project's entered values against the model, each naming
 * `values.<criterion id>`: unknown criteria, values for a computed criterion, values that are
 * not finite or fall outside the scale.
 */
export function validateValues(criteria: readonly Criterion[], values: Readonly<Record<string, number | null>>): FieldIssue[] {
  const byId = new Map(criteria.map((c) => [c.id, c] as const));
  const issues: FieldIssue[] = [];
  for (const [id, v] of Object.entries(values)) {
    const field = `values.${id}`;
    const c = byId.get(id);
    if (!c) issues.push({ field, reason: 'is not a criterion of this model' });
    else if (c.source !== 'entered') issues.push({ field, reason: 'is computed from strategic alignment and cannot be entered' });
    else if (v === null) continue;
    else if (!Number.isFinite(v)) issues.push({ field, reason: 'must be a number' });
    else if (v < c.min) issues.push({ field, reason: `${v} is below the scale's minimum (${withUnit(c.min, c.unit)})` });
    else if (v > c.max) issues.push({ field, reason: `${v} is above the scale's maximum (${withUnit(c.max, c.unit)})` });
  }
  return issues;
}

function withUnit(n: number, unit: string): string {
  return unit ? `${n} ${unit}` : String(n);
}
