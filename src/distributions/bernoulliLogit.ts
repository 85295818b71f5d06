import { invLogit, log1mInvLogit, logInvLogit } from "../math/index.js";
import type { Rng } from "../random/rng.js";
import { bernoulliRng } from "../random/index.js";
import { checkFinite, checkNotNaN, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

/** bernoulli_logit(n | alpha) = bernoulli(n | inv_logit(alpha)) via log-sigmoids (exact at |alpha| = 800). */
export function bernoulliLogitLpmf(n: number, alpha: number): number {
  checkNotNaN("bernoulliLogitLpmf", "n", n);
  checkFinite("bernoulliLogitLpmf", "alpha", alpha);
  if (n === 1) return logInvLogit(alpha);
  if (n === 0) return log1mInvLogit(alpha);
  return -Infinity;
}

/** Unchecked: value and d[off..off+1] = ∂/∂(n, alpha), the first 0; ∂/∂alpha = n - inv_logit(alpha). */
export function bernoulliLogitLpmfGrad(n: number, alpha: number, d: Float64Array, off: number): number {
  if (!(Math.abs(alpha) < Infinity)) return reject(d, off, 2);
  d[off] = 0;
  if (n === 1) {
    d[off + 1] = invLogit(-alpha);
    return logInvLogit(alpha);
  }
  if (n === 0) {
    d[off + 1] = -invLogit(alpha);
    return log1mInvLogit(alpha);
  }
  return reject(d, off, 2);
}

/** A draw from bernoulli(inv_logit(alpha)). */
export function bernoulliLogitRng(rng: Rng, alpha: number): number {
  checkFinite("bernoulliLogitRng", "alpha", alpha);
  return bernoulliRng(rng, invLogit(alpha));
}

export const bernoulliLogit: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "bernoulli_logit",
  args: ["alpha"],
  argSupport: ["real"],
  support: "binary",
  discrete: true,
  lpdf: bernoulliLogitLpmf,
  lpdfGrad: bernoulliLogitLpmfGrad,
  rng: bernoulliLogitRng,
});
