// Group terms in distributional formulas, `bf(y ~ x + (1 | g), sigma ~ z + (1 | g))`: brms's names
// (sd_g__sigma_Intercept, cor_g__sigma_Intercept__sigma_z, r_g__sigma[a,Intercept]), brms 2.18's default
// sd prior (get_prior on sleepstudy's sigma ~ (1 | Subject) gives the mean's student_t(3, 0, 59.3):
// bench/qa/results/dist-sleep_sigma_re-prior.txt), the prior spellings, and the IR's log density
// against a hand-written model with non-centred sigma effects (brms's Stan code,
// bench/qa/results/dist-sleep_sigma_re.stan: r_2_sigma_1 = sd_2[1] * z_2[1], sigma = exp(…)).
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { buildDesign, resolvePriors } from "../../src/formula/index.js";
import { defaultScalePrior } from "../../src/formula/priors.js";
import { createRng } from "../../src/random/rng.js";

const rng = createRng(20261129, 44);
const N = 48;
const data = { y: [] as number[], x: [] as number[], z: [] as number[], g: [] as string[], h: [] as string[] };
const gEffect = [-0.4, 0.1, 0.5, -0.2];
for (let i = 0; i < N; i++) {
  const x = rng.normal();
  const z = (i % 3) - 1;
  data.x.push(x);
  data.z.push(z);
  data.g.push("abcd"[i % 4]);
  data.h.push("pqr"[i % 3]);
  data.y.push(1 + 0.5 * x + Math.exp(-0.3 + 0.2 * z + gEffect[i % 4]) * rng.normal());
}

describe("design of a distributional part's group terms", () => {
  it("names them as brms: sd_g__sigma_Intercept, cor_g__sigma_Intercept__sigma_z, r_g__sigma[a,Intercept]", () => {
    const d = buildDesign("bf(y ~ x + (1 | g), sigma ~ z + (1 + z | g) + (1 | h))", data);
    const [gs, hs] = d.dpars[0].groups;
    expect(gs.names.sd).toEqual(["sd_g__sigma_Intercept", "sd_g__sigma_z"]);
    expect(gs.names.cor).toEqual(["cor_g__sigma_Intercept__sigma_z"]);
    expect(gs.names.r.slice(0, 2)).toEqual(["r_g__sigma[a,Intercept]", "r_g__sigma[b,Intercept]"]);
    expect(gs.names.r[4]).toBe("r_g__sigma[a,z]");
    expect(hs.names.sd).toEqual(["sd_h__sigma_Intercept"]);
    expect(Array.from(gs.index.slice(0, 5))).toEqual([0, 1, 2, 3, 0]);
    // The mean's group keeps its own names.
    expect(d.groups[0].names.sd).toEqual(["sd_g__Intercept"]);
    expect(() => buildDesign("y ~ x, sigma ~ (1 | g) + (1 | g)", data)).toThrow("the effect 'Intercept' of 'g' appears in both (1 | g) and (1 | g)");
  });

  it("the IR orders outputs as brms: sd of the mean's groups, then the part's, cor, then r_g, r_g__sigma", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x + (1 + x | g), sigma ~ (1 | g))", data });
    const names = m.built.outputs.rename.map(([, b]) => b);
    expect(names.slice(0, 7)).toEqual(["b_Intercept", "b_sigma_Intercept", "b_x", "sd_g__Intercept", "sd_g__x", "sd_g__sigma_Intercept", "cor_g__Intercept__x"]);
    expect(names.filter((n) => n.startsWith("r_g__sigma["))).toEqual(["a", "b", "c", "d"].map((l) => `r_g__sigma[${l},Intercept]`));
    expect(names.indexOf("r_g__sigma[a,Intercept]")).toBeGreaterThan(names.indexOf("r_g[d,x]"));
    // Non-centred: standard-normal z per level, no centred r parameter.
    const params = m.built.program.params.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(["sd_2", "z_2_1"]));
  });
});

