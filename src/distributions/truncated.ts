/**
 * Truncated distributions (brms's trunc(lb, ub)) of the censorable families, in the IR's
 * parametrisation (Stan names and argument order): normal(mu, sigma), lognormal(mu, sigma),
 * weibull(alpha, sigma), exponential(lambda), poisson_log(eta), binomial_logit(N, alpha). An absent
 * bound is ±Infinity. The conventions are the compiled likelihood's (src/compiler/emit.ts, as brms's
 * Stan code): integer families keep the mass at lb (log P(lb ≤ Y ≤ ub) = log(F(ub) − F(lb − 1))), and a
 * bound outside the support cuts nothing. Used by the posterior-predictive draws of the compiled model
 * (y_rep) and by src/predict (draws, means, log_lik).
 */
import { UserError } from "../errors.js";
import { logDiffPhi } from "./normalCdf.js";
import { lognormalLccdf, lognormalLcdf, lognormalLogIntervalProb } from "./lognormalCdf.js";
import { exponentialLccdf, exponentialLcdf, exponentialLogIntervalProb, weibullLccdf, weibullLcdf, weibullLogIntervalProb } from "./weibullCdf.js";
import { poissonLccdf, poissonLcdf, poissonLogIntervalProb } from "./poissonCdf.js";
import { binomialLogitCensored } from "./binomialCdf.js";
import { poissonLogLpmf } from "./poissonLog.js";
import { binomialLogitLpmf } from "./binomialLogit.js";
import { Phi } from "../math/Phi.js";
import { invPhi } from "../math/invPhi.js";
import { lgamma } from "../math/lgamma.js";
import { logGammaP, logGammaQ } from "../math/incGamma.js";
import { logDiffExp } from "../math/logDiffExp.js";
import { logSumExp2 } from "../math/logSumExp.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import { poissonRng, POISSON_MAX_RATE } from "../random/poisson.js";
import { gammaRng } from "../random/gamma.js";
import { gammaLccdf, gammaLcdf, gammaLogIntervalProb } from "./gammaCdf.js";
import { negBinomial2LogLccdf, negBinomial2LogLcdf, negBinomial2LogLogIntervalProb } from "./negBinomialCdf.js";
import { negBinomial2LogLpmf } from "./negBinomial2Log.js";
import { negBinomial2Rng } from "../random/mixtures.js";
import { studentTRng } from "../random/studentT.js";
import { studentTLccdf, studentTLcdf, studentTLogIntervalProb } from "./studentTCdf.js";
import { studentTLpdf } from "./studentT.js";
import { binomialRng } from "../random/binomial.js";
import { invLogit } from "../math/logit.js";
import type { Rng } from "../random/rng.js";

/**
 * What truncation (brms's trunc(): src/compiler/emit.ts's normaliser and this file's draws and means)
 * needs of a censored family's support: integer outcomes (the lower bound enters as lb − 1), the lowest
 * value (a lower bound at or below it cuts nothing: lb ≤ 0 of a positive family, lb ≤ 0 of a count), and
 * the argument holding the largest value (binomial's N: an upper bound ≥ N cuts nothing).
 */
export const TRUNC_SUPPORT: Readonly<Record<string, { readonly discrete: boolean; readonly min: number; readonly maxArg?: number }>> = Object.freeze({
  normal: { discrete: false, min: -Infinity },
  student_t: { discrete: false, min: -Infinity },
  lognormal: { discrete: false, min: 0 },
  weibull: { discrete: false, min: 0 },
  exponential: { discrete: false, min: 0 },
  gamma: { discrete: false, min: 0 },
  poisson_log: { discrete: true, min: 0 },
  neg_binomial_2_log: { discrete: true, min: 0 },
  binomial_logit: { discrete: true, min: 0, maxArg: 0 },
});

/** The truncatable families, in TRUNC_SUPPORT's order (generated code names a family by its index here). */
export const TRUNCATED_FAMILIES: readonly string[] = Object.freeze(Object.keys(TRUNC_SUPPORT));

const notTruncatable = (family: string): UserError =>
  new UserError(`trunc(): family ${family} cannot be truncated; truncation is available for ${TRUNCATED_FAMILIES.join(", ")}`);

/** The bounds with the cuts-nothing cases dropped (±Infinity); integer families' lower point is lb − 1. */
function effective(family: string, lo: number, hi: number, a: number): { l: number; h: number } {
  const s = TRUNC_SUPPORT[family];
  if (s === undefined) return { l: lo, h: hi }; // logMass names the family unless nothing is cut
  const below = s.discrete ? lo - 1 : lo;
  const l = (s.discrete ? below >= s.min : below > s.min) ? below : -Infinity;
  // maxArg is 0 (binomial's N, the first argument) where present.
  const h = s.maxArg !== undefined && hi >= a ? Infinity : hi;
  return { l, h };
}

