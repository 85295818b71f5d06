import { describe, expect, it } from "vitest";
import { FISHER_DEGENERATE, FISHER_VARIANCE_LIMITS, fisherDiagonal, fisherDiagonalFromGradient, fisherLowRank, FISHER_INIT_LIMITS } from "../../src/inference/fisherEstimate.js";
import { lowRankMetric, sampleMomentum, velocity, type LowRankMetric } from "../../src/inference/metric.js";
import { welfordAdd, welfordInit } from "../../src/inference/welford.js";
import { createRng, type Rng } from "../../src/random/rng.js";

/** n exact draws of N(0, Σ), Σ = D (I + (λ − 1) u uᵀ) D, with their gradients −Σ⁻¹ x. */
function plantedGaussian(dim: number, n: number, lambda: number, seed: number) {
  const rng = createRng(seed, 0);
  const u = Float64Array.from({ length: dim }, () => rng.normal());
  const norm = Math.hypot(...u);
  for (let i = 0; i < dim; i++) u[i] /= norm;
  const scales = Float64Array.from({ length: dim }, (_, i) => Math.exp(i / 10 - 1));
  const X = new Float64Array(n * dim);
  const G = new Float64Array(n * dim);
  const w = new Float64Array(dim);
  for (let t = 0; t < n; t++) {
    let uz = 0;
    for (let i = 0; i < dim; i++) {
      w[i] = rng.normal();
      uz += u[i] * w[i];
    }
    for (let i = 0; i < dim; i++) w[i] += (Math.sqrt(lambda) - 1) * u[i] * uz;
    let uw = 0;
    for (let i = 0; i < dim; i++) uw += u[i] * w[i];
    for (let i = 0; i < dim; i++) {
      X[t * dim + i] = scales[i] * w[i];
      G[t * dim + i] = -(w[i] + (1 / lambda - 1) * u[i] * uw) / scales[i];
    }
  }
  const sigma = (i: number, j: number) => scales[i] * scales[j] * ((i === j ? 1 : 0) + (lambda - 1) * u[i] * u[j]);
  return { u, scales, X, G, sigma };
}

/** M⁻¹ as a dense matrix, column j = velocity(e_j). */
function denseInverse(m: LowRankMetric): Float64Array {
  const n = m.dim;
  const out = new Float64Array(n * n);
  const e = new Float64Array(n);
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    velocity(m, e, v);
    for (let i = 0; i < n; i++) out[i * n + j] = v[i];
  }
  return out;
}

describe("fisherDiagonal", () => {
  it("fisherDiagonal is exact on a diagonal Gaussian after 10 draws, where the sample variance is still off by tens of percent", () => {
    const dim = 5;
    const scales = [0.01, 0.3, 1, 7, 200];
    const rng = createRng(21, 0);
    const wx = welfordInit(dim, false);
    const wg = welfordInit(dim, false);
    const x = new Float64Array(dim);
    const g = new Float64Array(dim);
    for (let t = 0; t < 10; t++) {
      for (let i = 0; i < dim; i++) {
        x[i] = scales[i] * rng.normal();
        g[i] = -x[i] / (scales[i] * scales[i]);
      }
      welfordAdd(wx, x);
      welfordAdd(wg, g);
    }
    const est = new Float64Array(dim);
    fisherDiagonal(wx.m2, wg.m2, 10, est);
    let worstSampleVar = 0;
    for (let i = 0; i < dim; i++) {
      // sqrt(Var x / Var g) = σ² exactly when g = −x/σ²: only rounding remains.
      expect(est[i] / scales[i] ** 2 - 1).toBeCloseTo(0, 12);
      worstSampleVar = Math.max(worstSampleVar, Math.abs(wx.m2[i] / 9 / scales[i] ** 2 - 1));
    }
    expect(worstSampleVar).toBeGreaterThan(0.2);
  });

  it("fisherDiagonal keeps an entry whose draws never moved, and the gradient start is clamped", () => {
    const out = Float64Array.of(3, 3);
    fisherDiagonal(Float64Array.of(0, 4), Float64Array.of(0, 1), 3, out);
    expect(Array.from(out)).toEqual([3, 2]);
    const init = new Float64Array(3);
    fisherDiagonalFromGradient(Float64Array.of(0, -4, 1e9), init);
    expect(Array.from(init)).toEqual([FISHER_INIT_LIMITS.upper, 0.25, FISHER_INIT_LIMITS.lower]);
  });
});

