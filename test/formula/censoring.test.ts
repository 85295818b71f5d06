import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { parseFormulaParts } from "../../src/formula/terms.js";
import { UserError } from "../../src/errors.js";

// brms's addition terms cens() and weights() through parse → frame → design (brms 2.18's
// data_response: prepare_cens and the weights checks, read in bench/qa/censoring-brms.R's session).
const base = { y: [1, 2, 3, 4, 5], x: [0.1, 0.2, 0.3, 0.5, 0.8] };

describe("cens() and weights() in formulas", () => {
  it("parseFormulaParts: cens(c) and cens(c, y2) with weights(w), in either order", () => {
    const r = parseFormulaParts("y | cens(c, up) + weights(w) ~ x").response!;
    expect(r.cens).toMatchObject({ kind: "name", name: "c" });
    expect(r.censUpper).toMatchObject({ kind: "name", name: "up" });
    expect(r.weights).toMatchObject({ kind: "name", name: "w" });
    const s = parseFormulaParts("y | weights(w) + cens(c) ~ x").response!;
    expect(s.cens).toMatchObject({ name: "c" });
    expect(s.censUpper).toBeUndefined();
  });

  it("refuses three cens() arguments, cens() twice and unknown named arguments; takes brms's cens(c, y2 = u)", () => {
    expect(() => parseFormulaParts("y | cens(c, u, v) ~ x")).toThrow("cens(c) or cens(c, y2), got 3 arguments");
    expect(() => parseFormulaParts("y | cens(c) + cens(d) ~ x")).toThrow("cens() is given twice");
    expect(() => parseFormulaParts("y | weights(w, scale = 2) ~ x")).toThrow("weights(): scale must be TRUE or FALSE");
    expect(() => parseFormulaParts("y | weights(w, center = TRUE) ~ x")).toThrow("weights() has no argument 'center' here: it takes scale");
    expect(() => parseFormulaParts("y | cens(c, u, y2 = u) ~ x")).toThrow("cens(): y2 is given twice");
    expect(() => parseFormulaParts("y | trials(n, k = 1) ~ x")).toThrow("trials() takes no named arguments");
    expect(parseFormulaParts("y | cens(c, y2 = u) ~ x").response!.censUpper).toMatchObject({ kind: "name", name: "u" });
  });

  it("censoring values as brms's prepare_cens reads them: words and prefixes, TRUE/FALSE, −1..2", () => {
    const words = buildDesign("y | cens(c, u) ~ x", { ...base, c: ["none", "right", "l", "interval", "i"], u: [null, null, null, 7, 9] });
    expect(Array.from(words.response.cens!)).toEqual([0, 1, -1, 2, 2]);
    // Non-interval rows' bounds are 0 (brms sets them so); their missing values do not drop the row.
    expect(Array.from(words.response.censUpper!)).toEqual([0, 0, 0, 7, 9]);
    expect(words.n).toBe(5);
    const logical = buildDesign("y | cens(c) ~ x", { ...base, c: [true, false, true, false, false] });
    expect(Array.from(logical.response.cens!)).toEqual([1, 0, 1, 0, 0]);
    const codes = buildDesign("y | cens(c) ~ x", { ...base, c: [-1, 0, 1, 0, 1] }, { family: "lognormal" });
    expect(Array.from(codes.response.cens!)).toEqual([-1, 0, 1, 0, 1]);
  });

  it("bad censoring data name the row: unknown word, code 3, interval without y2, y2 not above y", () => {
    type Col = (number | string | null)[];
    const bad = (c: Col, formula = "y | cens(c) ~ x", u?: Col) => () => buildDesign(formula, u ? { ...base, c, u } : { ...base, c });
    expect(bad(["none", "right", "sideways", "none", "none"])).toThrow("row 3 has 'sideways'");
    expect(bad([0, 0, 0, 3, 0])).toThrow("row 4 has 3");
    expect(bad([0, 2, 0, 0, 0])).toThrow("row 2 is interval-censored: give the upper bounds as cens()'s second argument");
    expect(bad([0, 2, 0, 0, 0], "y | cens(c, u) ~ x", [0, 1.5, 0, 0, 0])).toThrow("row 2 has upper bound 1.5, not above the response 2");
    expect(bad([0, 2, 0, 0, 0], "y | cens(c, u) ~ x", [0, null, 0, 0, 0])).toThrow("upper bound of interval-censored row 2 is NaN");
  });

  it("cens() is refused for families without log CDFs, naming the ones that have them", () => {
    const data = { ...base, c: [0, 1, 0, 0, 1] };
    for (const family of ["beta", "zero_inflated_poisson"]) {
      expect(() => buildDesign("y | cens(c) ~ x", data, { family })).toThrow(UserError);
      expect(() => buildDesign("y | cens(c) ~ x", data, { family })).toThrow(`supported for the gaussian, student, lognormal, weibull, exponential, gamma, poisson, negbinomial, binomial families, not ${family}`);
      expect(() => buildDesign("y | trunc(lb = 0) ~ x", data, { family })).toThrow(`trunc() (truncated responses) is supported for the gaussian, student, lognormal, weibull, exponential, gamma, poisson, negbinomial, binomial families, not ${family}`);
    }
    expect(buildDesign("y | cens(c) ~ x", data, { family: "weibull" }).family.name).toBe("weibull");
  });

  it("weights(w, scale = TRUE) rescales to sum to the number of rows (brms: w / sum(w) * length(w))", () => {
    const d = buildDesign("y | weights(w, scale = TRUE) ~ x", { ...base, w: [1, 0, 2, 0.5, 1.5] });
    expect(Array.from(d.response.weights!)).toEqual([1, 0, 2, 0.5, 1.5].map((v) => (v / 5) * 5));
    const e = buildDesign("y | weights(w, scale = T) ~ x", { ...base, w: [2, 2, 2, 2, 12] });
    expect(Array.from(e.response.weights!)).toEqual([0.5, 0.5, 0.5, 0.5, 3]);
    expect(Array.from(buildDesign("y | weights(w, scale = FALSE) ~ x", { ...base, w: [2, 2, 2, 2, 12] }).response.weights!)).toEqual([2, 2, 2, 2, 12]);
    expect(() => buildDesign("y | weights(w, scale = TRUE) ~ x", { ...base, w: [0, 0, 0, 0, 0] })).toThrow("the weights sum to 0");
  });

  it("weights: zero allowed (brms: non-negative), negative or missing refused", () => {
    expect(Array.from(buildDesign("y | weights(w) ~ x", { ...base, w: [1, 0, 2, 0.5, 3] }).response.weights!)).toEqual([1, 0, 2, 0.5, 3]);
    expect(() => buildDesign("y | weights(w) ~ x", { ...base, w: [1, -1, 2, 0.5, 3] })).toThrow("weights() must be non-negative and finite, but row 2 has -1");
    // A missing weight drops its row, as any missing value in a used column (brms does the same).
    const d = buildDesign("y | weights(w) ~ x", { ...base, w: [1, null, 2, 0.5, 3] });
    expect(d.n).toBe(4);
    // Every weight 0: no row counts, the posterior would be the (improper) prior with no message.
    expect(() => buildDesign("y | weights(w) ~ x", { ...base, w: [0, 0, 0, 0, 0] })).toThrow("weights(): every weight is 0");
  });

  it("exponential: a positive response, as brms ('requires response greater than 0')", () => {
    expect(() => buildDesign("y ~ x", { y: [1, 0, 2], x: [1, 2, 3] }, { family: "exponential" })).toThrow("family exponential: the response 'y' must be positive, but row 2 has 0");
  });

  it("weibull: a positive response", () => {
    expect(() => buildDesign("y ~ x", { y: [1, 0, 2], x: [1, 2, 3] }, { family: "weibull" })).toThrow("family weibull: the response 'y' must be positive, but row 2 has 0");
  });
});
