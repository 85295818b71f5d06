import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { parsePrior } from "../../src/formula/priorParse.js";
import { priorTable, resolvePriors } from "../../src/formula/priors.js";
import { formatR, roundR1 } from "../../src/formula/rformat.js";

// brms 2.18 get_prior on the same cases as the design fixtures (fixtures/make-brms.R).
const fx = JSON.parse(readFileSync(new URL("./fixtures/brms.json", import.meta.url), "utf8"));
interface Case { id: string; formula: string; family: string; priors: { prior: string; class: string; coef: string; group: string; source: string }[] }
const cases: Case[] = fx.cases;

describe("default priors equal brms get_prior", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const d = buildDesign(c.formula, fx.data, { family: c.family });
    const table = priorTable(d);
    // Same rows in the same order; brms leaves a row's prior empty when it inherits from the row above.
    expect(table.map((r) => [r.class, r.coef, r.group])).toEqual(c.priors.map((p) => [p.class, p.coef, p.group]));
    c.priors.forEach((p, i) => {
      if (p.prior !== "") expect(table[i].prior).toBe(p.prior);
      else if (p.class === "b") expect(table[i].prior).toBe("(flat)");
      expect(table[i].source).toBe("default");
    });
  });

  it("R's round(x, 1) and as.character (fixture from R)", () => {
    fx.rounding.x.forEach((x: number, i: number) => expect(roundR1(x)).toBe(fx.rounding.r[i]));
    expect([1e5, 123456, 1e-4, 0.001, 1.069823732559684, -2.5, 1 / 3].map(formatR)).toEqual(["1e+05", "123456", "1e-04", "0.001", "1.06982373255968", "-2.5", "0.333333333333333"]);
  });
});

