/**
 * brms's semicontinuous hurdles: 0 with probability hu, else a gamma or lognormal draw (the positive
 * part needs no truncation, as it has no mass at 0).
 */
import { checkProbability } from "./checks.js";
import { gammaRng } from "./gamma.js";
import { lognormalRng } from "./normal.js";
import type { Rng } from "./rng.js";

/** 0 with probability hu, else Gamma(alpha, rate beta). */
export function hurdleGammaRng(rng: Rng, alpha: number, beta: number, hu: number): number {
  checkProbability("hurdleGammaRng", "hu", hu);
  // The uniform is drawn first in both branches, so the stream advances the same way whatever hu is.
  const zero = rng.uniform() < hu;
  const y = gammaRng(rng, alpha, beta);
  return zero ? 0 : y;
}

/** 0 with probability hu, else Lognormal(mu, sigma). */
export function hurdleLognormalRng(rng: Rng, mu: number, sigma: number, hu: number): number {
  checkProbability("hurdleLognormalRng", "hu", hu);
  const zero = rng.uniform() < hu;
  const y = lognormalRng(rng, mu, sigma);
  return zero ? 0 : y;
}
