import { argError } from "../errors.js";
import { digamma, lbeta } from "../math/index.js";
import { lkjCorrCholeskyRng } from "../random/index.js";
import { checkPositiveFinite } from "./checks.js";
import { LOG_2 } from "./constants.js";
import type { MultivariateInfo } from "./types.js";

/** Stan's CONSTRAINT_TOLERANCE for "rows of unit length". */
const UNIT_ROW_TOLERANCE = 1e-8;

/**
 * lkj_corr_cholesky(L | eta) for the K×K Cholesky factor L (row-major, element (i, j) at i·K + j) of a
 * correlation matrix: the LKJ density of L Lᵀ, det^(eta-1), times the Jacobian of L ↦ L Lᵀ, which gives
 * Σ_{i=2..K} (K - i + 2 eta - 2) log L_ii (1-based i), plus the normalising constant
 * -Σ_{k=1..K-1} [(2 eta - 2 + K - k)(K - k) log 2 + (K - k) lbeta(b_k, b_k)], b_k = eta + (K - k - 1)/2
 * (Lewandowski, Kurowicka & Joe 2009), so values equal Stan's lkj_corr_cholesky_lpdf.
 *
 * Unchecked hot path. dL has length K·K + 1: dL[i·K + j] = ∂/∂L_ij (only the diagonal from i = 2 on is
 * non-zero; L_11 = 1 is not free) and **dL[K·K] = ∂/∂eta**. Only the diagonal of L is read. eta ≤ 0 or
 * a non-positive diagonal gives -Infinity with all partials 0.
 */
export function lkjCorrCholeskyLpdfGrad(L: ArrayLike<number>, K: number, eta: number, dL: Float64Array): number {
  const KK = K * K;
  dL.fill(0, 0, KK + 1);
  if (!(eta > 0 && eta < Infinity)) return -Infinity;
  let lp = 0;
  let sumLog = 0;
  for (let i = 1; i < K; i++) {
    const lii = L[i * K + i];
    if (!(lii > 0 && lii < Infinity)) {
      dL.fill(0, 0, KK + 1);
      return -Infinity;
    }
    const c = K - i - 3 + 2 * eta; // 0-based i: K - (i + 1) + 2 eta - 2
    const ll = Math.log(lii);
    lp += c * ll;
    sumLog += ll;
    dL[i * K + i] = c / lii;
  }
  let dEta = 2 * sumLog;
  for (let k = 1; k < K; k++) {
    const m = K - k;
    const b = eta + (m - 1) / 2;
    lp -= (2 * eta - 2 + m) * m * LOG_2 + m * lbeta(b, b);
    dEta -= 2 * m * LOG_2 + 2 * m * (digamma(b) - digamma(2 * b));
  }
  dL[KK] = dEta;
  return lp;
}

/**
 * Checked lkj_corr_cholesky(L | eta): L must be K×K lower triangular with a positive diagonal and rows of
 * unit length (within 1e-8, as Stan checks), eta positive and finite.
 */
export function lkjCorrCholeskyLpdf(L: ArrayLike<number>, K: number, eta: number): number {
  const fn = "lkjCorrCholeskyLpdf";
  if (!(Number.isInteger(K) && K >= 1)) throw argError(fn, "K must be a positive integer", K);
  if (L.length !== K * K) throw argError(fn, `L must have length K*K = ${K * K}`, L.length);
  checkPositiveFinite(fn, "eta", eta);
  for (let i = 0; i < K; i++) {
    let norm2 = 0;
    for (let j = 0; j < K; j++) {
      const v = L[i * K + j];
      if (j > i && v !== 0) throw argError(fn, `L must be lower triangular but L[${i + 1},${j + 1}] is not 0`, v);
      if (!Number.isFinite(v)) throw argError(fn, `L[${i + 1},${j + 1}] must be finite`, v);
      norm2 += v * v;
    }
    const lii = L[i * K + i];
    if (!(lii > 0)) throw argError(fn, `L[${i + 1},${i + 1}] must be positive`, lii);
    if (!(Math.abs(Math.sqrt(norm2) - 1) <= UNIT_ROW_TOLERANCE)) {
      throw argError(fn, `row ${i + 1} of L must have unit length`, Math.sqrt(norm2));
    }
  }
  return lkjCorrCholeskyLpdfGrad(L, K, eta, new Float64Array(K * K + 1));
}

/** Draws into `out` (see src/random/). */
export { lkjCorrCholeskyRng };

export const lkjCorrCholesky: MultivariateInfo = Object.freeze<MultivariateInfo>({
  kind: "multivariate",
  name: "lkj_corr_cholesky",
  args: ["eta"],
  support: "cholesky_corr",
});
