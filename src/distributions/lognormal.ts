import { lognormalRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { HALF_LOG_2PI } from "./constants.js";
import type { DistributionInfo } from "./types.js";

function value(y: number, mu: number, sigma: number): number {
  const ly = Math.log(y);
  const z = (ly - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI - ly;
}

/** lognormal(y | mu, sigma) (R's dlnorm); y ≤ 0 is outside the support (the density is 0 there). */
export function lognormalLpdf(y: number, mu: number, sigma: number): number {
  checkNotNaN("lognormalLpdf", "y", y);
  checkFinite("lognormalLpdf", "mu", mu);
  checkPositiveFinite("lognormalLpdf", "sigma", sigma);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return value(y, mu, sigma);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, mu, sigma). */
export function lognormalLpdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = value(y, mu, sigma);
  const z = (Math.log(y) - mu) / sigma;
  d[off] = -(1 + z / sigma) / y;
  d[off + 1] = z / sigma;
  d[off + 2] = (z * z - 1) / sigma;
  return lp;
}

export { lognormalRng };

export const lognormal: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "lognormal",
  args: ["mu", "sigma"],
  argSupport: ["real", "positive"],
  support: "positive",
  discrete: false,
  lpdf: lognormalLpdf,
  lpdfGrad: lognormalLpdfGrad,
  rng: lognormalRng,
});
