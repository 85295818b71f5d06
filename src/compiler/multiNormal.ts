/**
 * Kernels behind the `multiNormalCholesky` statement and its generated quantities: n rows of length k
 * against multi_normal_cholesky(mu_i, diag(s) · L). They are called from generated code with the
 * compiled model's own arrays and offsets; an array is read at `off + i·stride + j` (stride 0 shares
 * one row between all rows), a `null` mean is 0, `null` scales are 1, and a `null` adjoint array marks
 * data (no gradient). `work` is a scratch array of at least 3k values owned by the compiled model, so
 * nothing is allocated per call.
 *
 * With u = (y − mu) / s, z = L⁻¹ u and w = L⁻ᵀ z, one row's log density is
 * −k/2 log 2π − Σ_j log(s_j L_jj) − ½ |z|², and its partials are ∂/∂y = −w/s, ∂/∂mu = w/s,
 * ∂/∂s_j = (w_j u_j − 1)/s_j, ∂/∂L = tril(w zᵀ) − diag(1/L_jj) (the lower triangle only).
 */

import { HALF_LOG_2PI } from "../math/constants.js";

type Arr = Float64Array | Int32Array;

/** Log-determinant of diag(s) L, or NaN when a diagonal element or scale is not positive and finite. */
function logDet(k: number, L: Arr, lOff: number, S: Arr | null, sOff: number): number {
  let d = 0;
  for (let j = 0; j < k; j++) {
    const ljj = L[lOff + j * k + j];
    const sj = S === null ? 1 : S[sOff + j];
    if (!(ljj > 0 && ljj < Infinity && sj > 0 && sj < Infinity)) return NaN;
    d += Math.log(ljj) + (S === null ? 0 : Math.log(sj));
  }
  return d;
}

/** u = (y_i − mu_i)/s into work[0..k), z = L⁻¹u into work[k..2k); returns |z|². */
function solveRow(
  i: number, k: number,
  Y: Arr, yOff: number, yStride: number,
  M: Arr | null, mOff: number, mStride: number,
  L: Arr, lOff: number,
  S: Arr | null, sOff: number,
  work: Float64Array,
): number {
  let sq = 0;
  for (let j = 0; j < k; j++) {
    const m = M === null ? 0 : M[mOff + i * mStride + j];
    work[j] = S === null ? Y[yOff + i * yStride + j] - m : (Y[yOff + i * yStride + j] - m) / S[sOff + j];
  }
  for (let j = 0; j < k; j++) {
    const row = lOff + j * k;
    let v = work[j];
    for (let c = 0; c < j; c++) v -= L[row + c] * work[k + c];
    const z = v / L[row + j];
    work[k + j] = z;
    sq += z * z;
  }
  return sq;
}

/**
 * multiNormalRows's arguments in order: a number, an array it reads (null allowed), one it writes
 * (an adjoint, null for data) or the work array. The wasm translation reads its signature from here
 * (wasm/walk.ts types the call, wasm/instantiate.ts binds the arrays); emitMultiNormal.ts writes the call.
 */
export const MVN_ARGS: readonly ("num" | "read" | "write" | "work")[] = Object.freeze([
  "num", "num", // n, k
  "read", "num", "num", "write", // Y, yOff, yStride, GY
  "read", "num", "num", "write", // M, mOff, mStride, GM
  "read", "num", "write", // L, lOff, GL
  "read", "num", "write", // S, sOff, GS
  "work",
] as const);

/** Σ of the n rows' log densities, adding the adjoints to GY, GM, GL, GS (each may be null). */
export function multiNormalRows(
  n: number, k: number,
  Y: Arr, yOff: number, yStride: number, GY: Float64Array | null,
  M: Arr | null, mOff: number, mStride: number, GM: Float64Array | null,
  L: Arr, lOff: number, GL: Float64Array | null,
  S: Arr | null, sOff: number, GS: Float64Array | null,
  work: Float64Array,
): number {
  const det = logDet(k, L, lOff, S, sOff);
  if (det !== det) return -Infinity;
  let sq = 0;
  const needW = GY !== null || GM !== null || GL !== null || GS !== null;
  for (let i = 0; i < n; i++) {
    sq += solveRow(i, k, Y, yOff, yStride, M, mOff, mStride, L, lOff, S, sOff, work);
    if (!needW) continue;
    // w = L⁻ᵀ z by back substitution, into work[2k..3k).
    for (let j = k - 1; j >= 0; j--) {
      let v = work[k + j];
      for (let r = j + 1; r < k; r++) v -= L[lOff + r * k + j] * work[2 * k + r];
      work[2 * k + j] = v / L[lOff + j * k + j];
    }
    for (let j = 0; j < k; j++) {
      const w = work[2 * k + j];
      const ws = S === null ? w : w / S[sOff + j];
      if (GY !== null) GY[yOff + i * yStride + j] -= ws;
      if (GM !== null) GM[mOff + i * mStride + j] += ws;
      if (GS !== null) GS[sOff + j] += ws * work[j];
      if (GL !== null) {
        const row = lOff + j * k;
        for (let c = 0; c <= j; c++) GL[row + c] += w * work[k + c];
      }
    }
  }
  // The log-determinant's share, once for all n rows.
  if (GL !== null) for (let j = 0; j < k; j++) GL[lOff + j * k + j] -= n / L[lOff + j * k + j];
  if (GS !== null && S !== null) for (let j = 0; j < k; j++) GS[sOff + j] -= n / S[sOff + j];
  return -n * (k * HALF_LOG_2PI + det) - 0.5 * sq;
}

/** Each row's log density into out[outOff + i] (generated log_lik); no gradient. */
export function multiNormalRowsPointwise(
  n: number, k: number,
  Y: Arr, yOff: number, yStride: number,
  M: Arr | null, mOff: number, mStride: number,
  L: Arr, lOff: number,
  S: Arr | null, sOff: number,
  work: Float64Array,
  out: Float64Array, outOff: number,
): void {
  const det = logDet(k, L, lOff, S, sOff);
  const c = -(k * HALF_LOG_2PI + det);
  for (let i = 0; i < n; i++) {
    out[outOff + i] = det !== det ? -Infinity : c - 0.5 * solveRow(i, k, Y, yOff, yStride, M, mOff, mStride, L, lOff, S, sOff, work);
  }
}

/**
 * n draws y_i = mu_i + diag(s) L z_i into out[outOff + i·k + j]. Per row the k standard normals are
 * drawn first, in order, as multiNormalCholeskyRng does, so the draws equal that sampler's with
 * covariance factor diag(s) L.
 */
export function multiNormalRowsRng(
  rng: { normal(): number },
  n: number, k: number,
  M: Arr | null, mOff: number, mStride: number,
  L: Arr, lOff: number,
  S: Arr | null, sOff: number,
  work: Float64Array,
  out: Float64Array, outOff: number,
): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) work[j] = rng.normal();
    for (let j = 0; j < k; j++) {
      const row = lOff + j * k;
      let v = 0;
      for (let c = 0; c <= j; c++) v += L[row + c] * work[c];
      out[outOff + i * k + j] = (M === null ? 0 : M[mOff + i * mStride + j]) + (S === null ? v : S[sOff + j] * v);
    }
  }
}
