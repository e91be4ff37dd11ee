/**
 * Iman–Conover rank correlation: reorders independent samples so that their ranks follow a
 * target correlation, leaving each variable's values (its marginal distribution) untouched.
 */

/** Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Lower Cholesky factor of a symmetric positive-definite k×k matrix (row-major). */
function cholesky(m: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * k + j]!;
      for (let t = 0; t < j; t++) s -= l[i * k + t]! * l[j * k + t]!;
      l[i * k + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * k + j]!;
    }
  }
  return l;
}

/** Inverse of a lower-triangular k×k matrix. */
function invertLower(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    inv[i * k + i] = 1 / l[i * k + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let t = j; t < i; t++) s += l[i * k + t]! * inv[t * k + j]!;
      inv[i * k + j] = -s / l[i * k + i]!;
    }
  }
  return inv;
}

/** Van der Waerden scores Φ⁻¹((r + 1) / (c + 1)) for ranks r = 0..c−1. */
export function normalScores(c: number): Float64Array {
  return Float64Array.from({ length: c }, (_, r) => normalQuantile((r + 1) / (c + 1)));
}

/**
 * Iman–Conover on one block: `ranks[v][i]` is the rank (0..c−1) of iteration i's sample of
 * variable v, each a permutation; they are rewritten so that the rank (Spearman) correlation
 * between every pair of variables is close to `rho`. The normal scores are correlated at
 * 2 sin(π rho / 6), the Pearson correlation of normals whose Spearman correlation is rho.
 *
 * @example
 * imanConover([ranksA, ranksB], 0.8, normalScores(250)); // ranksA, ranksB now correlated
 */
export function imanConover(ranks: readonly Int32Array[], rho: number, scores: Float64Array): void {
  const k = ranks.length;
  const c = scores.length;
  const m = new Float64Array(c * k);
  for (let v = 0; v < k; v++) for (let i = 0; i < c; i++) m[i * k + v] = scores[ranks[v]![i]!]!;
  // Sample correlation of the scores (each column has mean 0 and the same variance).
  let ss = 0;
  for (let r = 0; r < c; r++) ss += scores[r]! * scores[r]!;
  const e = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < c; i++) s += m[i * k + a]! * m[i * k + b]!;
      e[a * k + b] = s / ss;
    }
  }
  const target = new Float64Array(k * k);
  const r = 2 * Math.sin((Math.PI * rho) / 6);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) target[a * k + b] = a === b ? 1 : r;
  const p = cholesky(target, k);
  const fInv = invertLower(cholesky(e, k), k);
  const t = new Float64Array(k * k); // P · F⁻¹
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let x = 0; x < k; x++) s += p[a * k + x]! * fInv[x * k + b]!;
    t[a * k + b] = s;
  }
  const col = new Float64Array(c);
  const idx = new Int32Array(c);
  for (let v = 0; v < k; v++) {
    for (let i = 0; i < c; i++) {
      let s = 0;
      for (let x = 0; x < k; x++) s += t[v * k + x]! * m[i * k + x]!;
      col[i] = s;
      idx[i] = i;
    }
    idx.sort((x, y) => col[x]! - col[y]! || x - y);
    const out = ranks[v]!;
    for (let rank = 0; rank < c; rank++) out[idx[rank]!] = rank;
  }
}
