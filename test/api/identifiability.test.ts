// Found in the 2026-11-29 user sweep (bench/qa/): a constant predictor, or a 1-row data set, fitted
// with brms's flat prior on b gave chains at ±1e6 with only R-hat warnings after the run. lme4 drops
// such columns ("fixed-effect model matrix is rank deficient"); brms says nothing. These tests check
// the warning given before sampling (buildFormulaModel, no sampling needed).
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";

const n = 12;
const x = Array.from({ length: n }, (_, i) => (i * 7) % 5);
const z = Array.from({ length: n }, (_, i) => (i * 3) % 4);
const y = Array.from({ length: n }, (_, i) => 1 + 0.5 * x[i] + ((i * 5) % 3));
const g = Array.from({ length: n }, (_, i) => `g${i % 3}`);

describe("buildFormulaModel warns about population coefficients the data cannot identify", () => {
  it("a constant column beside the intercept, with the flat prior: improper", () => {
    const m = buildFormulaModel({ formula: "y ~ x + k", data: { y, x, k: new Array(n).fill(3) } });
    const w = m.warnings.join("\n");
    expect(w).toMatch(/b_k/);
    expect(w).toMatch(/constant/);
    expect(w).toMatch(/improper/);
    expect(w).not.toMatch(/b_x/);
  });

  it("a column that is a sum of two others names the columns it depends on", () => {
    const s = x.map((v, i) => v + 2 * z[i]);
    const w = buildFormulaModel({ formula: "y ~ x + z + s", data: { y, x, z, s } }).warnings.join("\n");
    expect(w).toMatch(/b_s/);
    expect(w).toMatch(/linear combination of Intercept, x, z/);
  });

  it("with a proper prior on b: identified by the prior only, not improper", () => {
    const w = buildFormulaModel({ formula: "y ~ x + k", data: { y, x, k: new Array(n).fill(3) }, priors: ["b ~ normal(0, 1)"] }).warnings.join("\n");
    expect(w).toMatch(/b_k/);
    expect(w).toMatch(/prior alone/);
    expect(w).not.toMatch(/improper/);
  });

  it("fewer rows than coefficients", () => {
    const w = buildFormulaModel({ formula: "y ~ x + z", data: { y: [1], x: [2], z: [3] } }).warnings.join("\n");
    expect(w).toMatch(/b_x/);
    expect(w).toMatch(/b_z/);
  });

  it("a grouping factor with one level", () => {
    const w = buildFormulaModel({ formula: "y ~ x + (1 | h)", data: { y, x, h: new Array(n).fill("only") } }).warnings.join("\n");
    expect(w).toMatch(/'h' has a single level/);
    expect(w).toMatch(/sd_h__Intercept/);
  });

  it("a well-posed model gets no such warning (large offsets and scales included)", () => {
    const big = x.map((v) => 1e6 + v * 1e-3);
    expect(buildFormulaModel({ formula: "y ~ x + z + (1 | g)", data: { y, x, z, g } }).warnings).toEqual([]);
    expect(buildFormulaModel({ formula: "y ~ big", data: { y, big } }).warnings).toEqual([]);
    expect(buildFormulaModel({ formula: "y ~ 0 + x + z", data: { y, x, z } }).warnings).toEqual([]);
  });
});

// Also from the sweep: a constant gaussian response fitted with only a divergence warning (sigma's
// posterior piles up at 0), and all-zero Poisson counts with none at all.
describe("buildFormulaModel warns about a degenerate response", () => {
  it("a constant response with a scale parameter (gaussian): sigma runs to 0", () => {
    const w = buildFormulaModel({ formula: "y ~ x + (1 | g)", data: { y: new Array(n).fill(5), x, g } }).warnings.join("\n");
    expect(w).toMatch(/every value of 'y' is 5/);
    expect(w).toMatch(/sigma/);
  });

  it("all-zero counts (poisson): the intercept is bounded below only by its prior", () => {
    const w = buildFormulaModel({ formula: "y ~ x + (1 | g)", family: "poisson", data: { y: new Array(n).fill(0), x, g } }).warnings.join("\n");
    expect(w).toMatch(/every count of 'y' is 0/);
  });

  it("varying responses get no such warning", () => {
    expect(buildFormulaModel({ formula: "y ~ x", family: "poisson", data: { y: y.map(Math.round), x } }).warnings).toEqual([]);
  });
});

// From the sweep: y in units of 1e-6 with brms's default priors (scale floor 2.5) — neither brms
// (R-hat 3.8, bench/qa/results/scale-brms.txt) nor hbayes (R-hat 3.9) converged, with no hint why.
describe("buildFormulaModel warns when the default priors are far wider than the response", () => {
  const tiny = y.map((v) => v * 1e-6);
  it("gaussian y with sd ~1e-6 under the default sigma prior: says rescale", () => {
    const w = buildFormulaModel({ formula: "y ~ x + (1 | g)", data: { y: tiny, x, g } }).warnings.join("\n");
    expect(w).toMatch(/'y' varies on a scale of about 1e-6/);
    expect(w).toMatch(/Rescale the response/);
  });
  it("no warning with a user sigma prior, or with y on an ordinary scale", () => {
    expect(buildFormulaModel({ formula: "y ~ x", data: { y: tiny, x }, priors: ["sigma ~ exponential(1e6)"] }).warnings).toEqual([]);
    expect(buildFormulaModel({ formula: "y ~ x", data: { y: y.map((v) => v * 1e-2), x } }).warnings).toEqual([]);
  });
});

describe("the not-identified message names the columns the dependent one is made of", () => {
  it("an interaction equal to one dummy (service only ever 1 in dept c) names that dummy alone", () => {
    const dept = ["a", "a", "b", "b", "c", "c", "a", "b", "c", "a", "b", "c"];
    const service = [0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1];
    const w = buildFormulaModel({ formula: "y ~ service * dept", data: { y, service, dept } }).warnings.join("\n");
    expect(w).toMatch(/column 'service:deptc' is a linear combination of Intercept, deptc\./);
  });
});
