import { describe, expect, it } from "vitest";
import {
  backSolveTranspose,
  choleskyDecompose,
  forwardSolve,
  logDetFromCholesky,
  lowerTriMatVec,
} from "../../src/math/index.js";
import { createRng } from "../../src/random/rng.js";

/** A = B Bᵀ + n·I for a seeded Gaussian B: symmetric positive definite with condition number ~O(10). */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const B = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) B[i] = rng.normal();
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += B[i * n + k] * B[j * n + k];
      A[i * n + j] = s;
    }
  return A;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe("choleskyDecompose", () => {
  it("factors the textbook 3×3 example exactly", () => {
    const A = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const L = new Float64Array(9).fill(NaN);
    expect(choleskyDecompose(A, 3, L)).toBe(true);
    expect(Array.from(L)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    expect(logDetFromCholesky(L, 3)).toBeCloseTo(Math.log(36), 14);
  });

  it("returns false for indefinite, singular and NaN matrices", () => {
    const L = new Float64Array(4);
    expect(choleskyDecompose([1, 2, 2, 1], 2, L)).toBe(false); // eigenvalues 3, −1
    expect(choleskyDecompose([1, 1, 1, 1], 2, L)).toBe(false); // singular
    expect(choleskyDecompose([NaN, 0, 0, 1], 2, L)).toBe(false);
    expect(choleskyDecompose([-1, 0, 0, 1], 2, L)).toBe(false);
  });

  it("works in place (Lout aliasing A)", () => {
    const A = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(choleskyDecompose(A, 3, A)).toBe(true);
    expect(Array.from(A)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  for (const n of [1, 2, 5, 12, 40]) {
    it(`reconstructs random SPD matrices: L Lᵀ = A to 1e-13 relative (n = ${n})`, () => {
      // Backward stability of Cholesky: |L Lᵀ − A| ≤ c·n·eps·|A|; with n ≤ 40 and eps = 2.2e-16 that is < 1e-13.
      const A = randomSpd(n, 100 + n);
      const L = new Float64Array(n * n);
      expect(choleskyDecompose(A, n, L)).toBe(true);
      const R = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) expect(L[i * n + j]).toBe(0);
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += L[i * n + k] * L[j * n + k];
          R[i * n + j] = s - A[i * n + j];
        }
      }
      expect(maxAbs(R) / maxAbs(A)).toBeLessThan(1e-13);
    });
  }
});

describe("triangular solves and products", () => {
  it("forwardSolve, backSolveTranspose and lowerTriMatVec invert each other (n = 25)", () => {
    const n = 25;
    const A = randomSpd(n, 7);
    const L = new Float64Array(n * n);
    expect(choleskyDecompose(A, n, L)).toBe(true);
    const rng = createRng(8);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const b = new Float64Array(n);
    const y = new Float64Array(n);
    // L x = b, then forwardSolve recovers x
    lowerTriMatVec(L, n, x, b);
    forwardSolve(L, n, b, y);
    for (let i = 0; i < n; i++) expect(y[i]).toBeCloseTo(x[i], 12);
    // Lᵀ x = c, then backSolveTranspose recovers x
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = i; k < n; k++) s += L[k * n + i] * x[k];
      c[i] = s;
    }
    backSolveTranspose(L, n, c, y);
    for (let i = 0; i < n; i++) expect(y[i]).toBeCloseTo(x[i], 12);
    // A⁻¹ b via the two solves; check the residual A z − b (in place: out aliases input)
    const z = Float64Array.from(b);
    forwardSolve(L, n, z, z);
    backSolveTranspose(L, n, z, z);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k] * z[k];
      expect(Math.abs(s - b[i])).toBeLessThan(1e-11 * maxAbs(b));
    }
  });

  it("logDetFromCholesky equals the log-determinant from LU of a 4×4 matrix", () => {
    // det of [[5,1,0,0],[1,5,1,0],[0,1,5,1],[0,0,1,5]] (tridiagonal): D_k = 5 D_{k−1} − D_{k−2} → 5, 24, 115, 551
    const A = Float64Array.from([5, 1, 0, 0, 1, 5, 1, 0, 0, 1, 5, 1, 0, 0, 1, 5]);
    const L = new Float64Array(16);
    expect(choleskyDecompose(A, 4, L)).toBe(true);
    expect(logDetFromCholesky(L, 4)).toBeCloseTo(Math.log(551), 13);
  });
});
