/**
 * Dense Cholesky factorisation and triangular solves on row-major Float64Array (element (i, j) of an
 * n×n matrix at i·n + j). No allocation: callers own every output buffer.
 */

/**
 * Writes the lower-triangular L with A = L Lᵀ into Lout (upper triangle set to 0). Reads only the lower
 * triangle of A. Returns false, leaving Lout partly written, if A is not (numerically) positive
 * definite, i.e. a pivot is ≤ 0 or not finite. Lout may alias A.
 */
export function choleskyDecompose(A: ArrayLike<number>, n: number, Lout: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = A[rowJ + j];
    for (let k = 0; k < j; k++) d -= Lout[rowJ + k] * Lout[rowJ + k];
    if (!(d > 0) || d === Infinity) return false;
    const ljj = Math.sqrt(d);
    Lout[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = A[rowI + j];
      for (let k = 0; k < j; k++) s -= Lout[rowI + k] * Lout[rowJ + k];
      Lout[rowI + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) Lout[rowJ + k] = 0;
  }
  return true;
}

/** Solves L x = b for lower-triangular L (row-major). out may alias b. */
export function forwardSolve(L: ArrayLike<number>, n: number, b: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[row + k] * out[k];
    out[i] = s / L[row + i];
  }
}

/** Solves Lᵀ x = b for lower-triangular L (row-major), i.e. back substitution on Lᵀ. out may alias b. */
export function backSolveTranspose(
  L: ArrayLike<number>,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array,
): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    // (Lᵀ)[i][k] = L[k][i] for k > i
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * out[k];
    out[i] = s / L[i * n + i];
  }
}

/** out = L x for lower-triangular L (row-major); the upper triangle of L is not read. out must not alias x. */
export function lowerTriMatVec(L: ArrayLike<number>, n: number, x: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = 0;
    for (let k = 0; k <= i; k++) s += L[row + k] * x[k];
    out[i] = s;
  }
}

/** log det(L Lᵀ) = 2 Σ log L_ii. */
export function logDetFromCholesky(L: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L[i * n + i]);
  return 2 * s;
}
