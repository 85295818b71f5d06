/**
 * Gamma log CDF and log CCDF (R's pgamma with log.p = TRUE; Stan's gamma_lcdf / gamma_lccdf) in Stan's
 * shape–rate parametrisation, through the regularised incomplete gamma function at x = βy, and the
 * censored rows of a `gamma` statement (brms's cens() on a gamma response) with their partials:
 * ∂/∂β from the density (∂P(α, βy)/∂β = y·f(βy)), ∂/∂α from src/math/incGamma.ts's dLogGammaPda /
 * dLogGammaQda (Stan's grad_reg_inc_gamma). An interval probability is differenced on the tail that
 * keeps its digits (upper tail when the lower point is above the median).
 */
import { argError } from "../errors.js";
import { lgamma } from "../math/lgamma.js";
import { dLogGammaPda, dLogGammaQda, logGammaP, logGammaQ } from "../math/incGamma.js";
import { logDiffExp } from "../math/logDiffExp.js";

function check(fn: string, alpha: number, beta: number): void {
  if (!(alpha > 0) || alpha === Infinity) throw argError(fn, "alpha must be positive and finite", alpha);
  if (!(beta > 0) || beta === Infinity) throw argError(fn, "beta must be positive and finite", beta);
}

/** log P(Y ≤ y), Y ~ gamma(alpha, beta) (shape, rate). */
export function gammaLcdf(y: number, alpha: number, beta: number): number {
  check("gammaLcdf", alpha, beta);
  return y <= 0 ? -Infinity : logGammaP(alpha, beta * y);
}

/** log P(Y > y), Y ~ gamma(alpha, beta). */
export function gammaLccdf(y: number, alpha: number, beta: number): number {
  check("gammaLccdf", alpha, beta);
  return y <= 0 ? 0 : logGammaQ(alpha, beta * y);
}

/** log P(lo < Y ≤ hi), Y ~ gamma(alpha, beta), for lo < hi. */
export function gammaLogIntervalProb(lo: number, hi: number, alpha: number, beta: number): number {
  check("gammaLogIntervalProb", alpha, beta);
  if (!(lo < hi)) throw argError("gammaLogIntervalProb", "hi must be above lo", `lo = ${lo}, hi = ${hi}`);
  const a = gammaLcdf(lo, alpha, beta);
  if (a < -Math.LN2) return logDiffExp(gammaLcdf(hi, alpha, beta), a);
  return logDiffExp(gammaLccdf(lo, alpha, beta), gammaLccdf(hi, alpha, beta));
}

/** A censored row of gamma(α, β), brms's codes 1 (log P(Y > y)), −1 (log P(Y ≤ y)), 2 (log P(y < Y ≤ upper)). */
export function gammaCensored(code: number, y: number, upper: number, alpha: number, beta: number): number {
  if (code === 1) return gammaLccdf(y, alpha, beta);
  if (code === -1) return gammaLcdf(y, alpha, beta);
  return gammaLogIntervalProb(y, upper, alpha, beta);
}

/** log(y·f(βy)) with f the gamma(α, 1) density: ∂P(α, βy)/∂β in logs; −∞ at y = 0. */
function logYDensity(y: number, alpha: number, beta: number): number {
  if (!(y > 0)) return -Infinity;
  const x = beta * y;
  return Math.log(y) + (alpha - 1) * Math.log(x) - x - lgamma(alpha);
}

/** ∂/∂β of `gammaCensored` given its value lc. */
export function gammaCensoredDBeta(code: number, y: number, upper: number, alpha: number, beta: number, lc: number): number {
  const a = Math.exp(logYDensity(y, alpha, beta) - lc);
  if (code === 1) return -a;
  if (code === -1) return a;
  return Math.exp(logYDensity(upper, alpha, beta) - lc) - a;
}

/** ∂/∂α of `gammaCensored` given its value lc. */
export function gammaCensoredDAlpha(code: number, y: number, upper: number, alpha: number, beta: number, lc: number): number {
  const x = beta * y;
  if (code === 1) return dLogGammaQda(alpha, x);
  if (code === -1) return dLogGammaPda(alpha, x);
  // ∂(P(x2) − P(x1))/∂α / Z = P2 ∂log P2 − P1 ∂log P1 (or the same in Q, on the upper-tail side).
  const x2 = beta * upper;
  const lp1 = x > 0 ? logGammaP(alpha, x) : -Infinity;
  if (lp1 < -Math.LN2) {
    const d1 = x > 0 ? Math.exp(lp1 - lc) * dLogGammaPda(alpha, x) : 0;
    return Math.exp(logGammaP(alpha, x2) - lc) * dLogGammaPda(alpha, x2) - d1;
  }
  return Math.exp(logGammaQ(alpha, x) - lc) * dLogGammaQda(alpha, x) - Math.exp(logGammaQ(alpha, x2) - lc) * dLogGammaQda(alpha, x2);
}
