import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";

const data = {
  y: [1.2, 0.4, 2.2, 1.9, 0.3, 1.1, 2.5, 0.8],
  x: [0.1, -0.5, 1.2, 0.9, -1.0, 0.3, 1.5, 0.0],
  fac: ["lo", "hi", "mid", "lo", "hi", "mid", "lo", "hi"],
  county: ["A", "B", "C", "A", "B", "C", "A", "B"],
};

describe("designNewData", () => {
  const d = buildDesign("y ~ fac + scale(x) + (1 + x | county)", data);

  it("encodes new rows with the fitted levels, contrasts and scale()", () => {
    const nd = designNewData(d, { x: [0.1, 2], fac: ["mid", "hi"], county: ["C", "A"] });
    expect(nd.X.names).toEqual(d.X.names);
    expect(d.X.names).toEqual(["faclo", "facmid", "scalex"]);
    // Row 0 of the fit has x = 0.1 and fac = lo; scale() must reuse the fit's mean and sd.
    const p = d.X.names.length;
    expect(nd.X.values[2]).toBe(d.X.values[2]);
    expect(Array.from(nd.X.values.slice(0, 2))).toEqual([0, 1]);
    expect(Array.from(nd.X.values.slice(p, p + 2))).toEqual([0, 0]);
    expect(nd.X.means).toBe(d.X.means);
    expect(Array.from(nd.groups[0].index)).toEqual([2, 0]);
    expect(nd.newLevels).toEqual([[]]);
  });

  it("names an unseen group level and suggests allow_new_levels, or marks it with −1", () => {
    const rows = { x: [0, 1], fac: ["lo", "lo"], county: ["Z", "A"] };
    expect(() => designNewData(d, rows)).toThrow(
      new UserError("newdata: level 'Z' of county was not in the fitted data; pass allow_new_levels (allowNewLevels: true) to draw its effects from the population distribution"),
    );
    const nd = designNewData(d, rows, { allowNewLevels: true });
    expect(Array.from(nd.groups[0].index)).toEqual([-1, 0]);
    expect(nd.newLevels).toEqual([["Z"]]);
  });

  it("a new level of a population-level factor is an error naming it", () => {
    expect(() => designNewData(d, { x: [0], fac: ["huge"], county: ["A"] })).toThrow("newdata: fac has the level 'huge' (row 1) that the fitted data did not have; known levels: hi, lo, mid");
  });
});

describe("toGlmmSpec → buildGlmmIr", () => {
  it("compiles, with brms's output names", () => {
    const d = buildDesign("y ~ x + (1 + x | county)", data);
    const spec = toGlmmSpec(d, resolvePriors(d, ["b ~ normal(0, 5)"]));
    expect(spec.groups[0].index[0]).toBe(1);
    const built = buildGlmmIr(spec);
    const c = compileModel(built.program, built.data);
    expect(built.outputs.rename.map(([, to]) => to).slice(0, 6)).toEqual(["b_Intercept", "b_x", "sd_county__Intercept", "sd_county__x", "cor_county__Intercept__x", "sigma"]);
    const theta = new Float64Array(c.dim).fill(0.1);
    const grad = new Float64Array(c.dim);
    expect(Number.isFinite(c.logDensityGradient(theta, grad))).toBe(true);
  });
});
