/**
 * Eigen-decomposition of a dense symmetric matrix: Householder reduction to tridiagonal form, then
 * implicit QL with Wilkinson shifts on the tridiagonal (the classical tred2/tql2 pair, Golub & Van
 * Loan §8.3). O(n³); used for the smooth bases' small penalty matrices and Lanczos's tridiagonal
 * (lanczos.ts), never in a sampling loop.
 */
import { UserError } from "../errors.js";

export interface SymmetricEigen {
  /** Eigenvalues in decreasing order (R's `eigen(symmetric = TRUE)` order). */
  readonly values: Float64Array;
  /** Row-major n×n: column j is the unit eigenvector of values[j]. Signs are arbitrary. */
  readonly vectors: Float64Array;
}

/** A is row-major n×n and symmetric (only its lower triangle is read). A is not modified. */
export function symmetricEigen(A: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1 || A.length < n * n) {
    throw new UserError(`symmetricEigen: A must be n×n with n ≥ 1, got n = ${n} and ${A.length} elements`);
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) V[i * n + j] = V[j * n + i] = A[i * n + j];
  const d = new Float64Array(n);
  symmetricEigenInPlace(V, n, d);
  // Sort decreasing, permuting the vector columns with the values.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j];
    values[j] = d[src];
    for (let i = 0; i < n; i++) vectors[i * n + j] = V[i * n + src];
  }
  return { values, vectors };
}

/**
 * The decomposition itself, unsorted: V holds the symmetric n × n matrix (row-major) on entry and its
 * eigenvectors as columns on exit, d the eigenvalues. The fisher metric's small solves
 * (src/inference/fisherLinalg.ts) share it.
 */
export function symmetricEigenInPlace(V: Float64Array, n: number, d: Float64Array): void {
  const e = new Float64Array(n);
  tridiagonalize(V, n, d, e);
  tridiagonalQl(V, n, d, e);
}

/**
 * Householder reduction of the symmetric V (row-major, overwritten by the accumulated orthogonal
 * transform) to tridiagonal form: diagonal in d, sub-diagonal in e[1..n-1] (e[0] = 0).
 */
function tridiagonalize(V: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    // Scale row i's leading part to avoid under/overflow in the norm.
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e), accumulating rotations into V. */
function tridiagonalQl(V: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60 * n) throw new Error("symmetricEigen: QL iteration did not converge");
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const vk = k * n;
            h = V[vk + i + 1];
            V[vk + i + 1] = s * V[vk + i] + c * h;
            V[vk + i] = c * V[vk + i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
