import { modelWeights, STARTER_CRITERIA, validateModel, type Criterion, type PairwiseComparison, type WeightingMethod } from '../../../../../src/domain/portfolio/scoring/index.js';
import type { ScoringModel, ScoringModelCreate } from '../../../api/scoring';

/** A scoring model being edited: the same shape the API takes, plus what the engine says of it. */
export type ModelDraft = {
  name: string;
  description: string;
  weighting: WeightingMethod;
  criteria: Criterion[];
  pairwise: PairwiseComparison[];
};

export function newDraft(): ModelDraft {
  return { name: 'Investment committee', description: '', weighting: 'direct', criteria: STARTER_CRITERIA.map((c) => ({ ...c })), pairwise: [] };
}

export function draftOf(model: ScoringModel): ModelDraft {
  return { name: model.name, description: model.description, weighting: model.weighting, criteria: model.criteria.map((c) => ({ ...c })), pairwise: model.pairwise.map((p) => ({ ...p })) };
}

/** The body the API takes; comparisons of criteria that were removed are dropped. */
export function bodyOf(draft: ModelDraft): ScoringModelCreate {
  const ids = new Set(draft.criteria.map((c) => c.id));
  return { ...draft, pairwise: draft.pairwise.filter((p) => ids.has(p.a) && ids.has(p.b)) };
}

/** Field problems (by the API's field path) and the weights the model would score with. */
export function assess(draft: ModelDraft) {
  const body = bodyOf(draft);
  const issues = validateModel(body);
  const weights = issues.length === 0 ? modelWeights(body) : null;
  return { issues, weights };
}

/** A criterion id from its name: `Financial value` → `financial-value`, unique among `taken`. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 32) || 'criterion';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The comparison of two criteria as stored (a over b), or 1 when not compared yet. */
export function comparisonOf(pairwise: readonly PairwiseComparison[], a: string, b: string): number | null {
  const direct = pairwise.find((p) => p.a === a && p.b === b);
  if (direct) return direct.value;
  const reverse = pairwise.find((p) => p.a === b && p.b === a);
  return reverse ? 1 / reverse.value : null;
}

/** Sets "a is `value` times as important as b", replacing any earlier comparison of the pair. */
export function withComparison(pairwise: readonly PairwiseComparison[], a: string, b: string, value: number): PairwiseComparison[] {
  return [...pairwise.filter((p) => !((p.a === a && p.b === b) || (p.a === b && p.b === a))), { a, b, value }];
}