/** log P(l < Y ≤ h) of the untruncated distribution, either side possibly infinite. */
function logMass(family: string, l: number, h: number, a: number, b: number, c: number): number {
  if (l === -Infinity && h === Infinity) return 0;
  switch (family) {
    case "student_t":
      return l === -Infinity ? studentTLcdf(h, a, b, c) : h === Infinity ? studentTLccdf(l, a, b, c) : studentTLogIntervalProb(l, h, a, b, c);
    case "normal":
      return logDiffPhi((l - a) / b, (h - a) / b);
    case "lognormal":
      return l === -Infinity ? lognormalLcdf(h, a, b) : h === Infinity ? lognormalLccdf(l, a, b) : lognormalLogIntervalProb(l, h, a, b);
    case "weibull":
      return l === -Infinity ? weibullLcdf(h, a, b) : h === Infinity ? weibullLccdf(l, a, b) : weibullLogIntervalProb(l, h, a, b);
    case "exponential":
      return l === -Infinity ? exponentialLcdf(h, a) : h === Infinity ? exponentialLccdf(l, a) : exponentialLogIntervalProb(l, h, a);
    case "gamma":
      return l === -Infinity ? gammaLcdf(h, a, b) : h === Infinity ? gammaLccdf(l, a, b) : gammaLogIntervalProb(l, h, a, b);
    case "poisson_log": {
      const lambda = Math.exp(a);
      return l === -Infinity ? poissonLcdf(h, lambda) : h === Infinity ? poissonLccdf(l, lambda) : poissonLogIntervalProb(l, h, lambda);
    }
    case "neg_binomial_2_log":
      return l === -Infinity ? negBinomial2LogLcdf(h, a, b) : h === Infinity ? negBinomial2LogLccdf(l, a, b) : negBinomial2LogLogIntervalProb(l, h, a, b);
    case "binomial_logit":
      return l === -Infinity ? binomialLogitCensored(-1, h, 0, a, b) : h === Infinity ? binomialLogitCensored(1, l, 0, a, b) : binomialLogitCensored(2, l, h, a, b);
    default:
      throw notTruncatable(family);
  }
}

/** log P(lb ≤ Y ≤ ub): what a truncated row's log density is reduced by (b, c unused by families with fewer arguments). */
export function truncatedLogNormaliser(family: string, lo: number, hi: number, a: number, b: number, c = 0): number {
  const { l, h } = effective(family, lo, hi, a);
  return logMass(family, l, h, a, b, c);
}

/** Below this z, Φ(z) is subnormal (Φ(−37.5) ≈ 5e−309) and the inverse CDF has no digits left. */
const NORMAL_FAR_TAIL = -37;

/**
 * A standard normal draw in (zl, zu) by inverse CDF, on the lower-tail side where Φ keeps its digits;
 * an interval beyond NORMAL_FAR_TAIL by rejection from the exponential tail (Robert 1995): with
 * a = −zu, b = −zl, propose z = a + t/a, t an exponential cut to (0, a(b − a)), and keep it with
 * probability e^(−(z − a)²/2) — the ratio of the normal's e^(−z²/2) to the proposal's e^(−a(z − a)),
 * near 1 out there (e.g. an interval 42 sd below the mean, which the inverse CDF turned into −∞).
 */
function stdNormalBetween(rng: Rng, zl: number, zu: number): number {
  if (zl > 0) return -stdNormalBetween(rng, -zu, -zl);
  if (zu < NORMAL_FAR_TAIL) {
    const a = -zu;
    const cut = a * (-zl - a);
    for (;;) {
      const d = hazardBetween(rng, 0, cut) / a;
      if (rng.uniform() <= Math.exp(-0.5 * d * d)) return -(a + d);
    }
  }
  const pl = Phi(zl);
  const pu = Phi(zu);
  return invPhi(pl + rng.uniform() * (pu - pl));
}

/** Cumulative hazard t in (tl, tu) by inverse CDF of the survival function: exact where e^(−t) underflows. */
function hazardBetween(rng: Rng, tl: number, tu: number): number {
  return tl - Math.log1p(-rng.uniform() * -Math.expm1(-(tu - tl)));
}

const MAX_REJECTIONS = 200;

/**
 * A gamma(α, β) draw in (lo, hi]: rejection when the interval holds most of the mass, else the inverse
 * CDF by bisection on log x (x = βy) — 200 halvings of a bracket that holds the answer, to the last bit.
 */
