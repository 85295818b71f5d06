import { invLogit } from "../math/logit.js";
import type { Rng } from "./rng.js";
import { checkPositive } from "./checks.js";
import { logStandardGammaRng } from "./gamma.js";

/**
 * logit of a Beta(a, b) draw, log Ga − log Gb with independent gammas. Working on the log scale keeps
 * draws with tiny shapes (a = 1e-3, where both gammas often underflow) exact instead of 0/0.
 */
export function logitBetaRng(rng: Rng, a: number, b: number): number {
  const la = logStandardGammaRng(rng, a);
  const lb = logStandardGammaRng(rng, b);
  return la - lb;
}

/** Beta(alpha, beta) on (0, 1) via two gammas (Stan's beta_rng). Can round to exactly 0 or 1 for tiny shapes. */
export function betaRng(rng: Rng, alpha: number, beta: number): number {
  checkPositive("betaRng", "alpha", alpha);
  checkPositive("betaRng", "beta", beta);
  return invLogit(logitBetaRng(rng, alpha, beta));
}
