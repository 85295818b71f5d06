import { invLogit, lchoose, log1mInvLogit, logInvLogit } from "../math/index.js";
import type { Rng } from "../random/rng.js";
import { binomialRng } from "../random/index.js";
import { checkFinite, checkNonnegativeInt, checkNotNaN, isCount, reject } from "./checks.js";
import { logDbinomRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/**
 * For moderate alpha the probabilities are well inside (0, 1) and Loader's form is the accurate one
 * (large N); beyond |alpha| = 25 one of them is below 1e-11 and Stan's log-sigmoid form keeps
 * n log(inv_logit(alpha)) exact (at alpha = -800, inv_logit underflows to 0 but its log is -800).
 */
function value(n: number, N: number, alpha: number): number {
  if (Math.abs(alpha) < 25) return logDbinomRaw(n, N, invLogit(alpha), invLogit(-alpha));
  return lchoose(N, n) + n * logInvLogit(alpha) + (N - n) * log1mInvLogit(alpha);
}

/** binomial_logit(n | N, alpha) = binomial(n | N, inv_logit(alpha)), stable for any finite alpha. */
export function binomialLogitLpmf(n: number, N: number, alpha: number): number {
  checkNotNaN("binomialLogitLpmf", "n", n);
  checkNonnegativeInt("binomialLogitLpmf", "N", N);
  checkFinite("binomialLogitLpmf", "alpha", alpha);
  if (!(isCount(n) && n <= N)) return -Infinity;
  return value(n, N, alpha);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, N, alpha), the first two 0. */
export function binomialLogitLpmfGrad(n: number, N: number, alpha: number, d: Float64Array, off: number): number {
  if (!(isCount(N) && Math.abs(alpha) < Infinity && isCount(n) && n <= N)) return reject(d, off, 3);
  const lp = value(n, N, alpha);
  d[off] = 0;
  d[off + 1] = 0;
  // n - N p written as n (1 - p) - (N - n) p, both factors accurate at either tail.
  d[off + 2] = n * invLogit(-alpha) - (N - n) * invLogit(alpha);
  return lp;
}

/** A draw from binomial(N, inv_logit(alpha)). */
export function binomialLogitRng(rng: Rng, N: number, alpha: number): number {
  checkNonnegativeInt("binomialLogitRng", "N", N);
  checkFinite("binomialLogitRng", "alpha", alpha);
  return binomialRng(rng, N, invLogit(alpha));
}

export const binomialLogit: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "binomial_logit",
  args: ["N", "alpha"],
  argSupport: ["nonnegative_int", "real"],
  support: "int_range",
  discrete: true,
  lpdf: binomialLogitLpmf,
  lpdfGrad: binomialLogitLpmfGrad,
  rng: binomialLogitRng,
});
