import { weibullRng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

/** log(y/σ), and (y/σ)^α by pow when y/σ is a normal double (more accurate than exp(α l) for large α). */
function logRatio(y: number, sigma: number): number {
  const r = y / sigma;
  return r > 0 && r < Infinity ? Math.log(r) : Math.log(y) - Math.log(sigma);
}
function powRatio(y: number, sigma: number, alpha: number, l: number): number {
  const r = y / sigma;
  return r > 0 && r < Infinity ? Math.pow(r, alpha) : Math.exp(alpha * l);
}

function value(y: number, alpha: number, sigma: number): number {
  const l = logRatio(y, sigma);
  return Math.log(alpha) - Math.log(sigma) + (alpha - 1) * l - powRatio(y, sigma, alpha, l);
}

/** weibull(y | alpha, sigma), shape alpha and scale sigma (R's dweibull); y ≤ 0 returns -Infinity. */
export function weibullLpdf(y: number, alpha: number, sigma: number): number {
  checkNotNaN("weibullLpdf", "y", y);
  checkPositiveFinite("weibullLpdf", "alpha", alpha);
  checkPositiveFinite("weibullLpdf", "sigma", sigma);
  if (!(y > 0 && y < Infinity)) return -Infinity;
  return value(y, alpha, sigma);
}

/** Unchecked: value and d[off..off+2] = ∂/∂(y, alpha, sigma). */
export function weibullLpdfGrad(y: number, alpha: number, sigma: number, d: Float64Array, off: number): number {
  if (!(alpha > 0 && alpha < Infinity && sigma > 0 && sigma < Infinity && y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = value(y, alpha, sigma);
  if (lp === -Infinity) return reject(d, off, 3);
  const l = logRatio(y, sigma);
  const t = powRatio(y, sigma, alpha, l);
  d[off] = (alpha - 1 - alpha * t) / y;
  d[off + 1] = 1 / alpha + l * (1 - t);
  d[off + 2] = (alpha * (t - 1)) / sigma;
  return lp;
}

export { weibullRng };

export const weibull: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "weibull",
  args: ["alpha", "sigma"],
  argSupport: ["positive", "positive"],
  support: "positive",
  discrete: false,
  lpdf: weibullLpdf,
  lpdfGrad: weibullLpdfGrad,
  rng: weibullRng,
});
