/**
 * Poisson log CDF and log CCDF (R's ppois with log.p = TRUE; Stan's poisson_lcdf / poisson_lccdf,
 * where the CCDF is P(Y > n)) through the incomplete gamma function: P(Y ≤ n | λ) = Q(n + 1, λ).
 * The censored and truncated rows of a `poisson_log` statement (brms's cens() and trunc() on a log
 * link) go through `poissonLogCensored` and its ∂/∂η; ∂F(n)/∂λ = −pmf(n), so no derivative in a
 * shape argument is needed.
 */
import { argError } from "../errors.js";
import { lgamma } from "../math/lgamma.js";
import { logGammaP, logGammaQ } from "../math/incGamma.js";
import { logDiffExp } from "../math/logDiffExp.js";

function checkLambda(fn: string, lambda: number): void {
  if (!(lambda >= 0) || lambda === Infinity) throw argError(fn, "lambda must be non-negative and finite", lambda);
}

/** log P(Y ≤ n), Y ~ poisson(lambda); n is floored as R does (−∞ below 0). */
export function poissonLcdf(n: number, lambda: number): number {
  checkLambda("poissonLcdf", lambda);
  const k = Math.floor(n);
  if (k < 0) return -Infinity;
  if (lambda === 0) return 0;
  return logGammaQ(k + 1, lambda);
}

/** log P(Y > n), Y ~ poisson(lambda). */
export function poissonLccdf(n: number, lambda: number): number {
  checkLambda("poissonLccdf", lambda);
  const k = Math.floor(n);
  if (k < 0) return 0;
  if (lambda === 0) return -Infinity;
  return logGammaP(k + 1, lambda);
}

/** log P(lo < Y ≤ hi) for lo < hi, from whichever tail keeps the difference accurate. */
export function poissonLogIntervalProb(lo: number, hi: number, lambda: number): number {
  const a = poissonLcdf(lo, lambda);
  if (a < -Math.LN2) return logDiffExp(poissonLcdf(hi, lambda), a);
  return logDiffExp(poissonLccdf(lo, lambda), poissonLccdf(hi, lambda));
}

/** log(λ pmf(n | λ)) written in η = log λ: (n + 1)η − λ − log n!; −∞ for n < 0. */
function logLambdaPmf(n: number, eta: number, lambda: number): number {
  return n < 0 ? -Infinity : (n + 1) * eta - lambda - lgamma(n + 1);
}

/**
 * A censored row of poisson_log(η), brms's codes: 1 → log P(Y > y), −1 → log P(Y ≤ y), 2 →
 * log P(y < Y ≤ upper). (Code 0 rows are the pmf, inlined by the template.)
 */
export function poissonLogCensored(code: number, y: number, upper: number, eta: number): number {
  const lambda = Math.exp(eta);
  if (code === 1) return poissonLccdf(y, lambda);
  if (code === -1) return poissonLcdf(y, lambda);
  return poissonLogIntervalProb(y, upper, lambda);
}

/** ∂/∂η of `poissonLogCensored` given its value lc: ∂F(n)/∂η = −λ pmf(n). */
export function poissonLogCensoredDEta(code: number, y: number, upper: number, eta: number, lc: number): number {
  const lambda = Math.exp(eta);
  const a = Math.exp(logLambdaPmf(y, eta, lambda) - lc);
  if (code === 1) return a;
  if (code === -1) return -a;
  return a - Math.exp(logLambdaPmf(upper, eta, lambda) - lc);
}
