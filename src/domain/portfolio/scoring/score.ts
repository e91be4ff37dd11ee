import { normalise, type Criterion } from './criteria.js';

/** One project's values on the model's criteria (`null` or absent: not scored yet). */
export type ProjectValues = { projectId: string; values: Readonly<Record<string, number | null | undefined>> };

/** What one criterion gave one project. */
export type CriterionPart = {
  criterionId: string;
  /** The value on the criterion's scale, or `null` when not scored. */
  value: number | null;
  /** Position on the scale after direction, 0 (worst) … 1 (best); 0 when not scored. */
  normalised: number;
  /** The criterion's weight (the model's weights sum to 1). */
  weight: number;
  /** Points this criterion adds to the score: weight × normalised × 100. */
  points: number;
};

export type ProjectScore = {
  projectId: string;
  /** 0–100: the weighted sum of the normalised values. */
  score: number;
  parts: CriterionPart[];
  /** Share of the model's weight that has a value (1 = fully scored). */
  completeness: number;
  /** 1-based, equal scores share a rank (1, 2, 2, 4). */
  rank: number;
};

/**
 * Scores and ranks projects: each criterion adds `weight × normalised value × 100` points, so
 * a score is 0–100 and its breakdown sums to it exactly. A criterion without a value adds
 * nothing and lowers `completeness`. Ranked by score (highest first); equal scores share a
 * rank and are listed by the order given.
 *
 * @example
 * scoreProjects([{ id: 'npv', min: 0, max: 10, direction: 'higher-is-better', … }], [1], [{ projectId: 'A', values: { npv: 5 } }])
 * // [{ projectId: 'A', score: 50, completeness: 1, rank: 1, parts: [{ criterionId: 'npv', value: 5, normalised: 0.5, weight: 1, points: 50 }] }]
 */
export function scoreProjects(criteria: readonly Criterion[], weights: readonly number[], projects: readonly ProjectValues[]): ProjectScore[] {
  const scored = projects.map((p, order) => {
    let score = 0;
    let completeness = 0;
    const parts = criteria.map((c, i): CriterionPart => {
      const raw = p.values[c.id];
      const weight = weights[i] ?? 0;
      if (raw === null || raw === undefined || !Number.isFinite(raw)) return { criterionId: c.id, value: null, normalised: 0, weight, points: 0 };
      const n = normalise(c, raw);
      const points = weight * n * 100;
      score += points;
      completeness += weight;
      return { criterionId: c.id, value: raw, normalised: n, weight, points };
    });
    return { projectId: p.projectId, score, parts, completeness: Math.min(1, completeness), rank: 0, order };
  });
  scored.sort((x, y) => y.score - x.score || x.order - y.order);
  let rank = 0;
  scored.forEach((s, i) => {
    if (i === 0 || !sameScore(s.score, scored[i - 1]!.score)) rank = i + 1;
    s.rank = rank;
  });
  return scored.map(({ order: _order, ...s }) => s);
}

function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/** One criterion's share of the gap between two projects, in points (positive favours `above`). */
export type GapPart = { criterionId: string; points: number };

export type RankingGap = {
  above: string;
  below: string;
  /** Score of `above` minus score of `below`; the parts sum to it. */
  points: number;
  /** The criteria that made a difference, largest first (either sign); zero differences left out. */
  parts: GapPart[];
};

/**
 * Why one project ranks above another: the score gap split by criterion (the points each
 * criterion gave the first minus the points it gave the second), largest effect first.
 *
 * @example explainGap(a, b) // { above: 'A', below: 'B', points: 6.4, parts: [{ criterionId: 'npv', points: 9.1 }, { criterionId: 'risk', points: -2.7 }] }
 */
export function explainGap(above: ProjectScore, below: ProjectScore): RankingGap {
  const parts: GapPart[] = [];
  above.parts.forEach((p, i) => {
    const d = p.points - (below.parts[i]?.points ?? 0);
    if (Math.abs(d) > 1e-9) parts.push({ criterionId: p.criterionId, points: d });
  });
  parts.sort((x, y) => Math.abs(y.points) - Math.abs(x.points) || x.criterionId.localeCompare(y.criterionId));
  return { above: above.projectId, below: below.projectId, points: above.score - below.score, parts };
}
