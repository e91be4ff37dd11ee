import { type FieldIssue, invalid } from '../errors.js';

/**
 * An organisation's risk matrix: the probability and impact scales a risk is rated on, the
 * bands its score falls into, and the PMO's rules for escalation and review. A risk's score
 * is its probability level times its impact level (1 … levels²).
 */
export type RiskMatrix = {
  /** Probability levels from 1 (lowest) up; each with the likelihood it stands for. */
  readonly probability: readonly ProbabilityLevel[];
  /** Impact levels from 1 (lowest) up. */
  readonly impact: readonly ImpactLevel[];
  /** Score bands from the lowest; each starts at `minScore`, the first at 1. */
  readonly bands: readonly ScoreBand[];
  /** Items at or above this score, or with a proximity within `proximityDays`, are escalated. */
  readonly escalation: { readonly scoreAtLeast: number; readonly proximityDays: number | null };
  /** A risk not reviewed for this many days is stale. */
  readonly reviewIntervalDays: number;
};

export type ProbabilityLevel = {
  readonly label: string;
  /** The likelihood (0..1) this level stands for when a risk has no quantified probability. */
  readonly likelihood: number;
};
export type ImpactLevel = { readonly label: string; readonly description?: string };
export type ScoreBand = { readonly name: string; readonly minScore: number; readonly colour: string };

/** The common 5×5 matrix (as in PRINCE2 and the PMI practice standard). */
export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  probability: [
    { label: 'Very low', likelihood: 0.05 },
    { label: 'Low', likelihood: 0.2 },
    { label: 'Medium', likelihood: 0.4 },
    { label: 'High', likelihood: 0.6 },
    { label: 'Very high', likelihood: 0.85 },
  ],
  impact: [
    { label: 'Very low', description: 'negligible: absorbed within tolerance' },
    { label: 'Low', description: 'minor slip or overspend within the project' },
    { label: 'Medium', description: 'uses the project contingency' },
    { label: 'High', description: 'breaches a stage tolerance' },
    { label: 'Very high', description: 'breaches project tolerance or threatens the business case' },
  ],
  bands: [
    { name: 'Low', minScore: 1, colour: '#2f9e44' },
    { name: 'Medium', minScore: 5, colour: '#f08c00' },
    { name: 'High', minScore: 10, colour: '#e8590c' },
    { name: 'Critical', minScore: 16, colour: '#c92a2a' },
  ],
  escalation: { scoreAtLeast: 16, proximityDays: 14 },
  reviewIntervalDays: 30,
};

/**
 * The problems with a matrix a PMO wants to save, each naming its field; empty when it is
 * sound. Scales have 2–10 levels; likelihoods rise strictly within 0..1; bands start at 1,
 * rise strictly and stay within the largest score; the escalation score is a possible score.
 */
export function matrixIssues(m: RiskMatrix): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const scale of ['probability', 'impact'] as const) {
    const levels = m[scale];
    if (levels.length < 2 || levels.length > 10) issues.push({ field: scale, reason: `must have 2 to 10 levels (has ${levels.length})` });
  }
  m.probability.forEach((p, i) => {
    if (!(p.likelihood > 0 && p.likelihood < 1)) issues.push({ field: `probability.${i}.likelihood`, reason: 'must be above 0 and below 1' });
    else if (i > 0 && !(p.likelihood > m.probability[i - 1]!.likelihood)) issues.push({ field: `probability.${i}.likelihood`, reason: 'must be above the level below it' });
  });
  const top = maxScore(m);
  if (m.bands.length === 0) issues.push({ field: 'bands', reason: 'must have at least one band' });
  m.bands.forEach((b, i) => {
    if (i === 0 && b.minScore !== 1) issues.push({ field: 'bands.0.minScore', reason: 'must be 1 (the lowest band starts at the lowest score)' });
    else if (i > 0 && !(b.minScore > m.bands[i - 1]!.minScore)) issues.push({ field: `bands.${i}.minScore`, reason: 'must be above the band below it' });
    else if (b.minScore > top) issues.push({ field: `bands.${i}.minScore`, reason: `must be at most ${top}, the largest score` });
  });
  const names = new Set<string>();
  m.bands.forEach((b, i) => {
    if (names.has(b.name)) issues.push({ field: `bands.${i}.name`, reason: `repeats the band ${b.name}` });
    names.add(b.name);
  });
  if (m.escalation.scoreAtLeast < 1 || m.escalation.scoreAtLeast > top) issues.push({ field: 'escalation.scoreAtLeast', reason: `must be 1 to ${top}` });
  return issues;
}

