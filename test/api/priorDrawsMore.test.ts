// sample_prior = "yes" for non-linear parameters, mo() terms and distributional / categorical parts, with
// the names brms 2.18 gives them (read off fits with sample_prior = "yes" by fixtures/prior-draw-names.R,
// its output in its header), and hypothesis()'s Savage–Dickey ratio for them.
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { priorDrawColumns } from "../../src/api/priorDraws.js";
import { hypothesis } from "../../src/hypothesis/hypothesis.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";

const x = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
const y = [9.9, 6.2, 3.9, 2.6, 1.7, 12.1, 8.3, 5.4, 3.5, 2.2, 7.8, 5.3, 3.4, 2.3, 1.4];
const g = ["p", "p", "p", "p", "p", "q", "q", "q", "q", "q", "r", "r", "r", "r", "r"];
const z = x.map((v, i) => Math.sin(i) + v / 4);
const S = { chains: 1, warmup: 100, draws: 100, seed: 4, threads: 1 };
const N = 20000; // prior draws for moment checks: a mean's Monte Carlo sd is sd/√N ≈ 0.007 sd, so 0.05 sd is > 7 MC sd

const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: Float64Array) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));

describe("prior draws beyond the mean's coefficients", () => {
  it("non-linear: prior_b_a (shared), prior_b_b_Intercept / prior_b_b_z (different priors), prior_sd_g; lb respected; hypothesis uses them", async () => {
    const f = await fitFormulaModel(
      { formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | g)", b: "1 + z" }, data: { x, y, g, z }, samplePrior: "yes", priors: ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0", "normal(0, 1), nlpar = b, coef = z"] },
      S,
    );
    const names = f.fit.draws.names.filter((n) => n.startsWith("prior_"));
    expect(names).toEqual(expect.arrayContaining(["prior_b_a", "prior_b_b_Intercept", "prior_b_b_z", "prior_sigma", "prior_sd_g"]));
    const p = priorDrawColumns(f.model.design, f.model.priors, N, 1);
    const col = (n: string) => p.columns[p.names.indexOf(n)];
    expect(Math.abs(mean(col("prior_b_a")) - 10)).toBeLessThan(0.05 * 5);
    expect(Math.abs(sd(col("prior_b_a")) - 5)).toBeLessThan(0.05 * 5);
    // lb = 0 on b: every draw of its coefficients is at or above 0 (brms's while (prior < lb) redraw).
    expect(Math.min(...col("prior_b_b_Intercept"))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...col("prior_b_b_z"))).toBeGreaterThanOrEqual(0);
    const [h] = hypothesis(f.fit, ["a_Intercept = 10"]).rows;
    expect(Number.isFinite(h.evidRatio)).toBe(true);
  });
  it("mo(): prior_b, prior_bsp and the simplex prior_simo_momox1[1..D], each draw summing to 1 with Dirichlet(1) means 1/D", async () => {
    const mox = x.map((v) => v % 3);
    const f = await fitFormulaModel({ formula: "y ~ mo(mox) + z", data: { y, mox, z }, samplePrior: "yes", priors: ["normal(0, 2), class = b"] }, S);
    const names = f.fit.draws.names.filter((n) => n.startsWith("prior_"));
    expect(names).toEqual(expect.arrayContaining(["prior_Intercept", "prior_b", "prior_bsp", "prior_simo_momox1[1]", "prior_simo_momox1[2]", "prior_sigma"]));
    const p = priorDrawColumns(f.model.design, f.model.priors, N, 1);
    const s1 = p.columns[p.names.indexOf("prior_simo_momox1[1]")];
    const s2 = p.columns[p.names.indexOf("prior_simo_momox1[2]")];
    for (let i = 0; i < N; i++) expect(Math.abs(s1[i] + s2[i] - 1)).toBeLessThan(1e-12);
    // Dirichlet(1, 1): the first element is uniform, mean 1/2 and sd 1/√12 ≈ 0.289; 0.01 is > 4 MC sd.
    expect(Math.abs(mean(s1) - 0.5)).toBeLessThan(0.01);
    const [h] = hypothesis(f.fit, ["momox = 0"], { class: "bsp" }).rows;
    expect(Number.isFinite(h.evidRatio)).toBe(true);
  });
  it("categorical: prior_b_mub, prior_Intercept_mub, prior_b_muc, prior_Intercept_muc; b_mub_Intercept gets no Savage–Dickey ratio (a centred intercept, as brms)", async () => {
    const yc = x.map((v, i) => ["a", "b", "c"][(v + i) % 3]);
    const f = await fitFormulaModel({ formula: "y ~ z", family: "categorical", data: { y: yc, z }, samplePrior: "yes", priors: ["b_mub ~ normal(0, 2)", "b_muc ~ normal(0, 3)"] }, S);
    const names = f.fit.draws.names.filter((n) => n.startsWith("prior_"));
    expect(names).toEqual(["prior_b_mub", "prior_Intercept_mub", "prior_b_muc", "prior_Intercept_muc"]);
    expect(variableOf(f.fit.draws, variableIndex(f.fit.draws, "prior_b_mub")).length).toBe(100);
    const [slope, icpt] = hypothesis(f.fit, ["mub_z = 0", "mub_Intercept = 0"]).rows;
    expect(Number.isFinite(slope.evidRatio)).toBe(true);
    expect(icpt.evidRatio).toBeNaN();
  });
});
