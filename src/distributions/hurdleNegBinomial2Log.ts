import { log1pExp } from "../math/log1pExp.js";
import type { Rng } from "../random/rng.js";
import { hurdleNegBinomial2Rng } from "../random/zeroInflated.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, checkProbability, isCount, reject } from "./checks.js";
import { negBinomial2LogLpmf, negBinomial2LogLpmfGrad } from "./negBinomial2Log.js";
import type { DistributionInfo } from "./types.js";
import { log1mExpNeg, nbLogU, nbREta, nbRPhi, uOverExpm1 } from "./zeroInflation.js";

/** log(1 − NB(0 | exp(eta), phi)) with u = phi·log1pExp(eta − log phi) = −log NB(0). */
function logNonzero(eta: number, phi: number): number {
  const x = eta - Math.log(phi);
  const L = log1pExp(x);
  return log1mExpNeg(phi * L, nbLogU(eta, phi, x, L));
}

/**
 * brms's hurdle_neg_binomial_log(n | eta, phi, hu): P(0) = hu, P(n > 0) = (1 − hu)·NB(n | μ, phi)/(1 − NB(0 | μ, phi)),
 * μ = exp(eta) (NB is neg_binomial_2).
 */
export function hurdleNegBinomial2LogLpmf(n: number, eta: number, phi: number, hu: number): number {
  const fn = "hurdleNegBinomial2LogLpmf";
  checkNotNaN(fn, "n", n);
  checkFinite(fn, "eta", eta);
  checkPositiveFinite(fn, "phi", phi);
  checkProbability(fn, "hu", hu);
  if (!isCount(n)) return -Infinity;
  if (n === 0) return Math.log(hu);
  return Math.log1p(-hu) + negBinomial2LogLpmf(n, eta, phi) - logNonzero(eta, phi);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(n, eta, phi, hu), the first 0. */
export function hurdleNegBinomial2LogLpmfGrad(n: number, eta: number, phi: number, hu: number, d: Float64Array, off: number): number {
  if (!(Math.abs(eta) < Infinity && phi > 0 && phi < Infinity && hu >= 0 && hu <= 1 && isCount(n))) return reject(d, off, 4);
  if (n === 0) {
    if (hu === 0) return reject(d, off, 4);
    d[off] = 0;
    d[off + 1] = 0;
    d[off + 2] = 0;
    d[off + 3] = 1 / hu;
    return Math.log(hu);
  }
  const nb = negBinomial2LogLpmfGrad(n, eta, phi, d, off);
  const x = eta - Math.log(phi);
  const L = log1pExp(x);
  const s = 1 / (1 + Math.exp(-x));
  const u = phi * L;
  const lp = Math.log1p(-hu) + nb - log1mExpNeg(u, nbLogU(eta, phi, x, L));
  if (lp === -Infinity || Number.isNaN(lp)) return reject(d, off, 4);
  // ∂/∂θ of −log(1 − e^(−u)) = −(∂u/∂θ)/expm1(u) = −((∂u/∂θ)/u)·(u/expm1(u)).
  const q = uOverExpm1(u);
  d[off + 1] -= nbREta(x, s, L) * q;
  d[off + 2] -= nbRPhi(x, s, L, phi) * q;
  d[off + 3] = -1 / (1 - hu);
  return lp;
}

/** A draw: 0 with probability hu, else a zero-truncated neg_binomial_2(exp(eta), phi). */
export function hurdleNegBinomial2LogRng(rng: Rng, eta: number, phi: number, hu: number): number {
  checkFinite("hurdleNegBinomial2LogRng", "eta", eta);
  return hurdleNegBinomial2Rng(rng, Math.exp(eta), phi, hu);
}

export const hurdleNegBinomial2Log: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "hurdle_neg_binomial_2_log",
  args: ["eta", "phi", "hu"],
  argSupport: ["real", "positive", "probability"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: hurdleNegBinomial2LogLpmf,
  lpdfGrad: hurdleNegBinomial2LogLpmfGrad,
  rng: hurdleNegBinomial2LogRng,
});
