import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { buildDesign } from "../../src/formula/design.js";
import { resolvePriors } from "../../src/formula/priors.js";

const data = { y: [9.8, 6.1, 3.5, 2.4, 10.9, 6.6, 4.2, 2.1], x: [0, 1, 2, 3, 0, 1, 2, 3], z: [0.1, -0.3, 0.2, 0.5, -1, 0.4, 0.3, -0.2], g: ["a", "a", "a", "a", "b", "b", "b", "b"] };
const FORMULA = "bf(y ~ a * exp(-b * x), a ~ 1 + z + (1 + z | g), b ~ 1, nl = TRUE)";
const design = buildDesign(FORMULA, data);
const BOTH = ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0"];

describe("non-linear priors", () => {
  it("brms's keyed form and the ~ spellings give the same priors", () => {
    const keyed = resolvePriors(design, [...BOTH, "normal(0, 1), nlpar = a, coef = z", "exponential(2), class = sd, nlpar = a, group = g, coef = z"]);
    const tilde = resolvePriors(design, ["b_a ~ normal(10, 5)", "normal(0.5, 0.5), nlpar = b, lb = 0", "b_a_z ~ normal(0, 1)", "sd_g__a_z ~ exponential(2)"]);
    const bracket = resolvePriors(design, ["b_a ~ normal(10, 5)", "normal(0.5, 0.5), nlpar = b, lb = 0", "b_a[z] ~ normal(0, 1)", "sd_g__a_z ~ exponential(2)"]);
    expect(keyed.nlpars).toEqual(tilde.nlpars);
    expect(bracket.nlpars).toEqual(tilde.nlpars);
    const a = keyed.nlpars?.a;
    expect(a?.b.map((r) => r.dist)).toEqual([{ family: "normal", args: [10, 5] }, { family: "normal", args: [0, 1] }]);
    // The default sd is brms's scale prior: student_t(3, 0, max(2.5, mad(y))), mad(y) = 3.3 here.
    expect(a?.groups[0].sd.map((r) => r.dist)).toEqual([{ family: "student_t", args: [3, 0, 3.3] }, { family: "exponential", args: [2] }]);
    expect(keyed.nlpars?.b).toMatchObject({ lb: 0 });
  });
  it("sd and cor without nlpar apply to every parameter's group terms (brms's cor rows have no nlpar)", () => {
    const p = resolvePriors(design, [...BOTH, "sd ~ exponential(1)", "cor ~ lkj(2)"]);
    expect(p.nlpars?.a.groups[0].sd.map((r) => r.dist)).toEqual([{ family: "exponential", args: [1] }, { family: "exponential", args: [1] }]);
    expect(p.nlpars?.a.groups[0].cor.dist).toEqual({ family: "lkj", args: [2] });
    expect(p.table.find((r) => r.class === "cor" && r.group === "g")?.prior).toBe("lkj(2)");
  });
  it("a fit needs a prior on every coefficient (brms stops too); hbayes priors still lists the flat ones", () => {
    expect(() => buildFormulaModel({ formula: FORMULA, data, priors: ["normal(10, 5), nlpar = a"] })).toThrow(
      'a non-linear model needs a prior on every coefficient of its parameters, as brms requires; b_b_Intercept has none: add e.g. --prior "normal(0, 5), nlpar = b"',
    );
    expect(resolvePriors(design, []).table.filter((r) => r.nlpar === "b").map((r) => r.prior)).toEqual(["(flat)", "(flat)"]);
  });
  it("lb / ub become the coefficients' bounds (a lower, an interval transform)", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ a * exp(-b * x), a ~ 1, b ~ 1, nl = TRUE)", data, priors: ["normal(10, 5), nlpar = a, lb = 0, ub = 30", "normal(0.5, 0.5), nlpar = b, lb = 0"] });
    expect(m.built.program.params.slice(0, 2).map((p) => p.transform)).toEqual([{ kind: "interval", lb: 0, ub: 30 }, { kind: "lower", lb: 0 }]);
  });
  it("refuses what brms refuses or what names nothing, with the statement in the message", () => {
    const bad: [string, string][] = [
      ["normal(0, 1)", "a non-linear model's coefficients belong to a parameter: add 'nlpar = a'"],
      ["b ~ normal(0, 1)", "a non-linear model's coefficients belong to a parameter: write 'b_a ~ …'"],
      ["normal(0, 1), nlpar = c", "no non-linear parameter 'c'"],
      ["normal(0, 1), nlpar = a, coef = w", "the a formula has no coefficient 'w'"],
      ["normal(0, 1), nlpar = a, coef = z, lb = 0", "lb and ub apply to all of a's coefficients, as in brms: drop coef"],
      ["normal(0, 1), nlpar = a, lb = 2, ub = 1", "lb must be below ub"],
      ["normal(0, 1), nlpar = a, lb = zero", "lb must be a finite number"],
      ["normal(0, 1), nlpar = a, kind = b", "unknown key 'kind'"],
      ["normal(0, 1), nlpar = a, nlpar = b", "'nlpar' is given twice"],
      ["lkj(2), class = cor, nlpar = a", "write 'cor ~ lkj(2)' without nlpar"],
      ["exponential(1), class = sd, nlpar = b", "the b formula has no group terms"],
      ["exponential(1), class = sd, nlpar = a, group = h", "no group term for 'h'"],
      ["Intercept ~ normal(0, 1)", "a non-linear model has no separate Intercept class"],
      ["exponential(1), class = sigma, lb = 0", "lb and ub are for a non-linear parameter's coefficients"],
    ];
    for (const [statement, message] of bad) expect(() => resolvePriors(design, [statement]), statement).toThrow(message);
    expect(() => resolvePriors(design, ["normal(0, 1), nlpar = a", "b_a ~ normal(0, 2)"])).toThrow("a prior for this parameter is given twice");
  });
  it("the family's own parameters keep their ordinary priors (sigma ~ …, or brms's class = sigma)", () => {
    expect(resolvePriors(design, ["sigma ~ exponential(1)"]).aux.sigma.dist).toEqual({ family: "exponential", args: [1] });
    expect(resolvePriors(design, ["exponential(1), class = sigma"]).aux.sigma.dist).toEqual({ family: "exponential", args: [1] });
  });
});
