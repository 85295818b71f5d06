import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";

/** R's poly() on 12 points and predict() on 4 new ones (fixtures/make-poly.R). */
const R = JSON.parse(readFileSync(new URL("./fixtures/poly.json", import.meta.url), "utf8")) as {
  x: number[]; newx: number[]; lm_coef: number[]; poly3: number[][]; poly3_alpha: number[]; poly3_norm2: number[]; poly3_new: number[][]; poly1: number[][]; y: number[]; lm_names: string[];
};
const data = { y: R.y, x: R.x, g: R.x.map((_, i) => (i % 3 === 0 ? "a" : i % 3 === 1 ? "b" : "c")) };

/** Column k of a row-major design. */
const column = (values: Float64Array, p: number, k: number): number[] => Array.from({ length: values.length / p }, (_, i) => values[i * p + k]);

// R builds the basis by QR, hbayes by the three-term recurrence with the same coefficients: equal up
// to rounding of sums of 12 terms of size ≤ 10³, so 1e-12 absolute on values ≤ 3.
const TOL = 1e-12;

describe("poly(x, degree): R's orthogonal polynomials", () => {
  it("gives R's basis columns, named as brms names them (poly(x, 3)1 → polyx31)", () => {
    const d = buildDesign("y ~ poly(x, 3)", data);
    expect(d.X.names).toEqual(["polyx31", "polyx32", "polyx33"]);
    for (let k = 0; k < 3; k++) column(d.X.values, 3, k).forEach((v, i) => expect(Math.abs(v - R.poly3[k][i])).toBeLessThan(TOL));
    const c = d.encoding.learned.polys?.get("poly(x, 3)");
    c?.alpha.forEach((a, j) => expect(a).toBeCloseTo(R.poly3_alpha[j], 12));
    c?.norm2.forEach((n, j) => expect(n / R.poly3_norm2[j]).toBeCloseTo(1, 12));
  });

  it("poly(x) is degree 1; lm's names for poly(x, 2) map to brms's", () => {
    const d = buildDesign("y ~ poly(x)", data);
    column(d.X.values, 1, 0).forEach((v, i) => expect(Math.abs(v - R.poly1[0][i])).toBeLessThan(TOL));
    expect(buildDesign("y ~ poly(x, 2)", data).X.names).toEqual(R.lm_names.slice(1).map((n) => n.replace(/[ (),]/g, "")));
  });

  it("new data get the fitted basis (predict(poly(x, 3), newx)), also from a saved model", () => {
    const d = buildDesign("y ~ poly(x, 3)", data);
    const check = (X: Float64Array) => {
      for (let k = 0; k < 3; k++) column(X, 3, k).forEach((v, i) => expect(Math.abs(v - R.poly3_new[k][i])).toBeLessThan(1e-11));
    };
    check(designNewData(d, { x: R.newx }).X.values);
    const saved = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
    check(designNewData(saved, { x: R.newx }).X.values);
  });

  it("works in interactions and group terms", () => {
    const d = buildDesign("y ~ poly(x, 2) * g + (poly(x, 2) | g)", data);
    expect(d.X.names).toEqual(["polyx21", "polyx22", "gb", "gc", "polyx21:gb", "polyx22:gb", "polyx21:gc", "polyx22:gc"]);
    expect(d.groups[0].terms).toEqual(["Intercept", "polyx21", "polyx22"]);
  });

  it("says what is wrong with a bad call", () => {
    const err = (f: string, re: RegExp) => {
      expect(() => buildDesign(f, data)).toThrow(UserError);
      expect(() => buildDesign(f, data)).toThrow(re);
    };
    err("y ~ poly(x, 0)", /degree must be a whole number ≥ 1/);
    err("y ~ poly(x, 1.5)", /degree must be a whole number ≥ 1/);
    err("y ~ log(poly(x, 2))", /poly\(\) gives several columns/);
    err("y ~ poly(x, 11)", /less than the number of distinct values \(10\)/);
    err("y ~ poly(g, 2)", /holds text/);
  });
});

describe("poly() in a fit", () => {
  it("gaussian y ~ poly(x, 2): posterior means of b_polyx21, b_polyx22 are lm's estimates (flat b priors), within 4 MCSE", async () => {
    const { fitFormulaModel } = await import("../../src/api/formulaFit.js");
    const { summarizeFit } = await import("../../src/api/fitSummary.js");
    const { fit } = await fitFormulaModel({ formula: "y ~ poly(x, 2)", data }, { chains: 2, warmup: 500, draws: 1000, seed: 4, threads: 1 });
    const rows = summarizeFit(fit).rows;
    // With a flat prior on b the conditional posterior mean of b given σ is the least-squares fit
    // whatever σ is, so the marginal posterior mean is lm's estimate exactly.
    ["b_polyx21", "b_polyx22"].forEach((name, k) => {
      const r = rows.find((x) => x.name === name);
      expect(r).toBeDefined();
      if (r === undefined) return;
      expect(Math.abs(r.mean - R.lm_coef[k + 1]) / r.mcse_mean).toBeLessThan(4);
    });
  });
});
