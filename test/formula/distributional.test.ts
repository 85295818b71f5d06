// brms's distributional formulas, `bf(y ~ x + (1 | g), sigma ~ z)`: parsing, design (its own X,
// centring and names), priors (brms's get_prior defaults and the `b_sigma` / `Intercept_sigma`
// spellings), the IR (a per-row family parameter through brms's link) and refusals with messages.
// Reference names, links and default priors: brms 2.x make_stancode / get_prior, printed by
// tmp-free scripts in bench/qa/distributional-brms.R (bench/qa/results/dist-*.stan, dist-*-prior.txt).
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { buildDesign, resolvePriors } from "../../src/formula/index.js";
import { splitDistributionalFormula } from "../../src/formula/families.js";
import { createRng } from "../../src/random/rng.js";

const rng = createRng(20261129, 41);
const N = 40;
const data = {
  y: [] as number[],
  x: [] as number[],
  z: [] as number[],
  g: [] as string[],
  count: [] as number[],
};
for (let i = 0; i < N; i++) {
  const x = rng.normal();
  const z = i % 3;
  data.x.push(x);
  data.z.push(z);
  data.g.push("abcd"[i % 4]);
  data.y.push(1 + 0.5 * x + Math.exp(-0.5 + 0.4 * z) * rng.normal());
  data.count.push(i % 5);
}

describe("splitDistributionalFormula", () => {
  it("reads bf( … ), the bare comma form, and keeps commas inside parentheses", () => {
    expect(splitDistributionalFormula("bf(y ~ x + (1 | g), sigma ~ z)")).toEqual({ main: "y ~ x + (1 | g)", dpars: [{ dpar: "sigma", rhs: " z", pos: 27, text: "sigma ~ z" }] });
    expect(splitDistributionalFormula("y ~ poly(x, 2), shape ~ z, zi ~ 1").dpars.map((d) => [d.dpar, d.rhs.trim()])).toEqual([["shape", "z"], ["zi", "1"]]);
    expect(splitDistributionalFormula("y ~ poly(x, 2)")).toEqual({ main: "y ~ poly(x, 2)", dpars: [] });
    expect(splitDistributionalFormula("bf(y ~ x)")).toEqual({ main: "y ~ x", dpars: [] });
  });

  it("refuses unknown parameters, repeats and disc with what to do", () => {
    expect(() => splitDistributionalFormula("y ~ x, mu ~ z")).toThrow("'mu ~ …' is not a family parameter: distributional formulas model one of sigma, shape, nu, phi, zi, hu");
    expect(() => splitDistributionalFormula("y ~ x, sigma ~ z, sigma ~ 1")).toThrow("'sigma ~ …' is given twice");
    expect(() => splitDistributionalFormula("y ~ x, disc ~ z")).toThrow("discrimination is fixed at 1");
    expect(() => splitDistributionalFormula("y ~ x, z")).toThrow("each part must be a family parameter's formula such as 'sigma ~ x', got 'z'");
  });
});

describe("buildDesign with a distributional formula", () => {
  it("gives sigma its own X, centring means and brms's names; the constant sigma is gone", () => {
    const d = buildDesign("bf(y ~ x + (1 | g), sigma ~ z)", data);
    expect(d.aux).toEqual([]);
    expect(d.dpars).toHaveLength(1);
    const s = d.dpars[0];
    expect(s.dpar).toBe("sigma");
    expect(s.bNames).toEqual(["b_sigma_Intercept", "b_sigma_z"]);
    expect(s.X.names).toEqual(["z"]);
    expect(s.X.means[0]).toBeCloseTo(data.z.reduce((a, b) => a + b) / N, 14);
    expect(Array.from(s.X.values)).toEqual(data.z);
  });

  it("a family without the parameter names the family's own parameters", () => {
    expect(() => buildDesign("count ~ x, sigma ~ z", data, { family: "poisson" })).toThrow("'sigma ~ z': the poisson family has no sigma (it has no parameters besides the mean)");
    expect(() => buildDesign("count ~ x, sigma ~ z", data, { family: "negbinomial" })).toThrow("the negbinomial family has no sigma (it has shape)");
    expect(() => buildDesign("y | se(z) ~ x, sigma ~ z", { ...data, z: data.z.map((v) => v + 1) })).toThrow("with se() the residual sd is known");
  });

  it("takes group terms in the distributional part (test/formula/distributionalGroups.test.ts) but refuses brms's (1 | ID | g) with a caret", () => {
    expect(buildDesign("y ~ x, sigma ~ z + (1 | g)", data).dpars[0].groups.map((g) => g.names.sd)).toEqual([["sd_g__sigma_Intercept"]]);
    expect(() => buildDesign("y ~ x + (1 | g), sigma ~ (1 | p | g)", data)).toThrow(
      "formula: '(… | ID | g)' (group effects correlated across formulas) is not supported: write (… | g) in each formula; their effects are then independent\n  sigma ~ (1 | p | g)\n             ^",
    );
  });

  it("drops a row missing a distributional predictor from every part, as brms", () => {
    const z = data.z.map((v, i) => (i === 3 ? Number.NaN : v));
    const d = buildDesign("y ~ x, sigma ~ z", { ...data, z });
    expect(d.n).toBe(N - 1);
    expect(d.dpars[0].X.values.length).toBe(N - 1);
    expect(Array.from(d.rows)).not.toContain(3);
    expect(d.messages.join("\n")).toMatch(/dropped 1 row with missing values in z/);
  });

  it("an unknown column in the distributional part is named", () => {
    expect(() => buildDesign("y ~ x, sigma ~ w", data)).toThrow(/unknown column 'w'/);
  });
});

