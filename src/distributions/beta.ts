import { digamma, lbeta } from "../math/index.js";
import { betaRng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { logDbinomRaw } from "./loader.js";
import type { DistributionInfo } from "./types.js";

/** R's dbeta: for both shapes above 2 the binomial saddle-point form avoids the lbeta cancellation. */
function value(y: number, a: number, b: number): number {
  if (a <= 2 || b <= 2) return (a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y) - lbeta(a, b);
  return Math.log(a + b - 1) + logDbinomRaw(a - 1, a + b - 2, y, 1 - y);
}

/** beta(y | alpha, beta) (R's dbeta); the support is the open interval (0, 1), else -Infinity. */
export function betaLpdf(y: number, alpha: number, beta: number): number {
  checkNotNaN("betaLpdf", "y", y);
  checkPositiveFinite("betaLpdf", "alpha", alpha);
  checkPositiveFinite("betaLpdf", "beta", beta);
  if (!(y > 0 && y < 1)) return -Infinity;
  return value(y, alpha, beta);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, alpha, beta). */
export function betaLpdfGrad(y: number, alpha: number, beta: number, d: Float64Array, off: number): number {
  if (!(alpha > 0 && alpha < Infinity && beta > 0 && beta < Infinity && y > 0 && y < 1)) return reject(d, off, 3);
  const lp = value(y, alpha, beta);
  if (lp === -Infinity) return reject(d, off, 3);
  const dab = digamma(alpha + beta);
  d[off] = (alpha - 1) / y - (beta - 1) / (1 - y);
  d[off + 1] = Math.log(y) - digamma(alpha) + dab;
  d[off + 2] = Math.log1p(-y) - digamma(beta) + dab;
  return lp;
}

export { betaRng };

export const beta: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "beta",
  args: ["alpha", "beta"],
  argSupport: ["positive", "positive"],
  support: "unit",
  discrete: false,
  lpdf: betaLpdf,
  lpdfGrad: betaLpdfGrad,
  rng: betaRng,
});
