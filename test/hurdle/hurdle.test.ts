import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { hurdleGammaLpdf, hurdleGammaLpdfGrad, hurdleLognormalLpdf, hurdleLognormalLpdfGrad } from "../../src/distributions/index.js";
import { UserError } from "../../src/errors.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { poolingVariants } from "../../src/pooling/variants.js";
import { epredValue, logLikValue, predictValue, type AuxValues } from "../../src/predict/families.js";
import { hurdleGammaRng, hurdleLognormalRng } from "../../src/random/hurdleContinuous.js";
import { createRng } from "../../src/random/rng.js";
import { HURDLE_DATA } from "./brmsCompare.js";

const data = () => readCsvFile(HURDLE_DATA);
const aux = (a: Partial<AuxValues>): AuxValues => ({ sigma: NaN, shape: NaN, nu: NaN, phi: NaN, zi: NaN, hu: NaN, ...a });
const NO_ROW = { trials: NaN, se: NaN };

describe("hurdleGammaLpdfGrad / hurdleLognormalLpdfGrad at y = 0", () => {
  // The positive branch's partials are checked with every family in test/distributions/gradients.test.ts.
  it.each([
    ["hurdle_gamma", hurdleGammaLpdf, hurdleGammaLpdfGrad, [2, 1.5, 0.3]],
    ["hurdle_lognormal", hurdleLognormalLpdf, hurdleLognormalLpdfGrad, [0.4, 0.7, 0.65]],
  ] as const)("%s: log hu, only hu's partial non-zero, equal to a central difference", (_, lpdf, grad, args) => {
    const d = new Float64Array(4).fill(7);
    const lp = grad(0, args[0], args[1], args[2], d, 0);
    expect(lp).toBe(Math.log(args[2]));
    expect(Array.from(d.subarray(0, 3))).toEqual([0, 0, 0]);
    const h = 1e-6;
    const fd = (lpdf(0, args[0], args[1], args[2] + h) - lpdf(0, args[0], args[1], args[2] - h)) / (2 * h);
    // Central difference error ≈ h²·|f'''|/6 = 1e-12·2/hu³ for log hu: well under 1e-8.
    expect(Math.abs(d[3] - fd)).toBeLessThan(1e-8);
  });

  it("hu = 0 makes a zero impossible and hu = 1 a positive value impossible (−∞, partials 0)", () => {
    const d = new Float64Array(4).fill(7);
    expect(hurdleGammaLpdfGrad(0, 2, 1, 0, d, 0)).toBe(-Infinity);
    expect(Array.from(d)).toEqual([0, 0, 0, 0]);
    d.fill(7);
    expect(hurdleLognormalLpdfGrad(1.2, 0, 1, 1, d, 0)).toBe(-Infinity);
    expect(Array.from(d)).toEqual([0, 0, 0, 0]);
  });

  it("argument errors name the function and the argument", () => {
    expect(() => hurdleGammaLpdf(1, 2, 1, 1.5)).toThrow("hurdleGammaLpdf: hu must be in [0, 1], got 1.5");
    expect(() => hurdleLognormalLpdf(1, 0, -1, 0.5)).toThrow("hurdleLognormalLpdf: sigma must be positive");
  });
});

