/**
 * Weibull and exponential log CDF and log CCDF (R's pweibull / pexp with log.p = TRUE) and the log
 * probability of an interval, through the cumulative hazard t = (y/σ)^α (exponential: t = λy):
 * log CCDF = −t, log CDF = log(1 − e^(−t)), log P(lo < Y ≤ hi) = −t_lo + log(1 − e^(−(t_hi − t_lo))).
 * Partials are taken through g = t · ∂/∂t, which stays finite where t underflows (g → 1 in the lower
 * tail of the log CDF): ∂/∂y = g α / y, ∂/∂α = g log(y/σ), ∂/∂σ = −g α / σ.
 */
import { argError } from "../errors.js";
import { checkNotNaN, checkPositiveFinite, reject } from "./checks.js";

/** log(1 − e^(−t)) for t ≥ 0 given log t (accurate where t underflows, as then it is log t − t/2). */
export function log1mExpNegT(t: number, logT: number): number {
  if (t > Math.LN2) return Math.log1p(-Math.exp(-t));
  if (t > 1e-8) return Math.log(-Math.expm1(-t));
  return logT - 0.5 * t;
}

/** t/expm1(t): t · ∂/∂t of log(1 − e^(−t)); 1 at t = 0. */
export function tOverExpm1(t: number): number {
  return t < 1e-8 ? 1 - 0.5 * t : t / Math.expm1(t);
}

function checkArgs(fn: string, y: number, alpha: number, sigma: number): void {
  checkNotNaN(fn, "y", y);
  checkPositiveFinite(fn, "alpha", alpha);
  checkPositiveFinite(fn, "sigma", sigma);
}

/** log(y/σ) and (y/σ)^α. */
function hazard(y: number, alpha: number, sigma: number): { l: number; t: number } {
  const r = y / sigma;
  const l = r > 0 && r < Infinity ? Math.log(r) : Math.log(y) - Math.log(sigma);
  return { l, t: r > 0 && r < Infinity ? Math.pow(r, alpha) : Math.exp(alpha * l) };
}

/** log P(Y ≤ y), Y ~ weibull(alpha, sigma) (shape alpha, scale sigma). */
export function weibullLcdf(y: number, alpha: number, sigma: number): number {
  checkArgs("weibullLcdf", y, alpha, sigma);
  if (y <= 0) return -Infinity;
  if (y === Infinity) return 0;
  const { l, t } = hazard(y, alpha, sigma);
  return log1mExpNegT(t, alpha * l);
}

/** log P(Y > y), Y ~ weibull(alpha, sigma). */
export function weibullLccdf(y: number, alpha: number, sigma: number): number {
  checkArgs("weibullLccdf", y, alpha, sigma);
  if (y <= 0) return 0;
  return -hazard(y, alpha, sigma).t;
}

/** log P(lo < Y ≤ hi), Y ~ weibull(alpha, sigma), for 0 ≤ lo < hi. */
export function weibullLogIntervalProb(lo: number, hi: number, alpha: number, sigma: number): number {
  checkArgs("weibullLogIntervalProb", lo, alpha, sigma);
  checkNotNaN("weibullLogIntervalProb", "hi", hi);
  if (!(lo < hi)) throw argError("weibullLogIntervalProb", "hi must be above lo", `lo = ${lo}, hi = ${hi}`);
  const t1 = lo > 0 ? hazard(lo, alpha, sigma).t : 0;
  const h2 = hazard(hi, alpha, sigma);
  const dt = h2.t - t1;
  return -t1 + log1mExpNegT(dt, t1 === 0 ? alpha * h2.l : Math.log(dt));
}

const valid = (y: number, alpha: number, sigma: number): boolean => alpha > 0 && alpha < Infinity && sigma > 0 && sigma < Infinity && y > 0 && y < Infinity;

/** Unchecked: weibullLcdf and d[off..off+2] = ∂/∂(y, alpha, sigma); y > 0 finite, else -Infinity. */
export function weibullLcdfGrad(y: number, alpha: number, sigma: number, d: Float64Array, off: number): number {
  if (!valid(y, alpha, sigma)) return reject(d, off, 3);
  const { l, t } = hazard(y, alpha, sigma);
  const g = tOverExpm1(t);
  d[off] = (g * alpha) / y;
  d[off + 1] = g * l;
  d[off + 2] = (-g * alpha) / sigma;
  return log1mExpNegT(t, alpha * l);
}

