import { logisticRng } from "../random/index.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

/** Symmetric in z, so work with |z|: exp(-|z|) never overflows (stable at z = ±800). */
function value(y: number, mu: number, sigma: number): number {
  const a = Math.abs((y - mu) / sigma);
  return -a - Math.log(sigma) - 2 * Math.log1p(Math.exp(-a));
}

/** logistic(y | mu, sigma) (R's dlogis). */
export function logisticLpdf(y: number, mu: number, sigma: number): number {
  checkNotNaN("logisticLpdf", "y", y);
  checkFinite("logisticLpdf", "mu", mu);
  checkPositiveFinite("logisticLpdf", "sigma", sigma);
  if (!Number.isFinite(y)) return -Infinity;
  return value(y, mu, sigma);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, mu, sigma); d/dz log density = -tanh(z/2). */
export function logisticLpdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity)) return reject(d, off, 3);
  const lp = value(y, mu, sigma);
  const z = (y - mu) / sigma;
  const t = Math.tanh(0.5 * z);
  d[off] = -t / sigma;
  d[off + 1] = t / sigma;
  d[off + 2] = (z * t - 1) / sigma;
  return lp;
}

export { logisticRng };

export const logistic: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "logistic",
  args: ["mu", "sigma"],
  argSupport: ["real", "positive"],
  support: "real",
  discrete: false,
  lpdf: logisticLpdf,
  lpdfGrad: logisticLpdfGrad,
  rng: logisticRng,
});
