import { digamma } from "../math/index.js";
import { gammaRng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { logDpoisRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/**
 * R's dgamma through Loader's Poisson form: α log β - lgamma(α) + (α-1) log y - β y cancels badly for
 * large α (α = 1e6 leaves ~7 digits); the saddle-point form keeps full relative accuracy. Exported for
 * inv_gamma, which is this at 1/y.
 */
export function gammaValue(y: number, alpha: number, beta: number): number {
  const x = y * beta;
  if (alpha < 1) {
    const r = alpha / y;
    return logDpoisRaw(alpha, x) + (r < Infinity ? Math.log(r) : Math.log(alpha) - Math.log(y));
  }
  return logDpoisRaw(alpha - 1, x) + Math.log(beta);
}

/**
 * gamma(y | alpha, beta), shape alpha and rate beta (R's dgamma(y, alpha, rate = beta)). The support is
 * the open half-line: at y = 0 the density is 0, β or ∞ depending on α, and y ≤ 0 returns -Infinity.
 */
export function gammaLpdf(y: number, alpha: number, beta: number): number {
  checkNotNaN("gammaLpdf", "y", y);
  checkPositiveFinite("gammaLpdf", "alpha", alpha);
  checkPositiveFinite("gammaLpdf", "beta", beta);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return gammaValue(y, alpha, beta);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, alpha, beta). */
export function gammaLpdfGrad(y: number, alpha: number, beta: number, d: Float64Array, off: number): number {
  if (!(alpha > 0 && alpha < Infinity && beta > 0 && beta < Infinity && y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = gammaValue(y, alpha, beta);
  if (lp === -Infinity) return reject(d, off, 3);
  d[off] = (alpha - 1) / y - beta;
  d[off + 1] = Math.log(beta) - digamma(alpha) + Math.log(y);
  d[off + 2] = alpha / beta - y;
  return lp;
}

export { gammaRng };

export const gamma: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "gamma",
  args: ["alpha", "beta"],
  argSupport: ["positive", "positive"],
  support: "positive",
  discrete: false,
  lpdf: gammaLpdf,
  lpdfGrad: gammaLpdfGrad,
  rng: gammaRng,
});