describe("priors of a distributional part's group terms", () => {
  it("default: the mean's sd default (brms 2.18 get_prior), rows sd_sigma / Subject / Intercept as hbayes priors shows them", () => {
    const d = buildDesign("bf(y ~ x + (1 | g), sigma ~ (1 | g))", data);
    const p = resolvePriors(d);
    expect(p.dpars.sigma.groups[0].sd[0]).toEqual({ dist: defaultScalePrior(d, true), source: "default" });
    const rows = p.table.filter((r) => r.class === "sd_sigma").map((r) => [r.coef, r.group, r.source]);
    expect(rows).toEqual([["", "", "default"], ["", "g", "default"], ["Intercept", "g", "default"]]);
  });

  it("user spellings: sd_sigma, sd_sigma[g], sd_sigma[g, z], sd_g__sigma_z (brms's output name), cor_sigma[g]; the mean's sd untouched", () => {
    const d = buildDesign("bf(y ~ x + (1 | g), sigma ~ (1 + z | g) + (1 | h))", data);
    const sd = (statements: string[]) => {
      const p = resolvePriors(d, statements).dpars.sigma.groups;
      return p.map((g) => g.sd.map((q) => JSON.stringify(q.dist)));
    };
    const e1 = JSON.stringify({ family: "exponential", args: [1] });
    const e2 = JSON.stringify({ family: "exponential", args: [2] });
    const e3 = JSON.stringify({ family: "exponential", args: [3] });
    expect(sd(["sd_sigma ~ exponential(1)"])).toEqual([[e1, e1], [e1]]);
    expect(sd(["sd_sigma ~ exponential(1)", "sd_sigma[g] ~ exponential(2)"])).toEqual([[e2, e2], [e1]]);
    expect(sd(["sd_sigma[g] ~ exponential(2)", "sd_sigma[g, z] ~ exponential(3)"])).toEqual([[e2, e3], [JSON.stringify(defaultScalePrior(d, true))]]);
    expect(sd(["sd_g__sigma_z ~ exponential(3)"])[0][1]).toBe(e3);
    const p = resolvePriors(d, ["sd_sigma ~ exponential(1)", "cor_sigma[g] ~ lkj(2)"]);
    expect(p.groups[0].sd[0].source).toBe("default");
    expect(p.dpars.sigma.groups[0].cor.dist).toEqual({ family: "lkj", args: [2] });
    expect(p.table.filter((r) => r.class === "cor_sigma").map((r) => [r.group, r.prior])).toEqual([["", "lkj(1)"], ["g", "lkj(2)"]]);
  });

  it("errors name what exists; a bare sd_sigma still names a grouping factor 'sigma' when the sigma formula has none", () => {
    const d = buildDesign("bf(y ~ x + (1 | g), sigma ~ (1 | g))", data);
    expect(() => resolvePriors(d, ["sd_sigma[k] ~ exponential(1)"])).toThrow(/^prior sd_sigma\[k\] ~ exponential\(1\): the sigma formula has no group term for 'k'.*; its groups are g$/);
    expect(() => resolvePriors(d, ["sd_sigma[g, z] ~ exponential(1)"])).toThrow("'g' in the sigma formula has no effect 'z'; its effects are Intercept");
    expect(() => resolvePriors(d, ["cor_sigma ~ lkj(2)"])).toThrow("no group term of the sigma formula has correlated effects");
    const plain = buildDesign("bf(y ~ x + (1 | g), sigma ~ z)", data);
    expect(() => resolvePriors(plain, ["sd_sigma[g] ~ exponential(1)"])).toThrow("the sigma formula has no group terms");
    expect(() => resolvePriors(plain, ["sd_sigma ~ exponential(1)"])).toThrow("no grouping factor 'sigma'");
    expect(() => resolvePriors(buildDesign("bf(y ~ x, sigma ~ (1 | g))", data), ["sd ~ exponential(1)"])).toThrow(
      "prior sd ~ exponential(1): the mean has no group terms; the sigma formula's sds are sd_sigma ~ …",
    );
    const named = buildDesign("y ~ x + (1 | sigma)", { ...data, sigma: data.g });
    expect(resolvePriors(named, ["sd_sigma ~ exponential(1)"]).groups[0].sd[0]).toEqual({ dist: { family: "exponential", args: [1] }, source: "user" });
  });
});

