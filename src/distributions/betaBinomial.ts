import { digamma, lbeta, lchoose } from "../math/index.js";
import { betaBinomialRng } from "../random/index.js";
import { checkNonnegativeInt, checkNotNaN, checkPositiveFinite, isCount, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

function value(n: number, N: number, alpha: number, beta: number): number {
  return lchoose(N, n) + lbeta(n + alpha, N - n + beta) - lbeta(alpha, beta);
}

/** beta_binomial(n | N, alpha, beta) = lchoose(N, n) + lbeta(n + alpha, N - n + beta) - lbeta(alpha, beta). */
export function betaBinomialLpmf(n: number, N: number, alpha: number, beta: number): number {
  checkNotNaN("betaBinomialLpmf", "n", n);
  checkNonnegativeInt("betaBinomialLpmf", "N", N);
  checkPositiveFinite("betaBinomialLpmf", "alpha", alpha);
  checkPositiveFinite("betaBinomialLpmf", "beta", beta);
  if (!(isCount(n) && n <= N)) return -Infinity;
  return value(n, N, alpha, beta);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(n, N, alpha, beta), the first two 0. */
export function betaBinomialLpmfGrad(
  n: number,
  N: number,
  alpha: number,
  beta: number,
  d: Float64Array,
  off: number,
): number {
  if (!(isCount(N) && alpha > 0 && alpha < Infinity && beta > 0 && beta < Infinity && isCount(n) && n <= N)) {
    return reject(d, off, 4);
  }
  const lp = value(n, N, alpha, beta);
  const common = digamma(alpha + beta) - digamma(N + alpha + beta);
  d[off] = 0;
  d[off + 1] = 0;
  d[off + 2] = digamma(n + alpha) - digamma(alpha) + common;
  d[off + 3] = digamma(N - n + beta) - digamma(beta) + common;
  return lp;
}

export { betaBinomialRng };

export const betaBinomial: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "beta_binomial",
  args: ["N", "alpha", "beta"],
  argSupport: ["nonnegative_int", "positive", "positive"],
  support: "int_range",
  discrete: true,
  lpdf: betaBinomialLpmf,
  lpdfGrad: betaBinomialLpmfGrad,
  rng: betaBinomialRng,
});
