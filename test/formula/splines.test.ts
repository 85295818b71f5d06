import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";

/** R's bs() and ns() on 16 points (ties at 2.2 and 5.0) and predict() on 6 new ones, two outside the range (fixtures/make-splines.R). */
const R = JSON.parse(readFileSync(new URL("./fixtures/splines.json", import.meta.url), "utf8")) as {
  x: number[];
  newx: number[];
  cases: { label: string; knots: number[]; fit: number[][]; new: number[][] }[];
};
const data = { y: R.x.map((v, i) => Math.sin(v) + 0.1 * (i % 3)), x: R.x };

const column = (values: Float64Array, p: number, k: number): number[] => Array.from({ length: values.length / p }, (_, i) => values[i * p + k]);

// Both sides evaluate the same piecewise polynomials (de Boor's recurrence, a 2-column Householder QR
// for ns) in a different order of operations: values ≤ 1 inside the data, ≤ ~10 when extrapolated.
const TOL = 1e-12;

describe("bs() and ns(): R's spline bases", () => {
  for (const c of R.cases) {
    it(`${c.label}: R's columns on the fitting rows and, through predict(), on new rows inside and outside the range`, () => {
      const d = buildDesign(`y ~ ${c.label}`, data);
      const p = c.fit.length;
      expect(d.X.names).toHaveLength(p);
      const learned = d.encoding.learned.splines?.get(c.label);
      expect(learned?.knots).toEqual(c.knots.map((k) => expect.closeTo(k, 12)));
      for (let k = 0; k < p; k++) column(d.X.values, p, k).forEach((v, i) => expect(Math.abs(v - c.fit[k][i])).toBeLessThan(TOL));
      const saved = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
      for (const design of [d, saved]) {
        const nd = designNewData(design, { x: R.newx });
        for (let k = 0; k < p; k++) column(nd.X.values, p, k).forEach((v, i) => expect(Math.abs(v - c.new[k][i])).toBeLessThan(1e-10));
      }
    });
  }

  it("names the columns as brms does (model.matrix's 'ns(x, df = 3)1' through brms's renaming)", () => {
    expect(buildDesign("y ~ ns(x, df = 3)", data).X.names).toEqual(["nsxdfEQ31", "nsxdfEQ32", "nsxdfEQ33"]);
    expect(buildDesign("y ~ bs(x)", data).X.names).toEqual(["bsx1", "bsx2", "bsx3"]);
    expect(buildDesign("y ~ poly(x, 2, raw = TRUE)", data).X.names).toEqual(["polyx2rawEQTRUE1", "polyx2rawEQTRUE2"]);
  });

  it("poly(x, 2, raw = TRUE) gives x and x²", () => {
    const d = buildDesign("y ~ poly(x, 2, raw = TRUE)", data);
    expect(column(d.X.values, 2, 0)).toEqual(R.x);
    expect(column(d.X.values, 2, 1)).toEqual(R.x.map((v) => v ** 2));
  });

  it("says what is wrong with a bad call, at the argument", () => {
    const err = (f: string, re: RegExp) => {
      expect(() => buildDesign(f, data)).toThrow(UserError);
      expect(() => buildDesign(f, data)).toThrow(re);
    };
    err("y ~ bs(x, df = 2)", /bs\(\): df \(2\) must be at least the degree \(3\)/);
    err("y ~ ns(x, df = 0)", /ns\(\): df must be a whole number ≥ 1/);
    err("y ~ ns(x, knots = 3)", /ns\(\) has no argument 'knots' here: it takes df/);
    err("y ~ ns(x, 3, df = 3)", /ns\(\): df is given twice/);
    err("y ~ poly(x, 2, raw = 1)", /raw must be TRUE or FALSE/);
    err("y ~ log(x, base = 2)", /log\(\) takes no named arguments \('base = …'\)/);
    err("y ~ I(ns(x, 3))", /ns\(\) gives several columns/);
    err("y ~ ns(x, 3, 4)", /ns\(\) takes a variable and df/);
  });
});
