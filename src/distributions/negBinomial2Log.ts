import { digamma, invLogit, lgamma, log1pExp } from "../math/index.js";
import type { Rng } from "../random/rng.js";
import { negBinomial2Rng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, isCount, reject } from "./checks.js";
import { negBinomial2DPhi, negBinomial2Value } from "./negBinomial2.js";
import type { DistributionInfo } from "./types.js";

/**
 * neg_binomial_2 at mu = exp(eta) while that is a normal double; outside 1e±300 Stan's form in
 * x = eta - log(phi): lgamma(n+phi) - lgamma(phi) - lgamma(n+1) - n log1pExp(-x) - phi log1pExp(x).
 */
function value(n: number, eta: number, phi: number): number {
  const mu = Math.exp(eta);
  if (mu > 1e-300 && mu < 1e300) return negBinomial2Value(n, mu, phi);
  const x = eta - Math.log(phi);
  return lgamma(n + phi) - lgamma(phi) - lgamma(n + 1) - n * log1pExp(-x) - phi * log1pExp(x);
}

/** neg_binomial_2_log(n | eta, phi) = neg_binomial_2(n | exp(eta), phi). */
export function negBinomial2LogLpmf(n: number, eta: number, phi: number): number {
  checkNotNaN("negBinomial2LogLpmf", "n", n);
  checkFinite("negBinomial2LogLpmf", "eta", eta);
  checkPositiveFinite("negBinomial2LogLpmf", "phi", phi);
  if (!isCount(n)) return -Infinity;
  return value(n, eta, phi);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(n, eta, phi), the first 0. */
export function negBinomial2LogLpmfGrad(n: number, eta: number, phi: number, d: Float64Array, off: number): number {
  if (!(Math.abs(eta) < Infinity && phi > 0 && phi < Infinity && isCount(n))) return reject(d, off, 3);
  const lp = value(n, eta, phi);
  if (lp === -Infinity) return reject(d, off, 3);
  // s = mu/(mu + phi) and 1 - s, each as a sigmoid so neither cancels.
  const x = eta - Math.log(phi);
  const s = invLogit(x);
  const t = invLogit(-x);
  d[off] = 0;
  d[off + 1] = n * t - phi * s;
  const mu = Math.exp(eta);
  d[off + 2] =
    mu > 1e-300 && mu < 1e300
      ? negBinomial2DPhi(n, mu, phi)
      : digamma(n + phi) - digamma(phi) - log1pExp(x) + s - (n * t) / phi;
  return lp;
}

/** A draw from neg_binomial_2(exp(eta), phi). */
export function negBinomial2LogRng(rng: Rng, eta: number, phi: number): number {
  checkFinite("negBinomial2LogRng", "eta", eta);
  checkPositiveFinite("negBinomial2LogRng", "phi", phi);
  return negBinomial2Rng(rng, Math.exp(eta), phi);
}

export const negBinomial2Log: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "neg_binomial_2_log",
  args: ["eta", "phi"],
  argSupport: ["real", "positive"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: negBinomial2LogLpmf,
  lpdfGrad: negBinomial2LogLpmfGrad,
  rng: negBinomial2LogRng,
});
