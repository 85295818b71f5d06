import type { Rng } from "./rng.js";
import { checkFinite, checkPositive } from "./checks.js";
import { standardGammaRng } from "./gamma.js";

/** StudentT(nu, mu, sigma): mu + sigma·Z/√(χ²_ν/ν), with χ²_ν = 2·Gamma(ν/2, 1). */
export function studentTRng(rng: Rng, nu: number, mu: number, sigma: number): number {
  checkPositive("studentTRng", "nu", nu);
  checkFinite("studentTRng", "mu", mu);
  checkPositive("studentTRng", "sigma", sigma);
  const chi2 = 2 * standardGammaRng(rng, nu / 2);
  return mu + (sigma * rng.normal()) / Math.sqrt(chi2 / nu);
}
