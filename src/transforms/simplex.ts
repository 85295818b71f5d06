import { argError } from "../errors.js";
import { log1pExp } from "./scalarMath.js";
import { transformSizes } from "./check.js";
import { CONSTRAINT_TOLERANCE, type Transform } from "./types.js";

/*
 * Stan's stick-breaking simplex transform (Stan Reference Manual ≤ 2.36; Stan 2.37 moved to the
 * isometric log-ratio transform, which this is not). For k = 1..K−1:
 *   z_k = logit⁻¹(u_k − log(K − k)),  x_k = z_k · (1 − Σ_{j<k} x_j),  x_K = what remains of the stick.
 * The log(K − k) offset makes u = 0 map to the centre (1/K, …, 1/K).
 * log|J| = Σ_k [log z_k + log(1 − z_k) + log(stick_k)] over the free coordinates x_1..x_{K−1}.
 *
 * The stick length is carried in log space (log stick_{k+1} = log stick_k − log1p(exp(a_k))) rather
 * than by Stan's `stick_len -= x_k`, so it never cancels to a negative number or to 0 while log|J|
 * stays finite: at large |u|, elements underflow to exactly 0 but log|J| and x remain NaN-free.
 */
export const simplex: Transform = Object.freeze({
  name: "simplex",
  ...transformSizes("simplex", (n) => n - 1, (n) => n, 1),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number {
    const km1 = n - 1;
    let logStick = 0;
    let lp = 0;
    for (let k = 0; k < km1; k++) {
      const a = u[uOff + k] - Math.log(km1 - k);
      const logZ = -log1pExp(-a);
      const log1mZ = -log1pExp(a);
      x[xOff + k] = Math.exp(logStick + logZ);
      lp += logStick + logZ + log1mZ;
      logStick += log1mZ;
    }
    x[xOff + km1] = Math.exp(logStick);
    return lp;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void {
    checkSimplex(x, xOff, n, CONSTRAINT_TOLERANCE, true);
    // u_k = logit(x_k / stick_k) + log(K − k) = log x_k − log(Σ_{j>k} x_j) + log(K − k), with the
    // suffix sum built from the back so small remainders keep their digits.
    const km1 = n - 1;
    let rest = x[xOff + km1];
    for (let k = km1 - 1; k >= 0; k--) {
      const v = x[xOff + k];
      // A zero element maps to −∞ even when the rest of the stick is 0 too (log 0 − log 0).
      u[uOff + k] = v === 0 ? -Infinity : Math.log(v) - Math.log(rest) + Math.log(km1 - k);
      rest += v;
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
    n: number,
  ): void {
    // Reverse sweep. log stick_j feeds x_j (∂x_j/∂ log stick_j = x_j) and, for j < K, log|J| (weight 1);
    // every later log stick_j depends on a_k through −log1p(exp(a_k)), derivative −z_k.
    const km1 = n - 1;
    let adjStick = gx[gxOff + km1] * x[xOff + km1];
    for (let k = km1 - 1; k >= 0; k--) {
      const a = u[uOff + k] - Math.log(km1 - k);
      const ea = Math.exp(-Math.abs(a));
      const zSmall = ea / (1 + ea); // logit⁻¹(−|a|)
      const z = a >= 0 ? 1 - zSmall : zSmall;
      const oneMinusZ = a >= 0 ? zSmall : 1 - zSmall;
      const g = gx[gxOff + k];
      const xk = x[xOff + k];
      gu[guOff + k] += g * xk * oneMinusZ + (oneMinusZ - z) - z * adjStick;
      adjStick += g * xk + 1;
    }
  },
  inSupport(x: Float64Array, xOff: number, n: number, tol = CONSTRAINT_TOLERANCE): boolean {
    return checkSimplex(x, xOff, n, tol, false);
  },
});

function checkSimplex(x: Float64Array, xOff: number, n: number, tol: number, raise: boolean): boolean {
  if (n < 1) {
    if (raise) throw argError("simplex.unconstrain", "size must be at least 1", n);
    return false;
  }
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const v = x[xOff + k];
    if (!(v >= 0)) {
      if (raise) throw argError("simplex.unconstrain", `element ${k + 1} must be >= 0`, v);
      return false;
    }
    sum += v;
  }
  if (!(Math.abs(sum - 1) <= tol)) {
    if (raise) throw argError("simplex.unconstrain", `elements must sum to 1 (within ${tol})`, sum);
    return false;
  }
  return true;
}
