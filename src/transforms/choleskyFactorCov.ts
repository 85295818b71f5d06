import { argError } from "../errors.js";
import { covarianceSizes } from "./check.js";
import type { Transform } from "./types.js";

/*
 * Stan's cholesky_factor_cov[K] (square case): K(K+1)/2 unconstrained values fill the lower triangle
 * row by row — row m holds its m off-diagonal entries, then log L_mm — so L_mm = exp(u) > 0 and
 * log|J| = Σ_m log L_mm = Σ of the diagonal u's. x is K×K, row-major, zeros above the diagonal.
 * Exp underflow gives a zero diagonal (closed support, unconstrain maps it to −∞); overflow gives +∞.
 */
export const choleskyFactorCov: Transform = Object.freeze({
  name: "choleskyFactorCov",
  ...covarianceSizes("choleskyFactorCov"),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, k: number): number {
    let lp = 0;
    let p = uOff;
    for (let i = 0; i < k; i++) {
      const row = xOff + i * k;
      for (let j = 0; j < i; j++) x[row + j] = u[p++];
      const d = u[p++];
      x[row + i] = Math.exp(d);
      lp += d;
      for (let j = i + 1; j < k; j++) x[row + j] = 0;
    }
    return lp;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, k: number): void {
    checkCholeskyCov(x, xOff, k, true);
    let p = uOff;
    for (let i = 0; i < k; i++) {
      const row = xOff + i * k;
      for (let j = 0; j < i; j++) u[p++] = x[row + j];
      u[p++] = Math.log(x[row + i]);
    }
  },
  backward(
    u: Float64Array,
    uOff: number,
    _x: Float64Array,
    _xOff: number,
    gx: Float64Array,
    gxOff: number,
    gu: Float64Array,
    guOff: number,
    k: number,
  ): void {
    let p = 0;
    for (let i = 0; i < k; i++) {
      const row = gxOff + i * k;
      for (let j = 0; j < i; j++) gu[guOff + p++] += gx[row + j];
      const g = gx[row + i];
      // Skip 0·∞ = NaN when exp(u) overflows.
      gu[guOff + p] += (g === 0 ? 0 : g * Math.exp(u[uOff + p])) + 1;
      p++;
    }
  },
  inSupport(x: Float64Array, xOff: number, k: number): boolean {
    return checkCholeskyCov(x, xOff, k, false);
  },
});

/** Lower triangular (exact zeros above), finite below the diagonal, diagonal >= 0. */
function checkCholeskyCov(x: Float64Array, xOff: number, k: number, raise: boolean): boolean {
  const fn = "choleskyFactorCov.unconstrain";
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = x[xOff + i * k + j];
      let what: string | null = null;
      if (j > i && v !== 0) what = `element [${i + 1},${j + 1}] above the diagonal must be 0`;
      else if (j === i && !(v >= 0)) what = `diagonal element [${i + 1},${i + 1}] must be >= 0`;
      else if (j < i && !Number.isFinite(v)) what = `element [${i + 1},${j + 1}] must be finite`;
      if (what !== null) {
        if (raise) throw argError(fn, what, v);
        return false;
      }
    }
  }
  return true;
}
