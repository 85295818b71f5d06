import { hurdleGammaRng } from "../random/hurdleContinuous.js";
import { checkNotNaN, checkPositiveFinite, checkProbability } from "./checks.js";
import { gammaLpdfGrad, gammaValue } from "./gamma.js";
import { hurdlePositiveLpdfGrad } from "./hurdlePositive.js";
import type { DistributionInfo } from "./types.js";

/**
 * brms's hurdle_gamma_lpdf(y | alpha, beta, hu): log(hu) at y = 0, log(1 − hu) + gamma(y | alpha, rate beta)
 * for y > 0 (brms passes beta = shape / mu). y < 0 is outside the support.
 */
export function hurdleGammaLpdf(y: number, alpha: number, beta: number, hu: number): number {
  checkNotNaN("hurdleGammaLpdf", "y", y);
  checkPositiveFinite("hurdleGammaLpdf", "alpha", alpha);
  checkPositiveFinite("hurdleGammaLpdf", "beta", beta);
  checkProbability("hurdleGammaLpdf", "hu", hu);
  if (y === 0) return Math.log(hu);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return Math.log1p(-hu) + gammaValue(y, alpha, beta);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(y, alpha, beta, hu); at y = 0 only hu's partial is non-zero. */
export function hurdleGammaLpdfGrad(y: number, alpha: number, beta: number, hu: number, d: Float64Array, off: number): number {
  return hurdlePositiveLpdfGrad(alpha > 0 && alpha < Infinity && beta > 0 && beta < Infinity, y, alpha, beta, hu, d, off, gammaLpdfGrad);
}

export { hurdleGammaRng };

export const hurdleGamma: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "hurdle_gamma",
  args: ["alpha", "beta", "hu"],
  argSupport: ["positive", "positive", "probability"],
  support: "nonnegative",
  discrete: false,
  lpdf: hurdleGammaLpdf,
  lpdfGrad: hurdleGammaLpdfGrad,
  rng: hurdleGammaRng,
});
