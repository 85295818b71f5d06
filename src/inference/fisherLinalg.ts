/**
 * The small dense linear algebra the low-rank metric estimate needs: a symmetric eigensolver (the
 * tred2/tql2 core of src/math/symmetricEigen.ts, sorted ascending here),
 * an orthonormal basis of a set of vectors, and the SPD geometric mean. Matrices are row-major
 * Float64Arrays. These run a few times per warmup, on matrices no larger than the subspace the
 * draws span, so clarity wins over speed here.
 */
import { symmetricEigenInPlace } from "../math/symmetricEigen.js";

/**
 * Eigen-decomposition of the symmetric n × n matrix `a`: Householder reduction to tridiagonal form,
 * then the implicit QL iteration with Wilkinson-style shifts (the EISPACK tred2/tql2 pair, as in
 * JAMA), O(n³) with a small constant. Writes the eigenvalues into `values` (ascending) and the
 * eigenvectors as the *columns* of `vectors` (row-major n × n). `a` is left untouched.
 */
export function symmetricEigen(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): void {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: a must have ${n * n} entries, got ${a.length}`);
  if (n === 0) return;
  const V = vectors;
  V.set(a);
  const d = values;
  symmetricEigenInPlace(V, n, d);
  // Sort ascending (selection sort on columns: this runs a few times per warmup).
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if (d[j] < d[best]) best = j;
    if (best === i) continue;
    const tv = d[i];
    d[i] = d[best];
    d[best] = tv;
    for (let k = 0; k < n; k++) {
      const t = V[k * n + i];
      V[k * n + i] = V[k * n + best];
      V[k * n + best] = t;
    }
  }
}

/** f(a) = V f(Λ) Vᵀ for symmetric `a` and a function of its eigenvalues; returns a new matrix. */
export function symmetricFunction(a: Float64Array, n: number, f: (lambda: number) => number): Float64Array {
  const values = new Float64Array(n);
  const v = new Float64Array(n * n);
  symmetricEigen(a, n, values, v);
  return fromEigen(values, v, n, f);
}

/** V f(Λ) Vᵀ from an eigen-decomposition (eigenvectors as columns of row-major `v`). */
function fromEigen(values: Float64Array, v: Float64Array, n: number, f: (lambda: number) => number): Float64Array {
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const fk = f(values[k]);
    for (let i = 0; i < n; i++) {
      const vik = v[i * n + k] * fk;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += vik * v[j * n + k];
    }
  }
  return out;
}

/** c = a b for row-major n × n matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/**
 * The SPD geometric mean Σ of A and B⁻¹: the unique SPD solution of Σ B Σ = A, i.e.
 * Σ = B^{-1/2} (B^{1/2} A B^{1/2})^{1/2} B^{-1/2}. With A the draws' covariance and B the
 * gradients' covariance, this Σ minimises the Fisher divergence of a Gaussian fit (Seyboldt's
 * derivation behind nutpie's low-rank mass matrix).
 */
export function spdMean(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const values = new Float64Array(n);
  const v = new Float64Array(n * n);
  symmetricEigen(b, n, values, v);
  const bHalf = fromEigen(values, v, n, (x) => Math.sqrt(x));
  const bInvHalf = fromEigen(values, v, n, (x) => 1 / Math.sqrt(x));
  const inner = matMul(matMul(bHalf, a, n), bHalf, n);
  symmetrise(inner, n);
  const innerHalf = symmetricFunction(inner, n, (x) => Math.sqrt(Math.max(x, 0)));
  const out = matMul(matMul(bInvHalf, innerHalf, n), bInvHalf, n);
  symmetrise(out, n);
  return out;
}

function symmetrise(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
}

/**
 * An orthonormal basis of the span of `count` vectors of length `dim` (vector t at
 * [t * dim, (t + 1) * dim) of `vecs`), by modified Gram–Schmidt applied twice (which keeps the basis
 * orthogonal to rounding). A vector whose remainder is below `relTol` of its own norm adds nothing
 * and is dropped. Returns the basis as vectors in the same layout, and its size.
 */
export function orthonormalBasis(vecs: Float64Array, dim: number, count: number, relTol = 1e-10): { basis: Float64Array; size: number } {
  const maxSize = Math.min(dim, count);
  const basis = new Float64Array(maxSize * dim);
  const r = new Float64Array(dim);
  let size = 0;
  for (let t = 0; t < count && size < maxSize; t++) {
    let norm0 = 0;
    for (let i = 0; i < dim; i++) {
      r[i] = vecs[t * dim + i];
      norm0 += r[i] * r[i];
    }
    norm0 = Math.sqrt(norm0);
    if (!(norm0 > 0) || !Number.isFinite(norm0)) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < size; k++) {
        let d = 0;
        const off = k * dim;
        for (let i = 0; i < dim; i++) d += basis[off + i] * r[i];
        for (let i = 0; i < dim; i++) r[i] -= d * basis[off + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += r[i] * r[i];
    norm = Math.sqrt(norm);
    if (!(norm > relTol * norm0)) continue;
    const off = size * dim;
    for (let i = 0; i < dim; i++) basis[off + i] = r[i] / norm;
    size++;
  }
  return { basis: basis.subarray(0, size * dim), size };
}
