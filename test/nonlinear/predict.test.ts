import { beforeAll, describe, expect, it } from "vitest";
import { fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { conditionalEffectsFromDraws } from "../../src/effects/conditionalEffects.js";
import { predictFromDraws } from "../../src/predict/formulaPredict.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { variableIndex, type Draws } from "../../src/posterior/draws.js";

const x = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
const g = ["p", "p", "p", "p", "p", "q", "q", "q", "q", "q", "r", "r", "r", "r", "r"];
const y = [9.9, 6.2, 3.9, 2.6, 1.7, 12.1, 8.3, 5.4, 3.5, 2.2, 7.8, 5.3, 3.4, 2.3, 1.4];
const counts = [10, 7, 4, 3, 2, 13, 8, 6, 3, 2, 8, 6, 3, 2, 1];
const PRIORS = ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0"];
const SETTINGS = { chains: 2, warmup: 200, draws: 100, seed: 4, threads: 1 };

const value = (d: Draws, name: string, s: number) => d.data[variableIndex(d, name) * d.chains * d.draws + s];

let gauss: FormulaFit;
let pois: FormulaFit;
let block: FormulaFit;
beforeAll(async () => {
  block = await fitFormulaModel(
    { formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | p | g)", b: "1 + (1 | p | g)" }, data: { x, g, y }, priors: [...PRIORS, "exponential(5), class = sd, nlpar = b"] },
    SETTINGS,
  );
  gauss = await fitFormulaModel({ formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | g)", b: "1" }, data: { x, g, y }, priors: PRIORS }, SETTINGS);
  pois = await fitFormulaModel(
    { formula: "counts ~ log(a) - b * x", nlpars: { a: "1 + (1 | g)", b: "1" }, family: "poisson", data: { x, g, counts }, priors: ["normal(10, 5), nlpar = a, lb = 0", "normal(0.5, 0.5), nlpar = b"] },
    SETTINGS,
  );
});

describe("predictions of non-linear models", () => {
  it("conditional effects refuse a non-linear model by name (not 'no population-level predictors')", () => {
    expect(() => conditionalEffectsFromDraws(gauss.fit.draws, gauss.model.design, { x, g, y })).toThrow(/non-linear models \(nl = TRUE\) are not supported/);
  });

  it("epred of the fitted rows is a_g · exp(−b x) from each draw's b_a_Intercept, r_g__a and b_b_Intercept", () => {
    const d = gauss.fit.draws;
    const ep = predictFromDraws(d, gauss.model.design, "epred");
    expect([ep.draws, ep.observations]).toEqual([200, 15]);
    for (const s of [0, 57, 199]) {
      for (let i = 0; i < 15; i++) {
        const a = value(d, "b_a_Intercept", s) + value(d, `r_g__a[${g[i]},Intercept]`, s);
        expect(ep.data[s * 15 + i]).toBeCloseTo(a * Math.exp(-value(d, "b_b_Intercept", s) * x[i]), 12);
      }
    }
  });
  it("poisson: linpred is the expression (log scale), epred its exp, as brms applies the link to the non-linear result", () => {
    const d = pois.fit.draws;
    const lp = predictFromDraws(d, pois.model.design, "linpred");
    const ep = predictFromDraws(d, pois.model.design, "epred");
    for (const s of [0, 123]) {
      for (let i = 0; i < 15; i++) {
        const a = value(d, "b_a_Intercept", s) + value(d, `r_g__a[${g[i]},Intercept]`, s);
        const eta = Math.log(a) - value(d, "b_b_Intercept", s) * x[i];
        expect(lp.data[s * 15 + i]).toBeCloseTo(eta, 12);
        expect(ep.data[s * 15 + i]).toBeCloseTo(Math.exp(eta), 10);
      }
    }
  });
  it("log_lik of the fitted rows is the normal log density at each draw's mean and sigma", () => {
    const d = gauss.fit.draws;
    const ll = predictFromDraws(d, gauss.model.design, "log_lik");
    const s = 31;
    for (let i = 0; i < 15; i++) {
      const a = value(d, "b_a_Intercept", s) + value(d, `r_g__a[${g[i]},Intercept]`, s);
      const mu = a * Math.exp(-value(d, "b_b_Intercept", s) * x[i]);
      const sigma = value(d, "sigma", s);
      expect(ll.data[s * 15 + i]).toBeCloseTo(-0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * ((y[i] - mu) / sigma) ** 2, 10);
    }
  });
  it("new data: fitted levels as fitted, a new level refused unless allowed, then one drawn effect shared by its rows", () => {
    const d = gauss.fit.draws;
    const nd = { x: [1.5, 2, 2], g: ["q", "new", "new"] };
    expect(() => predictFromDraws(d, gauss.model.design, "epred", nd)).toThrow("level 'new' of g was not in the fitted data");
    const ep = predictFromDraws(d, gauss.model.design, "epred", nd, { allowNewLevels: true });
    for (let s = 0; s < ep.draws; s++) {
      const aq = value(d, "b_a_Intercept", s) + value(d, "r_g__a[q,Intercept]", s);
      expect(ep.data[s * 3]).toBeCloseTo(aq * Math.exp(-value(d, "b_b_Intercept", s) * 1.5), 12);
      expect(ep.data[s * 3 + 1]).toBe(ep.data[s * 3 + 2]);
    }
    // The new level's effect varies across draws (drawn from N(0, sd_g__a_Intercept)), unlike a fixed zero.
    const offsets = Array.from({ length: ep.draws }, (_, s) => ep.data[s * 3 + 1] / Math.exp(-value(d, "b_b_Intercept", s) * 2) - value(d, "b_a_Intercept", s));
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(0.1);
    expect(() => predictFromDraws(d, gauss.model.design, "epred", { g: ["q"] })).toThrow("the non-linear model reads the column 'x', which the new data do not have");
  });
  it("model.json round trip: the saved design predicts new data exactly as the fitted one", () => {
    const saved = JSON.parse(JSON.stringify(saveFormulaModel(gauss.model.design, PRIORS, null)));
    expect(saved.formula).toBe("bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)");
    const design = designFromSaved(saved);
    const nd = { x: [0.5, 3], g: ["p", "r"] };
    const a = predictFromDraws(gauss.fit.draws, gauss.model.design, "epred", nd);
    const b = predictFromDraws(gauss.fit.draws, design, "epred", nd);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(() => designFromSaved({ ...saved, nonlinear: undefined })).toThrow("their saved encoding (nonlinear) is missing");
  });
  it("(1 | p | g) in both parameters: epred from each draw's effects; a new level's effects drawn jointly with the fit's correlation; model.json round trip", () => {
    const d = block.fit.draws;
    expect(d.names).toContain("cor_g__a_Intercept__b_Intercept");
    const ep = predictFromDraws(d, block.model.design, "epred");
    for (const s of [0, 150]) {
      for (let i = 0; i < 15; i++) {
        const a = value(d, "b_a_Intercept", s) + value(d, `r_g__a[${g[i]},Intercept]`, s);
        const b = value(d, "b_b_Intercept", s) + value(d, `r_g__b[${g[i]},Intercept]`, s);
        expect(ep.data[s * 15 + i]).toBeCloseTo(a * Math.exp(-b * x[i]), 12);
      }
    }
    // 60 new levels, each at x = 0 (epred = a) and x = 1 (epred = a · exp(−b)): per draw, their drawn
    // (r_a, r_b) must have that draw's sds and correlation. Averaged over 200 draws × 60 levels the
    // sample correlation's error is ≈ 0.13 / √200 ≈ 0.01, the sd ratio's about as small: 0.05 is 5 of them.
    const L = 60;
    const many = { x: Array.from({ length: 2 * L }, (_, i) => i % 2), g: Array.from({ length: 2 * L }, (_, i) => `new${i >> 1}`) };
    const fresh = predictFromDraws(d, block.model.design, "epred", many, { allowNewLevels: true });
    let corSum = 0;
    let corDraws = 0;
    let ratioA = 0;
    for (let s = 0; s < fresh.draws; s++) {
      const ra: number[] = [];
      const rb: number[] = [];
      for (let l = 0; l < L; l++) {
        const e0 = fresh.data[s * 2 * L + 2 * l];
        const e1 = fresh.data[s * 2 * L + 2 * l + 1];
        ra.push(e0 - value(d, "b_a_Intercept", s));
        rb.push(Math.log(e0 / e1) - value(d, "b_b_Intercept", s));
      }
      const m = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const ma = m(ra);
      const mb = m(rb);
      const cov = m(ra.map((v, i) => (v - ma) * (rb[i] - mb)));
      const sa = Math.sqrt(m(ra.map((v) => (v - ma) ** 2)));
      const sb = Math.sqrt(m(rb.map((v) => (v - mb) ** 2)));
      corSum += cov / (sa * sb);
      corDraws += value(d, "cor_g__a_Intercept__b_Intercept", s);
      ratioA += sa / value(d, "sd_g__a_Intercept", s);
    }
    // The fit's correlation is clearly non-zero (≈ −0.15), so independent draws (≈ 0) would fail.
    expect(Math.abs(corDraws / fresh.draws)).toBeGreaterThan(0.1);
    expect(Math.abs(corSum / fresh.draws - corDraws / fresh.draws)).toBeLessThan(0.05);
    expect(Math.abs(ratioA / fresh.draws - 1)).toBeLessThan(0.05);
    const design = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(block.model.design, [], null))));
    expect(design.nonlinear?.blocks.map((b) => b.corNames)).toEqual([["cor_g__a_Intercept__b_Intercept"]]);
    const nd = { x: [0.5, 3], g: ["p", "r"] };
    expect(Array.from(predictFromDraws(d, design, "epred", nd).data)).toEqual(Array.from(predictFromDraws(d, block.model.design, "epred", nd).data));
  });
});
