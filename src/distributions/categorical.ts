/**
 * The categorical logit model of brms's `categorical` family (Stan's categorical_logit with the first
 * category as reference): K categories, linear predictors η_1 = 0 and η_2 … η_K, P(y = k) = softmax(η)_k.
 * The K − 1 free predictors are read from `eta[off … off + K − 2]`, so a caller can keep them in one
 * row of a larger array. The log-sum-exp subtracts the largest η first, so no term overflows.
 */
import { argError } from "../errors.js";
import type { Rng } from "../random/rng.js";

/** log Σ_k exp(η_k) with η_1 = 0 and the rest at eta[off …], m = K − 1 of them. */
function categoricalLogNormaliser(eta: ArrayLike<number>, off: number, m: number): number {
  let max = 0;
  for (let j = 0; j < m; j++) if (eta[off + j] > max) max = eta[off + j];
  let s = Math.exp(-max);
  for (let j = 0; j < m; j++) s += Math.exp(eta[off + j] - max);
  return max + Math.log(s);
}

/**
 * Unchecked kernel: log P(y = k) for k in 1 … m + 1 and, when `d` is given, d[dOff + j] = ∂/∂η_{j+2}
 * = [k = j + 2] − P(y = j + 2). A k out of range or a non-finite η gives −Infinity and zero partials.
 */
export function categoricalLogitLpmfGrad(k: number, eta: ArrayLike<number>, off: number, m: number, d?: Float64Array, dOff = 0): number {
  if (d) d.fill(0, dOff, dOff + m);
  if (!(Number.isInteger(k) && k >= 1 && k <= m + 1)) return -Infinity;
  const lse = categoricalLogNormaliser(eta, off, m);
  if (!Number.isFinite(lse)) return -Infinity;
  if (d) {
    for (let j = 0; j < m; j++) d[dOff + j] = -Math.exp(eta[off + j] - lse);
    if (k > 1) d[dOff + k - 2] += 1;
  }
  return (k > 1 ? eta[off + k - 2] : 0) - lse;
}

/** Checked: categorical_logit(k | (0, eta)) with eta the K − 1 non-reference predictors. */
export function categoricalLogitLpmf(k: number, eta: ArrayLike<number>): number {
  checkEta("categoricalLogitLpmf", eta);
  return categoricalLogitLpmfGrad(k, eta, 0, eta.length);
}

/** The K probabilities softmax((0, eta)) into out[outOff … outOff + m]. */
export function categoricalProbabilities(eta: ArrayLike<number>, off: number, m: number, out: Float64Array, outOff: number): void {
  const lse = categoricalLogNormaliser(eta, off, m);
  out[outOff] = Math.exp(-lse);
  for (let j = 0; j < m; j++) out[outOff + 1 + j] = Math.exp(eta[off + j] - lse);
}

/**
 * A category 1 … K with probabilities softmax((0, eta)), by one uniform against the running sum;
 * the last category takes whatever rounding leaves above the sum (probability ~1e-16).
 */
export function categoricalLogitRngUnchecked(rng: Rng, eta: ArrayLike<number>, off: number, m: number): number {
  const lse = categoricalLogNormaliser(eta, off, m);
  const u = rng.uniform();
  let cum = Math.exp(-lse);
  if (u < cum) return 1;
  for (let j = 0; j < m - 1; j++) {
    cum += Math.exp(eta[off + j] - lse);
    if (u < cum) return j + 2;
  }
  return m + 1;
}

export function categoricalLogitRng(rng: Rng, eta: ArrayLike<number>): number {
  checkEta("categoricalLogitRng", eta);
  return categoricalLogitRngUnchecked(rng, eta, 0, eta.length);
}

function checkEta(fn: string, eta: ArrayLike<number>): void {
  if (eta.length < 1) throw argError(fn, "eta must hold at least one non-reference predictor (K ≥ 2)", eta.length);
  for (let j = 0; j < eta.length; j++) if (!Number.isFinite(eta[j])) throw argError(fn, `eta[${j + 1}] must be finite`, eta[j]);
}
