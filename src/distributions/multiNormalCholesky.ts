import { argError } from "../errors.js";
import { backSolveTranspose, forwardSolve } from "../math/index.js";
import { multiNormalCholeskyRng } from "../random/index.js";
import { checkFinite } from "./checks.js";
import { HALF_LOG_2PI } from "./constants.js";
import type { MultivariateInfo } from "./types.js";

/**
 * multi_normal_cholesky(y | mu, L) with covariance L Lᵀ.
 *
 * Layout: y, mu, dy, dmu have length K; L and dL are K×K row-major, element (i, j) at i·K + j. Only
 * the lower triangle of L is read (the upper one is treated as 0) and dL's upper triangle is written 0.
 *
 * Unchecked hot path: returns the log density and writes dy = ∂/∂y = -w, dmu = ∂/∂mu = w and
 * dL = ∂/∂L = tril(w zᵀ) - diag(1/L_ii), where z = L⁻¹(y - mu) and w = L⁻ᵀ z. dy and dmu double as the
 * scratch space for z and w (no allocation), so they must be distinct arrays. A non-positive or
 * non-finite diagonal, or a non-finite y or mu, gives -Infinity with all partials 0.
 */
export function multiNormalCholeskyLpdfGrad(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  L: ArrayLike<number>,
  K: number,
  dy: Float64Array,
  dmu: Float64Array,
  dL: Float64Array,
): number {
  let logDet = 0;
  for (let i = 0; i < K; i++) {
    const lii = L[i * K + i];
    if (!(lii > 0 && lii < Infinity && Math.abs(y[i]) < Infinity && Math.abs(mu[i]) < Infinity)) {
      dy.fill(0, 0, K);
      dmu.fill(0, 0, K);
      dL.fill(0, 0, K * K);
      return -Infinity;
    }
    logDet += Math.log(lii);
    dmu[i] = y[i] - mu[i];
  }
  forwardSolve(L, K, dmu, dy); // dy = z
  let sq = 0;
  for (let i = 0; i < K; i++) sq += dy[i] * dy[i];
  backSolveTranspose(L, K, dy, dmu); // dmu = w
  for (let i = 0; i < K; i++) {
    const row = i * K;
    const wi = dmu[i];
    for (let j = 0; j < i; j++) dL[row + j] = wi * dy[j];
    dL[row + i] = wi * dy[i] - 1 / L[row + i];
    for (let j = i + 1; j < K; j++) dL[row + j] = 0;
  }
  for (let i = 0; i < K; i++) dy[i] = -dmu[i];
  return -K * HALF_LOG_2PI - logDet - 0.5 * sq;
}

/** Checked multi_normal_cholesky(y | mu, L): lengths must match K, L's diagonal must be positive and finite. */
export function multiNormalCholeskyLpdf(y: ArrayLike<number>, mu: ArrayLike<number>, L: ArrayLike<number>, K: number): number {
  const fn = "multiNormalCholeskyLpdf";
  if (!(Number.isInteger(K) && K >= 1)) throw argError(fn, "K must be a positive integer", K);
  if (y.length !== K) throw argError(fn, `y must have length K = ${K}`, y.length);
  if (mu.length !== K) throw argError(fn, `mu must have length K = ${K}`, mu.length);
  if (L.length !== K * K) throw argError(fn, `L must have length K*K = ${K * K}`, L.length);
  for (let i = 0; i < K; i++) {
    if (y[i] !== y[i]) throw argError(fn, `y[${i + 1}] must not be NaN`, y[i]);
    checkFinite(fn, `mu[${i + 1}]`, mu[i]);
    for (let j = 0; j < i; j++) checkFinite(fn, `L[${i + 1},${j + 1}]`, L[i * K + j]);
    const lii = L[i * K + i];
    if (!(lii > 0 && lii < Infinity)) throw argError(fn, `L[${i + 1},${i + 1}] must be positive and finite`, lii);
  }
  for (let i = 0; i < K; i++) if (!Number.isFinite(y[i])) return -Infinity;
  return multiNormalCholeskyLpdfGrad(y, mu, L, K, new Float64Array(K), new Float64Array(K), new Float64Array(K * K));
}

/** Draws into `out` (see src/random/). */
export { multiNormalCholeskyRng };

export const multiNormalCholesky: MultivariateInfo = Object.freeze<MultivariateInfo>({
  kind: "multivariate",
  name: "multi_normal_cholesky",
  args: ["mu", "L"],
  support: "vector",
});
