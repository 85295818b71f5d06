import { lgamma } from "../math/index.js";
import type { Rng } from "../random/rng.js";
import { poissonRng } from "../random/index.js";
import { checkFinite, checkNotNaN, isCount, reject } from "./checks.js";
import { logDpoisRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/**
 * Loader's form at lambda = exp(alpha) where that is a normal double; below 1e-300 (alpha < -690)
 * lambda would lose digits or underflow, and n alpha - exp(alpha) - lgamma(n + 1) is exact there.
 * Above alpha ≈ 709.8 exp overflows and the density is 0 in double precision anyway.
 */
function value(n: number, alpha: number): number {
  const lambda = Math.exp(alpha);
  if (lambda < 1e-300) return n * alpha - lambda - lgamma(n + 1);
  return logDpoisRaw(n, lambda);
}

/** poisson_log(n | alpha) = poisson(n | exp(alpha)). */
export function poissonLogLpmf(n: number, alpha: number): number {
  checkNotNaN("poissonLogLpmf", "n", n);
  checkFinite("poissonLogLpmf", "alpha", alpha);
  if (!isCount(n)) return -Infinity;
  return value(n, alpha);
}

/** Unchecked: value and d[off..off+1] = ∂/∂(n, alpha), the first 0; ∂/∂alpha = n - exp(alpha). */
export function poissonLogLpmfGrad(n: number, alpha: number, d: Float64Array, off: number): number {
  if (!(Math.abs(alpha) < Infinity && isCount(n))) return reject(d, off, 2);
  const lp = value(n, alpha);
  if (lp === -Infinity) return reject(d, off, 2);
  d[off] = 0;
  d[off + 1] = n - Math.exp(alpha);
  return lp;
}

/** A draw from poisson(exp(alpha)). */
export function poissonLogRng(rng: Rng, alpha: number): number {
  checkFinite("poissonLogRng", "alpha", alpha);
  return poissonRng(rng, Math.exp(alpha));
}

export const poissonLog: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "poisson_log",
  args: ["alpha"],
  argSupport: ["real"],
  support: "nonnegative_int",
  discrete: true,
  lpdf: poissonLogLpmf,
  lpdfGrad: poissonLogLpmfGrad,
  rng: poissonLogRng,
});