describe("formula families hurdle_gamma and hurdle_lognormal", () => {
  it.each([
    ["hurdle_gamma", "y_gamma", ["shape", "hu"], "gamma(0.01, 0.01)"],
    ["hurdle_lognormal", "y_lnorm", ["sigma", "hu"], "student_t(3, 0, 2.5)"],
  ])("%s: aux %j on brms's default priors, one likelihood statement, hu bounded to (0, 1)", (family, y, auxNames, first) => {
    const m = buildFormulaModel({ formula: `${y} ~ x + (1 | g)`, data: data(), family });
    expect(m.design.aux).toEqual(auxNames);
    const table = Object.fromEntries(m.priors.table.filter((r) => r.coef === "" && r.group === "").map((r) => [r.class, r.prior]));
    expect(table[auxNames[0]]).toBe(first);
    expect(table.hu).toBe("beta(1, 1)");
    expect(m.built.program.params.find((q) => q.name === "hu")?.transform).toEqual({ kind: "interval", lb: 0, ub: 1 });
    expect(m.built.program.statements.filter((s) => s.kind === "distribution" && s.family === family).length).toBe(1);
    expect(m.built.outputs.rename.map(([, to]) => to).slice(0, 5)).toEqual(["b_Intercept", "b_x", "sd_g__Intercept", ...auxNames]);
  });

  it("hu ~ x models hu on the logit scale (b_hu_Intercept, b_hu_x), no hu parameter", () => {
    const m = buildFormulaModel({ formula: "bf(y_gamma ~ x + (1 | g), hu ~ x)", data: data(), family: "hurdle_gamma" });
    const names = m.built.outputs.rename.map(([, to]) => to);
    expect(names).toEqual(expect.arrayContaining(["b_hu_Intercept", "b_hu_x", "shape"]));
    expect(names).not.toContain("hu");
  });

  it("a negative response is refused with the row named; zeros and positive values are accepted", () => {
    const bad = { y: [0, 1.5, -0.2, 3], x: [1, 2, 3, 4], g: ["a", "b", "a", "b"] };
    for (const family of ["hurdle_gamma", "hurdle_lognormal"]) {
      expect(() => buildFormulaModel({ formula: "y ~ x", data: bad, family })).toThrow(UserError);
      expect(() => buildFormulaModel({ formula: "y ~ x", data: bad, family })).toThrow(`family ${family}: the response 'y' must be zero or positive (finite), but row 3 has -0.2`);
      expect(() => buildFormulaModel({ formula: "y ~ x", data: { ...bad, y: [0, 1.5, 0, 3] }, family })).not.toThrow();
    }
  });

  it("automatic marginalisation declines them (no normal–normal or Poisson–Gamma block)", () => {
    for (const [family, y] of [["hurdle_gamma", "y_gamma"], ["hurdle_lognormal", "y_lnorm"]]) {
      const m = buildFormulaModel({ formula: `${y} ~ x + (1 | g)`, data: data(), family });
      expect(planMarginal(m.built.program, m.built.data)).toBeNull();
    }
  });

  it("the pooling comparison refuses them, listing its families", () => {
    const m = buildFormulaModel({ formula: "y_lnorm ~ x + (1 | g)", data: data(), family: "hurdle_lognormal" });
    expect(() => poolingVariants(m.spec)).toThrow(/^pooling: family must be one of gaussian, .*, got hurdle_lognormal$/);
  });
});

describe("epred, predict and log_lik (brms's posterior_epred_hurdle_*, posterior_predict_hurdle_*, log_lik_hurdle_*)", () => {
  const gammaAux = aux({ shape: 2.5, hu: 0.35 });
  const lnAux = aux({ sigma: 0.6, hu: 0.35 });
  const eta = 0.4;

  it("log_lik is the lpdf with brms's parametrisation (rate = shape / mu, mu = exp(eta))", () => {
    for (const y of [0, 0.3, 2.7]) {
      expect(logLikValue("hurdle_gamma", y, eta, gammaAux, NO_ROW)).toBe(hurdleGammaLpdf(y, 2.5, 2.5 * Math.exp(-eta), 0.35));
      expect(logLikValue("hurdle_lognormal", y, eta, lnAux, NO_ROW)).toBe(hurdleLognormalLpdf(y, eta, 0.6, 0.35));
    }
  });

  it.each([
    ["hurdle_gamma", gammaAux, (1 - 0.35) * Math.exp(eta)],
    ["hurdle_lognormal", lnAux, (1 - 0.35) * Math.exp(eta + 0.18)],
  ] as const)("%s: epred is (1 − hu)·E[Y | Y > 0], and 40 000 seeded predictions average to it", (family, a, want) => {
    expect(epredValue(family, eta, a, NO_ROW)).toBeCloseTo(want, 14);
    const rng = createRng(20261129, 7);
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    let zeros = 0;
    for (let i = 0; i < n; i++) {
      const y = predictValue(rng, family, eta, a, NO_ROW);
      expect(y).toBeGreaterThanOrEqual(0);
      if (y === 0) zeros++;
      s += y;
      s2 += y * y;
    }
    const m = s / n;
    const se = Math.sqrt((s2 / n - m * m) / n);
    // 4 Monte Carlo standard errors of the mean and of the zero share (binomial sd √(hu(1 − hu)/n)).
    expect(Math.abs(m - want)).toBeLessThan(4 * se);
    expect(Math.abs(zeros / n - 0.35)).toBeLessThan(4 * Math.sqrt((0.35 * 0.65) / n));
  });

  it("the draws check hu and the positive part's arguments", () => {
    const rng = createRng(1, 0);
    expect(() => hurdleGammaRng(rng, 2, 1, -0.1)).toThrow("hurdleGammaRng: hu must be in [0, 1], got -0.1");
    expect(() => hurdleLognormalRng(rng, 0, 0, 0.5)).toThrow("lognormalRng: sigma must be positive");
    expect(hurdleGammaRng(rng, 2, 1, 1)).toBe(0);
    expect(hurdleLognormalRng(rng, 0, 1, 0)).toBeGreaterThan(0);
  });
});