/** Throws a validation error naming every problem of the matrix. */
export function assertMatrix(m: RiskMatrix): void {
  const issues = matrixIssues(m);
  if (issues.length) throw invalid(issues);
}

export const maxScore = (m: RiskMatrix): number => m.probability.length * m.impact.length;

/** Problems with a probability and impact rating against the matrix, under the given field names. */
export function ratingIssues(m: RiskMatrix, probability: number | null | undefined, impact: number | null | undefined, fields = { probability: 'probability', impact: 'impact' }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (probability != null && (probability > m.probability.length || probability < 1)) issues.push({ field: fields.probability, reason: `must be a level from 1 to ${m.probability.length} of the organisation's matrix` });
  if (impact != null && (impact > m.impact.length || impact < 1)) issues.push({ field: fields.impact, reason: `must be a level from 1 to ${m.impact.length} of the organisation's matrix` });
  return issues;
}

/** The score of a rating: probability level × impact level. */
export const scoreOf = (probability: number, impact: number): number => probability * impact;

/** The band a score falls in: the last band whose `minScore` it reaches. */
export function bandOf(m: RiskMatrix, score: number): ScoreBand {
  let band = m.bands[0]!;
  for (const b of m.bands) if (score >= b.minScore) band = b;
  return band;
}

/** Whole days from `today` to `date` (both `YYYY-MM-DD`); negative when `date` is past. */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why an open item is escalated to the levels above it, or `null`: a person raised it by
 * hand, its score reached the matrix's threshold, or its proximity date is within the
 * matrix's window (a past proximity date counts: the risk is imminent or overdue).
 */
export function escalationReason(
  m: RiskMatrix,
  item: { readonly score: number | null; readonly proximity: string | null; readonly escalatedByHand: boolean; readonly open: boolean },
  today: string,
): string | null {
  if (!item.open) return null;
  if (item.escalatedByHand) return 'escalated by hand';
  if (item.score !== null && item.score >= m.escalation.scoreAtLeast) return `score ${item.score} is at or above ${m.escalation.scoreAtLeast}`;
  if (item.proximity !== null && m.escalation.proximityDays !== null) {
    const days = daysUntil(today, item.proximity);
    if (days <= m.escalation.proximityDays) return days < 0 ? `proximity ${item.proximity} has passed` : `proximity ${item.proximity} is within ${m.escalation.proximityDays} days`;
  }
  return null;
}

/** A review is stale when the last one is older than the matrix's interval. */
export function isStale(m: RiskMatrix, reviewedOn: string, today: string): boolean {
  return daysUntil(reviewedOn, today) > m.reviewIntervalDays;
}

export type HeatMapCell = { readonly probability: number; readonly impact: number; readonly score: number; readonly band: string; readonly colour: string; readonly count: number; readonly ids: readonly string[] };

/**
 * The heat map: one cell per probability × impact level (probability from the highest row
 * down, impact from the lowest column across), with the items rated in it. Items without
 * a rating (no residual rating yet) are left out.
 */
export function heatMap(m: RiskMatrix, items: readonly { readonly id: string; readonly probability: number | null; readonly impact: number | null }[]): HeatMapCell[][] {
  const rows: HeatMapCell[][] = [];
  const at = new Map<string, string[]>();
  for (const it of items) {
    if (it.probability === null || it.impact === null) continue;
    const key = `${it.probability}:${it.impact}`;
    const list = at.get(key) ?? [];
    list.push(it.id);
    at.set(key, list);
  }
  for (let p = m.probability.length; p >= 1; p--) {
    const row: HeatMapCell[] = [];
    for (let i = 1; i <= m.impact.length; i++) {
      const score = scoreOf(p, i);
      const band = bandOf(m, score);
      const ids = at.get(`${p}:${i}`) ?? [];
      row.push({ probability: p, impact: i, score, band: band.name, colour: band.colour, count: ids.length, ids });
    }
    rows.push(row);
  }
  return rows;
}
