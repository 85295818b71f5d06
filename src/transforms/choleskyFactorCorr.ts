import { argError } from "../errors.js";
import { correlationSizes } from "./check.js";
import { log1mTanhSq } from "./scalarMath.js";
import { CONSTRAINT_TOLERANCE, type Transform } from "./types.js";

/*
 * Stan's cholesky_factor_corr[K] transform. The K(K−1)/2 unconstrained values, in row-major order of
 * the strictly lower triangle ((2,1), (3,1), (3,2), (4,1), …), become canonical partial correlations
 * z = tanh(u); row i of L is built by stick-breaking on its squared norm:
 *   L_ij = z_ij · √w_ij  (j < i),  L_ii = √w_ii,  w_i1 = 1,  w_i,j+1 = w_ij · (1 − z_ij²).
 * log|J| = Σ log(1 − z_ij²) + ½ Σ_{1 < j < i} log w_ij (Jacobian to the strictly lower entries).
 *
 * w is carried in log space with log(1 − tanh²u) = 2·log sech u evaluated stably, so large |u|
 * (z rounding to ±1) gives L entries that underflow to 0 and a finite log|J| — never √(negative) or NaN.
 * x is the full K×K matrix, row-major, zeros above the diagonal.
 */
export const choleskyFactorCorr: Transform = Object.freeze({
  name: "choleskyFactorCorr",
  ...correlationSizes("choleskyFactorCorr"),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, k: number): number {
    if (k === 0) return 0;
    let lp = 0;
    let p = uOff;
    x[xOff] = 1;
    for (let j = 1; j < k; j++) x[xOff + j] = 0;
    for (let i = 1; i < k; i++) {
      const row = xOff + i * k;
      let logW = 0;
      for (let j = 0; j < i; j++) {
        const y = u[p++];
        if (j > 0) lp += 0.5 * logW;
        x[row + j] = Math.tanh(y) * Math.exp(0.5 * logW);
        const a = log1mTanhSq(y);
        lp += a;
        logW += a;
      }
      x[row + i] = Math.exp(0.5 * logW);
      for (let j = i + 1; j < k; j++) x[row + j] = 0;
    }
    return lp;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, k: number): void {
    checkCholeskyCorr(x, xOff, k, CONSTRAINT_TOLERANCE, true);
    for (let i = 1; i < k; i++) {
      const row = xOff + i * k;
      const base = uOff + (i * (i - 1)) / 2;
      // rest = Σ_{m>j} L_im² (diagonal included) = w_ij·(1 − z_ij²), summed from the diagonal backwards:
      // unlike Stan's 1 − Σ_{m<j} L_im² it keeps its digits when the row is nearly used up. Then
      // atanh(z) with z = L_ij/√(L_ij² + rest) is sign(L_ij)·(log(√acc + |L_ij|) − ½ log rest), cancellation-free.
      const d = x[row + i];
      let rest = d * d;
      for (let j = i - 1; j >= 0; j--) {
        const v = x[row + j];
        const acc = rest + v * v;
        // v = 0 means z = 0 (and if the rest of the row is 0 too, any z fits: 0 is chosen).
        u[base + j] = v === 0 ? 0 : Math.sign(v) * (Math.log(Math.sqrt(acc) + Math.abs(v)) - 0.5 * Math.log(rest));
        rest = acc;
      }
    }
  },
  backward(
    u: Float64Array,
    uOff: number,
    x: Float64Array,
    xOff: number,
    gx: Float64Array,
    gxOff: number,
    gu: Float64Array,
    guOff: number,
    k: number,
  ): void {
    // Row by row (rows are independent). adjW = Σ_{m>j} ∂f/∂ log w_im, where log w_im feeds L_im
    // (∂L_im/∂ log w_im = ½ L_im) and, for 1 ≤ m < i, log|J| with weight ½; each log w_im with m > j
    // depends on u_ij through log(1 − z_ij²), whose derivative is −2 z_ij.
    for (let i = 1; i < k; i++) {
      const row = i * k;
      const base = (i * (i - 1)) / 2;
      let logW = 0;
      for (let j = 0; j < i; j++) logW += log1mTanhSq(u[uOff + base + j]);
      let adjW = 0.5 * gx[gxOff + row + i] * x[xOff + row + i];
      for (let j = i - 1; j >= 0; j--) {
        const y = u[uOff + base + j];
        const a = log1mTanhSq(y);
        logW -= a; // now log w_ij
        const z = Math.tanh(y);
        const g = gx[gxOff + row + j];
        gu[guOff + base + j] += g * Math.exp(0.5 * logW + a) - 2 * z * (1 + adjW);
        adjW += 0.5 * g * x[xOff + row + j] + (j > 0 ? 0.5 : 0);
      }
    }
  },
  inSupport(x: Float64Array, xOff: number, k: number, tol = CONSTRAINT_TOLERANCE): boolean {
    return checkCholeskyCorr(x, xOff, k, tol, false);
  },
});

/** Lower triangular (exact zeros above), diagonal >= 0, rows of unit norm within tol. */
function checkCholeskyCorr(x: Float64Array, xOff: number, k: number, tol: number, raise: boolean): boolean {
  const fn = "choleskyFactorCorr.unconstrain";
  for (let i = 0; i < k; i++) {
    const row = xOff + i * k;
    let sumSq = 0;
    for (let j = 0; j < k; j++) {
      const v = x[row + j];
      if (j > i) {
        if (v !== 0) {
          if (raise) throw argError(fn, `element [${i + 1},${j + 1}] above the diagonal must be 0`, v);
          return false;
        }
        continue;
      }
      if (j === i ? !(v >= 0) : Number.isNaN(v)) {
        const what = j === i ? `diagonal element [${i + 1},${i + 1}] must be >= 0` : `element [${i + 1},${j + 1}] must not be NaN`;
        if (raise) throw argError(fn, what, v);
        return false;
      }
      sumSq += v * v;
    }
    if (!(Math.abs(sumSq - 1) <= tol)) {
      if (raise) throw argError(fn, `row ${i + 1} must have unit length (squared norm within ${tol} of 1)`, sumSq);
      return false;
    }
  }
  return true;
}
