/**
 * Student-t log CDF and log CCDF (Stan's student_t_lcdf / student_t_lccdf, R's pt with log.p = TRUE)
 * and the censored rows of a `student_t(nu, mu, sigma)` statement (brms's cens() on a student
 * response) with partials. With z = (y − μ)/σ the smaller tail is G = P(T ≤ −|z|) = ½ I_x(ν/2, ½),
 * x = ν/(ν + z²) and 1 − x = z²/(ν + z²) formed directly; the larger tail is 1 − G through log1mExp.
 * ∂ log G/∂z = −sign(z) f(z)/G with f the t density; ∂ log G/∂ν = ∂ log I/∂a / 2 (src/math/incBeta.ts,
 * forward mode through the Lentz fraction) + ∂ log I/∂x · ∂x/∂ν, where ∂I/∂x · ∂x/∂ν =
 * x^a (1 − x)^½ / (ν B(a, ½)).
 */
import { argError } from "../errors.js";
import { lbeta } from "../math/lbeta.js";
import { lgamma } from "../math/lgamma.js";
import { dLogIncBetaDa, logIncBeta } from "../math/incBeta.js";
import { log1mExp } from "../math/log1mExp.js";
import { logDiffExp } from "../math/logDiffExp.js";
import { LOG_PI } from "../math/constants.js";

function check(fn: string, nu: number, mu: number, sigma: number): void {
  if (!(nu > 0) || nu === Infinity) throw argError(fn, "nu must be positive and finite", nu);
  if (!Number.isFinite(mu)) throw argError(fn, "mu must be finite", mu);
  if (!(sigma > 0) || sigma === Infinity) throw argError(fn, "sigma must be positive and finite", sigma);
}

/** x = ν/(ν + z²) and 1 − x, each without cancellation. */
function xOf(z: number, nu: number): [number, number] {
  const d = nu + z * z;
  return [nu / d, (z * z) / d];
}

/** log G(z) = log P(T ≤ −|z|), T ~ student_t(ν, 0, 1). */
function logSmallTail(z: number, nu: number): number {
  if (z === 0) return -Math.LN2;
  if (!Number.isFinite(z)) return -Infinity;
  const [x, y] = xOf(z, nu);
  return -Math.LN2 + logIncBeta(nu / 2, 0.5, x, y);
}

/** log f(z), the standard t density. */
function logDensity(z: number, nu: number): number {
  return lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * (Math.log(nu) + LOG_PI) - ((nu + 1) / 2) * Math.log1p((z * z) / nu);
}

/** log P(T ≤ z) and log P(T > z) of the standard t. */
function stdLcdf(z: number, nu: number): number {
  const g = logSmallTail(z, nu);
  return z <= 0 ? g : log1mExp(g);
}
function stdLccdf(z: number, nu: number): number {
  const g = logSmallTail(z, nu);
  return z >= 0 ? g : log1mExp(g);
}

/** log P(Y ≤ y), Y ~ student_t(nu, mu, sigma). */
export function studentTLcdf(y: number, nu: number, mu: number, sigma: number): number {
  check("studentTLcdf", nu, mu, sigma);
  return stdLcdf((y - mu) / sigma, nu);
}

/** log P(Y > y), Y ~ student_t(nu, mu, sigma). */
export function studentTLccdf(y: number, nu: number, mu: number, sigma: number): number {
  check("studentTLccdf", nu, mu, sigma);
  return stdLccdf((y - mu) / sigma, nu);
}

