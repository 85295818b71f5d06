import type { Rng } from "../random/rng.js";
import { checkOrdinalArgs, ordinalLpmfGrad, ordinalRng } from "./ordinal.js";

/**
 * ordered_probit(k | eta, c): Stan's ordinal probit model, P(y ≤ k) = F(c_k − eta) with F the
 * standard normal CDF Φ; k in 1 … K, c the K − 1 strictly increasing cutpoints. k outside 1 … K gives −Infinity.
 */
export function orderedProbitLpmf(k: number, eta: number, c: ArrayLike<number>): number {
  checkOrdinalArgs("orderedProbitLpmf", eta, c);
  return ordinalLpmfGrad("probit", k, eta, c, 0, c.length);
}

/** Unchecked: the value, d[off] = ∂/∂eta and d[off + 1 + j] = ∂/∂c_j (j < K − 1). */
export function orderedProbitLpmfGrad(k: number, eta: number, c: ArrayLike<number>, d: Float64Array, off: number): number {
  return ordinalLpmfGrad("probit", k, eta, c, 0, c.length, d, off);
}

/** A category in 1 … K drawn from ordered_probit(eta, c). */
export function orderedProbitRng(rng: Rng, eta: number, c: ArrayLike<number>): number {
  checkOrdinalArgs("orderedProbitRng", eta, c);
  return ordinalRng(rng, "probit", eta, c, 0, c.length);
}
