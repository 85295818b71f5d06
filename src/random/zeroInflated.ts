/**
 * Zero-inflated and hurdle count draws (brms's zero_inflated_poisson / _negbinomial, hurdle_poisson /
 * _negbinomial). The hurdle's positive part is the count distribution truncated at zero: by rejection
 * while P(0) is small, by inversion from y = 1 when P(0) is near 1 (rejection would loop for ever as
 * λ → 0).
 */
import { argError } from "../errors.js";
import { checkPositive, checkProbability } from "./checks.js";
import { negBinomial2Rng } from "./mixtures.js";
import { POISSON_MAX_RATE, poissonDraw } from "./poisson.js";
import type { Rng } from "./rng.js";

/** Inversion stops here: past it the remaining mass is below what doubles resolve. */
const MAX_INVERSION_STEPS = 10_000_000;

function checkRate(fn: string, lambda: number): void {
  if (!(lambda >= 0)) throw argError(fn, "lambda must be non-negative", lambda);
  if (!(lambda < POISSON_MAX_RATE)) throw argError(fn, "lambda must be less than 2^30", lambda);
}

/** Inversion from y = 1 of a pmf on 1, 2, … given p(1) and the ratio p(y+1)/p(y). */
function invertFromOne(rng: Rng, p1: number, ratio: (y: number) => number): number {
  const v = rng.uniform();
  let y = 1;
  let p = p1;
  let cum = p1;
  while (cum < v && p > 0 && y < MAX_INVERSION_STEPS) {
    p *= ratio(y);
    y++;
    cum += p;
  }
  return y;
}

/** Poisson(λ) conditioned on y > 0. */
function zeroTruncatedPoissonDraw(rng: Rng, lambda: number): number {
  if (lambda > Math.LN2) {
    for (;;) {
      const y = poissonDraw(rng, lambda);
      if (y > 0) return y;
    }
  }
  // P(1 | y > 0) = λ e^(−λ)/(1 − e^(−λ)) = λ/expm1(λ) (→ 1 as λ → 0).
  const p1 = lambda < 1e-8 ? 1 - 0.5 * lambda : lambda / Math.expm1(lambda);
  return invertFromOne(rng, p1, (y) => lambda / (y + 1));
}

/** NegBinomial2(mu, phi) conditioned on y > 0. */
function zeroTruncatedNegBinomial2Draw(rng: Rng, mu: number, phi: number): number {
  // u = −log P(0) = phi·log1p(mu/phi).
  const u = phi * Math.log1p(mu / phi);
  if (u > 0.1) {
    for (;;) {
      const y = negBinomial2Rng(rng, mu, phi);
      if (y > 0) return y;
    }
  }
  // P(1 | y > 0) = phi·t·e^(−u)/(1 − e^(−u)) = phi·t/expm1(u), t = mu/(mu + phi); p(y+1)/p(y) = (y + phi)/(y + 1)·t.
  const t = mu / (mu + phi);
  const p1 = u === 0 ? 1 : (phi * t) / Math.expm1(u);
  return invertFromOne(rng, p1, (y) => ((y + phi) / (y + 1)) * t);
}

/** 0 with probability zi, else Poisson(λ). */
export function zeroInflatedPoissonRng(rng: Rng, lambda: number, zi: number): number {
  checkRate("zeroInflatedPoissonRng", lambda);
  checkProbability("zeroInflatedPoissonRng", "zi", zi);
  return rng.uniform() < zi ? 0 : poissonDraw(rng, lambda);
}

/** 0 with probability zi, else NegBinomial2(mu, phi). */
export function zeroInflatedNegBinomial2Rng(rng: Rng, mu: number, phi: number, zi: number): number {
  checkPositive("zeroInflatedNegBinomial2Rng", "mu", mu);
  checkPositive("zeroInflatedNegBinomial2Rng", "phi", phi);
  checkProbability("zeroInflatedNegBinomial2Rng", "zi", zi);
  return rng.uniform() < zi ? 0 : negBinomial2Rng(rng, mu, phi);
}

/** 0 with probability hu, else Poisson(λ) truncated at zero. */
export function hurdlePoissonRng(rng: Rng, lambda: number, hu: number): number {
  checkRate("hurdlePoissonRng", lambda);
  checkProbability("hurdlePoissonRng", "hu", hu);
  return rng.uniform() < hu ? 0 : zeroTruncatedPoissonDraw(rng, lambda);
}

/** 0 with probability hu, else NegBinomial2(mu, phi) truncated at zero. */
export function hurdleNegBinomial2Rng(rng: Rng, mu: number, phi: number, hu: number): number {
  checkPositive("hurdleNegBinomial2Rng", "mu", mu);
  checkPositive("hurdleNegBinomial2Rng", "phi", phi);
  checkProbability("hurdleNegBinomial2Rng", "hu", hu);
  return rng.uniform() < hu ? 0 : zeroTruncatedNegBinomial2Draw(rng, mu, phi);
}
