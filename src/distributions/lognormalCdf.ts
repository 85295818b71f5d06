/**
 * Lognormal log CDF and log CCDF (R's plnorm(log.p = TRUE)) and the log probability of an interval:
 * the normal ones at log y, with ∂/∂y = ∂/∂(log y) / y. y ≤ 0 has CDF 0.
 */
import { argError } from "../errors.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { logPhi } from "../math/logPhi.js";
import { logDiffPhi, normalLccdfGrad, normalLcdfGrad, normalLogIntervalProbGrad } from "./normalCdf.js";

function checkArgs(fn: string, y: number, mu: number, sigma: number): void {
  checkNotNaN(fn, "y", y);
  checkFinite(fn, "mu", mu);
  checkPositiveFinite(fn, "sigma", sigma);
}

/** log P(Y ≤ y), Y ~ lognormal(mu, sigma). */
export function lognormalLcdf(y: number, mu: number, sigma: number): number {
  checkArgs("lognormalLcdf", y, mu, sigma);
  if (y <= 0) return -Infinity;
  if (y === Infinity) return 0;
  return logPhi((Math.log(y) - mu) / sigma);
}

/** log P(Y > y), Y ~ lognormal(mu, sigma). */
export function lognormalLccdf(y: number, mu: number, sigma: number): number {
  checkArgs("lognormalLccdf", y, mu, sigma);
  if (y <= 0) return 0;
  if (y === Infinity) return -Infinity;
  return logPhi((mu - Math.log(y)) / sigma);
}

/** log P(lo < Y ≤ hi), Y ~ lognormal(mu, sigma), for 0 < lo < hi. */
export function lognormalLogIntervalProb(lo: number, hi: number, mu: number, sigma: number): number {
  checkArgs("lognormalLogIntervalProb", lo, mu, sigma);
  checkPositiveFinite("lognormalLogIntervalProb", "lo", lo);
  if (!(lo < hi && hi < Infinity)) throw argError("lognormalLogIntervalProb", "hi must be finite and above lo", `lo = ${lo}, hi = ${hi}`);
  return logDiffPhi((Math.log(lo) - mu) / sigma, (Math.log(hi) - mu) / sigma);
}

/** Unchecked: lognormalLcdf and d[off..off+2] = ∂/∂(y, mu, sigma); y > 0 finite, else -Infinity. */
export function lognormalLcdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = normalLcdfGrad(Math.log(y), mu, sigma, d, off);
  d[off] /= y;
  return lp;
}

/** Unchecked: lognormalLccdf and d[off..off+2] = ∂/∂(y, mu, sigma); y > 0 finite, else -Infinity. */
export function lognormalLccdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(y > 0 && y < Infinity)) return reject(d, off, 3);
  const lp = normalLccdfGrad(Math.log(y), mu, sigma, d, off);
  d[off] /= y;
  return lp;
}

/** Unchecked: lognormalLogIntervalProb and d[off..off+3] = ∂/∂(lo, hi, mu, sigma). */
export function lognormalLogIntervalProbGrad(lo: number, hi: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(lo > 0 && lo < hi && hi < Infinity)) return reject(d, off, 4);
  const lp = normalLogIntervalProbGrad(Math.log(lo), Math.log(hi), mu, sigma, d, off);
  d[off] /= lo;
  d[off + 1] /= hi;
  return lp;
}
