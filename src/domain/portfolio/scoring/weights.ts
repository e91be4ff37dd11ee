import { CONSISTENCY_LIMIT, pairwiseWeights } from './ahp.js';
import type { ScoringModelDefinition } from './criteria.js';

export type ModelWeights = {
  /** Weight per criterion, in the model's order, summing to 1. */
  weights: number[];
  /** For pairwise weighting: λmax, the consistency ratio and the pairs not compared yet. */
  consistency: { lambdaMax: number; consistencyRatio: number; missing: Array<{ a: string; b: string }> } | null;
  /** Warnings a person should see (inconsistent comparisons, pairs not compared). */
  warnings: string[];
};

/**
 * The weights a model scores with, normalised to sum to 1: the direct weights, or the AHP
 * weights from its pairwise comparisons (warned, not refused, when the consistency ratio is
 * above 0.1 or pairs are missing). Call only on a model {@link validateModel} accepts.
 *
 * @example modelWeights({ criteria: [{ weight: 3 }, { weight: 1 }], weighting: 'direct', pairwise: [] }).weights // [0.75, 0.25]
 */
export function modelWeights(model: ScoringModelDefinition): ModelWeights {
  if (model.weighting === 'direct') {
    const total = model.criteria.reduce((s, c) => s + c.weight, 0);
    return { weights: model.criteria.map((c) => (total > 0 ? c.weight / total : 0)), consistency: null, warnings: [] };
  }
  const ahp = pairwiseWeights(model.criteria, model.pairwise);
  const warnings: string[] = [];
  if (ahp.consistencyRatio > CONSISTENCY_LIMIT) {
    warnings.push(
      `The pairwise comparisons are inconsistent: consistency ratio ${ahp.consistencyRatio.toFixed(2)} is above ${CONSISTENCY_LIMIT} (review the comparisons that contradict each other).`,
    );
  }
  if (ahp.missing.length > 0) {
    const names = new Map(model.criteria.map((c) => [c.id, c.name] as const));
    const pairs = ahp.missing.slice(0, 3).map((m) => `${names.get(m.a)} / ${names.get(m.b)}`);
    const more = ahp.missing.length > 3 ? ` and ${ahp.missing.length - 3} more` : '';
    warnings.push(`${ahp.missing.length} pair${ahp.missing.length === 1 ? ' is' : 's are'} not compared yet and count as equally important: ${pairs.join(', ')}${more}.`);
  }
  return {
    weights: ahp.weights,
    consistency: { lambdaMax: ahp.lambdaMax, consistencyRatio: ahp.consistencyRatio, missing: ahp.missing },
    warnings,
  };
}
