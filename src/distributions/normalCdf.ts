/**
 * Normal log CDF and log CCDF (Stan's normal_lcdf / normal_lccdf, R's pnorm(log.p = TRUE)), stable
 * in both tails through logPhi, and the log probability of an interval (lo, hi]. With z = (y − mu)/σ
 * and r = φ(z)/Φ(z) (an inverse Mills ratio, computed as exp(log φ − log Φ) so it neither overflows
 * nor divides 0 by 0 in the far tail), ∂ log Φ(z)/∂z = r.
 */
import { logPhi } from "../math/logPhi.js";
import { Phi } from "../math/Phi.js";
import { logDiffExp } from "../math/logDiffExp.js";
import { argError } from "../errors.js";
import { checkFinite, checkNotNaN, checkPositiveFinite, reject } from "./checks.js";
import { HALF_LOG_2PI } from "./constants.js";

/** log φ(z), the standard normal log density. */
function logStdNormalPdf(z: number): number {
  return -0.5 * z * z - HALF_LOG_2PI;
}

/**
 * log(Φ(b) − Φ(a)) for a < b without cancellation: in the upper tail as log(Φ(−a) − Φ(−b)), across 0
 * as log1p(−Φ(a) − Φ(−b)). NaN unless a < b (−∞ when they are equal); never throws.
 */
export function logDiffPhi(a: number, b: number): number {
  if (!(a <= b)) return NaN;
  if (a === b) return -Infinity;
  if (a > 0) return logDiffExp(logPhi(-a), logPhi(-b));
  if (b < 0) return logDiffExp(logPhi(b), logPhi(a));
  return Math.log1p(-Phi(a) - Phi(-b));
}

function checkArgs(fn: string, y: number, mu: number, sigma: number): void {
  checkNotNaN(fn, "y", y);
  checkFinite(fn, "mu", mu);
  checkPositiveFinite(fn, "sigma", sigma);
}

/** log P(Y ≤ y), Y ~ normal(mu, sigma) (R's pnorm(y, mu, sigma, log.p = TRUE)). */
export function normalLcdf(y: number, mu: number, sigma: number): number {
  checkArgs("normalLcdf", y, mu, sigma);
  return logPhi((y - mu) / sigma);
}

/** log P(Y > y), Y ~ normal(mu, sigma) (R's pnorm(y, mu, sigma, lower.tail = FALSE, log.p = TRUE)). */
export function normalLccdf(y: number, mu: number, sigma: number): number {
  checkArgs("normalLccdf", y, mu, sigma);
  return logPhi((mu - y) / sigma);
}

/** log P(lo < Y ≤ hi), Y ~ normal(mu, sigma), for lo < hi (brms's interval censoring). */
export function normalLogIntervalProb(lo: number, hi: number, mu: number, sigma: number): number {
  checkArgs("normalLogIntervalProb", lo, mu, sigma);
  checkNotNaN("normalLogIntervalProb", "hi", hi);
  if (!(lo < hi)) throw argError("normalLogIntervalProb", "hi must be above lo", `lo = ${lo}, hi = ${hi}`);
  return logDiffPhi((lo - mu) / sigma, (hi - mu) / sigma);
}

const valid = (y: number, mu: number, sigma: number): boolean => sigma > 0 && sigma < Infinity && Math.abs(mu) < Infinity && Math.abs(y) < Infinity;

/** Unchecked: normalLcdf and d[off..off+2] = ∂/∂(y, mu, sigma); -Infinity if invalid. */
export function normalLcdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!valid(y, mu, sigma)) return reject(d, off, 3);
  const z = (y - mu) / sigma;
  const lp = logPhi(z);
  const r = Math.exp(logStdNormalPdf(z) - lp) / sigma;
  d[off] = r;
  d[off + 1] = -r;
  d[off + 2] = -r * z;
  return lp;
}

/** Unchecked: normalLccdf and d[off..off+2] = ∂/∂(y, mu, sigma); -Infinity if invalid. */
export function normalLccdfGrad(y: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!valid(y, mu, sigma)) return reject(d, off, 3);
  const z = (y - mu) / sigma;
  const lp = logPhi(-z);
  const r = Math.exp(logStdNormalPdf(z) - lp) / sigma;
  d[off] = -r;
  d[off + 1] = r;
  d[off + 2] = r * z;
  return lp;
}

/** Unchecked: normalLogIntervalProb and d[off..off+3] = ∂/∂(lo, hi, mu, sigma); -Infinity if invalid. */
export function normalLogIntervalProbGrad(lo: number, hi: number, mu: number, sigma: number, d: Float64Array, off: number): number {
  if (!(valid(lo, mu, sigma) && lo < hi && hi < Infinity)) return reject(d, off, 4);
  const a = (lo - mu) / sigma;
  const b = (hi - mu) / sigma;
  const lp = logDiffPhi(a, b);
  const ra = Math.exp(logStdNormalPdf(a) - lp) / sigma;
  const rb = Math.exp(logStdNormalPdf(b) - lp) / sigma;
  d[off] = -ra;
  d[off + 1] = rb;
  d[off + 2] = ra - rb;
  d[off + 3] = ra * a - rb * b;
  return lp;
}
