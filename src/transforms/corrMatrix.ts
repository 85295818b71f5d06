import { argError } from "../errors.js";
import { correlationSizes } from "./check.js";
import { log1mTanhSq } from "./scalarMath.js";
import { CONSTRAINT_TOLERANCE, type Transform } from "./types.js";

/*
 * Stan's corr_matrix[K]: K(K−1)/2 canonical partial correlations z = tanh(u), in Stan's order for
 * this type — column-major over the strictly lower triangle ((2,1), (3,1), …, (K,1), (3,2), …), which
 * differs from cholesky_factor_corr's row-major order — build the Cholesky factor L of Ω as in
 * cholesky_factor_corr (L_ij = z_ij·√w_ij, L_ii = √w_ii), and Ω = L Lᵀ with its diagonal set to 1.
 * log|J| = Σ_{j ≤ K−2} (1 + (K − j − 2)/2) · Σ_{i>j} log(1 − z_ij²)  (j the 0-based column), the
 * Jacobian onto Ω's strictly lower triangle (Joe 2006, as Stan's read_corr_L). x is K×K, row-major.
 *
 * The support is the open set of positive-definite correlation matrices (unit diagonal and symmetry
 * within tol): at |u| ≳ 19 z rounds to ±1 and Ω can become singular in floating point, so, as for
 * covMatrix, inSupport(constrain(u)) may fail there; log|J| stays finite (log(1 − z²) is computed stably).
 *
 * backward recomputes entries of L from u instead of keeping scratch memory: O(K⁴/24) work, fine for
 * the small K of correlation matrices (K = 10: ~400 tanh/log1p per gradient); prefer
 * choleskyFactorCorr, whose backward is O(K²), in hot models.
 */
function cpcIndex(k: number, i: number, j: number): number {
  return j * (k - 1) - (j * (j - 1)) / 2 + (i - j - 1);
}

/** L_ij (j ≤ i) of the Cholesky factor, from the CPCs in u. */
function factorEntry(u: Float64Array, uOff: number, k: number, i: number, j: number): number {
  let logW = 0;
  for (let m = 0; m < j; m++) logW += log1mTanhSq(u[uOff + cpcIndex(k, i, m)]);
  const s = Math.exp(0.5 * logW);
  return j === i ? s : Math.tanh(u[uOff + cpcIndex(k, i, j)]) * s;
}

export const corrMatrix: Transform = Object.freeze({
  name: "corrMatrix",
  ...correlationSizes("corrMatrix"),
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, k: number): number {
    // L into the lower triangle, Ω's off-diagonal into the upper triangle, then unit diagonal and mirror.
    let lp = 0;
    for (let i = 0; i < k; i++) {
      const row = xOff + i * k;
      let logW = 0;
      for (let j = 0; j < i; j++) {
        const y = u[uOff + cpcIndex(k, i, j)];
        x[row + j] = Math.tanh(y) * Math.exp(0.5 * logW);
        const a = log1mTanhSq(y);
        lp += (1 + 0.5 * (k - j - 2)) * a;
        logW += a;
      }
      x[row + i] = Math.exp(0.5 * logW);
    }
    for (let i = 1; i < k; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let m = 0; m <= j; m++) s += x[xOff + i * k + m] * x[xOff + j * k + m];
        x[xOff + j * k + i] = s;
      }
    }
    for (let i = 0; i < k; i++) {
      x[xOff + i * k + i] = 1;
      for (let j = 0; j < i; j++) x[xOff + i * k + j] = x[xOff + j * k + i];
    }
    return lp;
  },
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, k: number): void {
    const l = new Float64Array(k * k); // not a hot path
    checkCorrMatrix(x, xOff, k, CONSTRAINT_TOLERANCE, true, l);
    // CPCs row by row from L, with the cancellation-free atanh of choleskyFactorCorr.unconstrain.
    for (let i = 1; i < k; i++) {
      const d = l[i * k + i];
      let rest = d * d;
      for (let j = i - 1; j >= 0; j--) {
        const v = l[i * k + j];
        const acc = rest + v * v;
        u[uOff + cpcIndex(k, i, j)] = v === 0 ? 0 : Math.sign(v) * (Math.log(Math.sqrt(acc) + Math.abs(v)) - 0.5 * Math.log(rest));
        rest = acc;
      }
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
    // ∂/∂L_ab of Σ G_ij Ω_ij is Σ_j (G_aj + G_ja) L_jb; Ω's diagonal is the constant 1, so j = a drops out.
    // Then the per-row reverse sweep of choleskyFactorCorr.backward, with this type's log|J| weights.
    const gradL = (a: number, b: number): number => {
      let g = 0;
      for (let j = b; j < k; j++) {
        if (j === a) continue;
        const w = gx[gxOff + a * k + j] + gx[gxOff + j * k + a];
        if (w !== 0) g += w * factorEntry(u, uOff, k, j, b);
      }
      return g;
    };
    for (let a = 1; a < k; a++) {
      let logW = 0;
      for (let b = 0; b < a; b++) logW += log1mTanhSq(u[uOff + cpcIndex(k, a, b)]);
      let adjW = 0.5 * gradL(a, a) * Math.exp(0.5 * logW);
      for (let b = a - 1; b >= 0; b--) {
        const idx = cpcIndex(k, a, b);
        const y = u[uOff + idx];
        const la = log1mTanhSq(y);
        logW -= la; // now log w_ab
        const z = Math.tanh(y);
        const g = gradL(a, b);
        gu[guOff + idx] += g * Math.exp(0.5 * logW + la) - 2 * z * (1 + 0.5 * (k - b - 2) + adjW);
        adjW += 0.5 * g * z * Math.exp(0.5 * logW);
      }
    }
  },
  inSupport(x: Float64Array, xOff: number, k: number, tol = CONSTRAINT_TOLERANCE): boolean {
    return checkCorrMatrix(x, xOff, k, tol, false, new Float64Array(k * k));
  },
});

/** Symmetric and unit diagonal within tol, positive definite (Cholesky pivots > 0); L goes to `l`. */
function checkCorrMatrix(x: Float64Array, xOff: number, k: number, tol: number, raise: boolean, l: Float64Array): boolean {
  const fn = "corrMatrix.unconstrain";
  const fail = (what: string, got: unknown): boolean => {
    if (raise) throw argError(fn, what, got);
    return false;
  };
  for (let i = 0; i < k; i++) {
    const d = x[xOff + i * k + i];
    if (!(Math.abs(d - 1) <= tol)) return fail(`diagonal element [${i + 1},${i + 1}] must be 1 (within ${tol})`, d);
    for (let j = 0; j < i; j++) {
      const lo = x[xOff + i * k + j];
      const up = x[xOff + j * k + i];
      if (!Number.isFinite(lo) || !(Math.abs(lo - up) <= tol)) {
        return fail(`must be finite and symmetric; element [${i + 1},${j + 1}] vs [${j + 1},${i + 1}]`, `${lo} vs ${up}`);
      }
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = x[xOff + i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      if (j < i) l[i * k + j] = s / l[j * k + j];
      else if (s > 0) l[i * k + i] = Math.sqrt(s);
      else return fail(`must be positive definite; Cholesky pivot ${i + 1} is not positive`, s);
    }
  }
  return true;
}
