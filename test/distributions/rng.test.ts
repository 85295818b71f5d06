import { describe, expect, it } from "vitest";
import {
  DISTRIBUTIONS,
  dirichletRng,
  lkjCorrCholeskyLpdf,
  lkjCorrCholeskyRng,
  multiNormalCholeskyRng,
  type DistributionInfo,
} from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { SPECS } from "./specs.js";

// A smoke check that each family's rng is wired to the right sampler and parametrisation; the
// thorough distribution tests of the samplers live in test/random/.
const N = 20000;

describe("rng draws lie in the support and have the exact mean (within 5 MCSE)", () => {
  for (const spec of SPECS) {
    it(`${spec.name}(${spec.rngArgs.join(", ")})`, () => {
      const info = DISTRIBUTIONS[spec.name] as DistributionInfo;
      const rng = createRng(99, SPECS.indexOf(spec));
      const draws = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const x = info.rng(rng, ...spec.rngArgs);
        draws[i] = x;
        // In the support ⇔ the log density is not -Infinity.
        if (!(info.lpdf(x, ...spec.rngArgs) > -Infinity)) expect.fail(`${spec.name} draw ${x} outside the support`);
      }
      if (spec.moments) {
        const mean = draws.reduce((a, b) => a + b, 0) / N;
        // MCSE of the mean of N independent draws from the exact sd.
        const mcse = spec.moments.sd / Math.sqrt(N);
        expect(Math.abs(mean - spec.moments.mean), `mean ${mean} vs ${spec.moments.mean}`).toBeLessThanOrEqual(5 * mcse);
      } else {
        // Cauchy has no mean: the sample median's standard error is 1/(2 f(0) √N) = π σ / (2 √N).
        const sorted = Array.from(draws).sort((a, b) => a - b);
        const median = 0.5 * (sorted[N / 2 - 1] + sorted[N / 2]);
        expect(Math.abs(median - spec.rngArgs[0])).toBeLessThanOrEqual((5 * Math.PI * spec.rngArgs[1]) / (2 * Math.sqrt(N)));
      }
    });
  }

  it("dirichletRng: simplex draws with mean alpha / sum(alpha)", () => {
    const rng = createRng(99, 100);
    const alpha = [0.5, 2, 3.5];
    const a0 = 6;
    const out = new Float64Array(3);
    const sums = [0, 0, 0];
    const M = 5000;
    for (let i = 0; i < M; i++) {
      dirichletRng(rng, alpha, out);
      expect(Math.abs(out[0] + out[1] + out[2] - 1)).toBeLessThan(1e-12);
      for (let k = 0; k < 3; k++) sums[k] += out[k];
    }
    for (let k = 0; k < 3; k++) {
      const m = alpha[k] / a0;
      const sd = Math.sqrt((m * (1 - m)) / (a0 + 1));
      expect(Math.abs(sums[k] / M - m)).toBeLessThanOrEqual((5 * sd) / Math.sqrt(M));
    }
  });

  it("multiNormalCholeskyRng: mean mu", () => {
    const rng = createRng(99, 101);
    const mu = [1, -2];
    const L = [2, 0, 0.5, 0.3]; // covariance diag: 4 and 0.34
    const out = new Float64Array(2);
    const sums = [0, 0];
    const M = 5000;
    for (let i = 0; i < M; i++) {
      multiNormalCholeskyRng(rng, mu, L, out);
      sums[0] += out[0];
      sums[1] += out[1];
    }
    expect(Math.abs(sums[0] / M - 1)).toBeLessThanOrEqual((5 * 2) / Math.sqrt(M));
    expect(Math.abs(sums[1] / M + 2)).toBeLessThanOrEqual((5 * Math.sqrt(0.34)) / Math.sqrt(M));
  });

  it("lkjCorrCholeskyRng: draws are valid factors (the checked lpdf accepts them) with E[r_21] = 0", () => {
    const rng = createRng(99, 102);
    const K = 4;
    const eta = 2;
    const out = new Float64Array(K * K);
    let sum = 0;
    const M = 3000;
    for (let i = 0; i < M; i++) {
      lkjCorrCholeskyRng(rng, K, eta, out);
      expect(Number.isFinite(lkjCorrCholeskyLpdf(out, K, eta))).toBe(true);
      sum += out[K]; // r_21 = L_21 · L_11 = L_21
    }
    // Var r_ij = 1 / (2 eta + K - 1) for the LKJ marginal.
    expect(Math.abs(sum / M)).toBeLessThanOrEqual(5 * Math.sqrt(1 / (2 * eta + K - 1) / M));
  });
});
