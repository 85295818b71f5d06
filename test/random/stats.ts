/**
 * Test-only distribution helpers: regularised incomplete gamma/beta (src/math's, and a series for
 * P(a, x) given log x where x itself underflows; ~1e-14 accurate — far below what a 1e5-draw KS or
 * chi-square test can see), and the KS / chi-square p-values the sampler tests use.
 */
import { lgamma } from "../../src/math/index.js";
import { logGammaQ } from "../../src/math/incGamma.js";
import { incompleteBetaRegularized } from "../../src/diagnostics/qbeta.js";

const EPS = 1e-16;

/** Lower regularised incomplete gamma P(a, x) given log x (works when x itself underflows). */
export function gammaPLog(a: number, logx: number): number {
  if (logx === -Infinity) return 0;
  const x = Math.exp(logx);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.exp(a * logx - x - lgamma(a)) * sum;
  }
  return -Math.expm1(logGammaQ(a, x));
}

export function gammaP(a: number, x: number): number {
  return x <= 0 ? 0 : gammaPLog(a, Math.log(x));
}

/** Upper regularised incomplete gamma Q(a, x): src/math's (the censored gamma and Poisson likelihoods use it). */
export function gammaQ(a: number, x: number): number {
  return x <= 0 ? 1 : Math.exp(logGammaQ(a, x));
}

/** Regularised incomplete beta I_x(a, b): the one in src/diagnostics (used there for MCSE of quantiles). */
export function betaI(a: number, b: number, x: number): number {
  return incompleteBetaRegularized(x, a, b);
}

/** Kolmogorov–Smirnov p-value of draws against a continuous CDF (Stephens' finite-n correction). Sorts xs. */
export function ksPValue(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  let p = 0;
  for (let j = 1; j < 100; j++) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    p += term;
    if (Math.abs(term) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * Chi-square goodness-of-fit p-value of integer draws against a pmf on [lo, hi] (mass outside that range
 * goes to the two end bins). Adjacent values are pooled until each bin expects ≥ 20 draws.
 */
export function chiSquarePValue(draws: Float64Array, pmf: (k: number) => number, lo: number, hi: number): number {
  const n = draws.length;
  const width = hi - lo + 1;
  const observed = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    const k = Math.min(hi, Math.max(lo, draws[i]));
    observed[k - lo]++;
  }
  const probs = new Float64Array(width);
  let total = 0;
  for (let k = lo; k <= hi; k++) total += probs[k - lo] = pmf(k);
  // remaining mass (outside [lo, hi]) is split onto the end bins by which side it lies on
  let below = 0;
  for (let k = lo - 1; k >= Math.max(0, lo - 10000); k--) below += pmf(k);
  probs[0] += below;
  probs[width - 1] += Math.max(0, 1 - total - below);
  const binO: number[] = [];
  const binE: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < width; i++) {
    o += observed[i];
    e += probs[i] * n;
    if (e >= 20) {
      binO.push(o);
      binE.push(e);
      o = 0;
      e = 0;
    }
  }
  // a short remainder joins the last full bin
  if (binO.length === 0) return 1;
  binO[binO.length - 1] += o;
  binE[binE.length - 1] += e;
  let stat = 0;
  for (let b = 0; b < binO.length; b++) stat += ((binO[b] - binE[b]) * (binO[b] - binE[b])) / binE[b];
  const bins = binO.length;
  if (bins < 2) return 1;
  return gammaQ((bins - 1) / 2, stat / 2);
}

/** Mean, variance, and the Monte Carlo standard errors of both (the latter from the sample 4th moment). */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number; seMean: number; seVariance: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const mean = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= n;
  m4 /= n;
  return { mean, variance: (m2 * n) / (n - 1), seMean: Math.sqrt(m2 / n), seVariance: Math.sqrt(Math.max(0, m4 - m2 * m2) / n) };
}
