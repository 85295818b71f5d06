/**
 * Negative binomial log CDF and log CCDF in Stan's neg_binomial_2_log parametrisation (η = log μ,
 * shape φ; R's pnbinom(size = φ, mu = μ, log.p = TRUE), the CCDF being P(Y > n)) through the incomplete
 * beta function: P(Y ≤ n) = I_x(φ, n + 1) with x = φ/(φ + μ) = invLogit(log φ − η). Censored rows of a
 * neg_binomial_2_log statement (brms's cens() on a negbinomial response) with partials: ∂F/∂η =
 * −x^φ (1 − x)^(n+1)/B(φ, n + 1) from the density of x, ∂F/∂φ = ∂I/∂a (src/math/incBeta.ts, Stan's
 * inc_beta_dda) plus the same density times ∂x/∂φ = x(1 − x)/φ.
 */
import { argError } from "../errors.js";
import { lbeta } from "../math/lbeta.js";
import { dLogIncBetaCDa, dLogIncBetaDa, logIncBeta, logIncBetaC } from "../math/incBeta.js";
import { logDiffExp } from "../math/logDiffExp.js";
import { invLogit, log1mInvLogit, logInvLogit } from "../math/logit.js";

function check(fn: string, eta: number, phi: number): void {
  if (!Number.isFinite(eta)) throw argError(fn, "eta must be finite", eta);
  if (!(phi > 0) || phi === Infinity) throw argError(fn, "phi must be positive and finite", phi);
}

/** log P(Y ≤ n), Y ~ neg_binomial_2_log(eta, phi). */
export function negBinomial2LogLcdf(n: number, eta: number, phi: number): number {
  check("negBinomial2LogLcdf", eta, phi);
  const k = Math.floor(n);
  if (k < 0) return -Infinity;
  const t = Math.log(phi) - eta;
  return logIncBeta(phi, k + 1, invLogit(t), invLogit(-t));
}

/** log P(Y > n), Y ~ neg_binomial_2_log(eta, phi). */
export function negBinomial2LogLccdf(n: number, eta: number, phi: number): number {
  check("negBinomial2LogLccdf", eta, phi);
  const k = Math.floor(n);
  if (k < 0) return 0;
  const t = Math.log(phi) - eta;
  return logIncBetaC(phi, k + 1, invLogit(t), invLogit(-t));
}

/** log P(lo < Y ≤ hi), from whichever tail keeps the difference accurate. */
export function negBinomial2LogLogIntervalProb(lo: number, hi: number, eta: number, phi: number): number {
  const a = negBinomial2LogLcdf(lo, eta, phi);
  if (a < -Math.LN2) return logDiffExp(negBinomial2LogLcdf(hi, eta, phi), a);
  return logDiffExp(negBinomial2LogLccdf(lo, eta, phi), negBinomial2LogLccdf(hi, eta, phi));
}

/** A censored row: brms's codes 1 (log P(Y > y)), −1 (log P(Y ≤ y)), 2 (log P(y < Y ≤ upper)). */
export function negBinomial2LogCensored(code: number, y: number, upper: number, eta: number, phi: number): number {
  if (code === 1) return negBinomial2LogLccdf(y, eta, phi);
  if (code === -1) return negBinomial2LogLcdf(y, eta, phi);
  return negBinomial2LogLogIntervalProb(y, upper, eta, phi);
}

/** log(−∂F(n)/∂η) = φ log x + (n + 1) log(1 − x) − log B(φ, n + 1); −∞ for n < 0. */
function logDens(n: number, eta: number, phi: number): number {
  if (n < 0) return -Infinity;
  const t = Math.log(phi) - eta;
  return phi * logInvLogit(t) + (n + 1) * log1mInvLogit(t) - lbeta(phi, n + 1);
}

/** ∂/∂η of `negBinomial2LogCensored` given its value lc. */
export function negBinomial2LogCensoredDEta(code: number, y: number, upper: number, eta: number, phi: number, lc: number): number {
  const a = Math.exp(logDens(y, eta, phi) - lc);
  if (code === 1) return a;
  if (code === -1) return -a;
  return a - Math.exp(logDens(upper, eta, phi) - lc);
}

/** ∂ log F(n)/∂φ (`upperTail` false) or ∂ log(1 − F(n))/∂φ (true), for n ≥ 0. */
function dLogTailDPhi(n: number, eta: number, phi: number, upperTail: boolean, logTail: number): number {
  const t = Math.log(phi) - eta;
  const x = invLogit(t);
  const y = invLogit(-t);
  const viaX = Math.exp(logDens(n, eta, phi) - logTail) / phi;
  return upperTail ? dLogIncBetaCDa(phi, n + 1, x, y) - viaX : dLogIncBetaDa(phi, n + 1, x, y) + viaX;
}

/** ∂/∂φ of `negBinomial2LogCensored` given its value lc. */
export function negBinomial2LogCensoredDPhi(code: number, y: number, upper: number, eta: number, phi: number, lc: number): number {
  if (code === 1) return dLogTailDPhi(Math.floor(y), eta, phi, true, lc);
  if (code === -1) return dLogTailDPhi(Math.floor(y), eta, phi, false, lc);
  // ∂(F(u) − F(k))/∂φ / Z, on the tail the value was differenced on.
  const k = Math.floor(y);
  const u = Math.floor(upper);
  const lk = negBinomial2LogLcdf(k, eta, phi);
  if (lk < -Math.LN2) {
    const lu = negBinomial2LogLcdf(u, eta, phi);
    const dk = k < 0 ? 0 : Math.exp(lk - lc) * dLogTailDPhi(k, eta, phi, false, lk);
    return Math.exp(lu - lc) * dLogTailDPhi(u, eta, phi, false, lu) - dk;
  }
  const ck = negBinomial2LogLccdf(k, eta, phi);
  const cu = negBinomial2LogLccdf(u, eta, phi);
  return Math.exp(ck - lc) * dLogTailDPhi(k, eta, phi, true, ck) - Math.exp(cu - lc) * dLogTailDPhi(u, eta, phi, true, cu);
}
