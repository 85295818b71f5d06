import { hurdleLognormalRng } from "../random/hurdleContinuous.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, checkProbability } from "./checks.js";
import { lognormalLpdf, lognormalLpdfGrad } from "./lognormal.js";
import { hurdlePositiveLpdfGrad } from "./hurdlePositive.js";
import type { DistributionInfo } from "./types.js";

/**
 * brms's hurdle_lognormal_lpdf(y | mu, sigma, hu): log(hu) at y = 0, log(1 − hu) + lognormal(y | mu, sigma)
 * for y > 0. y < 0 is outside the support.
 */
export function hurdleLognormalLpdf(y: number, mu: number, sigma: number, hu: number): number {
  checkNotNaN("hurdleLognormalLpdf", "y", y);
  checkFinite("hurdleLognormalLpdf", "mu", mu);
  checkPositiveFinite("hurdleLognormalLpdf", "sigma", sigma);
  checkProbability("hurdleLognormalLpdf", "hu", hu);
  if (y === 0) return Math.log(hu);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return Math.log1p(-hu) + lognormalLpdf(y, mu, sigma);
}

/** Unchecked: value and d[off..off+3] = ∂/∂(y, mu, sigma, hu); at y = 0 only hu's partial is non-zero. */
export function hurdleLognormalLpdfGrad(y: number, mu: number, sigma: number, hu: number, d: Float64Array, off: number): number {
  return hurdlePositiveLpdfGrad(Math.abs(mu) < Infinity && sigma > 0 && sigma < Infinity, y, mu, sigma, hu, d, off, lognormalLpdfGrad);
}

export { hurdleLognormalRng };

export const hurdleLognormal: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "hurdle_lognormal",
  args: ["mu", "sigma", "hu"],
  argSupport: ["real", "positive", "probability"],
  support: "nonnegative",
  discrete: false,
  lpdf: hurdleLognormalLpdf,
  lpdfGrad: hurdleLognormalLpdfGrad,
  rng: hurdleLognormalRng,
});
