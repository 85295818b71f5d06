import { bd0, stirlerr } from "../math/bd0.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import { argError } from "../errors.js";
import type { Rng } from "./rng.js";

/** Stan's POISSON_MAX_RATE (2^30): above it counts lose integer resolution in its int return type. */
export const POISSON_MAX_RATE = 1073741824;

/** Below this rate, inversion by sequential search (≤ λ + a few steps); from it on, PTRS. */
const PTRS_FROM = 10;

/**
 * log Poisson(k | λ) by Loader's saddle-point form −bd0(k, λ) − ½ log(2πk) − stirlerr(k), which keeps
 * absolute accuracy ~1e-15 at k, λ ~ 1e9 where −λ + k log λ − lgamma(k + 1) would cancel ~1e10-sized
 * terms and be off by ~1e-6.
 */
export function logPoissonPmfAccurate(k: number, lambda: number): number {
  if (k === 0) return -lambda;
  return -bd0(k, lambda) - 0.5 * Math.log(k) - HALF_LOG_2PI - stirlerr(k);
}

function poissonInversion(rng: Rng, lambda: number): number {
  const p0 = Math.exp(-lambda);
  for (;;) {
    const u = rng.uniform();
    let k = 0;
    let p = p0;
    let s = p;
    // the cap only matters if rounding leaves the cumulative sum below u (probability ~1e-16)
    while (u > s && k < 1000) {
      k++;
      p *= lambda / k;
      s += p;
    }
    if (u <= s) return k;
  }
}

/**
 * PTRS, the transformed rejection with squeeze of Hörmann (1993), "The transformed rejection method for
 * generating Poisson random variables", for λ ≥ 10: about 1.2 uniform pairs per draw at any λ. The
 * final acceptance test uses the exact log pmf, so the draws are exact, not approximate.
 */
function poissonPtrs(rng: Rng, lambda: number): number {
  const slam = Math.sqrt(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPoissonPmfAccurate(k, lambda)) return k;
  }
}

/** A Poisson(λ) draw without argument checks, for the mixtures built on it. */
export function poissonDraw(rng: Rng, lambda: number): number {
  if (lambda === 0) return 0;
  return lambda < PTRS_FROM ? poissonInversion(rng, lambda) : poissonPtrs(rng, lambda);
}

/** Poisson(lambda), exact for 0 ≤ lambda < 2^30 (Stan's limit). */
export function poissonRng(rng: Rng, lambda: number): number {
  if (!(lambda >= 0)) throw argError("poissonRng", "lambda must be non-negative", lambda);
  if (!(lambda < POISSON_MAX_RATE)) throw argError("poissonRng", "lambda must be less than 2^30", lambda);
  return poissonDraw(rng, lambda);
}