function gammaBetween(rng: Rng, lo: number, hi: number, a: number, b: number): number {
  const logZ = truncatedLogNormaliser("gamma", lo, hi, a, b);
  if (logZ > Math.log(0.3)) {
    for (let t = 0; t < MAX_REJECTIONS; t++) {
      const y = gammaRng(rng, a, b);
      if (y > lo && y <= hi) return y;
    }
  }
  const xl = b * lo;
  const xh = hi === Infinity ? a + 60 * Math.sqrt(a) + 800 : b * hi;
  const target = Math.log(rng.uniform()) + logZ;
  let l = xl > 0 ? Math.log(xl) : Math.log(Number.MIN_VALUE);
  let h = Math.log(xh);
  for (let k = 0; k < 200 && h - l > 0; k++) {
    const m = 0.5 * (l + h);
    if (logGammaBetween(a, xl, Math.exp(m)) < target) l = m;
    else h = m;
  }
  return Math.min(hi, Math.max(lo, Math.exp(h) / b));
}

/** An integer draw in [lo, hi]: rejection from the untruncated family when that keeps most draws, else inverse CDF. */
function countBetween(rng: Rng, family: string, lo: number, hi: number, a: number, b: number, logZ: number): number {
  const lower = Math.max(0, lo);
  if (logZ > Math.log(0.3)) {
    const poisson = family === "poisson_log";
    if (!poisson || Math.exp(a) <= POISSON_MAX_RATE) {
      for (let t = 0; t < MAX_REJECTIONS; t++) {
        const y = poisson ? poissonRng(rng, Math.exp(a)) : family === "neg_binomial_2_log" ? negBinomial2Rng(rng, Math.exp(a), b) : binomialRng(rng, a, invLogit(b));
        if (y >= lower && y <= hi) return y;
      }
    }
  }
  // Inverse CDF from lb, in logs (the truncated mass may underflow as a probability).
  const target = Math.log(rng.uniform()) + logZ;
  const top = family === "binomial_logit" ? Math.min(hi, a) : hi;
  let acc = -Infinity;
  let k = lower;
  const mode = family === "binomial_logit" ? a * invLogit(b) : Math.exp(a);
  for (; k < top; k++) {
    const term = family === "poisson_log" ? poissonLogLpmf(k, a) : family === "neg_binomial_2_log" ? negBinomial2LogLpmf(k, a, b) : binomialLogitLpmf(k, a, b);
    acc = logSumExp2(acc, term);
    // Past the mode, a term below 2^-1074 of the sum changes nothing more: what is left of u is rounding.
    if (acc >= target || (k > mode && term < acc - 745)) return k;
  }
  return k;
}

/**
 * A student_t(ν, μ, σ) draw in (lo, hi]: rejection when the interval holds most of the mass, else the
 * inverse CDF by bisection on atan(z) (a bounded bracket even for an infinite bound).
 */
function studentBetween(rng: Rng, lo: number, hi: number, nu: number, mu: number, sigma: number): number {
  const logZ = truncatedLogNormaliser("student_t", lo, hi, nu, mu, sigma);
  if (logZ > Math.log(0.3)) {
    for (let t = 0; t < MAX_REJECTIONS; t++) {
      const y = studentTRng(rng, nu, mu, sigma);
      if (y > lo && y <= hi) return y;
    }
  }
  const target = Math.log(rng.uniform()) + logZ;
  let l = Math.atan((lo - mu) / sigma);
  let h = Math.atan((hi - mu) / sigma);
  for (let k = 0; k < 200 && h - l > 0; k++) {
    const m = 0.5 * (l + h);
    if (logMass("student_t", lo, mu + sigma * Math.tan(m), nu, mu, sigma) < target) l = m;
    else h = m;
  }
  return Math.min(hi, Math.max(lo, mu + sigma * Math.tan(h)));
}

/** A draw from the family truncated to [lo, hi] (bit-reproducible: a fixed sequence of rng calls per case). */
export function truncatedRng(rng: Rng, family: string, lo: number, hi: number, a: number, b: number, c = 0): number {
  switch (family) {
    case "student_t":
      return studentBetween(rng, lo, hi, a, b, c);
    // Clamped: far from μ, a + b·z can round past a bound the standard draw respected.
    case "normal":
      return Math.min(hi, Math.max(lo, a + b * stdNormalBetween(rng, (lo - a) / b, (hi - a) / b)));
    case "lognormal":
      return Math.min(hi, Math.max(lo, Math.exp(a + b * stdNormalBetween(rng, lo > 0 ? (Math.log(lo) - a) / b : -Infinity, (Math.log(hi) - a) / b))));
    case "weibull":
    case "exponential": {
      const [alpha, sigma] = family === "weibull" ? [a, b] : [1, 1 / a];
      const t = (y: number): number => (y > 0 ? Math.pow(y / sigma, alpha) : 0);
      return sigma * Math.pow(hazardBetween(rng, t(lo), hi === Infinity ? Infinity : t(hi)), 1 / alpha);
    }
    case "gamma":
      return gammaBetween(rng, lo > 0 ? lo : 0, hi, a, b);
    case "poisson_log":
    case "neg_binomial_2_log":
    case "binomial_logit":
      return countBetween(rng, family, lo, hi, a, b, truncatedLogNormaliser(family, lo, hi, a, b));
    default:
      throw notTruncatable(family);
  }
}

