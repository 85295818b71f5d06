import type { Rng } from "./rng.js";
import { checkFinite, checkPositive } from "./checks.js";

/** Normal(mu, sigma). */
export function normalRng(rng: Rng, mu: number, sigma: number): number {
  checkFinite("normalRng", "mu", mu);
  checkPositive("normalRng", "sigma", sigma);
  return mu + sigma * rng.normal();
}

/** LogNormal(mu, sigma): exp of Normal(mu, sigma). */
export function lognormalRng(rng: Rng, mu: number, sigma: number): number {
  checkFinite("lognormalRng", "mu", mu);
  checkPositive("lognormalRng", "sigma", sigma);
  return Math.exp(mu + sigma * rng.normal());
}
