import { invLogit } from "../math/logit.js";
import { argError } from "../errors.js";
import type { Rng } from "./rng.js";
import { logitBetaRng } from "./beta.js";
import { binomialDraw } from "./binomial.js";
import { checkCount, checkPositive } from "./checks.js";
import { standardGammaRng } from "./gamma.js";
import { POISSON_MAX_RATE, poissonDraw } from "./poisson.js";

/** NegBinomial2(mu, phi) as a Gamma(phi, phi/mu)–Poisson mixture (Stan's neg_binomial_2_rng): mean mu, variance mu + mu²/phi. */
export function negBinomial2Rng(rng: Rng, mu: number, phi: number): number {
  checkPositive("negBinomial2Rng", "mu", mu);
  checkPositive("negBinomial2Rng", "phi", phi);
  const lambda = (standardGammaRng(rng, phi) * mu) / phi;
  if (!(lambda < POISSON_MAX_RATE)) {
    throw argError("negBinomial2Rng", "the gamma-distributed Poisson rate must be less than 2^30", lambda);
  }
  return poissonDraw(rng, lambda);
}

/** BetaBinomial(N, alpha, beta): Binomial(N, p) with p ~ Beta(alpha, beta). */
export function betaBinomialRng(rng: Rng, N: number, alpha: number, beta: number): number {
  checkCount("betaBinomialRng", "N", N);
  checkPositive("betaBinomialRng", "alpha", alpha);
  checkPositive("betaBinomialRng", "beta", beta);
  return binomialDraw(rng, N, invLogit(logitBetaRng(rng, alpha, beta)));
}
