import { log1pExp } from "../math/log1pExp.js";
import type { Rng } from "../random/rng.js";
import { zeroInflatedNegBinomial2Rng } from "../random/zeroInflated.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, checkProbability, isCount, reject } from "./checks.js";
import { negBinomial2LogLpmf, negBinomial2LogLpmfGrad } from "./negBinomial2Log.js";
import type { DistributionInfo } from "./types.js";
import { logZeroMixture } from "./zeroInflation.js";

/** log P(0) of neg_binomial_2(exp(eta), phi): −phi·log1p(mu/phi), as −phi·log1pExp(eta − log phi). */
const logP0 = (eta: number, phi: number): number => -phi * log1pExp(eta - Math.log(phi));

/**
 * brms's zero_inflated_neg_binomial_log(n | eta, phi, zi): P(0) = zi + (1 − zi)·NB(0 | μ, phi),
 * P(n > 0) = (1 − zi)·NB(n | μ, phi), μ = exp(eta) (NB is neg_binomial_2).
 */
export function zeroInflatedNegBinomial2LogLpmf(n: number, eta: number, phi: number, zi: number): number {
  const fn = "zeroInflatedNegBinomial2LogLpmf";
  checkNotNaN(fn, "n", n);
  checkFinite(fn, "eta", eta);
  checkPositiveFinite(fn, "phi", phi);
  checkProbability(fn, "zi", zi);
  if (!isCount(n)) return -Infinity;
  if (n === 0) return logZeroMixture(zi, logP0(eta, phi));
  return Math.log1p(-zi) + negBinomial2LogLpmf(n, eta, phi);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(n, eta, phi, zi), the first 0. */
export function zeroInflatedNegBinomial2LogLpmfGrad(n: number, eta: number, phi: number, zi: number, d: Float64Array, off: number): number {
  if (!(Math.abs(eta) < Infinity && phi > 0 && phi < Infinity && zi >= 0 && zi <= 1 && isCount(n))) return reject(d, off, 4);
  d[off] = 0;
  if (n === 0) {
    const x = eta - Math.log(phi);
    const L = log1pExp(x);
    const s = 1 / (1 + Math.exp(-x));
    const a = -phi * L;
    const lp = logZeroMixture(zi, a);
    if (lp === -Infinity) return reject(d, off, 4);
    // w: the count part's share of the zero; ∂a/∂eta = −phi·s, ∂a/∂phi = s − L.
    const w = Math.exp(Math.log1p(-zi) + a - lp);
    d[off + 1] = -w * phi * s;
    d[off + 2] = w * (s - L);
    d[off + 3] = -Math.expm1(a) * Math.exp(-lp);
    return lp;
  }
  const nb = negBinomial2LogLpmfGrad(n, eta, phi, d, off);
  const lp = Math.log1p(-zi) + nb;
  if (lp === -Infinity) return reject(d, off, 4);
  d[off + 3] = -1 / (1 - zi);
  return lp;
}

/** A draw: 0 with probability zi, else neg_binomial_2(exp(eta), phi). */
export function zeroInflatedNegBinomial2LogRng(rng: Rng, eta: number, phi: number, zi: number): number {
  checkFinite("zeroInflatedNegBinomial2LogRng", "eta", eta);
  return zeroInflatedNegBinomial2Rng(rng, Math.exp(eta), phi, zi);
}

export const zeroInflatedNegBinomial2Log: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "zero_inflated_neg_binomial_2_log",
  args: ["eta", "phi", "zi"],
  argSupport: ["real", "positive", "probability"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: zeroInflatedNegBinomial2LogLpmf,
  lpdfGrad: zeroInflatedNegBinomial2LogLpmfGrad,
  rng: zeroInflatedNegBinomial2LogRng,
});
