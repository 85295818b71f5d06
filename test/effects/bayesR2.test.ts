import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { bayesR2, bayesR2Draws, bayesR2FromDraws } from "../../src/effects/index.js";
import { fixedDraws } from "./support.js";

describe("bayesR2Draws (brms's .bayes_R2)", () => {
  it("equals var(ŷ) / (var(ŷ) + var(y − ŷ)) computed by hand", () => {
    const y = Float64Array.of(1, 2, 4);
    // draw 1: ŷ = (1, 2, 3): var 1, residuals (0, 0, 1) var 1/3 → R² = 0.75; draw 2: ŷ = y → 1.
    const r2 = bayesR2Draws(Float64Array.of(1, 2, 3, 1, 2, 4), y, 2);
    expect(r2[0]).toBeCloseTo(0.75, 15);
    expect(r2[1]).toBe(1);
  });
  it("a constant prediction explains nothing", () => {
    expect(bayesR2Draws(Float64Array.of(2, 2, 2), Float64Array.of(1, 5, 9), 1)[0]).toBe(0);
  });
});

describe("bayesR2FromDraws", () => {
  const data = { y: [1, 3, 2, 6, 4], x: [0, 1, 2, 3, 4], g: ["a", "a", "b", "b", "b"] };
  it("uses the fitted rows with their group effects, and summarises by mean, sd and type-7 quantiles", () => {
    const design = buildDesign("y ~ x + (1 | g)", data);
    // draw s: slope 1 + s/5, group effect of b 0.5 (included, unlike conditional effects).
    const draws = fixedDraws(design, (n, s) => (n === "b_x" ? 1 + s / 5 : n === "r_g[b,Intercept]" ? 0.5 : n === "r_g[a,Intercept]" || n === "b_Intercept" ? 0 : 1), 2, 3);
    const r = bayesR2FromDraws(draws, design);
    const expected = Array.from({ length: 6 }, (_, s) => {
      const yhat = data.x.map((x, i) => (1 + s / 5) * x + (data.g[i] === "b" ? 0.5 : 0));
      return bayesR2Draws(Float64Array.from(yhat), Float64Array.from(data.y), 1)[0];
    });
    expected.forEach((v, s) => expect(r.draws[s]).toBeCloseTo(v, 14));
    const m = expected.reduce((a, b) => a + b, 0) / 6;
    expect(r.estimate).toBeCloseTo(m, 14);
    expect(r.error).toBeCloseTo(Math.sqrt(expected.reduce((a, v) => a + (v - m) ** 2, 0) / 5), 14);
    const sorted = [...expected].sort((a, b) => a - b);
    // R's quantile(type 7) at 0.025 of 6 values: index 1 + 5 · 0.025 = 1.125.
    expect(r.q2_5).toBeCloseTo(sorted[0] + 0.125 * (sorted[1] - sorted[0]), 14);
  });
  it("binomial: ŷ and y are counts (trials · p), as brms", () => {
    const d = { s: [1, 2, 0, 3], n: [4, 4, 5, 6], x: [0.1, 0.5, 0.2, 0.9] };
    const design = buildDesign("s | trials(n) ~ x", d, { family: "binomial" });
    const draws = fixedDraws(design, (n) => (n === "b_Intercept" ? -1 : 2), 1, 1);
    const yhat = d.x.map((x, i) => d.n[i] / (1 + Math.exp(-(-1 + 2 * x))));
    expect(bayesR2FromDraws(draws, design).estimate).toBeCloseTo(bayesR2Draws(Float64Array.from(yhat), Float64Array.from(d.s), 1)[0], 14);
  });
  it("refuses a model without a formula", () => {
    expect(() => bayesR2({} as never, {} as never)).toThrow(/needs a formula fit/);
  });
});
