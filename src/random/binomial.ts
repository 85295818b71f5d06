import { bd0, stirlerr } from "../math/bd0.js";
import { LOG_2PI } from "../math/constants.js";
import type { Rng } from "./rng.js";
import { checkCount, checkProbability } from "./checks.js";

/** Below this mean (n·p with p ≤ ½) inversion; from it on, BTRS. */
const BTRS_FROM = 10;

/**
 * log Binomial(k | n, p) by Loader's (2000) saddle-point form, accurate to ~1e-15 absolute even at
 * n ~ 1e9, where lgamma differences would cancel ~1e10-sized terms. q = 1 − p is passed in so p near 1
 * keeps its complement exactly.
 */
export function logBinomialPmfAccurate(k: number, n: number, p: number, q: number): number {
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  return lc - 0.5 * (LOG_2PI + Math.log(k) + Math.log1p(-k / n));
}

/**
 * BINV (Kachitvichyanukul & Schmeiser 1988): inversion by sequential search from 0, using
 * f(x)/f(x − 1) = (n − x + 1)p / (x q). Expected n·p + 1 steps, so used only for n·p < 10.
 */
function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.uniform();
    let r = r0;
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break; // rounding left a sliver of mass past n: redraw (probability ~1e-16)
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * BTRS, Hörmann (1993) "The generation of binomial random variates": transformed rejection with squeeze
 * for n·p ≥ 10, p ≤ ½; constant expected cost in n. The acceptance test uses the exact log pmf ratio.
 */
function binomialBtrs(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  const logFm = logBinomialPmfAccurate(m, n, p, q);
  for (;;) {
    const u = rng.uniform() - 0.5;
    let v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= logBinomialPmfAccurate(k, n, p, q) - logFm) return k;
  }
}

/** A Binomial(n, p) draw without argument checks. */
export function binomialDraw(rng: Rng, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // sample the smaller of p, 1 − p so both algorithms see p ≤ ½
  if (p > 0.5) return n - binomialDraw(rng, n, 1 - p);
  return n * p < BTRS_FROM ? binomialInversion(rng, n, p) : binomialBtrs(rng, n, p);
}

/** Binomial(N, theta). */
export function binomialRng(rng: Rng, N: number, theta: number): number {
  checkCount("binomialRng", "N", N);
  checkProbability("binomialRng", "theta", theta);
  return binomialDraw(rng, N, theta);
}

/** Bernoulli(theta): 1 with probability theta. */
export function bernoulliRng(rng: Rng, theta: number): number {
  checkProbability("bernoulliRng", "theta", theta);
  return rng.uniform() < theta ? 1 : 0;
}