const logStdPdf = (z: number): number => (Number.isFinite(z) ? -0.5 * z * z - HALF_LOG_2PI : -Infinity);

/** log(P(s, tu) − P(s, tl)), the regularised lower incomplete gamma between two points, from the tail that keeps digits. */
function logGammaBetween(s: number, tl: number, tu: number): number {
  if (tl < s) return logDiffExp(logGammaP(s, tu), tl > 0 ? logGammaP(s, tl) : -Infinity);
  return logDiffExp(logGammaQ(s, tl), tu === Infinity ? -Infinity : logGammaQ(s, tu));
}

/**
 * E[Y | lb ≤ Y ≤ ub] (brms's posterior_epred_trunc_*, in closed form): normal μ + σ(φ(zl) − φ(zu))/Z;
 * lognormal e^(μ + σ²/2)(Φ(zu − σ) − Φ(zl − σ))/Z; weibull / exponential m (P(1 + 1/α, tu) − P(1 + 1/α, tl))/Z
 * with m the untruncated mean; counts through k·pmf(k) = λ pmf(k − 1) (binomial: N p pmf_(N−1)(k − 1)).
 */
export function truncatedMean(family: string, lo: number, hi: number, a: number, b: number, c = 0): number {
  const logZ = truncatedLogNormaliser(family, lo, hi, a, b, c);
  switch (family) {
    case "student_t": {
      // ∫ z f(z) dz = −(ν + z²) f(z)/(ν − 1) (ν > 1 when a bound is infinite).
      const g = (z: number): number => (Number.isFinite(z) ? Math.exp(Math.log(a + z * z) + studentTLpdf(z, a, 0, 1) - logZ) : 0);
      return b + (c * (g((lo - b) / c) - g((hi - b) / c))) / (a - 1);
    }
    case "normal": {
      const zl = (lo - a) / b;
      const zu = (hi - a) / b;
      return a + b * (Math.exp(logStdPdf(zl) - logZ) - Math.exp(logStdPdf(zu) - logZ));
    }
    case "lognormal": {
      const zl = lo > 0 ? (Math.log(lo) - a) / b : -Infinity;
      const zu = (Math.log(hi) - a) / b;
      return Math.exp(a + 0.5 * b * b + logDiffPhi(zl - b, zu - b) - logZ);
    }
    case "weibull":
    case "exponential": {
      const [alpha, sigma] = family === "weibull" ? [a, b] : [1, 1 / a];
      const t = (y: number): number => (y > 0 ? Math.pow(y / sigma, alpha) : 0);
      const s = 1 + 1 / alpha;
      return Math.exp(Math.log(sigma) + lgamma(s) + logGammaBetween(s, t(lo), hi === Infinity ? Infinity : t(hi)) - logZ);
    }
    case "gamma": {
      // E[Y; l < Y ≤ h] = (α/β)(P(α + 1, βh) − P(α + 1, βl)).
      const xl = lo > 0 ? b * lo : 0;
      const xh = hi === Infinity ? Infinity : b * hi;
      return (a / b) * Math.exp(logGammaBetween(a + 1, xl, xh) - logGammaBetween(a, xl, xh));
    }
    case "poisson_log":
      return Math.exp(a + truncatedLogNormaliser(family, lo - 1, hi - 1, a, b) - logZ);
    case "neg_binomial_2_log":
      // k·NB(k; μ, φ) = μ·NB(k − 1; μ(φ + 1)/φ, φ + 1).
      return Math.exp(a + truncatedLogNormaliser(family, lo - 1, hi - 1, a + Math.log1p(1 / b), b + 1) - logZ);
    case "binomial_logit":
      if (a === 0) return 0;
      return a * invLogit(b) * Math.exp(truncatedLogNormaliser(family, lo - 1, hi - 1, a - 1, b) - logZ);
    default:
      throw notTruncatable(family);
  }
}
