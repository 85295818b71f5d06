/**
 * Pieces shared by the zero-inflated and hurdle count families (brms's zero_inflated_* and hurdle_*):
 * the log of P(0) of the count part, log(1 − P(0)) when P(0) is close to 1, and the mixture at zero.
 * P(0) = e^(−u) with u = λ (Poisson) or u = φ·log1p(μ/φ) (NegBinomial2); `logU` is log u computed
 * from eta so it stays finite when u underflows (eta far below −700).
 */
import { log1pExp } from "../math/log1pExp.js";

/** Below this x = eta − log(phi), log1pExp(x) = eˣ(1 − eˣ/2) to double precision (next term e³ˣ/3 < 1e-39). */
export const SMALL_X = -30;

/** log(1 − e^(−u)) for u ≥ 0, given log u; exact where u underflowed (there it is log u). */
export function log1mExpNeg(u: number, logU: number): number {
  if (u > Math.LN2) return Math.log1p(-Math.exp(-u));
  // log u + log((1 − e^(−u))/u): the ratio is in (0.72, 1] here, so neither factor loses digits.
  return u > 1e-300 ? logU + Math.log(-Math.expm1(-u) / u) : logU;
}

/** u / expm1(u) for u ≥ 0 (1 at u = 0): d/du of −log(1 − e^(−u)) is −1/expm1(u). */
export function uOverExpm1(u: number): number {
  return u < 1e-8 ? 1 - 0.5 * u : u / Math.expm1(u);
}

/** log(π·1 + (1 − π)·e^a) for the zero of a zero-inflated family: a = log P(0) of the count part. */
export function logZeroMixture(zi: number, a: number): number {
  const lz = Math.log(zi);
  const l1 = Math.log1p(-zi) + a;
  const m = Math.max(lz, l1);
  if (m === -Infinity) return -Infinity;
  return m + log1pExp(-Math.abs(lz - l1));
}

/**
 * NegBinomial2 at zero, with x = eta − log φ and L = log1pExp(x): u = φ·L (so log P(0) = −u) and its
 * log, written for x ≪ 0 where L underflows: there L = eˣ(1 − eˣ/2), so log u = eta + log1p(−eˣ/2).
 */
export function nbLogU(eta: number, phi: number, x: number, L: number): number {
  return x < SMALL_X ? eta + Math.log1p(-0.5 * Math.exp(x)) : Math.log(phi) + Math.log(L);
}

/** (∂u/∂eta)/u = s/L with s = invLogit(x); 1 − eˣ/2 where both underflow. */
export function nbREta(x: number, s: number, L: number): number {
  return x < SMALL_X ? 1 - 0.5 * Math.exp(x) : s / L;
}

/** (∂u/∂φ)/u = (1 − s/L)/φ; eˣ/(2φ) where s and L underflow. */
export function nbRPhi(x: number, s: number, L: number, phi: number): number {
  return (x < SMALL_X ? 0.5 * Math.exp(x) : 1 - s / L) / phi;
}