describe("priors of distributional formulas (brms's get_prior)", () => {
  it("defaults: Intercept_sigma student_t(3, 0, 2.5), b_sigma flat; zi's intercept logistic(0, 1)", () => {
    const p = resolvePriors(buildDesign("y ~ x, sigma ~ z", data));
    expect(p.dpars.sigma.intercept?.dist).toEqual({ family: "student_t", args: [3, 0, 2.5] });
    expect(p.dpars.sigma.b.map((r) => r.dist)).toEqual([{ family: "flat" }]);
    expect(p.aux).toEqual({});
    expect(p.table.filter((r) => r.class.endsWith("_sigma")).map((r) => [r.class, r.coef, r.prior])).toEqual([
      ["b_sigma", "", "(flat)"],
      ["b_sigma", "z", "(flat)"],
      ["Intercept_sigma", "", "student_t(3, 0, 2.5)"],
    ]);
    const zi = resolvePriors(buildDesign("count ~ x, zi ~ z", data, { family: "zero_inflated_poisson" }));
    expect(zi.dpars.zi.intercept?.dist).toEqual({ family: "logistic", args: [0, 1] });
  });

  it("user priors: b_sigma, b_sigma[z], b_sigma_z (brms's output name), Intercept_sigma, b_sigma_Intercept", () => {
    const d = buildDesign("y ~ x, sigma ~ z + x", data);
    const p = resolvePriors(d, ["b_sigma ~ normal(0, 1)", "b_sigma[x] ~ normal(0, 0.5)", "Intercept_sigma ~ normal(1, 2)"]);
    expect(p.dpars.sigma.b.map((r) => r.dist)).toEqual([
      { family: "normal", args: [0, 1] },
      { family: "normal", args: [0, 0.5] },
    ]);
    expect(p.dpars.sigma.intercept?.dist).toEqual({ family: "normal", args: [1, 2] });
    // The mean's b class is untouched by b_sigma.
    expect(p.b.map((r) => r.dist)).toEqual([{ family: "flat" }]);
    const q = resolvePriors(d, ["b_sigma_z ~ normal(0, 3)", "b_sigma_Intercept ~ normal(0, 4)"]);
    expect(q.dpars.sigma.b[0].dist).toEqual({ family: "normal", args: [0, 3] });
    expect(q.dpars.sigma.intercept?.dist).toEqual({ family: "normal", args: [0, 4] });
  });

  it("b_sigma_x names the mean's predictor sigma_x when sigma is not modelled; errors say what to write", () => {
    const d = buildDesign("y ~ sigma_x", { ...data, sigma_x: data.x });
    expect(resolvePriors(d, ["b_sigma_x ~ normal(0, 1)"]).b[0].dist).toEqual({ family: "normal", args: [0, 1] });
    expect(() => resolvePriors(buildDesign("y ~ x", data), ["b_sigma ~ normal(0, 1)"])).toThrow("sigma is not modelled by a formula (add 'sigma ~ …' to the model");
    const m = buildDesign("y ~ x, sigma ~ z", data);
    expect(() => resolvePriors(m, ["sigma ~ exponential(1)"])).toThrow("sigma is modelled by 'sigma ~ z': give priors to its coefficients (b_sigma ~ …, b_sigma[x] ~ …, Intercept_sigma ~ …)");
    expect(() => resolvePriors(m, ["b_sigma[w] ~ normal(0, 1)"])).toThrow("the sigma formula has no coefficient 'w'");
    expect(() => resolvePriors(m, ["b_sigma ~ normal(0, 1)", "b_sigma ~ normal(0, 2)"])).toThrow("given twice");
  });
});

