import { describe, expect, it } from "vitest";
import { choleskyDecompose } from "../../src/math/index.js";
import { createRng, dirichletRng, lkjCorrCholeskyRng, multiNormalCholeskyRng } from "../../src/random/index.js";
import { betaI, ksPValue, moments } from "./stats.js";

/** Same conventions as the univariate tests: fixed seeds, KS p > 0.001, moments within 5 MCSE. */
const P_MIN = 0.001;
const SE_MULT = 5;

describe("dirichletRng", () => {
  it("Dirichlet(0.5, 1, 3): points on the simplex, Beta(α_i, α₀ − α_i) marginals (KS) and their means", () => {
    const alpha = [0.5, 1, 3];
    const a0 = 4.5;
    const n = 50_000;
    const rng = createRng(31);
    const out = new Float64Array(3);
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    let worstSum = 0;
    for (let i = 0; i < n; i++) {
      dirichletRng(rng, alpha, out);
      worstSum = Math.max(worstSum, Math.abs(out[0] + out[1] + out[2] - 1));
      for (let j = 0; j < 3; j++) cols[j][i] = out[j];
    }
    expect(worstSum).toBeLessThan(5e-16); // a few roundings in the normalisation and the sum
    for (let j = 0; j < 3; j++) {
      const m = moments(cols[j]);
      expect(Math.abs(m.mean - alpha[j] / a0)).toBeLessThan(SE_MULT * m.seMean);
      expect(ksPValue(cols[j], (x) => betaI(alpha[j], a0 - alpha[j], x))).toBeGreaterThan(P_MIN);
    }
  });

  it("tiny concentrations (1e-3 each) still give a proper simplex with mean 1/3 per component", () => {
    const rng = createRng(32);
    const out = new Float64Array(3);
    const n = 50_000;
    const first = new Float64Array(n);
    let worstSum = 0;
    for (let i = 0; i < n; i++) {
      dirichletRng(rng, [1e-3, 1e-3, 1e-3], out);
      worstSum = Math.max(worstSum, Math.abs(out[0] + out[1] + out[2] - 1));
      first[i] = out[0];
    }
    expect(worstSum).toBeLessThan(5e-16);
    const m = moments(first);
    expect(Math.abs(m.mean - 1 / 3)).toBeLessThan(SE_MULT * m.seMean);
  });
});

describe("multiNormalCholeskyRng", () => {
  it("mean and covariance match mu and L Lᵀ within 5 MCSE (n = 3, 1e5 draws)", () => {
    const Sigma = [4, 1.2, -0.6, 1.2, 2, 0.3, -0.6, 0.3, 1];
    const mu = [1, -2, 0.5];
    const L = new Float64Array(9);
    expect(choleskyDecompose(Sigma, 3, L)).toBe(true);
    const n = 100_000;
    const rng = createRng(41);
    const out = new Float64Array(3);
    const sum = new Float64Array(3);
    const xs = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      multiNormalCholeskyRng(rng, mu, L, out);
      for (let j = 0; j < 3; j++) {
        xs[3 * i + j] = out[j];
        sum[j] += out[j];
      }
    }
    const mean = sum.map((s) => s / n);
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(mean[j] - mu[j])).toBeLessThan(SE_MULT * Math.sqrt(Sigma[4 * j] / n));
    }
    for (let a = 0; a < 3; a++)
      for (let b = 0; b <= a; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += (xs[3 * i + a] - mean[a]) * (xs[3 * i + b] - mean[b]);
        c /= n - 1;
        // Var of a Gaussian sample covariance: (Σ_aa Σ_bb + Σ_ab²)/n
        const se = Math.sqrt((Sigma[4 * a] * Sigma[4 * b] + Sigma[3 * a + b] ** 2) / n);
        expect(Math.abs(c - Sigma[3 * a + b])).toBeLessThan(SE_MULT * se);
      }
  });
});

describe("lkjCorrCholeskyRng", () => {
  for (const [K, eta] of [
    [2, 0.5],
    [4, 1.5],
    [6, 1],
    [3, 50],
  ]) {
    it(`LKJ(K = ${K}, eta = ${eta}): unit-diagonal L Lᵀ, r_ij ~ Beta(η − 1 + K/2) on (−1, 1), E r = 0, Var r = 1/(2η + K − 1)`, () => {
      const n = 40_000;
      const rng = createRng(51, K);
      const L = new Float64Array(K * K);
      const a = eta - 1 + K / 2;
      // one early and one late pair, so both the first column and the recursively built entries are checked
      const pairs: [number, number][] = [
        [1, 0],
        [K - 1, K - 2],
      ];
      const r = pairs.map(() => new Float64Array(n));
      let worstDiag = 0;
      let shapeErrors = 0; // non-positive diagonal or non-zero upper triangle
      for (let s = 0; s < n; s++) {
        lkjCorrCholeskyRng(rng, K, eta, L);
        for (let i = 0; i < K; i++) {
          if (!(L[i * K + i] > 0)) shapeErrors++;
          for (let j = i + 1; j < K; j++) if (L[i * K + j] !== 0) shapeErrors++;
          let d = 0;
          for (let k = 0; k <= i; k++) d += L[i * K + k] * L[i * K + k];
          worstDiag = Math.max(worstDiag, Math.abs(d - 1));
        }
        pairs.forEach(([i, j], p) => {
          let c = 0;
          for (let k = 0; k <= j; k++) c += L[i * K + k] * L[j * K + k];
          r[p][s] = c;
        });
      }
      expect(shapeErrors).toBe(0);
      expect(worstDiag).toBeLessThan(1e-14); // a sum of K squares, each rounded: ~K ulp
      for (const rp of r) {
        const m = moments(rp);
        expect(Math.abs(m.mean)).toBeLessThan(SE_MULT * m.seMean);
        expect(Math.abs(m.variance - 1 / (2 * eta + K - 1))).toBeLessThan(SE_MULT * m.seVariance);
        expect(ksPValue(rp, (x) => betaI(a, a, (x + 1) / 2))).toBeGreaterThan(P_MIN);
      }
    });
  }

  it("K = 1 gives [1]", () => {
    const L = new Float64Array(1);
    expect(Array.from(lkjCorrCholeskyRng(createRng(1), 1, 2, L))).toEqual([1]);
  });
});