describe("user priors", () => {
  const d = buildDesign("y ~ x + z + (1 + x | grp) + (1 | g1)", fx.data);

  it("resolve most-specific first and mark their source", () => {
    const p = resolvePriors(d, ["b ~ normal(0, 5)", "b_z ~ normal(0, 1)", "sd ~ exponential(1)", "sd[grp, x] ~ normal(0, 0.5)", "cor ~ lkj(2)", "sigma ~ exponential(2)", "Intercept ~ student_t(3, 0, 10)"]);
    expect(p.b.map((r) => r.dist)).toEqual([{ family: "normal", args: [0, 5] }, { family: "normal", args: [0, 1] }]);
    expect(p.groups.map((g) => g.sd.map((s) => s.dist))).toEqual([
      [{ family: "exponential", args: [1] }],
      [{ family: "exponential", args: [1] }, { family: "normal", args: [0, 0.5] }],
    ]);
    expect(d.groups.map((g) => g.group)).toEqual(["g1", "grp"]);
    expect(p.groups[1].cor).toEqual({ dist: { family: "lkj", args: [2] }, source: "user" });
    expect(p.aux.sigma.dist).toEqual({ family: "exponential", args: [2] });
    expect(p.intercept?.source).toBe("user");
    const row = p.table.find((r) => r.class === "sd" && r.coef === "x" && r.group === "grp");
    expect(row).toEqual({ class: "sd", coef: "x", group: "grp", prior: "normal(0, 0.5)", source: "user" });
  });

  it("accept brms's parameter names and bracket forms", () => {
    expect(parsePrior("sd_grp__Intercept ~ normal(0, 1)")).toMatchObject({ class: "sd", group: "grp", coef: "Intercept" });
    expect(parsePrior("sd[grp] ~ exponential(1)")).toMatchObject({ class: "sd", group: "grp", coef: "" });
    expect(parsePrior("b[x:z] ~ normal(0,1)")).toMatchObject({ class: "b", coef: "x:z" });
    expect(parsePrior("cor_grp ~ lkj(2)")).toMatchObject({ class: "cor", group: "grp" });
    expect(parsePrior("b ~ flat").dist).toEqual({ family: "flat" });
    expect(parsePrior("shape ~ gamma(0.01, 0.01)").dist).toEqual({ family: "gamma", args: [0.01, 0.01] });
  });

  it("accept brms's keyed prior() arguments for every class, as the ~ form (class, coef, group in any order)", () => {
    expect(parsePrior("normal(0, 1), class = b")).toMatchObject({ class: "b", coef: "", group: "", dist: { family: "normal", args: [0, 1] }, text: "normal(0, 1), class = b" });
    expect(parsePrior("normal(0, 1), coef = x, class = b")).toMatchObject({ class: "b", coef: "x" });
    expect(parsePrior('student_t(3, 0, 1), class = "sd", group = g, coef = Intercept')).toMatchObject({ class: "sd", group: "g", coef: "Intercept" });
    expect(parsePrior("lkj(2), class = cor, group = g")).toMatchObject({ class: "cor", group: "g" });
    expect(parsePrior("exponential(1), class = sigma")).toMatchObject({ class: "sigma", dist: { family: "exponential", args: [1] } });
    expect(parsePrior("dirichlet(2, 2, 2), class = simo, coef = mox1")).toMatchObject({ class: "simo", coef: "mox1" });
    expect(() => parsePrior("normal(0, 1), class = sd, coef = Intercept")).toThrow(/class = sd with coef = Intercept needs the group too/);
    // Keys this parser does not read (dpar, nlpar, resp) are the distributional / non-linear / multivariate layers'.
    expect(() => parsePrior("normal(0, 1), class = b, dpar = sigma")).toThrow(/expected '~'/);
  });

  it.each([
    ["b ~ normal(0, 5", "prior: expected ')' to close '(' opened at column 11\n  b ~ normal(0, 5\n                 ^"],
    ["b normal(0, 5)", "prior: expected '~' between the parameter and its distribution (e.g. b ~ normal(0, 5))\n  b normal(0, 5)\n                ^"],
    ["bb ~ normal(0, 5)", "prior: unknown parameter class 'bb': use one of Intercept, b, sd, sds, cor, sigma, nu, shape, phi, zi, hu, bsp, simo (b[x] or b_x for one coefficient)\n  bb ~ normal(0, 5)\n  ^"],
    ["b ~ normal(0, x)", "prior: expected a number, found 'x'\n  b ~ normal(0, x)\n                ^"],
    ["b ~ normal(0)", "prior: normal takes 2 arguments (mu, sigma), got 1\n  b ~ normal(0)\n             ^"],
    ["b ~ wald(1)", "prior: unknown distribution 'wald': supported are normal, student_t, cauchy, exponential, gamma, lognormal, lkj, beta, logistic, dirichlet, flat\n  b ~ wald(1)\n      ^"],
    ["cor ~ normal(0, 1)", "prior: normal is not allowed for cor: use lkj\n  cor ~ normal(0, 1)\n        ^"],
    ["b ~ exponential(1)", "prior: exponential is not allowed for b: use normal, student_t, cauchy, logistic, flat\n  b ~ exponential(1)\n      ^"],
    ["sd ~ normal(0, -1)", "prior sd ~ normal(0, -1): normal's sigma must be positive, got -1"],
  ])("syntax and distribution errors: %j", (text, message) => {
    expect(() => parsePrior(text)).toThrow(new UserError(message));
  });

  it.each([
    ["b_w ~ normal(0, 1)", "prior b_w ~ normal(0, 1): no coefficient 'w' (did you mean 'x' or 'z'?); the coefficients are x, z"],
    ["b_Intercept ~ normal(0, 1)", "prior b_Intercept ~ normal(0, 1): the intercept has its own class: write 'Intercept ~ …'"],
    ["sd[gpr] ~ exponential(1)", "prior sd[gpr] ~ exponential(1): no grouping factor 'gpr' (did you mean 'g1' or 'grp'?); groups are g1, grp"],
    ["sd[grp, y] ~ exponential(1)", "prior sd[grp, y] ~ exponential(1): 'grp' has no effect 'y' (did you mean 'x'?); its effects are Intercept, x"],
    ["cor[g1] ~ lkj(2)", "prior cor[g1] ~ lkj(2): 'g1' has no correlated effects (a correlation needs a term like (1 + x | g1))"],
    ["shape ~ gamma(1, 1)", "prior shape ~ gamma(1, 1): the gaussian family has no shape"],
  ])("names checked against the model: %j", (text, message) => {
    expect(() => resolvePriors(d, [text])).toThrow(new UserError(message));
  });

  it("no sigma with se(); no cor without correlated terms; no duplicate statements", () => {
    const se = buildDesign("y | se(se) ~ x + (1 | grp)", fx.data);
    expect(() => resolvePriors(se, ["sigma ~ exponential(1)"])).toThrow("the gaussian family has no sigma when se() is given");
    expect(() => resolvePriors(se, ["cor ~ lkj(2)"])).toThrow("no group term has correlated effects");
    expect(() => resolvePriors(d, ["b ~ normal(0, 1)", "b ~ normal(0, 2)"])).toThrow("given twice");
  });
});
