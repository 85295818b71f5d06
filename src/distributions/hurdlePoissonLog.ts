import type { Rng } from "../random/rng.js";
import { hurdlePoissonRng } from "../random/zeroInflated.js";
import { lgamma } from "../math/lgamma.js";
import { checkFinite, checkNotNaN, checkProbability, isCount, reject } from "./checks.js";
import { poissonLogLpmf } from "./poissonLog.js";
import type { DistributionInfo } from "./types.js";
import { log1mExpNeg, uOverExpm1 } from "./zeroInflation.js";

/**
 * brms's hurdle_poisson_log(n | eta, hu): P(0) = hu, P(n > 0) = (1 − hu)·Pois(n | λ)/(1 − e^(−λ)),
 * λ = exp(eta); log(1 − e^(−λ)) keeps its digits for tiny λ (it is eta − λ/2 there).
 */
export function hurdlePoissonLogLpmf(n: number, eta: number, hu: number): number {
  checkNotNaN("hurdlePoissonLogLpmf", "n", n);
  checkFinite("hurdlePoissonLogLpmf", "eta", eta);
  checkProbability("hurdlePoissonLogLpmf", "hu", hu);
  if (!isCount(n)) return -Infinity;
  if (n === 0) return Math.log(hu);
  return Math.log1p(-hu) + truncatedValue(n, eta);
}

/**
 * log Pois(n | λ) − log(1 − e^(−λ)) for n ≥ 1. For λ ≤ log 2 the eta of log(1 − e^(−λ)) = eta + log((1 − e^(−λ))/λ)
 * is cancelled by hand, (n − 1)·eta, so eta ≈ −800 does not leave rounding of 800 behind.
 */
function truncatedValue(n: number, eta: number): number {
  const lambda = Math.exp(eta);
  if (lambda > Math.LN2) return poissonLogLpmf(n, eta) - log1mExpNeg(lambda, eta);
  const ratio = lambda > 1e-300 ? -Math.expm1(-lambda) / lambda : 1;
  return (n - 1) * eta - lgamma(n + 1) - lambda - Math.log(ratio);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, eta, hu), the first 0. */
export function hurdlePoissonLogLpmfGrad(n: number, eta: number, hu: number, d: Float64Array, off: number): number {
  if (!(Math.abs(eta) < Infinity && hu >= 0 && hu <= 1 && isCount(n))) return reject(d, off, 3);
  d[off] = 0;
  if (n === 0) {
    if (hu === 0) return reject(d, off, 3);
    d[off + 1] = 0;
    d[off + 2] = 1 / hu;
    return Math.log(hu);
  }
  const lambda = Math.exp(eta);
  const lp = Math.log1p(-hu) + truncatedValue(n, eta);
  if (lp === -Infinity) return reject(d, off, 3);
  // d/deta of −log(1 − e^(−λ)) = −λ/expm1(λ).
  d[off + 1] = n - lambda - uOverExpm1(lambda);
  d[off + 2] = -1 / (1 - hu);
  return lp;
}

/** A draw: 0 with probability hu, else a zero-truncated poisson(exp(eta)). */
export function hurdlePoissonLogRng(rng: Rng, eta: number, hu: number): number {
  checkFinite("hurdlePoissonLogRng", "eta", eta);
  return hurdlePoissonRng(rng, Math.exp(eta), hu);
}

export const hurdlePoissonLog: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "hurdle_poisson_log",
  args: ["eta", "hu"],
  argSupport: ["real", "probability"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: hurdlePoissonLogLpmf,
  lpdfGrad: hurdlePoissonLogLpmfGrad,
  rng: hurdlePoissonLogRng,
});
