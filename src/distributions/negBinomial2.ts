import { lgamma } from "../math/index.js";
import { negBinomial2Rng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, isCount, reject } from "./checks.js";
import { digammaShiftMinusLog, log1pMinusX } from "./digammaDiffs.js";
import { logDbinomRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/**
 * log NB(n | mu, phi) after R's dnbinom_mu: n = 0 in closed form; n tiny against phi (the Poisson
 * limit, phi → ∞) by a short expansion; otherwise Loader's binomial form, which has no cancellation
 * for large n. In the Poisson-limit branch R drops the O(mu²/phi) term of phi·log1p(mu/phi); here it
 * is kept, and lgamma(n + phi) - lgamma(phi) - n log phi = Σ_{k<n} log1p(k/phi) is expanded to second
 * order (the next term is below n⁴/phi³ < 1e-30 n there). Exported for neg_binomial_2_log.
 */
export function negBinomial2Value(n: number, mu: number, phi: number): number {
  if (n === 0) return phi * (phi < mu ? Math.log(phi / (phi + mu)) : Math.log1p(-mu / (phi + mu)));
  if (n < 1e-10 * phi) {
    const p = phi < mu ? Math.log(phi / (1 + phi / mu)) : Math.log(mu / (1 + mu / phi));
    const s1 = (n * (n - 1)) / (2 * phi);
    const s2 = (n * (n - 1) * (2 * n - 1)) / (12 * phi * phi);
    return n * p - phi * Math.log1p(mu / phi) - lgamma(n + 1) + (s1 - s2);
  }
  const p = phi / (phi + n);
  return Math.log(p) + logDbinomRaw(phi, n + phi, phi / (phi + mu), mu / (phi + mu));
}

/** ∂/∂phi of log NB(n | mu, phi), accurate for phi up to 1e300. Exported for neg_binomial_2_log. */
export function negBinomial2DPhi(n: number, mu: number, phi: number): number {
  return digammaShiftMinusLog(phi, n) + log1pMinusX((n - mu) / (mu + phi));
}

/** neg_binomial_2(n | mu, phi): mean mu, variance mu + mu²/phi (R's dnbinom(n, size = phi, mu = mu)). */
export function negBinomial2Lpmf(n: number, mu: number, phi: number): number {
  checkNotNaN("negBinomial2Lpmf", "n", n);
  checkPositiveFinite("negBinomial2Lpmf", "mu", mu);
  checkPositiveFinite("negBinomial2Lpmf", "phi", phi);
  if (!isCount(n)) return -Infinity;
  return negBinomial2Value(n, mu, phi);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, mu, phi), the first 0. */
export function negBinomial2LpmfGrad(n: number, mu: number, phi: number, d: Float64Array, off: number): number {
  if (!(mu > 0 && mu < Infinity && phi > 0 && phi < Infinity && isCount(n))) return reject(d, off, 3);
  const lp = negBinomial2Value(n, mu, phi);
  if (lp === -Infinity) return reject(d, off, 3);
  const w = phi / (mu + phi);
  d[off] = 0;
  // n/mu - (n + phi)/(mu + phi) without cancellation.
  d[off + 1] = (n / mu - 1) * w;
  // ψ(n+phi) - ψ(phi) - log1p(mu/phi) + (mu-n)/(mu+phi) regrouped as
  // [ψ(n+phi) - ψ(phi) - log1p(n/phi)] + [log1p(δ) - δ], δ = (n-mu)/(mu+phi): exact as phi → ∞.
  d[off + 2] = negBinomial2DPhi(n, mu, phi);
  return lp;
}

export { negBinomial2Rng };

export const negBinomial2: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "neg_binomial_2",
  args: ["mu", "phi"],
  argSupport: ["positive", "positive"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: negBinomial2Lpmf,
  lpdfGrad: negBinomial2LpmfGrad,
  rng: negBinomial2Rng,
});
