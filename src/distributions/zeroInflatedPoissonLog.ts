import type { Rng } from "../random/rng.js";
import { zeroInflatedPoissonRng } from "../random/zeroInflated.js";
import { checkFinite, checkNotNaN, checkProbability, isCount, reject } from "./checks.js";
import { poissonLogLpmf } from "./poissonLog.js";
import type { DistributionInfo } from "./types.js";
import { logZeroMixture } from "./zeroInflation.js";

/**
 * brms's zero_inflated_poisson_log(n | eta, zi): P(0) = zi + (1 − zi)·e^(−λ), P(n > 0) = (1 − zi)·Pois(n | λ),
 * λ = exp(eta).
 */
export function zeroInflatedPoissonLogLpmf(n: number, eta: number, zi: number): number {
  checkNotNaN("zeroInflatedPoissonLogLpmf", "n", n);
  checkFinite("zeroInflatedPoissonLogLpmf", "eta", eta);
  checkProbability("zeroInflatedPoissonLogLpmf", "zi", zi);
  if (!isCount(n)) return -Infinity;
  if (n === 0) return logZeroMixture(zi, -Math.exp(eta));
  return Math.log1p(-zi) + poissonLogLpmf(n, eta);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, eta, zi), the first 0. */
export function zeroInflatedPoissonLogLpmfGrad(n: number, eta: number, zi: number, d: Float64Array, off: number): number {
  if (!(Math.abs(eta) < Infinity && zi >= 0 && zi <= 1 && isCount(n))) return reject(d, off, 3);
  const lambda = Math.exp(eta);
  d[off] = 0;
  if (n === 0) {
    const lp = logZeroMixture(zi, -lambda);
    if (lp === -Infinity) return reject(d, off, 3);
    // w = (1 − zi)·P(0 | λ) / P(0): the count part's share of the zero.
    const w = Math.exp(Math.log1p(-zi) - lambda - lp);
    d[off + 1] = -lambda * w;
    d[off + 2] = -Math.expm1(-lambda) * Math.exp(-lp);
    return lp;
  }
  const lp = Math.log1p(-zi) + poissonLogLpmf(n, eta);
  if (lp === -Infinity) return reject(d, off, 3);
  d[off + 1] = n - lambda;
  d[off + 2] = -1 / (1 - zi);
  return lp;
}

/** A draw: 0 with probability zi, else poisson(exp(eta)). */
export function zeroInflatedPoissonLogRng(rng: Rng, eta: number, zi: number): number {
  checkFinite("zeroInflatedPoissonLogRng", "eta", eta);
  return zeroInflatedPoissonRng(rng, Math.exp(eta), zi);
}

export const zeroInflatedPoissonLog: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "zero_inflated_poisson_log",
  args: ["eta", "zi"],
  argSupport: ["real", "probability"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: zeroInflatedPoissonLogLpmf,
  lpdfGrad: zeroInflatedPoissonLogLpmfGrad,
  rng: zeroInflatedPoissonLogRng,
});
