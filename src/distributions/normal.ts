import { normalRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { HALF_LOG_2PI } from "./constants.js";
import type { DistributionInfo } from "./types.js";

function value(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
}

/** normal(y | mu, sigma), the full log density (R's dnorm(y, mu, sigma, log = TRUE)). */
export function normalLpdf(y: number, mu: number, sigma: number): number {
  checkNotNaN("normalLpdf", "y", y);
  checkFinite("normalLpdf", "mu", mu);
  checkPositiveFinite("normalLpdf", "sigma", sigma);
  if (!Number.isFinite(y)) return -Infinity;
  return value(y, mu, sigma);
}

/** Unchecked: the value of normalLpdf and d[off..off+2] = ∂/∂(y, mu, sigma); -Infinity if invalid. */
export function normalLpdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity)) return reject(d, off, 3);
  const lp = value(y, mu, sigma);
  const inv = 1 / sigma;
  const z = (y - mu) * inv;
  d[off] = -z * inv;
  d[off + 1] = z * inv;
  d[off + 2] = (z * z - 1) * inv;
  return lp;
}

export { normalRng };

export const normal: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "normal",
  args: ["mu", "sigma"],
  argSupport: ["real", "positive"],
  support: "real",
  discrete: false,
  lpdf: normalLpdf,
  lpdfGrad: normalLpdfGrad,
  rng: normalRng,
});
