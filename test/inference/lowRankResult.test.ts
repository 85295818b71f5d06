/**
 * sample() keeps a "fisher-lowrank" chain's whole adapted metric (its factors), not only the
 * diagonal, in this thread and through workers alike.
 */
import { describe, expect, it } from "vitest";
import { lowRankInverseDense, lowRankMetric } from "../../src/inference/metric.js";
import { sample } from "../../src/inference/sample.js";
import { correlatedNormal } from "./support/models.js";

/** S (I + U (Λ − I) Uᵀ) S written out term by term: diag(s²) + Σₖ (λₖ − 1) (S uₖ)(S uₖ)ᵀ. */
function expectedDense(stds: Float64Array, vectors: Float64Array, values: Float64Array): number[][] {
  const dim = stds.length;
  const m = Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? stds[i] * stds[i] : 0)));
  values.forEach((lambda, k) => {
    const su = Array.from({ length: dim }, (_, i) => stds[i] * vectors[k * dim + i]);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) m[i][j] += (lambda - 1) * su[i] * su[j];
  });
  return m;
}

describe("lowRankInverseDense", () => {
  it("equals diag(s²) + Σ (λ − 1) (S u)(S u)ᵀ, and its diagonal is lowRankMetric's", () => {
    // Two orthonormal directions in 3-D.
    const a = 1 / Math.sqrt(2);
    const f = { stds: Float64Array.of(0.5, 2, 3), vectors: Float64Array.of(a, a, 0, 0, 0, 1), values: Float64Array.of(9, 0.25) };
    const got = lowRankInverseDense(f);
    const want = expectedDense(f.stds, f.vectors, f.values);
    // A handful of products of O(10) numbers: rounding is a few ulps of 81.
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(got[i * 3 + j]).toBeCloseTo(want[i][j], 12);
    const diag = lowRankMetric(f).inverse;
    for (let i = 0; i < 3; i++) expect(got[i * 4]).toBeCloseTo(diag[i], 12);
  });
});

describe("sample() with metric fisher-lowrank", () => {
  const o = { chains: 2, warmup: 300, draws: 50, seed: 5, metric: "fisher-lowrank" as const };

  it("reports each chain's low-rank factors; their diagonal is the chain's inverseMetric", async () => {
    const r = await sample(correlatedNormal({ rho: 0.95 }), { ...o, threads: 1 });
    for (const c of r.chains) {
      // ρ = 0.95 gives scaled eigenvalues 1 ± 0.95, outside [1/2, 2]: one direction is kept.
      expect(c.lowRank, `chain ${c.chain}`).not.toBeNull();
      expect(c.lowRank!.values.length).toBeGreaterThanOrEqual(1);
      expect(Array.from(lowRankMetric(c.lowRank!).inverse)).toEqual(Array.from(c.inverseMetric));
    }
  });

  it("the factors come back the same from worker threads", async () => {
    const wt = { module: new URL("./support/models.ts", import.meta.url).href, factory: "correlatedNormal", payload: { rho: 0.95 } };
    const r1 = await sample(wt, { ...o, threads: 1 });
    const r2 = await sample(wt, { ...o, threads: 2 });
    expect(r1.chains[0].lowRank).not.toBeNull();
    expect(r2.chains.map((c) => c.lowRank)).toEqual(r1.chains.map((c) => c.lowRank));
  });

  it("other metrics report no factors", async () => {
    const r = await sample(correlatedNormal({ rho: 0.95 }), { ...o, draws: 10, warmup: 100, chains: 1, metric: "fisher-diag" });
    expect(r.chains[0].lowRank).toBeNull();
  });
});