/** log P(lo < Y ≤ hi), from the tail that keeps the difference accurate. */
export function studentTLogIntervalProb(lo: number, hi: number, nu: number, mu: number, sigma: number): number {
  check("studentTLogIntervalProb", nu, mu, sigma);
  if (!(lo < hi)) throw argError("studentTLogIntervalProb", "hi must be above lo", `lo = ${lo}, hi = ${hi}`);
  const zl = (lo - mu) / sigma;
  const zu = (hi - mu) / sigma;
  if (zl > 0) return logDiffExp(stdLccdf(zl, nu), stdLccdf(zu, nu));
  if (zu < 0) return logDiffExp(stdLcdf(zu, nu), stdLcdf(zl, nu));
  // Across the median: 1 − P(T ≤ zl) − P(T > zu), both small tails.
  return Math.log1p(-Math.exp(logSmallTail(zl, nu)) - Math.exp(logSmallTail(zu, nu)));
}

/** A censored row: brms's codes 1 (log P(Y > y)), −1 (log P(Y ≤ y)), 2 (log P(y < Y ≤ upper)). */
export function studentTCensored(code: number, y: number, upper: number, nu: number, mu: number, sigma: number): number {
  if (code === 1) return studentTLccdf(y, nu, mu, sigma);
  if (code === -1) return studentTLcdf(y, nu, mu, sigma);
  return studentTLogIntervalProb(y, upper, nu, mu, sigma);
}

/** ∂/∂ν of G(z) (not of its log): ½ ∂I/∂a + ∂I/∂x ∂x/∂ν, halved; 0 at z = 0 and z = ±∞. */
function dSmallTailDNu(z: number, nu: number): number {
  if (z === 0 || !Number.isFinite(z)) return 0;
  const [x, y] = xOf(z, nu);
  const a = nu / 2;
  const logI = logIncBeta(a, 0.5, x, y);
  const viaA = 0.5 * Math.exp(logI) * dLogIncBetaDa(a, 0.5, x, y);
  const viaX = Math.exp(a * Math.log(x) + 0.5 * Math.log(y) - Math.log(nu) - lbeta(a, 0.5));
  return 0.5 * (viaA + viaX);
}

/** ∂/∂ν and ∂/∂z of the standard CDF F(z) = P(T ≤ z) (not of its log). */
function dCdfDNu(z: number, nu: number): number {
  // F = G for z ≤ 0, 1 − G for z > 0.
  return z <= 0 ? dSmallTailDNu(z, nu) : -dSmallTailDNu(z, nu);
}

/**
 * The partials of `studentTCensored` given its value lc: `which` 0 → ∂/∂ν, 1 → ∂/∂μ, 2 → ∂/∂σ. Written
 * as (∂F(zu) − ∂F(zl))/exp(lc) with F's ∂/∂z the density, each term scaled by exp(−lc) in logs.
 */
function censoredPartial(code: number, y: number, upper: number, nu: number, mu: number, sigma: number, lc: number, which: 0 | 1 | 2): number {
  // The row's probability as F(zu) − F(zl): left-censored (−∞, y], right (y, ∞), interval (y, upper].
  const zl = code === -1 ? -Infinity : (y - mu) / sigma;
  const zu = code === 1 ? Infinity : (code === -1 ? y - mu : upper - mu) / sigma;
  const part = (z: number): number => {
    if (!Number.isFinite(z)) return 0;
    if (which === 0) return dCdfDNu(z, nu) * Math.exp(-lc);
    const dens = Math.exp(logDensity(z, nu) - lc);
    return which === 1 ? -dens / sigma : (-dens * z) / sigma;
  };
  return part(zu) - part(zl);
}

export function studentTCensoredDNu(code: number, y: number, upper: number, nu: number, mu: number, sigma: number, lc: number): number {
  return censoredPartial(code, y, upper, nu, mu, sigma, lc, 0);
}
export function studentTCensoredDMu(code: number, y: number, upper: number, nu: number, mu: number, sigma: number, lc: number): number {
  return censoredPartial(code, y, upper, nu, mu, sigma, lc, 1);
}
export function studentTCensoredDSigma(code: number, y: number, upper: number, nu: number, mu: number, sigma: number, lc: number): number {
  return censoredPartial(code, y, upper, nu, mu, sigma, lc, 2);
}
