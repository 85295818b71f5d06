import { describe, expect, it } from "vitest";
import { kfold } from "../../src/api/kfold.js";

// A category (or ordinal level) seen only in held-out rows: every fold keeps the full data's categories,
// as an R factor keeps its levels in brms's training subsets, instead of the held-out row aborting the run.
const y = ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "d", "c", "a", "b"];
const x = y.map((_, i) => Math.sin(i + 1));
const foldIds = y.map((_, i) => (i % 3) + 1); // row 15 ('d', the only one) is in fold 3
const fit = { chains: 1, warmup: 150, draws: 150, seed: 3 };

describe("kfold keeps the full data's categories in every fold", () => {
  it("categorical: the fold without 'd' still scores the held-out 'd' row (finite, below log(1/2))", async () => {
    const r = await kfold({ formula: "y ~ x", family: "categorical", data: { y, x } }, { foldIds, fit });
    expect(Array.from(r.pointwise).every(Number.isFinite)).toBe(true);
    // The fold's fit never saw 'd', so its probability comes from the prior alone: small, but a number.
    expect(r.pointwise[14]).toBeLessThan(Math.log(0.5));
  });
  it("cumulative with integer levels 1 … 4, level 4 only held out", async () => {
    const yc = y.map((v) => ({ a: 1, b: 2, c: 3, d: 4 })[v] as number);
    const r = await kfold({ formula: "y ~ x", family: "cumulative", data: { y: yc, x } }, { foldIds, fit });
    expect(Array.from(r.pointwise).every(Number.isFinite)).toBe(true);
  });
});
