import type { Rng } from "./rng.js";
import { argError } from "../errors.js";
import { checkFinite, checkPositive } from "./checks.js";

/**
 * Families drawn by inverting a closed-form CDF at one uniform u in (0, 1) (never 0 or 1, so no log(0)).
 */

/** Exponential(beta rate), mean 1/beta. */
export function exponentialRng(rng: Rng, beta: number): number {
  checkPositive("exponentialRng", "beta", beta);
  return -Math.log(rng.uniform()) / beta;
}

/** Cauchy(mu, sigma). */
export function cauchyRng(rng: Rng, mu: number, sigma: number): number {
  checkFinite("cauchyRng", "mu", mu);
  checkPositive("cauchyRng", "sigma", sigma);
  return mu + sigma * Math.tan(Math.PI * (rng.uniform() - 0.5));
}

/** Logistic(mu, sigma): mu + sigma·logit(u). */
export function logisticRng(rng: Rng, mu: number, sigma: number): number {
  checkFinite("logisticRng", "mu", mu);
  checkPositive("logisticRng", "sigma", sigma);
  const u = rng.uniform();
  return mu + sigma * (Math.log(u) - Math.log1p(-u));
}

/** DoubleExponential(mu, sigma), the Laplace distribution with scale sigma. */
export function doubleExponentialRng(rng: Rng, mu: number, sigma: number): number {
  checkFinite("doubleExponentialRng", "mu", mu);
  checkPositive("doubleExponentialRng", "sigma", sigma);
  const u = rng.uniform();
  // each half inverts its own exponential tail, so neither side loses resolution near u = ½
  return u < 0.5 ? mu + sigma * Math.log(2 * u) : mu - sigma * Math.log(2 * (1 - u));
}

/** Weibull(alpha shape, sigma scale): sigma·(−log u)^{1/alpha}. */
export function weibullRng(rng: Rng, alpha: number, sigma: number): number {
  checkPositive("weibullRng", "alpha", alpha);
  checkPositive("weibullRng", "sigma", sigma);
  return sigma * Math.pow(-Math.log(rng.uniform()), 1 / alpha);
}

/** Uniform(alpha, beta) on the open interval (alpha, beta). */
export function uniformRng(rng: Rng, alpha: number, beta: number): number {
  checkFinite("uniformRng", "alpha", alpha);
  checkFinite("uniformRng", "beta", beta);
  if (!(beta > alpha)) throw argError("uniformRng", `beta must be greater than alpha = ${alpha}`, beta);
  return alpha + (beta - alpha) * rng.uniform();
}
