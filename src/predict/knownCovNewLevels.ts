/**
 * Effects of new levels of a `gr(g, cov = A)` term, given the fitted levels' effects: with vec(r) ~
 * N(0, A ⊗ Σ), a level ℓ that is a row of A has r_ℓ | r_fitted ~ N(R_fᵀ w, c · Σ), where
 * w = A_ff⁻¹ a_fℓ and c = a_ℓℓ − a_fℓᵀ w (the Schur complement). w and c are data, computed once;
 * per draw the usual N(0, Σ) draw of the new level is scaled by √c and shifted by R_fᵀ w.
 */
import { UserError } from "../errors.js";
import { backSolveTranspose, forwardSolve } from "../math/cholesky.js";
import { squareValues, type KnownCovariance } from "../formula/knownCov.js";
import type { NewLevelsMethod } from "./types.js";

export interface KnownCovNewLevels {
  /** count × J row-major: new level k's weights on the fitted levels. */
  readonly w: Float64Array;
  /** Per new level, √c: the conditional sd as a multiple of the population's. */
  readonly sqrtC: Float64Array;
}

/** w and √c of each new level (all rows of A; refuseNewKnownCovLevels has checked) given L = chol(A_ff). */
export function knownCovNewLevels(A: KnownCovariance, L: Float64Array, fitted: readonly string[], fresh: readonly string[]): KnownCovNewLevels {
  const K = A.levels.length;
  const J = fitted.length;
  const at = new Map(A.levels.map((l, i) => [l, i]));
  const values = squareValues("A", A);
  const value = (a: string, b: string): number => {
    const i = at.get(a) as number;
    const j = at.get(b) as number;
    // The lower triangle, as knownCovFactor reads it.
    return i >= j ? values[i * K + j] : values[j * K + i];
  };
  const w = new Float64Array(fresh.length * J);
  const sqrtC = new Float64Array(fresh.length);
  const a = new Float64Array(J);
  const u = new Float64Array(J);
  fresh.forEach((l, k) => {
    for (let j = 0; j < J; j++) a[j] = value(fitted[j], l);
    forwardSolve(L, J, a, u);
    let c = value(l, l);
    for (let j = 0; j < J; j++) c -= u[j] * u[j];
    // c ≤ 0 only when A with ℓ added is singular (ℓ a copy of fitted levels): its effect is then determined.
    sqrtC[k] = c > 0 ? Math.sqrt(c) : 0;
    backSolveTranspose(L, J, u, w.subarray(k * J, (k + 1) * J));
  });
  return { w, sqrtC };
}

/**
 * Turns the N(0, Σ) draws of `count` new levels in `fresh` (fresh[k·M + m]) into draws given the
 * fitted effects r (r[m·J + j], this draw's). Only brms's "gaussian" new-level method has this meaning.
 */
export function conditionNewLevels(cond: KnownCovNewLevels, method: NewLevelsMethod, r: Float64Array, J: number, M: number, count: number, fresh: Float64Array): void {
  if (method !== "gaussian") throw new UserError(`new levels of a gr(g, cov = A) term are drawn given the fitted levels through A; the new-levels method '${method}' does not apply: use gaussian`);
  for (let k = 0; k < count; k++) {
    for (let m = 0; m < M; m++) {
      let mean = 0;
      for (let j = 0; j < J; j++) mean += cond.w[k * J + j] * r[m * J + j];
      fresh[k * M + m] = mean + cond.sqrtC[k] * fresh[k * M + m];
    }
  }
}
