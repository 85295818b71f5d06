/**
 * Binomial log CDF and log CCDF (R's pbinom with log.p = TRUE; Stan's binomial_lcdf / binomial_lccdf,
 * the CCDF being P(Y > n)) through the incomplete beta function: P(Y ≤ n | N, p) = I_(1−p)(N − n, n + 1).
 * Censored and truncated rows of a `binomial_logit` statement go through `binomialLogitCensored` and
 * its ∂/∂α (α = logit p): ∂F(n)/∂α = −(N − n) p pmf(n), from the pmf alone.
 */
import { argError } from "../errors.js";
import { lchoose } from "../math/lchoose.js";
import { logIncBeta } from "../math/incBeta.js";
import { logDiffExp } from "../math/logDiffExp.js";
import { invLogit, log1mInvLogit, logInvLogit } from "../math/logit.js";

function checkTrials(fn: string, N: number): void {
  if (!(N >= 0 && Number.isInteger(N))) throw argError(fn, "N must be a non-negative integer", N);
}

/** log P(Y ≤ n) given p and q = 1 − p (both passed so neither loses digits to a subtraction). */
function lcdfPq(n: number, N: number, p: number, q: number): number {
  const k = Math.floor(n);
  if (k < 0) return -Infinity;
  if (k >= N) return 0;
  if (p === 0) return 0;
  return logIncBeta(N - k, k + 1, q, p);
}

/** log P(Y > n) given p and q = 1 − p. */
function lccdfPq(n: number, N: number, p: number, q: number): number {
  const k = Math.floor(n);
  if (k < 0) return 0;
  if (k >= N) return -Infinity;
  if (p === 0) return -Infinity;
  return logIncBeta(k + 1, N - k, p, q);
}

function checkP(fn: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw argError(fn, "p must be in [0, 1]", p);
}

/** log P(Y ≤ n), Y ~ binomial(N, p). */
export function binomialLcdf(n: number, N: number, p: number): number {
  checkTrials("binomialLcdf", N);
  checkP("binomialLcdf", p);
  return lcdfPq(n, N, p, 1 - p);
}

/** log P(Y > n), Y ~ binomial(N, p). */
export function binomialLccdf(n: number, N: number, p: number): number {
  checkTrials("binomialLccdf", N);
  checkP("binomialLccdf", p);
  return lccdfPq(n, N, p, 1 - p);
}

/** log P(lo < Y ≤ hi), Y ~ binomial(N, invLogit(alpha)). */
function binomialLogitLogIntervalProb(lo: number, hi: number, N: number, alpha: number): number {
  const p = invLogit(alpha);
  const q = invLogit(-alpha);
  const a = lcdfPq(lo, N, p, q);
  if (a < -Math.LN2) return logDiffExp(lcdfPq(hi, N, p, q), a);
  return logDiffExp(lccdfPq(lo, N, p, q), lccdfPq(hi, N, p, q));
}

/** log((N − n) p pmf(n | N, p)), p = invLogit(α): −∞ outside 0 ≤ n < N. */
function logDPmf(n: number, N: number, alpha: number): number {
  if (n < 0 || n >= N) return -Infinity;
  const lp = logInvLogit(alpha);
  return Math.log(N - n) + lp + lchoose(N, n) + n * lp + (N - n) * log1mInvLogit(alpha);
}

/** A censored row of binomial_logit(N, α), brms's codes 1 (P(Y > y)), −1 (P(Y ≤ y)), 2 (P(y < Y ≤ upper)). */
export function binomialLogitCensored(code: number, y: number, upper: number, N: number, alpha: number): number {
  checkTrials("binomialLogitCensored", N);
  if (code === 1) return lccdfPq(y, N, invLogit(alpha), invLogit(-alpha));
  if (code === -1) return lcdfPq(y, N, invLogit(alpha), invLogit(-alpha));
  return binomialLogitLogIntervalProb(y, upper, N, alpha);
}

/** ∂/∂α of `binomialLogitCensored` given its value lc: ∂F(n)/∂α = −(N − n) p pmf(n). */
export function binomialLogitCensoredDAlpha(code: number, y: number, upper: number, N: number, alpha: number, lc: number): number {
  const a = Math.exp(logDPmf(y, N, alpha) - lc);
  if (code === 1) return a;
  if (code === -1) return -a;
  return a - Math.exp(logDPmf(upper, N, alpha) - lc);
}
