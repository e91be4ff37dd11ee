/**
 * Statistics of simulated samples: percentiles, histogram, S-curve, probabilities of
 * meeting a value, joint confidence, contingency and convergence.
 */

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted`, interpolated between order statistics (Hyndman–Fan type 7). */
export function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Share of `sorted` at or below `x`: the probability of meeting `x`. */
export function probabilityAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x + 1e-9 * (1 + Math.abs(x))) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? lo / sorted.length : Number.NaN;
}

export type HistogramBin = { readonly from: number; readonly to: number; readonly count: number };

/** `bins` equal-width bins from the least to the greatest sample (one bin when all are equal). */
export function histogram(sorted: Float64Array, bins = 30): HistogramBin[] {
  const n = sorted.length;
  if (n === 0) return [];
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  if (hi - lo <= 1e-12 * (1 + Math.abs(hi))) return [{ from: lo, to: hi, count: n }];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((sorted[i]! - lo) / width))]!++;
  return counts.map((count, b) => ({ from: lo + b * width, to: b === bins - 1 ? hi : lo + (b + 1) * width, count }));
}

/** The S-curve: the value at each whole percent of confidence, 0 to 100. */
export function sCurve(sorted: Float64Array): { confidence: number; value: number }[] {
  return Array.from({ length: 101 }, (_, k) => ({ confidence: k / 100, value: percentile(sorted, k / 100) }));
}

/**
 * Joint confidence: the share of iterations that meet both a finish and a cost,
 * P(finish ≤ d and cost ≤ c). `finish` and `cost` are per iteration, in the same order.
 *
 * @example
 * jointConfidence(result.samples.finish, result.samples.cost, 120, 1_000_000); // 0.71
 */
export function jointConfidence(finish: Float64Array, cost: Float64Array, d: number, c: number): number {
  let hits = 0;
  const ed = 1e-9 * (1 + Math.abs(d));
  const ec = 1e-9 * (1 + Math.abs(c));
  for (let i = 0; i < finish.length; i++) if (finish[i]! <= d + ed && cost[i]! <= c + ec) hits++;
  return finish.length ? hits / finish.length : Number.NaN;
}

/** How settled a percentile and the mean are: their relative change over the last 10% of the iterations, and a 95% interval on the percentile. */
export type Convergence = {
  readonly meanChange: number;
  readonly percentileChange: number;
  /** Distribution-free 95% confidence interval of the percentile (from the binomial order statistics). */
  readonly interval: readonly [number, number];
  /** Both changes under 0.5% and the interval within ±1% of the percentile. */
  readonly converged: boolean;
};

/**
 * Convergence of `samples` (in iteration order) at confidence `p`: compares the mean and the
 * p-percentile of the first 90% of the iterations with those of all, and gives the interval
 * between the order statistics N·p ∓ 1.96 √(N p (1 − p)).
 */
export function convergence(samples: Float64Array, p: number): Convergence {
  const n = samples.length;
  const sorted = Float64Array.from(samples).sort();
  const head = samples.slice(0, Math.max(1, Math.floor(n * 0.9))).sort();
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
  const all = percentile(sorted, p);
  const half = 1.96 * Math.sqrt(n * p * (1 - p));
  const lo = sorted[Math.max(0, Math.floor(n * p - half))]!;
  const hi = sorted[Math.min(n - 1, Math.ceil(n * p + half))]!;
  const meanChange = rel(mean(head), mean(sorted));
  const percentileChange = rel(percentile(head, p), all);
  const converged = meanChange < 0.005 && percentileChange < 0.005 && (hi - lo) / 2 <= 0.01 * Math.max(Math.abs(all), 1e-12);
  return { meanChange, percentileChange, interval: [lo, hi], converged };
}

/** Summary of one simulated quantity (finish in working days, or cost). */
export type QuantitySummary = {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly p10: number;
  readonly p50: number;
  readonly p80: number;
  readonly p90: number;
  /** The value with every estimate at its most likely and no risk event. */
  readonly deterministic: number;
  /** P(value ≤ deterministic). */
  readonly probabilityOfDeterministic: number;
  readonly target: number | null;
  readonly probabilityOfTarget: number | null;
  /** The value at the chosen confidence less the deterministic value. */
  readonly contingency: number;
  readonly histogram: readonly HistogramBin[];
  readonly sCurve: readonly { confidence: number; value: number }[];
  readonly convergence: Convergence;
};

/** Summarises samples (in iteration order) against a deterministic value, an optional target, and a confidence for contingency. */
export function summarise(samples: Float64Array, deterministic: number, confidence: number, target: number | null = null): QuantitySummary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  return {
    mean,
    sd: Math.sqrt(ss / Math.max(1, n - 1)),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    p10: percentile(sorted, 0.1),
    p50: percentile(sorted, 0.5),
    p80: percentile(sorted, 0.8),
    p90: percentile(sorted, 0.9),
    deterministic,
    probabilityOfDeterministic: probabilityAtMost(sorted, deterministic),
    target,
    probabilityOfTarget: target === null ? null : probabilityAtMost(sorted, target),
    contingency: percentile(sorted, confidence) - deterministic,
    histogram: histogram(sorted),
    sCurve: sCurve(sorted),
    convergence: convergence(samples, confidence),
  };
}

/** One project's simulated cost (per iteration) and deterministic cost, for a roll-up. */
export type ContingencyPart = { readonly id: string; readonly cost: Float64Array; readonly deterministic: number };

/**
 * Contingency at `confidence` rolled up to a programme or portfolio: the parts' costs are
 * added iteration by iteration (the parts must come from independent runs of the same
 * number of iterations, e.g. one seed per project), and the total's percentile less the sum
 * of the deterministic costs is the programme's contingency. It is at most the sum of the
 * parts' own contingencies (risks do not all strike at once); `pooling` is the difference.
 *
 * @example
 * rollUpContingency([{ id: 'P1', cost: a, deterministic: 100 }, { id: 'P2', cost: b, deterministic: 50 }], 0.8);
 */
export function rollUpContingency(parts: readonly ContingencyPart[], confidence: number): { total: number; deterministic: number; contingency: number; sumOfParts: number; pooling: number; parts: { id: string; contingency: number }[] } {
  const n = parts[0]?.cost.length ?? 0;
  if (parts.some((p) => p.cost.length !== n)) throw new RangeError('every part must have the same number of iterations');
  const total = new Float64Array(n);
  for (const p of parts) for (let i = 0; i < n; i++) total[i]! += p.cost[i]!;
  total.sort();
  const deterministic = parts.reduce((s, p) => s + p.deterministic, 0);
  const each = parts.map((p) => ({ id: p.id, contingency: percentile(Float64Array.from(p.cost).sort(), confidence) - p.deterministic }));
  const contingency = percentile(total, confidence) - deterministic;
  const sumOfParts = each.reduce((s, p) => s + p.contingency, 0);
  return { total: percentile(total, confidence), deterministic, contingency, sumOfParts, pooling: sumOfParts - contingency, parts: each };
}