/** Unchecked: weibullLccdf and d[off..off+2] = ∂/∂(y, alpha, sigma); y > 0 finite, else -Infinity. */
export function weibullLccdfGrad(y: number, alpha: number, sigma: number, d: Float64Array, off: number): number {
  if (!valid(y, alpha, sigma)) return reject(d, off, 3);
  const { l, t } = hazard(y, alpha, sigma);
  d[off] = (-t * alpha) / y;
  d[off + 1] = -t * l;
  d[off + 2] = (t * alpha) / sigma;
  return -t;
}

/** Unchecked: weibullLogIntervalProb and d[off..off+3] = ∂/∂(lo, hi, alpha, sigma), 0 < lo < hi finite. */
export function weibullLogIntervalProbGrad(lo: number, hi: number, alpha: number, sigma: number, d: Float64Array, off: number): number {
  if (!(valid(lo, alpha, sigma) && lo < hi && hi < Infinity)) return reject(d, off, 4);
  const h1 = hazard(lo, alpha, sigma);
  const h2 = hazard(hi, alpha, sigma);
  const dt = h2.t - h1.t;
  const e = Math.expm1(dt);
  const g1 = -h1.t - h1.t / e;
  const g2 = h2.t / e;
  d[off] = (g1 * alpha) / lo;
  d[off + 1] = (g2 * alpha) / hi;
  d[off + 2] = g1 * h1.l + g2 * h2.l;
  d[off + 3] = (-(g1 + g2) * alpha) / sigma;
  return -h1.t + log1mExpNegT(dt, Math.log(dt));
}

function checkExp(fn: string, y: number, lambda: number): void {
  checkNotNaN(fn, "y", y);
  checkPositiveFinite(fn, "lambda", lambda);
}

/** log P(Y ≤ y), Y ~ exponential(lambda) (rate lambda; R's pexp(y, lambda, log.p = TRUE)). */
export function exponentialLcdf(y: number, lambda: number): number {
  checkExp("exponentialLcdf", y, lambda);
  if (y <= 0) return -Infinity;
  const t = lambda * y;
  return log1mExpNegT(t, Math.log(lambda) + Math.log(y));
}

/** log P(Y > y), Y ~ exponential(lambda). */
export function exponentialLccdf(y: number, lambda: number): number {
  checkExp("exponentialLccdf", y, lambda);
  return y <= 0 ? 0 : -lambda * y;
}

/** Unchecked: exponentialLcdf and d[off..off+1] = ∂/∂(y, lambda); y > 0 finite, else -Infinity. */
export function exponentialLcdfGrad(y: number, lambda: number, d: Float64Array, off: number): number {
  if (!(lambda > 0 && lambda < Infinity && y > 0 && y < Infinity)) return reject(d, off, 2);
  const t = lambda * y;
  const g = tOverExpm1(t);
  d[off] = g / y;
  d[off + 1] = g / lambda;
  return log1mExpNegT(t, Math.log(lambda) + Math.log(y));
}

/** Unchecked: exponentialLccdf and d[off..off+1] = ∂/∂(y, lambda); y > 0 finite, else -Infinity. */
export function exponentialLccdfGrad(y: number, lambda: number, d: Float64Array, off: number): number {
  if (!(lambda > 0 && lambda < Infinity && y > 0 && y < Infinity)) return reject(d, off, 2);
  d[off] = -lambda;
  d[off + 1] = -y;
  return -lambda * y;
}

/** log P(lo < Y ≤ hi), Y ~ exponential(lambda), for 0 ≤ lo < hi. */
export function exponentialLogIntervalProb(lo: number, hi: number, lambda: number): number {
  checkExp("exponentialLogIntervalProb", lo, lambda);
  if (!(lo < hi)) throw argError("exponentialLogIntervalProb", "hi must be above lo", `lo = ${lo}, hi = ${hi}`);
  const t1 = lambda * Math.max(lo, 0);
  const dt = lambda * (hi - Math.max(lo, 0));
  return -t1 + log1mExpNegT(dt, Math.log(lambda) + Math.log(hi - Math.max(lo, 0)));
}
