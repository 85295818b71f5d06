import { describe, expect, it } from "vitest";
import { matMul, orthonormalBasis, spdMean, symmetricEigen } from "../../src/inference/fisherLinalg.js";
import { createRng } from "../../src/random/rng.js";

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed, 0);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** max |V Λ Vᵀ − A| and max |VᵀV − I|. */
function eigenErrors(a: Float64Array, n: number): { recon: number; orth: number; sorted: boolean } {
  const vals = new Float64Array(n);
  const v = new Float64Array(n * n);
  symmetricEigen(a, n, vals, v);
  let recon = 0;
  let orth = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let o = 0;
      for (let k = 0; k < n; k++) {
        s += v[i * n + k] * vals[k] * v[j * n + k];
        o += v[k * n + i] * v[k * n + j];
      }
      recon = Math.max(recon, Math.abs(s - a[i * n + j]));
      orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
    }
  }
  return { recon, orth, sorted: vals.every((x, i) => i === 0 || vals[i - 1] <= x) };
}

describe("symmetricEigen", () => {
  // Householder + QL is backward stable: errors of a few hundred ulps of ‖A‖ (entries N(0,1), ‖A‖ ≲ 2√n).
  for (const n of [1, 2, 3, 10, 60]) {
    it(`symmetricEigen(A) reconstructs a random ${n} × ${n} symmetric A with orthonormal, ascending eigenpairs`, () => {
      const e = eigenErrors(randomSymmetric(n, 100 + n), n);
      expect(e.recon).toBeLessThan(1e-12);
      expect(e.orth).toBeLessThan(1e-12);
      expect(e.sorted).toBe(true);
    });
  }
  it("symmetricEigen handles repeated eigenvalues and an already diagonal matrix", () => {
    const n = 6;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = i < 3 ? 2 : 1;
    const e = eigenErrors(a, n);
    expect(e.recon).toBeLessThan(1e-15);
    expect(e.orth).toBeLessThan(1e-15);
  });
});

describe("spdMean", () => {
  it("spdMean(diag(1,4,8), diag(1,1,0.5)) = diag(1,2,4), the example nuts-rs tests", () => {
    const out = spdMean(Float64Array.of(1, 0, 0, 0, 4, 0, 0, 0, 8), Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 0.5), 3);
    const want = [1, 0, 0, 0, 2, 0, 0, 0, 4];
    for (let i = 0; i < 9; i++) expect(out[i]).toBeCloseTo(want[i], 12);
  });
  it("spdMean(A, B) = Σ solves Σ B Σ = A for random SPD A and B", () => {
    const n = 8;
    const ra = randomSymmetric(n, 1);
    const rb = randomSymmetric(n, 2);
    const a = matMul(ra, ra, n);
    const b = matMul(rb, rb, n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] += 0.5;
      b[i * n + i] += 0.5;
    }
    const s = spdMean(a, b, n);
    const sbs = matMul(matMul(s, b, n), s, n);
    let err = 0;
    let scale = 0;
    for (let i = 0; i < n * n; i++) {
      err = Math.max(err, Math.abs(sbs[i] - a[i]));
      scale = Math.max(scale, Math.abs(a[i]));
    }
    // Square roots of matrices with condition ~1e3: relative error ~1e-12 of ‖A‖.
    expect(err / scale).toBeLessThan(1e-10);
  });
});

describe("orthonormalBasis", () => {
  it("orthonormalBasis drops a vector in the span of earlier ones and a zero vector", () => {
    const dim = 4;
    const vecs = Float64Array.of(1, 1, 0, 0, 0, 1, 1, 0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3);
    const { basis, size } = orthonormalBasis(vecs, dim, 5);
    expect(size).toBe(3);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        let d = 0;
        for (let i = 0; i < dim; i++) d += basis[a * dim + i] * basis[b * dim + i];
        expect(d).toBeCloseTo(a === b ? 1 : 0, 14);
      }
    }
  });
});
