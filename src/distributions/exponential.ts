import { exponentialRng } from "../random/index.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import type { DistributionInfo } from "./types.js";

function value(y: number, beta: number): number {
  return Math.log(beta) - beta * y;
}

/** exponential(y | beta) with rate beta (R's dexp(y, rate = beta)); y < 0 is outside the support. */
export function exponentialLpdf(y: number, beta: number): number {
  checkNotNaN("exponentialLpdf", "y", y);
  checkPositiveFinite("exponentialLpdf", "beta", beta);
  if (!(y >= 0 && y < Infinity)) return -Infinity;
  return value(y, beta);
}

/** Unchecked: value and d[off..off+1] = ∂/∂(y, beta). */
export function exponentialLpdfGrad(y: number, beta: number, d: Float64Array, off: number): number {
  if (!(beta > 0 && beta < Infinity && y >= 0 && y < Infinity)) return reject(d, off, 2);
  const lp = value(y, beta);
  d[off] = -beta;
  d[off + 1] = 1 / beta - y;
  return lp;
}

export { exponentialRng };

export const exponential: DistributionInfo = Object.freeze<DistributionInfo>({
  kind: "univariate",
  name: "exponential",
  args: ["beta"],
  argSupport: ["positive"],
  support: "nonnegative",
  discrete: false,
  lpdf: exponentialLpdf,
  lpdfGrad: exponentialLpdfGrad,
  rng: exponentialRng,
});
