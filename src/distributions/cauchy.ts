import { cauchyRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { LOG_PI } from "./constants.js";
import type { DistributionInfo } from "./types.js";

/** log(1 + z²) without overflow: past |z| = 1e100 the 1 is below double precision. */
function log1pSq(z: number): number {
  const a = Math.abs(z);
  return a < 1e100 ? Math.log1p(a * a) : 2 * Math.log(a);
}

function value(y: number, mu: number, sigma: number): number {
  return -LOG_PI - Math.log(sigma) - log1pSq((y - mu) / sigma);
}

/** cauchy(y | mu, sigma) (R's dcauchy, but finite arbitrarily far in the tail). */
export function cauchyLpdf(y: number, mu: number, sigma: number): number {
  checkNotNaN("cauchyLpdf", "y", y);
  checkFinite("cauchyLpdf", "mu", mu);
  checkPositiveFinite("cauchyLpdf", "sigma", sigma);
  if (!Number.isFinite(y)) return -Infinity;
  return value(y, mu, sigma);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, mu, sigma). */
export function cauchyLpdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity)) return reject(d, off, 3);
  const lp = value(y, mu, sigma);
  const z = (y - mu) / sigma;
  const z2 = z * z;
  const g = (2 * z) / (1 + z2) / sigma;
  d[off] = -g;
  d[off + 1] = g;
  // (z² - 1)/(z² + 1) as 2q - 1 with q = z²/(1 + z²), finite for z² = ∞.
  d[off + 2] = (2 / (1 + 1 / z2) - 1) / sigma;
  return lp;
}

export { cauchyRng };

export const cauchy: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "cauchy",
  args: ["mu", "sigma"],
  argSupport: ["real", "positive"],
  support: "real",
  discrete: false,
  lpdf: cauchyLpdf,
  lpdfGrad: cauchyLpdfGrad,
  rng: cauchyRng,
});