describe("the IR with sigma ~ z + (1 | g)", () => {
  const priors = ["Intercept ~ normal(0, 5)", "b ~ normal(0, 2)", "Intercept_sigma ~ normal(0, 1)", "b_sigma ~ normal(0, 1)", "sd_sigma ~ normal(0, 1)"];

  it("log density differences equal the hand-written model: sigma_i = exp(Intercept_sigma + b_sigma zc_i + sd z_g[i]), z ~ N(0, 1)", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x, sigma ~ z + (1 | g))", data, priors });
    const c = compileModel(m.built.program, m.built.data);
    expect(c.dim).toBe(4 + 1 + 4);
    const xbar = data.x.reduce((a, b) => a + b) / N;
    const zbar = data.z.reduce((a, b) => a + b) / N;
    const hand = (t: Float64Array) => {
      const v = new Float64Array(c.outputNames.length);
      c.constrain(t, v);
      const get = (name: string) => v[c.outputNames.indexOf(name)];
      const [a, b, as, bs, sd] = [get("Intercept"), get("b[1]"), get("Intercept_sigma"), get("b_sigma[1]"), get("sd_1[1]")];
      const z = [1, 2, 3, 4].map((j) => get(`z_1_1[${j}]`));
      // sd's half-normal through its lower bound: log|d sd / d log sd| = log sd (constants cancel in differences).
      let lp = normalLpdf(a, 0, 5) + normalLpdf(b, 0, 2) + normalLpdf(as, 0, 1) + normalLpdf(bs, 0, 1) + normalLpdf(sd, 0, 1) + Math.log(sd);
      for (const zj of z) lp += normalLpdf(zj, 0, 1);
      for (let i = 0; i < N; i++) lp += normalLpdf(data.y[i], a + b * (data.x[i] - xbar), Math.exp(as + bs * (data.z[i] - zbar) + sd * z[i % 4]));
      return lp;
    };
    const r = createRng(7, 2);
    const grad = new Float64Array(c.dim);
    const t0 = Float64Array.from({ length: c.dim }, () => 0.3 * r.normal());
    const l0 = c.logDensityGradient(t0, grad);
    for (let k = 0; k < 4; k++) {
      const t = Float64Array.from({ length: c.dim }, () => 0.5 * r.normal());
      // Differences cancel dropped constants; sums of ~60 terms of size ≤ 1e2: 1e-9 absolute.
      expect(c.logDensityGradient(t, grad) - l0).toBeCloseTo(hand(t) - hand(t0), 9);
    }
    // The output r_g__sigma is sd · z.
    const v = new Float64Array(c.outputNames.length);
    c.constrain(t0, v);
    const rename = new Map(m.built.outputs.rename);
    const irOf = (brms: string) => [...rename].find(([, b]) => b === brms)?.[0] as string;
    expect(v[c.outputNames.indexOf(irOf("r_g__sigma[c,Intercept]"))]).toBeCloseTo(v[c.outputNames.indexOf("sd_1[1]")] * v[c.outputNames.indexOf("z_1_1[3]")], 14);
  });

  it("shape ~ (1 | g) and zi ~ (1 | g) use the same machinery (log and logit links), names sd_g__shape_Intercept, sd_g__zi_Intercept", () => {
    const counts = { ...data, y: data.y.map((v, i) => (i * 5) % 7) };
    const nb = buildFormulaModel({ formula: "bf(y ~ x, shape ~ (1 | g))", data: counts, family: "negbinomial" });
    expect(nb.built.outputs.rename.map(([, b]) => b)).toContain("sd_g__shape_Intercept");
    const zi = buildFormulaModel({ formula: "bf(y ~ x, zi ~ (1 | g))", data: counts, family: "zero_inflated_poisson" });
    expect(zi.built.outputs.rename.map(([, b]) => b)).toContain("r_g__zi[d,Intercept]");
    for (const m of [nb, zi]) {
      const c = compileModel(m.built.program, m.built.data);
      const grad = new Float64Array(c.dim);
      expect(Number.isFinite(c.logDensityGradient(new Float64Array(c.dim).fill(0.1), grad))).toBe(true);
    }
  });
});
