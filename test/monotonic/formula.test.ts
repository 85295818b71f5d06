import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { buildDesign } from "../../src/formula/design.js";
import { monotonicCodes } from "../../src/formula/monotonic.js";
import { parsePrior } from "../../src/formula/priorParse.js";
import { priorTable, resolvePriors } from "../../src/formula/priors.js";
import { parseFormulaParts } from "../../src/formula/terms.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

// brms 2.18 on two simulated data sets (fixtures/make-brms.R): get_prior rows, variable names, summaries.
interface BrmsCase {
  name: string;
  data: string;
  formula: string;
  family: string;
  variables: string[];
  prior: { prior: string; class: string; coef: string; group: string; source: string }[];
}
const cases = JSON.parse(readFileSync(new URL("./fixtures/brms.json", import.meta.url), "utf8")) as BrmsCase[];
const csv = (name: string) => readCsvFile(new URL(`./fixtures/${name}.csv`, import.meta.url).pathname);

const small = { y: [1.2, 0.4, 2.2, 3.1, 2.5, 1.9, 0.7, 2.8], x: [1, 2, 3, 5, 4, 3, 1, 5], z: [0.1, -0.3, 0.5, 1, -1, 0.2, 0.4, -0.6], g: ["a", "b", "a", "b", "c", "c", "a", "b"], t: ["lo", "hi", "lo", "mid", "hi", "mid", "lo", "hi"] };

describe("brms 2.18's names and default priors (fixture)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: hbayes priors equals get_prior, the fit's variables equal brms's", (_, c) => {
    const model = buildFormulaModel({ formula: c.formula, data: csv(c.data), family: c.family });
    const table = priorTable(model.design);
    expect(table.map((r) => [r.class, r.coef, r.group])).toEqual(c.prior.map((p) => [p.class, p.coef, p.group]));
    c.prior.forEach((p, i) => {
      // brms leaves a row empty when it inherits (flat for class b, the class's prior for sd).
      if (p.prior !== "") expect(table[i].prior).toBe(p.prior);
      else if (p.class === "b") expect(table[i].prior).toBe("(flat)");
    });
    // Same names in the same order as brms's variables() (lprior and lp__ aside).
    expect(model.built.outputs.rename.map(([, brms]) => brms)).toEqual(c.variables);
  });
});

describe("parseMonotonic / the mo() term", () => {
  const fail = (f: string) => () => parseFormulaParts(f);
  it("reads mo(x) as a population-level term with brms's label", () => {
    const p = parseFormulaParts("y ~ mo(income) + z + (1 | g)");
    expect(p.monotonic?.map((m) => [m.vars.map((v) => v.column), m.label, m.text])).toEqual([[["income"], "moincome", "mo(income)"]]);
    expect(p.fixed.variables.map((v) => v.label)).toEqual(["z"]);
  });
  it("expands interactions as R's terms(): special terms in R's order with brms's labels, the rest stays in the part", () => {
    const p = parseFormulaParts("y ~ mo(x)*z + w:mo(v) + mo(x):mo(v) + u");
    expect(p.monotonic?.map((m) => [m.text, m.label])).toEqual([
      ["mo(x)", "mox"],
      ["mo(x):z", "mox:z"],
      ["w:mo(v)", "w:mov"],
      ["mo(x):mo(v)", "mox:mov"],
    ]);
    expect(p.fixed.variables.map((v) => v.label)).toEqual(["z", "w", "u"]);
    expect(p.fixed.terms.map((t) => t.map((v) => p.fixed.variables[v].label).join(":"))).toEqual(["z", "u"]);
    expect(parseFormulaParts("y ~ (mo(x) + z):w").monotonic?.map((m) => m.label)).toEqual(["mox:w"]);
  });
  it("refuses varying monotonic effects, id =, expressions and interactions with expressions with a caret", () => {
    expect(fail("y ~ mo(x) + (1 + mo(x) | g)")).toThrow(/varying monotonic effects[\s\S]*\^/);
    expect(fail("y ~ mo(x):log(z)")).toThrow(/mo\(\) interacts with plain numeric columns and other mo\(\) terms only, not 'log\(z\)'/);
    expect(fail("y ~ mo(x, id = 'a')")).toThrow(/id = …\) \(one simplex shared between terms\) is not supported/);
    expect(fail("y ~ mo(log(x))")).toThrow(/mo\(\) takes a column name/);
    expect(fail("y ~ mo(x, z)")).toThrow(/takes one column, got 2/);
    // The caret sits under the inner mo( (its offset in the text, 13, plus the line's indent).
    const text = "y ~ z + (1 + mo(x) | g)";
    const lines = (() => {
      try {
        parseFormulaParts(text);
        return [];
      } catch (e) {
        return String((e as Error).message).split("\n");
      }
    })();
    const at = lines.findIndex((l) => l.includes(text));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1].indexOf("^") - lines[at].indexOf(text)).toBe(text.indexOf("mo("));
  });
});

