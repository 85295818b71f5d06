import { argError } from "../errors.js";
import { digamma, lgamma } from "../math/index.js";
import { dirichletRng } from "../random/index.js";
import { checkPositiveFinite } from "./checks.js";
import type { MultivariateInfo } from "./types.js";

/** Stan's CONSTRAINT_TOLERANCE for "sums to 1". */
const SIMPLEX_TOLERANCE = 1e-8;

/**
 * dirichlet(theta | alpha) = lgamma(Σ alpha) - Σ lgamma(alpha_k) + Σ (alpha_k - 1) log theta_k.
 *
 * Unchecked hot path on length-K arrays: writes dtheta[k] = (alpha_k - 1)/theta_k and
 * dalpha[k] = ψ(Σ alpha) - ψ(alpha_k) + log theta_k. The support is the open simplex: a theta_k ≤ 0
 * (where the density is 0 or ∞ depending on alpha_k) or an alpha_k that is not positive and finite
 * gives -Infinity with all partials 0. The sum-to-one constraint is not re-checked here (the simplex
 * transform guarantees it).
 */
export function dirichletLpdfGrad(
  theta: ArrayLike<number>,
  alpha: ArrayLike<number>,
  K: number,
  dtheta: Float64Array,
  dalpha: Float64Array,
): number {
  let sumAlpha = 0;
  let lp = 0;
  for (let k = 0; k < K; k++) {
    const a = alpha[k];
    const t = theta[k];
    if (!(a > 0 && a < Infinity && t > 0)) {
      dtheta.fill(0, 0, K);
      dalpha.fill(0, 0, K);
      return -Infinity;
    }
    sumAlpha += a;
    const lt = Math.log(t);
    lp += (a - 1) * lt - lgamma(a);
    dtheta[k] = (a - 1) / t;
    dalpha[k] = lt - digamma(a);
  }
  const psiSum = digamma(sumAlpha);
  for (let k = 0; k < K; k++) dalpha[k] += psiSum;
  return lp + lgamma(sumAlpha);
}

/** Checked dirichlet(theta | alpha): theta a simplex (nonnegative, sum 1 within 1e-8), alpha positive and finite. */
export function dirichletLpdf(theta: ArrayLike<number>, alpha: ArrayLike<number>, K: number): number {
  const fn = "dirichletLpdf";
  if (!(Number.isInteger(K) && K >= 1)) throw argError(fn, "K must be a positive integer", K);
  if (theta.length !== K) throw argError(fn, `theta must have length K = ${K}`, theta.length);
  if (alpha.length !== K) throw argError(fn, `alpha must have length K = ${K}`, alpha.length);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    checkPositiveFinite(fn, `alpha[${k + 1}]`, alpha[k]);
    if (!(theta[k] >= 0)) throw argError(fn, `theta[${k + 1}] must be nonnegative`, theta[k]);
    sum += theta[k];
  }
  if (!(Math.abs(sum - 1) <= SIMPLEX_TOLERANCE)) throw argError(fn, "theta must sum to 1", sum);
  return dirichletLpdfGrad(theta, alpha, K, new Float64Array(K), new Float64Array(K));
}

/** Draws into `out` (see src/random/). */
export { dirichletRng };

export const dirichlet: MultivariateInfo = Object.freeze<MultivariateInfo>({
  kind: "multivariate",
  name: "dirichlet",
  args: ["alpha"],
  support: "simplex",
});
