import { argError } from "../errors.js";
import { covarianceSizes } from "./check.js";
import { CONSTRAINT_TOLERANCE, type Transform } from "./types.js";

/*
 * Stan's cov_matrix[K]: the K(K+1)/2 unconstrained values fill a Cholesky factor L exactly as in
 * cholesky_factor_cov (row m: its m off-diagonal entries, then log L_mm), and Σ = L Lᵀ.
 * log|J| = K·log 2 + Σ_m (K − m + 1)·log L_mm (m from 0), Stan's value including its constant,
 * for the map from u to the lower triangle (with diagonal) of Σ. x is K×K, row-major, symmetric.
 *
 * The support is the open cone of positive-definite matrices: a zero Cholesky pivot leaves the
 * entries below it undefined, so unlike the other transforms the boundary is not accepted, and
 * constrain(u) leaves the support when a diagonal exp(u) underflows (u < −745).
 */
export const covMatrix: Transform = Object.freeze({
  name: "covMatrix",
  ...covarianceSizes("covMatrix"),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, k: number): number {
    // L goes into x's lower triangle, Σ's off-diagonal into the (unused) upper triangle, then the
    // diagonal, then the mirror: no scratch memory and one exp per diagonal element.
    let lp = k * Math.LN2;
    let p = uOff;
    for (let i = 0; i < k; i++) {
      const row = xOff + i * k;
      for (let j = 0; j < i; j++) x[row + j] = u[p++];
      const d = u[p++];
      x[row + i] = Math.exp(d);
      lp += (k - i + 1) * d;
    }
    for (let i = 1; i < k; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let m = 0; m <= j; m++) s += x[xOff + i * k + m] * x[xOff + j * k + m];
        x[xOff + j * k + i] = s;
      }
    }
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let m = 0; m <= i; m++) {
        const v = x[xOff + i * k + m];
        s += v * v;
      }
      x[xOff + i * k + i] = s;
    }
    for (let i = 1; i < k; i++) for (let j = 0; j < i; j++) x[xOff + i * k + j] = x[xOff + j * k + i];
    return lp;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, k: number): void {
    checkCovMatrix(x, xOff, k, CONSTRAINT_TOLERANCE, true, u, uOff);
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
    // ∂/∂L_ab of Σ_ij G_ij (L Lᵀ)_ij is ((G + Gᵀ) L)_ab; L is read straight from u (L_jj = exp(u)).
    for (let a = 0; a < k; a++) {
      const baseA = (a * (a + 1)) / 2;
      for (let b = 0; b <= a; b++) {
        let g = 0;
        for (let j = b; j < k; j++) {
          const baseJ = (j * (j + 1)) / 2;
          const ljb = j === b ? Math.exp(u[uOff + baseJ + b]) : u[uOff + baseJ + b];
          const w = gx[gxOff + a * k + j] + gx[gxOff + j * k + a];
          if (w !== 0) g += w * ljb; // skips 0·∞ = NaN when exp overflows
        }
        if (b < a) gu[guOff + baseA + b] += g;
        else {
          const d = u[uOff + baseA + a];
          gu[guOff + baseA + a] += (g === 0 ? 0 : g * Math.exp(d)) + (k - a + 1);
        }
      }
    }
  },
  inSupport(x: Float64Array, xOff: number, k: number, tol = CONSTRAINT_TOLERANCE): boolean {
    // Not a hot path: the factor needs somewhere to live.
    return checkCovMatrix(x, xOff, k, tol, false, new Float64Array((k * (k + 1)) / 2), 0);
  },
});

/**
 * Symmetric within tol (absolute, as Stan's check_symmetric) and positive definite (every Cholesky
 * pivot > 0). Writes the unconstrained values to `out`: the Cholesky factor of the lower triangle,
 * computed in place in the u layout (pivots first held as values, logged at the end).
 */
function checkCovMatrix(
  x: Float64Array,
  xOff: number,
  k: number,
  tol: number,
  raise: boolean,
  out: Float64Array,
  outOff: number,
): boolean {
  const fn = "covMatrix.unconstrain";
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const lo = x[xOff + i * k + j];
      const up = x[xOff + j * k + i];
      if (!Number.isFinite(lo) || !(Math.abs(lo - up) <= tol)) {
        if (raise) throw argError(fn, `must be finite and symmetric; element [${i + 1},${j + 1}] vs [${j + 1},${i + 1}]`, `${lo} vs ${up}`);
        return false;
      }
    }
  }
  // Cholesky–Banachiewicz on the lower triangle.
  for (let i = 0; i < k; i++) {
    const baseI = outOff + (i * (i + 1)) / 2;
    for (let j = 0; j <= i; j++) {
      const baseJ = outOff + (j * (j + 1)) / 2;
      let s = x[xOff + i * k + j];
      for (let m = 0; m < j; m++) s -= out[baseI + m] * out[baseJ + m];
      if (j < i) out[baseI + j] = s / out[baseJ + j];
      else if (s > 0) out[baseI + i] = Math.sqrt(s);
      else {
        if (raise) throw argError(fn, `must be positive definite; Cholesky pivot ${i + 1} is not positive`, s);
        return false;
      }
    }
  }
  for (let i = 0; i < k; i++) {
    const d = outOff + (i * (i + 1)) / 2 + i;
    out[d] = Math.log(out[d]);
  }
  return true;
}
