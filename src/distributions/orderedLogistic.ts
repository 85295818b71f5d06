import type { Rng } from "../random/rng.js";
import { checkOrdinalArgs, ordinalLpmfGrad, ordinalRng } from "./ordinal.js";

/**
 * ordered_logistic(k | eta, c): Stan's ordinal logit model, P(y ≤ k) = F(c_k − eta) with F the
 * logistic CDF; k in 1 … K, c the K − 1 strictly increasing cutpoints. k outside 1 … K gives −Infinity.
 */
export function orderedLogisticLpmf(k: number, eta: number, c: ArrayLike<number>): number {
  checkOrdinalArgs("orderedLogisticLpmf", eta, c);
  return ordinalLpmfGrad("logit", k, eta, c, 0, c.length);
}

/** Unchecked: the value, d[off] = ∂/∂eta and d[off + 1 + j] = ∂/∂c_j (j < K − 1). */
export function orderedLogisticLpmfGrad(k: number, eta: number, c: ArrayLike<number>, d: Float64Array, off: number): number {
  return ordinalLpmfGrad("logit", k, eta, c, 0, c.length, d, off);
}

/** A category in 1 … K drawn from ordered_logistic(eta, c). */
export function orderedLogisticRng(rng: Rng, eta: number, c: ArrayLike<number>): number {
  checkOrdinalArgs("orderedLogisticRng", eta, c);
  return ordinalRng(rng, "logit", eta, c, 0, c.length);
}
