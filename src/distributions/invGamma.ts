import { digamma } from "../math/index.js";
import { invGammaRng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { gammaValue } from "./gamma.js";
import type { DistributionInfo } from "./types.js";

/** If X ~ gamma(α, β) then Y = 1/X has density f_X(1/y)/y²; reuse gamma's accurate form. */
function value(y: number, alpha: number, beta: number): number {
  return gammaValue(1 / y, alpha, beta) - 2 * Math.log(y);
}

/** inv_gamma(y | alpha, beta), shape alpha and scale beta; y ≤ 0 returns -Infinity. */
export function invGammaLpdf(y: number, alpha: number, beta: number): number {
  checkNotNaN("invGammaLpdf", "y", y);
  checkPositiveFinite("invGammaLpdf", "alpha", alpha);
  checkPositiveFinite("invGammaLpdf", "beta", beta);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return value(y, alpha, beta);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, alpha, beta). */
export function invGammaLpdfGrad(y: number, alpha: number, beta: number, d: Float64Array, off: number): number {
  if (!(alpha > 0 && alpha < Infinity && beta > 0 && beta < Infinity && y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = value(y, alpha, beta);
  if (lp === -Infinity) return reject(d, off, 3);
  const inv = 1 / y;
  d[off] = (beta * inv - (alpha + 1)) * inv;
  d[off + 1] = Math.log(beta) - digamma(alpha) - Math.log(y);
  d[off + 2] = alpha / beta - inv;
  return lp;
}

export { invGammaRng };

export const invGamma: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "inv_gamma",
  args: ["alpha", "beta"],
  argSupport: ["positive", "positive"],
  support: "positive",
  discrete: false,
  lpdf: invGammaLpdf,
  lpdfGrad: invGammaLpdfGrad,
  rng: invGammaRng,
});
