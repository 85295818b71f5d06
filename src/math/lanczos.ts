/**
 * The k eigenpairs of largest |eigenvalue| of a dense symmetric matrix by Lanczos iteration with full
 * reorthogonalisation — what mgcv's `Rlanczos` does for a thin-plate spline's radial matrix: O(n² m)
 * for m iterations (m a small multiple of k) instead of a full O(n³) decomposition.
 */
import { UserError } from "../errors.js";
import { symmetricEigen } from "./symmetricEigen.js";

export interface LanczosResult {
  /** The k eigenvalues of largest magnitude, in decreasing order of value. */
  readonly values: Float64Array;
  /** n × k row-major: column j is the unit eigenvector of values[j] (sign arbitrary). */
  readonly vectors: Float64Array;
}

/**
 * A is row-major n×n symmetric. Stops when every selected Ritz value's residual bound |β_m s_mj| is at
 * most `tol` · max |θ| (mgcv's test, tol = ε^0.7 by default), or after n steps (then exact).
 */
export function lanczosLargestMagnitude(A: ArrayLike<number>, n: number, k: number, tol = Number.EPSILON ** 0.7): LanczosResult {
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new UserError(`lanczosLargestMagnitude: k must be a whole number in 1 … ${n}, got ${k}`);
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  // A fixed start vector (a linear congruential sequence, as mgcv's): results are reproducible.
  let seed = 1;
  const next = () => {
    seed = (seed * 106 + 1283) % 6075;
    return seed / 6075 - 0.5;
  };
  let q = Float64Array.from({ length: n }, next);
  normalise(q);
  const w = new Float64Array(n);
  const check = Math.max(10, Math.floor(k / 2));
  for (let j = 0; j < n; j++) {
    Q.push(q);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let t = 0; t < n; t++) s += A[row + t] * q[t];
      w[i] = s;
    }
    let a = 0;
    for (let i = 0; i < n; i++) a += q[i] * w[i];
    alpha.push(a);
    // Full reorthogonalisation, twice (Kahan's "twice is enough").
    for (let pass = 0; pass < 2; pass++) {
      for (const v of Q) {
        let d = 0;
        for (let i = 0; i < n; i++) d += v[i] * w[i];
        for (let i = 0; i < n; i++) w[i] -= d * v[i];
      }
    }
    let b = 0;
    for (let i = 0; i < n; i++) b += w[i] * w[i];
    b = Math.sqrt(b);
    const m = j + 1;
    const last = m === n;
    if (m >= k && (last || m % check === 0 || b === 0)) {
      const done = ritz(Q, alpha, beta, b, n, k, tol, last || b === 0);
      if (done) return done;
    }
    if (b === 0) {
      // An invariant subspace: continue from a fresh direction orthogonal to it.
      q = Float64Array.from({ length: n }, next);
      for (const v of Q) {
        let d = 0;
        for (let i = 0; i < n; i++) d += v[i] * q[i];
        for (let i = 0; i < n; i++) q[i] -= d * v[i];
      }
      normalise(q);
      beta.push(0);
    } else {
      q = Float64Array.from(w, (v) => v / b);
      beta.push(b);
    }
  }
  throw new Error("lanczosLargestMagnitude: no convergence after n steps");
}

function normalise(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  s = Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] /= s;
}

/** The Ritz pairs of T_m, or null when the k of largest magnitude have not converged yet. */
function ritz(Q: readonly Float64Array[], alpha: readonly number[], beta: readonly number[], bNext: number, n: number, k: number, tol: number, force: boolean): LanczosResult | null {
  const m = alpha.length;
  const T = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    T[i * m + i] = alpha[i];
    if (i + 1 < m) T[i * m + i + 1] = T[(i + 1) * m + i] = beta[i];
  }
  const eig = symmetricEigen(T, m);
  const pick = Array.from({ length: m }, (_, j) => j)
    .sort((a, b) => Math.abs(eig.values[b]) - Math.abs(eig.values[a]) || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
  let top = 0;
  for (let j = 0; j < m; j++) top = Math.max(top, Math.abs(eig.values[j]));
  if (!force) for (const j of pick) if (Math.abs(bNext * eig.vectors[(m - 1) * m + j]) > tol * top) return null;
  const values = Float64Array.from(pick, (j) => eig.values[j]);
  const vectors = new Float64Array(n * k);
  pick.forEach((j, c) => {
    for (let t = 0; t < m; t++) {
      const s = eig.vectors[t * m + j];
      if (s === 0) continue;
      const qt = Q[t];
      for (let i = 0; i < n; i++) vectors[i * k + c] += s * qt[i];
    }
  });
  return { values, vectors };
}