describe("fisherDiagonal on a degenerate window", () => {
  // Stan's regularised draw variance for n draws: (n/(n+5))·M2/(n−1) + 1e-3·5/(n+5).
  const stan = (m2: number, n: number) => (n / (n + 5)) * (m2 / (n - 1)) + 1e-3 * (5 / (n + 5));

  it("cake's first window (draws barely moved, gradient variance 5e44) gives Stan's regularised variance, not the 1e-20 floor", () => {
    // Coordinate 7 of cake's gamma GLMM, seed 2, chain 1, first estimate (n = 4): sqrt(M2ₓ/M2_g) = 2.2e-26,
    // which the old estimator clamped to 1e-20 and the chain never moved again.
    const n = 4;
    const out = Float64Array.of(1e-6, 1e-6);
    fisherDiagonal(Float64Array.of(2.7e-7, 2.7e-7), Float64Array.of(5.53e44, 2.7e-7 ** -1 * (n - 1) ** 2), n, out);
    expect(out[0]).toBe(stan(2.7e-7, n));
    expect(out[0]).toBeGreaterThan(FISHER_DEGENERATE.stanPrior.variance * 5 / (n + 5) - 1e-18);
    expect(out[0]).toBeGreaterThan(1e6 * FISHER_VARIANCE_LIMITS.lower);
    // The second coordinate has Var x · Var g at its stationary bound (ρ = 1): the Fisher estimate, M2ₓ/(n − 1).
    expect(out[1] / (2.7e-7 / (n - 1)) - 1).toBeCloseTo(0, 12);
  });

  it("the switch is at ρ = sqrt(M2ₓ·M2_g)/(n − 1) = maxInformationRatio, and a gradient that never changed or overflowed falls back too", () => {
    const n = 10;
    const R = FISHER_DEGENERATE.maxInformationRatio;
    const mx = 4;
    // ρ just inside and just outside the limit.
    const mgIn = (R * 0.999 * (n - 1)) ** 2 / mx;
    const mgOut = (R * 1.001 * (n - 1)) ** 2 / mx;
    const out = new Float64Array(4).fill(1);
    fisherDiagonal(Float64Array.of(mx, mx, mx, mx), Float64Array.of(mgIn, mgOut, 0, Infinity), n, out);
    expect(out[0]).toBe(Math.sqrt(mx / mgIn));
    expect(out[1]).toBe(stan(mx, n));
    expect(out[2]).toBe(stan(mx, n));
    expect(out[3]).toBe(stan(mx, n));
  });

  it("refuses fewer than two draws", () => {
    expect(() => fisherDiagonal(Float64Array.of(1), Float64Array.of(1), 1, new Float64Array(1))).toThrow(/fisherDiagonal: n must be at least 2, got 1/);
  });
});

describe("fisherLowRank", () => {
  const dim = 20;
  const n = 200;
  const lambda = 25;
  const p = plantedGaussian(dim, n, lambda, 5);

  it("fisherLowRank finds the planted direction: its largest kept eigenvector is the planted one after scaling", () => {
    const f = fisherLowRank(p.X, p.G, n, dim);
    if (f === null) throw new Error("no estimate");
    const r = f.values.length;
    expect(r).toBeGreaterThan(0);
    expect(f.values[r - 1]).toBeGreaterThan(2);
    // The planted direction in the scaled coordinates S⁻¹ x is S⁻¹ D u.
    const dir = Float64Array.from({ length: dim }, (_, i) => (p.u[i] * p.scales[i]) / f.stds[i]);
    const nd = Math.hypot(...dir);
    let cos = 0;
    for (let i = 0; i < dim; i++) cos += (f.vectors[(r - 1) * dim + i] * dir[i]) / nd;
    // Exact draws and gradients: only γ's regularisation (relative 1/(n γ) = 1/2000 of the scaled covariances) bends it.
    expect(Math.abs(cos)).toBeGreaterThan(0.99);
  });

  it("fisherLowRank keeping every direction reproduces Σ up to the γ regularisation", () => {
    const f = fisherLowRank(p.X, p.G, n, dim, { gamma: 1e-5, eigvalCutoff: 1 + 1e-12 });
    if (f === null) throw new Error("no estimate");
    const m = denseInverse(lowRankMetric(f));
    let worst = 0;
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) worst = Math.max(worst, Math.abs(m[i * dim + j] - p.sigma(i, j)) / (p.scales[i] * p.scales[j]));
    }
    // cov/γ' + I perturbs an eigenvalue μ of the scaled covariance by ~1/(500 μ); the smallest μ here is
    // ~0.04, so ~5 % — bounded by 10 %.
    expect(worst).toBeLessThan(0.1);
  });

  it("fisherLowRank declines fewer than 3 draws and a coordinate that never moved", () => {
    expect(fisherLowRank(p.X, p.G, 2, dim)).toBeNull();
    const X = Float64Array.from(p.X);
    for (let t = 0; t < n; t++) X[t * dim + 3] = 1;
    expect(fisherLowRank(X, p.G, n, dim)).toBeNull();
  });
});

describe("lowRankMetric", () => {
  /** An Rng whose normals are a fixed list (to read off the linear map z ↦ p). */
  function listRng(values: Float64Array): Rng {
    let k = 0;
    const base = createRng(0, 0);
    const r: Rng = { nextU32: () => 0, uniform: () => 0.5, normal: () => values[k++], split: () => r, state: () => base.state() };
    return r;
  }

  it("sampleMomentum's p = L z has Cov(p) = L Lᵀ = M, the inverse of velocity's M⁻¹", () => {
    const dim = 20;
    const p = plantedGaussian(dim, 200, 25, 6);
    const f = fisherLowRank(p.X, p.G, 200, dim);
    if (f === null) throw new Error("no estimate");
    const m = lowRankMetric(f);
    const L = new Float64Array(dim * dim);
    const col = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      const z = new Float64Array(dim);
      z[j] = 1;
      sampleMomentum(listRng(z), m, col, new Float64Array(dim));
      for (let i = 0; i < dim; i++) L[i * dim + j] = col[i];
    }
    const minv = denseInverse(m);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        // (M⁻¹ L Lᵀ)_ij, which must be the identity.
        let s = 0;
        for (let k = 0; k < dim; k++) {
          let llt = 0;
          for (let l = 0; l < dim; l++) llt += L[k * dim + l] * L[j * dim + l];
          s += minv[i * dim + k] * llt;
        }
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    // The reported diagonal is M⁻¹'s.
    for (let i = 0; i < dim; i++) expect(m.inverse[i]).toBeCloseTo(minv[i * dim + i], 12);
  });

  it("lowRankMetric rejects factors of the wrong size and non-positive values", () => {
    expect(() => lowRankMetric({ stds: Float64Array.of(1, 1), vectors: new Float64Array(3), values: Float64Array.of(2) })).toThrow(/vectors must have 2 entries/);
    expect(() => lowRankMetric({ stds: Float64Array.of(1, 1), vectors: Float64Array.of(1, 0), values: Float64Array.of(-1) })).toThrow(/values must be positive/);
  });
});
