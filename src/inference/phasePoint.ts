/**
 * A point in phase space with everything the tree builder reads at a leaf, kept together so a
 * leaf is copied with a few `set` calls instead of being recomputed.
 */
import { DomainError } from "../errors.js";
import type { LogDensity } from "../logDensity.js";

export interface PhasePoint {
  readonly q: Float64Array;
  readonly p: Float64Array;
  /** Velocity M⁻¹ p at this point. */
  readonly v: Float64Array;
  /** ∇ log density at q. */
  readonly grad: Float64Array;
  logDensity: number;
  kinetic: number;
}

export function createPhasePoint(dim: number): PhasePoint {
  return {
    q: new Float64Array(dim),
    p: new Float64Array(dim),
    v: new Float64Array(dim),
    grad: new Float64Array(dim),
    logDensity: -Infinity,
    kinetic: 0,
  };
}

export function copyPhasePoint(from: PhasePoint, to: PhasePoint): void {
  to.q.set(from.q);
  to.p.set(from.p);
  to.v.set(from.v);
  to.grad.set(from.grad);
  to.logDensity = from.logDensity;
  to.kinetic = from.kinetic;
}

/** H = −log density + K; NaN counts as +∞ so a broken point is always a divergence, as in Stan. */
export function hamiltonian(z: PhasePoint): number {
  const h = z.kinetic - z.logDensity;
  return h === h ? h : Infinity;
}

/**
 * Evaluates the log density and gradient. A `DomainError` (e.g. a negative scale met during a
 * leapfrog) and NaN mean "reject this point": −∞. Any other exception propagates and aborts the chain.
 */
export function evalLogDensity(target: LogDensity, q: Float64Array, grad: Float64Array): number {
  let lp: number;
  try {
    lp = target.logDensityGradient(q, grad);
  } catch (e) {
    if (e instanceof DomainError) return -Infinity;
    throw e;
  }
  return lp === lp ? lp : -Infinity;
}
