/**
 * Hard posteriors are sampled and summarised without crashing, and the summary says in words what
 * is wrong. Every run is seeded; the assertions are about which warnings appear, with margins far
 * from the thresholds (noted at each), so they do not hinge on the exact draws.
 */
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { cauchy, model, normal } from "../../src/model/index.js";

const small = { chains: 2, warmup: 300, draws: 300, threads: 1, seed: 11 } as const;

describe("heavy tails: a Cauchy posterior", () => {
  it("is sampled and summarised; the median is near 0 and nothing is called improper", async () => {
    const m = model("cauchy", ({ param }) => {
      param("x", cauchy(0, 1));
    });
    const f = await fit(m, {}, { ...small, chains: 4, draws: 500 });
    const s = summarizeFit(f);
    const x = s.rows.find((r) => r.name === "x");
    expect(x).toBeDefined();
    // Median of 2000 draws of Cauchy(0, 1): sd ≈ π/(2√2000) ≈ 0.035; 0.3 is > 8 sd.
    expect(Math.abs(x?.q50 ?? NaN)).toBeLessThan(0.3);
    expect(Number.isFinite(x?.mean)).toBe(true);
    // The largest of 2000 Cauchy draws is ~1e3–1e5, nowhere near the runaway threshold of 1e50.
    expect(s.warnings.join("\n")).not.toMatch(/improper/);
  });
});

describe("a funnel: centred eight schools", () => {
  it("reports divergences and suggests non-centring or raising adapt_delta", async () => {
    const eight = model("eight_schools_centred", ({ data, param, observe }) => {
      const y = data.reals("y");
      const sigma = data.reals("sigma", { lower: 0 });
      const mu = param("mu", normal(0, 5));
      const tau = param("tau", cauchy(0, 5), { lower: 0 });
      const theta = param("theta", normal(mu, tau), { size: 8 });
      observe(y, normal(theta, sigma));
    });
    const f = await fit(eight, { y: [28, 8, -3, 7, -1, 1, 18, 12], sigma: [15, 10, 16, 11, 9, 11, 10, 18] }, { ...small, chains: 4, draws: 500, reparam: "none", marginalize: "none" });
    const s = summarizeFit(f);
    // The unmarginalised sampler's warning (by default theta is integrated out and nothing diverges).
    // Centred eight schools diverges in a few % of transitions at adapt_delta 0.8 (Stan's case study: ~2-5 %).
    expect(f.divergences).toBeGreaterThan(0);
    const w = s.warnings.find((x) => /divergent/.test(x)) ?? "";
    expect(w).toMatch(/Increase adapt_delta toward 0\.99, or non-centre the group-level parameters/);
  });
});

describe("an improper posterior: flat priors on both variances, one observation per group", () => {
  it("is called improper in words, first, not reported as a valid fit", async () => {
    // Two groups with one observation each: with flat priors on sd and sigma the marginal density
    // in r = √(sd² + sigma²) decays only like r⁻², against the flat prior's r dr: ∫ r⁻¹ dr diverges.
    const data = { y: [0.3, -1.2], g: ["a", "b"] };
    const { fit: f } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", data, priors: ["sd ~ flat", "sigma ~ flat"] }, small);
    const s = summarizeFit(f);
    expect(s.warnings[0]).toMatch(/sd_g__Intercept.* ran off to values as large as .* the posterior is probably improper/);
    expect(s.warnings[0]).toMatch(/do not use this fit/);
  });

  it("the same model with brms's default priors is proper and gets no such warning", async () => {
    const data = { y: [0.3, -1.2, 0.8, 0.1, -0.4, 1.5], g: ["a", "b", "c", "d", "e", "f"] };
    const { fit: f } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", data }, small);
    expect(summarizeFit(f).warnings.join("\n")).not.toMatch(/improper/);
  });
});

describe("perfect separation in logistic regression", () => {
  const data = { y: Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1)), x: Array.from({ length: 20 }, (_, i) => i) };

  it("with brms's flat b prior: warns before sampling that the posterior is improper and names the prior to give", async () => {
    const { model: m, fit: f } = await fitFormulaModel({ formula: "y ~ x", family: "bernoulli", data }, small);
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0]).toMatch(/perfectly separated by x \(every failure has x ≤ 9 and every success x ≥ 10\): with the flat prior on b_x the posterior is improper/);
    expect(m.warnings[0]).toMatch(/--prior "b ~ normal\(0, 2\.5\)"/);
    const s = summarizeFit(f, { dataWarnings: m.warnings });
    expect(s.warnings[0]).toBe(m.warnings[0]);
  });

  it("with a proper prior: the posterior is proper (b_x finite and moderate), the warning says the prior decides", async () => {
    const { model: m, fit: f } = await fitFormulaModel({ formula: "y ~ x", family: "bernoulli", data, priors: ["b ~ normal(0, 2.5)"] }, small);
    expect(m.warnings[0]).toMatch(/how large it is comes from its prior alone/);
    const bx = f.get("b_x");
    // normal(0, 2.5) bounds b_x: its draws stay within the prior's reach (|b_x| < 5 sd = 12.5).
    expect(Math.max(...bx.map(Math.abs))).toBeLessThan(12.5);
    expect(summarizeFit(f).warnings.join("\n")).not.toMatch(/improper/);
  });
});