describe("designMonotonic: brms's get_mo_values coding", () => {
  it("codes whole numbers from their minimum (1 … 5 → 0 … 4, D = 4) and names bsp_mox, simo_mox1[k]", () => {
    const d = buildDesign("y ~ mo(x) + z", small);
    const m = d.monotonic?.[0];
    expect(m?.parts[0].min).toBe(1);
    expect(m?.parts[0].D).toBe(4);
    expect(Array.from(m?.parts[0].codes ?? [])).toEqual([0, 1, 2, 4, 3, 2, 0, 4]);
    expect(m?.names).toEqual({ bsp: "bsp_mox", simo: [["simo_mox1[1]", "simo_mox1[2]", "simo_mox1[3]", "simo_mox1[4]"]] });
    expect(m?.covariate).toBeNull();
    expect(d.X.names).toEqual(["z"]);
  });
  it("keeps gaps (0, 2, 5 → D = 5) and drops rows with a missing value", () => {
    const d = buildDesign("y ~ mo(x)", { y: [1, 2, 3, 4], x: [0, 2, null, 5] });
    expect(d.n).toBe(3);
    expect(d.monotonic?.[0].parts[0].D).toBe(5);
    expect(Array.from(d.monotonic?.[0].parts[0].codes ?? [])).toEqual([0, 2, 5]);
  });
  it("refuses text, fractions, a constant column and a missing column, naming column and row", () => {
    expect(() => buildDesign("y ~ mo(t)", small)).toThrow(/column 't' holds text; a monotonic predictor must hold whole numbers/);
    expect(() => buildDesign("y ~ mo(z)", small)).toThrow(/column 'z' row 1 has 0.1/);
    expect(() => buildDesign("y ~ mo(x)", { y: [1, 2], x: [3, 3] })).toThrow(/needs at least two different values/);
    expect(() => buildDesign("y ~ mo(w)", small)).toThrow(UserError);
  });
  it("an interaction mo(x):mo(w):z codes each call and multiplies the numeric columns; factors are refused", () => {
    const d = buildDesign("y ~ mo(x):mo(w):z", { ...small, w: [0, 2, 1, 1, 0, 2, 2, 0] });
    const m = d.monotonic?.[0];
    expect(m?.label).toBe("mox:mow:z");
    expect(m?.parts.map((p) => [p.column, p.min, p.D])).toEqual([["x", 1, 4], ["w", 0, 2]]);
    expect(Array.from(m?.covariate ?? [])).toEqual(small.z);
    expect(m?.names.bsp).toBe("bsp_mox:mow:z");
    expect(m?.names.simo.map((s) => s[0])).toEqual(["simo_mox:mow:z1[1]", "simo_mox:mow:z2[1]"]);
    expect(() => buildDesign("y ~ mo(x):g", small)).toThrow(/mo\(x\):g: column 'g' holds text; interactions of mo\(\) with factors are not supported/);
  });
  it("new rows use the fitted minimum and D; values outside are refused with column and row", () => {
    expect(Array.from(monotonicCodes("mo(x)", "x", { x: [1, 5, 3] }, Int32Array.of(0, 1, 2), { min: 1, D: 4 }).codes)).toEqual([0, 4, 2]);
    expect(() => monotonicCodes("mo(x)", "x", { x: [1, 6] }, Int32Array.of(0, 1), { min: 1, D: 4 })).toThrow(/newdata: mo\(x\): column 'x' row 2 has 6, outside the fitted values 1 … 5/);
    expect(() => monotonicCodes("mo(x)", "x", { x: [0] }, Int32Array.of(0), { min: 1, D: 4 })).toThrow(/row 1 has 0/);
  });
  it("is refused in distributional, categorical and non-linear formulas", () => {
    expect(() => buildDesign("bf(y ~ z, sigma ~ mo(x))", small)).toThrow(/mo\(\) is supported in the mean's formula only/);
    expect(() => buildDesign("t ~ mo(x)", small, { family: "categorical" })).toThrow(/not with the categorical family/);
    expect(() => buildDesign("bf(y ~ a * z, a ~ mo(x), nl = TRUE)", small)).toThrow(/mo\(\) in a non-linear parameter's formula is not supported/);
  });
});

describe("priors of mo() terms (brms 2.18: the coefficient is class b, the simplex class simo)", () => {
  const d = buildDesign("y ~ mo(x) + z", small);
  it("b covers bsp_mox; b[mox], b_mox, bsp_mox, bsp[mox] and bsp name it; dirichlet(1) is the default simplex prior", () => {
    const p0 = resolvePriors(d);
    expect(p0.monotonic?.[0].bsp.dist).toEqual({ family: "flat" });
    expect(p0.monotonic?.[0].simo[0].alpha).toEqual([1, 1, 1, 1]);
    expect(resolvePriors(d, ["b ~ normal(0, 2)"]).monotonic?.[0].bsp.dist).toEqual({ family: "normal", args: [0, 2] });
    for (const s of ["b[mox] ~ normal(0, 1)", "b_mox ~ normal(0, 1)", "bsp_mox ~ normal(0, 1)", "bsp[mox] ~ normal(0, 1)", "bsp ~ normal(0, 1)"]) {
      const p = resolvePriors(d, ["b ~ normal(0, 5)", s]);
      expect(p.monotonic?.[0].bsp, s).toEqual({ dist: { family: "normal", args: [0, 1] }, source: "user" });
      expect(p.b[0].dist, s).toEqual({ family: "normal", args: [0, 5] });
    }
  });
  it("simo[mox1] / simo_mox1 take D concentrations or one for all; other lengths and names are refused", () => {
    expect(resolvePriors(d, ["simo[mox1] ~ dirichlet(2, 2, 3, 4)"]).monotonic?.[0].simo[0].alpha).toEqual([2, 2, 3, 4]);
    expect(resolvePriors(d, ["simo_mox1 ~ dirichlet(2)"]).monotonic?.[0].simo[0].alpha).toEqual([2, 2, 2, 2]);
    expect(() => resolvePriors(d, ["simo[mox1] ~ dirichlet(2, 2, 2)"])).toThrow(/mo\(x\) has D = 4 steps \(values 1 … 5\), so its Dirichlet takes 4 concentrations \(or one for all\), got 3/);
    expect(() => resolvePriors(d, ["simo[mo1] ~ dirichlet(2)"])).toThrow(/no simplex 'mo1'/);
    expect(() => resolvePriors(d, ["simo ~ dirichlet(2)"])).toThrow(/a simplex prior names its term/);
    expect(() => resolvePriors(d, ["bsp[moz] ~ normal(0, 1)"])).toThrow(/no monotonic term 'moz'/);
    expect(() => resolvePriors(buildDesign("y ~ z", small), ["bsp ~ normal(0, 1)"])).toThrow(/the model has no monotonic terms/);
    expect(() => parsePrior("simo[mox1] ~ normal(0, 1)")).toThrow(/normal is not allowed for simo: use dirichlet/);
    expect(() => parsePrior("b ~ dirichlet(1)")).toThrow(/dirichlet is not allowed for b/);
    expect(() => parsePrior("simo[mox1] ~ dirichlet(1, -2)")).toThrow(/dirichlet's alpha 2 must be positive, got -2/);
  });
  it("brms's keyed spelling: 'normal(0, 1), class = bsp' and 'dirichlet(…), class = simo, coef = mox1'", () => {
    const p = resolvePriors(d, ["normal(0, 1), class = bsp", "dirichlet(2, 2, 3, 4), coef = 'mox1', class = simo"]);
    expect(p.monotonic?.[0].bsp).toEqual({ dist: { family: "normal", args: [0, 1] }, source: "user" });
    expect(p.monotonic?.[0].simo[0].alpha).toEqual([2, 2, 3, 4]);
    expect(parsePrior("normal(0, 1), class = bsp").text).toBe("normal(0, 1), class = bsp");
    expect(() => resolvePriors(d, ["dirichlet(2, 2), class = simo, coef = mox1"])).toThrow(/takes 4 concentrations/);
  });
  it("a model of mo() alone takes a class b prior and lists it", () => {
    const only = buildDesign("y ~ mo(x)", small);
    const t = priorTable(only, ["b ~ normal(0, 1)", "simo[mox1] ~ dirichlet(2)"]);
    expect(t.filter((r) => r.class === "b" || r.class === "simo").map((r) => [r.class, r.coef, r.prior, r.source])).toEqual([
      ["b", "", "normal(0, 1)", "user"],
      ["b", "mox", "normal(0, 1)", "user"],
      ["simo", "mox1", "dirichlet(2)", "user"],
    ]);
    // A misspelt coefficient is told the mo() coefficients (the list used to be empty here).
    expect(() => priorTable(only, ["b[mx] ~ normal(0, 1)"])).toThrow("no coefficient 'mx' (did you mean 'mox'?); the coefficients are mox");
  });
});
