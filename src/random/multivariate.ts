import { argError } from "../errors.js";
import type { Rng } from "./rng.js";
import { checkFinite, checkPositive } from "./checks.js";
import { logitBetaRng } from "./beta.js";
import { logStandardGammaRng } from "./gamma.js";

/**
 * Dirichlet(alpha) into out (length K = alpha.length), via normalised gammas computed on the log scale so
 * that tiny concentrations (alpha = 1e-3, where every gamma may underflow) still give a proper simplex.
 */
export function dirichletRng(rng: Rng, alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  const K = alpha.length;
  if (K < 1) throw argError("dirichletRng", "alpha must have at least one element", K);
  if (out.length !== K) throw argError("dirichletRng", `out must have length ${K}`, out.length);
  for (let i = 0; i < K; i++) checkPositive("dirichletRng", `alpha[${i}]`, alpha[i]);
  let max = -Infinity;
  for (let i = 0; i < K; i++) {
    const lg = logStandardGammaRng(rng, alpha[i]);
    out[i] = lg;
    if (lg > max) max = lg;
  }
  let sum = 0;
  for (let i = 0; i < K; i++) {
    out[i] = Math.exp(out[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < K; i++) out[i] /= sum;
  return out;
}

/**
 * MultiNormal(mu, L Lᵀ) into out (length n = mu.length), given the row-major lower Cholesky factor L
 * (n×n; its upper triangle is not read): out = mu + L z with z standard normal. Computed in place from
 * the last row up, so no scratch vector is needed.
 */
export function multiNormalCholeskyRng(
  rng: Rng,
  mu: ArrayLike<number>,
  L: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = mu.length;
  if (L.length !== n * n) throw argError("multiNormalCholeskyRng", `L must have length ${n * n} (n×n)`, L.length);
  if (out.length !== n) throw argError("multiNormalCholeskyRng", `out must have length ${n}`, out.length);
  for (let i = 0; i < n; i++) checkFinite("multiNormalCholeskyRng", `mu[${i}]`, mu[i]);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    let s = mu[i];
    for (let k = 0; k <= i; k++) s += L[row + k] * out[k];
    out[i] = s;
  }
  return out;
}

/**
 * The Cholesky factor of an LKJ(eta) correlation matrix, K×K row-major lower-triangular, into out.
 * Stan's construction: canonical partial correlations z_{ji} (row j, column i < j) are independent
 * Beta(a_i, a_i) on (−1, 1) with a_i = eta + (K − 2 − i)/2; then L[j][i] = z_{ji} √(1 − Σ_{k<i} L[j][k]²)
 * and L[j][j] = √(1 − Σ_{k<j} L[j][k]²), so every row has unit norm. 1 − z² is formed as 4x(1 − x)
 * from the beta draw x (both factors from its logit) so it keeps relative accuracy when |z| → 1.
 */
export function lkjCorrCholeskyRng(rng: Rng, K: number, eta: number, out: Float64Array): Float64Array {
  if (!(Number.isInteger(K) && K >= 1)) throw argError("lkjCorrCholeskyRng", "K must be a positive integer", K);
  checkPositive("lkjCorrCholeskyRng", "eta", eta);
  if (out.length !== K * K) throw argError("lkjCorrCholeskyRng", `out must have length ${K * K} (K×K)`, out.length);
  out.fill(0);
  out[0] = 1;
  for (let j = 1; j < K; j++) {
    const row = j * K;
    let remaining = 1; // 1 − Σ_{k<i} L[j][k]², kept as a product of (1 − z²) factors
    for (let i = 0; i < j; i++) {
      const a = eta + (K - 2 - i) / 2;
      const t = logitBetaRng(rng, a, a);
      const x = 1 / (1 + Math.exp(-t));
      const y = 1 / (1 + Math.exp(t)); // 1 − x, without cancellation
      const z = x - y;
      out[row + i] = z * Math.sqrt(remaining);
      remaining *= 4 * x * y;
    }
    out[row + j] = Math.sqrt(remaining);
  }
  return out;
}
