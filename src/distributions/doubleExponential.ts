import { doubleExponentialRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { LOG_2 } from "./constants.js";
import type { DistributionInfo } from "./types.js";

function value(y: number, mu: number, sigma: number): number {
  return -LOG_2 - Math.log(sigma) - Math.abs(y - mu) / sigma;
}

/** double_exponential(y | mu, sigma), Laplace with scale sigma. */
export function doubleExponentialLpdf(y: number, mu: number, sigma: number): number {
  checkNotNaN("doubleExponentialLpdf", "y", y);
  checkFinite("doubleExponentialLpdf", "mu", mu);
  checkPositiveFinite("doubleExponentialLpdf", "sigma", sigma);
  if (!Number.isFinite(y)) return -Infinity;
  return value(y, mu, sigma);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, mu, sigma); at y = mu the y and mu partials are 0 (Stan's sign(0)). */
export function doubleExponentialLpdfGrad(
  y: number,
  mu: number,
  sigma: number,
  d: Float64Array,
  off: number,
): number {
  if (!(sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity)) return reject(d, off, 3);
  const lp = value(y, mu, sigma);
  const r = y - mu;
  const s = (r > 0 ? 1 : r < 0 ? -1 : 0) / sigma;
  d[off] = -s;
  d[off + 1] = s;
  d[off + 2] = (Math.abs(r) / sigma - 1) / sigma;
  return lp;
}

export { doubleExponentialRng };

export const doubleExponential: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "double_exponential",
  args: ["mu", "sigma"],
  argSupport: ["real", "positive"],
  support: "real",
  discrete: false,
  lpdf: doubleExponentialLpdf,
  lpdfGrad: doubleExponentialLpdfGrad,
  rng: doubleExponentialRng,
});
