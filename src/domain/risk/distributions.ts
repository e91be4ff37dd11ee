import type { Estimate } from './types.js';

/** Distribution kinds as stored in the compiled model's typed arrays. */
export const FIXED = 0;
export const TRIANGULAR = 1;
export const UNIFORM = 2;
export const PERT = 3;
export const DISCRETE = 4;

/** A distribution ready to turn uniforms into values by its inverse CDF. */
export type Dist = {
  readonly kind: number;
  readonly min: number;
  readonly mode: number;
  readonly max: number;
  /** PERT: the beta quantile at QUANTILE_STEPS + 1 evenly spaced probabilities, on [0, 1]; discrete: cumulative weights. */
  readonly table: Float64Array | null;
  /** Discrete: the values, in the order of `table`. */
  readonly values: Float64Array | null;
};

/** Resolution of the PERT quantile table: linear interpolation between 4,097 exact points. */
const QUANTILE_STEPS = 4096;
/** PERT-beta with the usual weight of the mode: alpha = 1 + 4 (mode − min) / (max − min). */
const PERT_LAMBDA = 4;

/** ln Γ(x) (Lanczos, g = 7), accurate to about 1e-15 for x > 0. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x.
 *
 * @example
 * regularizedBeta(0.5, 2, 2); // 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

const betaTables = new Map<string, Float64Array>();

/** Quantiles of Beta(a, b) at k / QUANTILE_STEPS, by bisection on the CDF; cached by shape. */
function betaQuantileTable(a: number, b: number): Float64Array {
  const key = `${a}:${b}`;
  const cached = betaTables.get(key);
  if (cached) return cached;
  const table = new Float64Array(QUANTILE_STEPS + 1);
  table[QUANTILE_STEPS] = 1;
  let lo = 0;
  for (let k = 1; k < QUANTILE_STEPS; k++) {
    const p = k / QUANTILE_STEPS;
    let l = lo;
    let h = 1;
    for (let it = 0; it < 52 && h - l > 1e-13; it++) {
      const m = (l + h) / 2;
      if (regularizedBeta(m, a, b) < p) l = m;
      else h = m;
    }
    table[k] = (l + h) / 2;
    lo = l;
  }
  betaTables.set(key, table);
  return table;
}

/** The PERT-beta shape parameters of a three-point estimate. */
export function pertShape(min: number, mode: number, max: number): { alpha: number; beta: number } {
  const range = max - min;
  return { alpha: 1 + (PERT_LAMBDA * (mode - min)) / range, beta: 1 + (PERT_LAMBDA * (max - mode)) / range };
}

/** Compiles an estimate (already validated) into a {@link Dist}. */
export function toDist(e: Estimate): Dist {
  switch (e.dist) {
    case 'fixed':
      return { kind: FIXED, min: e.mode, mode: e.mode, max: e.mode, table: null, values: null };
    case 'uniform':
      return { kind: e.min === e.max ? FIXED : UNIFORM, min: e.min, mode: (e.min + e.max) / 2, max: e.max, table: null, values: null };
    case 'triangular':
      return { kind: e.min === e.max ? FIXED : TRIANGULAR, min: e.min, mode: e.mode, max: e.max, table: null, values: null };
    case 'pert': {
      if (e.min === e.max) return { kind: FIXED, min: e.min, mode: e.mode, max: e.max, table: null, values: null };
      const { alpha, beta } = pertShape(e.min, e.mode, e.max);
      return { kind: PERT, min: e.min, mode: e.mode, max: e.max, table: betaQuantileTable(alpha, beta), values: null };
    }
    case 'discrete': {
      const order = e.values.map((_, i) => i).sort((i, j) => e.values[i]! - e.values[j]!);
      const total = e.weights.reduce((s, w) => s + w, 0);
      const values = Float64Array.from(order, (i) => e.values[i]!);
      const table = new Float64Array(order.length);
      let acc = 0;
      order.forEach((i, k) => {
        acc += e.weights[i]! / total;
        table[k] = acc;
      });
      table[order.length - 1] = 1;
      const likeliest = e.values[e.weights.indexOf(Math.max(...e.weights))]!;
      return { kind: DISCRETE, min: values[0]!, mode: likeliest, max: values[values.length - 1]!, table, values };
    }
  }
}

/**
 * Inverse CDF: the value at cumulative probability `u` (0 ≤ u < 1).
 *
 * Triangular: min + √(u (max − min)(mode − min)) below F(mode), else max − √((1 − u)(max − min)(max − mode)).
 *
 * @example
 * quantile(toDist({ dist: 'triangular', min: 0, mode: 0, max: 1 }), 0.75); // 0.5
 */
export function quantile(d: Dist, u: number): number {
  switch (d.kind) {
    case TRIANGULAR: {
      const r = d.max - d.min;
      const fm = (d.mode - d.min) / r;
      return u < fm ? d.min + Math.sqrt(u * r * (d.mode - d.min)) : d.max - Math.sqrt((1 - u) * r * (d.max - d.mode));
    }
    case UNIFORM:
      return d.min + u * (d.max - d.min);
    case PERT: {
      const x = u * QUANTILE_STEPS;
      const k = Math.min(QUANTILE_STEPS - 1, Math.floor(x));
      const t = d.table!;
      return d.min + (t[k]! + (x - k) * (t[k + 1]! - t[k]!)) * (d.max - d.min);
    }
    case DISCRETE: {
      const t = d.table!;
      let k = 0;
      while (k < t.length - 1 && u >= t[k]!) k++;
      return d.values![k]!;
    }
    default:
      return d.mode;
  }
}

/** Fills `out[i] = quantile(d, u[i])` for the first `count` entries (the hot path of sampling). */
export function quantiles(d: Dist, u: Float64Array, out: Float64Array, offset: number, count: number): void {
  if (d.kind === TRIANGULAR) {
    const r = d.max - d.min;
    const fm = (d.mode - d.min) / r;
    const lo = r * (d.mode - d.min);
    const hi = r * (d.max - d.mode);
    for (let i = 0; i < count; i++) {
      const x = u[i]!;
      out[offset + i] = x < fm ? d.min + Math.sqrt(x * lo) : d.max - Math.sqrt((1 - x) * hi);
    }
  } else if (d.kind === FIXED) {
    out.fill(d.mode, offset, offset + count);
  } else {
    for (let i = 0; i < count; i++) out[offset + i] = quantile(d, u[i]!);
  }
}

/** The mean of a distribution (PERT: (min + 4 mode + max) / 6). */
export function distMean(d: Dist): number {
  switch (d.kind) {
    case TRIANGULAR:
      return (d.min + d.mode + d.max) / 3;
    case UNIFORM:
      return (d.min + d.max) / 2;
    case PERT:
      return (d.min + PERT_LAMBDA * d.mode + d.max) / (PERT_LAMBDA + 2);
    case DISCRETE: {
      let s = 0;
      let prev = 0;
      for (let k = 0; k < d.table!.length; k++) {
        s += (d.table![k]! - prev) * d.values![k]!;
        prev = d.table![k]!;
      }
      return s;
    }
    default:
      return d.mode;
  }
}