describe("the IR of a distributional model", () => {
  const priors = ["Intercept ~ normal(0, 5)", "b ~ normal(0, 2)", "Intercept_sigma ~ normal(0, 1)", "b_sigma ~ normal(0, 1)"];

  it("has Intercept_sigma and b_sigma instead of a constant sigma, named as brms", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x + (1 | g), sigma ~ z)", data, priors });
    const names = m.built.program.params.map((p) => p.name);
    expect(names).toContain("Intercept_sigma");
    expect(names).toContain("b_sigma");
    expect(names).not.toContain("sigma");
    expect(m.built.outputs.rename.map(([, b]) => b).slice(0, 5)).toEqual(["b_Intercept", "b_sigma_Intercept", "b_x", "b_sigma_z", "sd_g__Intercept"]);
    expect(m.built.paramNames.dpars).toEqual([{ dpar: "sigma", intercept: "Intercept_sigma", b: "b_sigma" }]);
  });

  it("log density differences equal the hand-written heteroscedastic normal model's (per-row sigma = exp(eta_sigma))", () => {
    const m = buildFormulaModel({ formula: "y ~ x, sigma ~ z", data, priors });
    const c = compileModel(m.built.program, m.built.data);
    expect(c.dim).toBe(4);
    const xbar = data.x.reduce((a, b) => a + b) / N;
    const zbar = data.z.reduce((a, b) => a + b) / N;
    const at = (t: Float64Array) => {
      const v = new Float64Array(c.outputNames.length);
      c.constrain(t, v);
      return (name: string) => v[c.outputNames.indexOf(name)];
    };
    const hand = (t: Float64Array) => {
      const get = at(t);
      const [a, b, as, bs] = [get("Intercept"), get("b[1]"), get("Intercept_sigma"), get("b_sigma[1]")];
      let lp = normalLpdf(a, 0, 5) + normalLpdf(b, 0, 2) + normalLpdf(as, 0, 1) + normalLpdf(bs, 0, 1);
      for (let i = 0; i < N; i++) lp += normalLpdf(data.y[i], a + b * (data.x[i] - xbar), Math.exp(as + bs * (data.z[i] - zbar)));
      return lp;
    };
    const r = createRng(7, 1);
    const grad = new Float64Array(c.dim);
    const t0 = Float64Array.from({ length: c.dim }, () => 0.3 * r.normal());
    const l0 = c.logDensityGradient(t0, grad);
    for (let k = 0; k < 4; k++) {
      const t = Float64Array.from({ length: c.dim }, () => 0.5 * r.normal());
      // Differences cancel dropped constants; both are sums of the same ~50 terms: 1e-9 absolute.
      expect(c.logDensityGradient(t, grad) - l0).toBeCloseTo(hand(t) - hand(t0), 9);
    }
  });

  it("each family's parameter goes through brms's link: shape, phi exp; nu 1 + exp; zi, hu inv_logit", () => {
    const pos = data.count.map((v) => v + 1);
    const unit = data.count.map((v) => (v + 0.5) / 6);
    const cases: [string, string, number[], string][] = [
      ["gaussian", "sigma", data.y, "exp"],
      ["student", "nu", data.y, "add"],
      ["lognormal", "sigma", pos, "exp"],
      ["negbinomial", "shape", data.count, "exp"],
      ["gamma", "shape", pos, "exp"],
      ["weibull", "shape", pos, "exp"],
      ["beta", "phi", unit, "exp"],
      ["zero_inflated_negbinomial", "zi", data.count, "invLogit"],
      ["hurdle_poisson", "hu", data.count, "invLogit"],
    ];
    for (const [family, dpar, y, op] of cases) {
      const m = buildFormulaModel({ formula: `y ~ x, ${dpar} ~ z`, data: { ...data, y }, family });
      const lik = m.built.program.statements[m.built.program.statements.length - 1];
      const text = JSON.stringify(lik);
      expect(text, family).toContain(`"fn":"${op === "add" ? "exp" : op}"`);
      expect(m.built.program.params.some((p) => p.name === dpar), family).toBe(false);
      expect(m.built.outputs.rename.map(([, b]) => b), family).toContain(`b_${dpar}_z`);
    }
  });
});

describe("splitDistributionalFormula and quoted names", () => {
  it("commas and parentheses inside `quoted names` and strings do not split the formula", () => {
    const f = "`y, (odd)` ~ `x), (` + (1 | g)";
    expect(splitDistributionalFormula(f)).toEqual({ main: f, dpars: [] });
    expect(splitDistributionalFormula("`a,b` ~ x, sigma ~ `c,d`").dpars.map((d) => d.text)).toEqual(["sigma ~ `c,d`"]);
  });
});

describe("splitDistributionalFormula and bf( … )", () => {
  it("unwraps bf( … ) only when its ')' ends the formula", () => {
    expect(splitDistributionalFormula("  bf(y ~ x, sigma ~ z)  ").main).toBe("y ~ x");
    expect(splitDistributionalFormula("brms::bf(y ~ (x), shape ~ 1)").dpars.map((d) => d.dpar)).toEqual(["shape"]);
    expect(splitDistributionalFormula("bf(y) ~ x")).toEqual({ main: "bf(y) ~ x", dpars: [] });
  });
});
