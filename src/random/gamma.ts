import type { Rng } from "./rng.js";
import { checkPositive } from "./checks.js";

/**
 * Marsaglia & Tsang (2000) for shape a ≥ 1: a squeeze-accelerated rejection from a transformed normal,
 * acceptance ≥ 95% for every a ≥ 1.
 */
function marsagliaTsang(rng: Rng, a: number): number {
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Gamma(a, 1) draw. For a < 1, Gamma(a) = Gamma(a + 1)·U^{1/a} (Marsaglia & Tsang's boost); for tiny a
 * that product legitimately underflows to 0 (P(X < 1e-308) ≈ 0.49 at a = 0.001), so callers that need
 * the draw on the log scale use logStandardGammaRng.
 */
export function standardGammaRng(rng: Rng, a: number): number {
  if (a >= 1) return marsagliaTsang(rng, a);
  return marsagliaTsang(rng, a + 1) * Math.exp(Math.log(rng.uniform()) / a);
}

/** log of a Gamma(a, 1) draw, finite even when the draw itself is below the double range. */
export function logStandardGammaRng(rng: Rng, a: number): number {
  if (a >= 1) return Math.log(marsagliaTsang(rng, a));
  return Math.log(marsagliaTsang(rng, a + 1)) + Math.log(rng.uniform()) / a;
}

/** Gamma(alpha shape, beta rate), mean alpha/beta (Stan's gamma_rng). */
export function gammaRng(rng: Rng, alpha: number, beta: number): number {
  checkPositive("gammaRng", "alpha", alpha);
  checkPositive("gammaRng", "beta", beta);
  return standardGammaRng(rng, alpha) / beta;
}

/** InvGamma(alpha shape, beta scale): beta / Gamma(alpha, 1), mean beta/(alpha − 1) (Stan's inv_gamma_rng). */
export function invGammaRng(rng: Rng, alpha: number, beta: number): number {
  checkPositive("invGammaRng", "alpha", alpha);
  checkPositive("invGammaRng", "beta", beta);
  return beta / standardGammaRng(rng, alpha);
}
