import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import type { Statement } from "../../src/ir/types.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { poolingFromFormula } from "../../src/pooling/index.js";
import { logLikFormula, logLikFromDraws } from "../../src/predict/formulaPredict.js";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { expectAgrees } from "../compiler/support/agreement.js";

// weights(w) as brms: row i's log density times w_i, so k identical rows and one row of weight k give
// the same log density and gradient at every point. Checked for every formula family but cumulative
// (refused: its emitter has no weighted form yet), on data with a group term, explicit priors (brms's
// default priors read the response, which differs between the two data sets) and no population
// intercept: brms centres X by its unweighted column means, which differ between the two data sets,
// so the centred intercept would be another parameter (the uncentred b_Intercept is not).
const G = ["a", "b", "c"];
const expanded = { x: [] as number[], g: [] as string[], y: [] as number[] };
const aggregated = { x: [] as number[], g: [] as string[], y: [] as number[], n: [] as number[] };
for (let r = 0; r < 9; r++) {
  const x = (r % 3) * 0.5;
  const g = G[r % 3 === 0 ? 0 : (r * 7) % 3];
  const k = 1 + (r % 4);
  const y = 1 + ((r * 5) % 4);
  aggregated.x.push(x);
  aggregated.g.push(g);
  aggregated.y.push(y);
  aggregated.n.push(k);
  for (let j = 0; j < k; j++) {
    expanded.x.push(x);
    expanded.g.push(g);
    expanded.y.push(y);
  }
}
const unit = (v: number[]) => v.map((y) => y / 6);
const FAMILIES: { family: string; y?: (v: number[]) => number[]; aux: string[] }[] = [
  { family: "gaussian", aux: ["sigma ~ exponential(1)"] },
  { family: "student", aux: ["sigma ~ exponential(1)", "nu ~ gamma(2, 0.1)"] },
  { family: "poisson", aux: [] },
  { family: "negbinomial", aux: ["shape ~ gamma(2, 1)"] },
  { family: "binomial", aux: [] },
  { family: "bernoulli", y: (v) => v.map((y) => y % 2), aux: [] },
  { family: "gamma", aux: ["shape ~ gamma(2, 1)"] },
  { family: "lognormal", aux: ["sigma ~ exponential(1)"] },
  { family: "weibull", aux: ["shape ~ gamma(2, 1)"] },
  { family: "exponential", aux: [] },
  { family: "beta", y: unit, aux: ["phi ~ gamma(2, 1)"] },
  { family: "zero_inflated_poisson", y: (v) => v.map((y) => y - 1), aux: ["zi ~ beta(1, 1)"] },
  { family: "zero_inflated_negbinomial", y: (v) => v.map((y) => y - 1), aux: ["shape ~ gamma(2, 1)", "zi ~ beta(1, 1)"] },
  { family: "hurdle_poisson", y: (v) => v.map((y) => y - 1), aux: ["hu ~ beta(1, 1)"] },
  { family: "hurdle_negbinomial", y: (v) => v.map((y) => y - 1), aux: ["shape ~ gamma(2, 1)", "hu ~ beta(1, 1)"] },
];

const likelihoodOf = (program: { statements: Statement[] }) => program.statements[program.statements.length - 1] as Extract<Statement, { kind: "distribution" }>;

describe("weights() in formula models", () => {
  for (const f of FAMILIES) {
    it(`${f.family}: weights(n) on aggregated rows gives the expanded data's log density and gradient`, () => {
      const priors = ["b ~ normal(0, 2)", "sd ~ exponential(1)", ...f.aux];
      const yOf = f.y ?? ((v: number[]) => v);
      const trials = f.family === "binomial" ? " | trials(4)" : "";
      const w = buildFormulaModel({ formula: `y | weights(n)${trials.replace(" |", " +")} ~ 0 + x + (1 | g)`, data: { ...aggregated, y: yOf(aggregated.y) }, family: f.family, priors });
      const e = buildFormulaModel({ formula: `y${trials} ~ 0 + x + (1 | g)`, data: { ...expanded, y: yOf(expanded.y) }, family: f.family, priors });
      expect(likelihoodOf(w.built.program).weights).toBeDefined();
      const mw = compileModel(w.built.program, w.built.data);
      const me = compileModel(e.built.program, e.built.data);
      expect(mw.dim).toBe(me.dim);
      const rng = createRng(20261129, FAMILIES.indexOf(f));
      const gw = new Float64Array(mw.dim);
      const ge = new Float64Array(me.dim);
      for (let p = 0; p < 5; p++) {
        const theta = Float64Array.from({ length: mw.dim }, () => 0.4 * rng.normal());
        const lw = mw.logDensityGradient(theta, gw);
        const le = me.logDensityGradient(theta, ge);
        // Sums of the same terms in another order and grouping: agreement to rounding (1e-12 relative).
        expectAgrees(lw, gw, { value: le, grad: ge }, "expanded data", { value: 1e-12, grad: 1e-11 });
      }
    });
  }

  it("cumulative refuses weights() with a clear message", () => {
    expect(() => buildFormulaModel({ formula: "y | weights(n) ~ x", data: { ...aggregated, y: aggregated.y.map(String) }, family: "cumulative", levels: ["1", "2", "3", "4"] })).toThrow(
      "weights() are not supported for the cumulative family yet",
    );
  });

  it("log_lik of a weighted row is its log density times its weight (brms's log_lik_weight), and sums to the log-likelihood", async () => {
    const m = await fitFormulaModel(
      { formula: "y | weights(n) ~ x", data: aggregated, family: "poisson" },
      { chains: 1, warmup: 100, draws: 20, seed: 3, threads: 1 },
    );
    const ll = logLikFormula(m.fit, m.model);
    const b0 = m.fit.get("b_Intercept");
    const b1 = m.fit.get("b_x");
    for (let s = 0; s < ll.draws; s += 7) {
      for (let i = 0; i < ll.observations; i++) {
        const eta = b0[s] + b1[s] * aggregated.x[i];
        const y = aggregated.y[i];
        let lfact = 0;
        for (let k = 2; k <= y; k++) lfact += Math.log(k);
        expect(ll.data[s * ll.observations + i]).toBeCloseTo(aggregated.n[i] * (y * eta - Math.exp(eta) - lfact), 10);
      }
    }
  });
});

describe("cens() in formula models", () => {
  const kidneyLike = {
    time: [8, 23, 22, 447, 30, 24, 7, 511, 53, 15, 7, 7, 141, 96, 149, 536],
    censored: [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1],
    age: [28, 48, 32, 31, 10, 16, 51, 55, 69, 51, 44, 34, 35, 42, 17, 60],
    patient: ["1", "2", "3", "4", "5", "6", "7", "8", "1", "2", "3", "4", "5", "6", "7", "8"],
  };

  it("weibull: the likelihood is brms's weibull(shape, exp(eta) / Γ(1 + 1/shape)) with the censoring codes", () => {
    const m = buildFormulaModel({ formula: "time | cens(censored) ~ age + (1 | patient)", data: kidneyLike, family: "weibull" });
    const st = likelihoodOf(m.built.program);
    expect(st.family).toBe("weibull");
    expect(st.cens).toBeDefined();
    expect(Array.from(m.built.data[st.cens!.code])).toEqual(kidneyLike.censored);
    expect(st.weights).toBeUndefined();
    expect(m.spec.auxPriors.shape).toEqual({ family: "gamma", args: [0.01, 0.01] });
  });

  it("automatic marginalisation declines weighted and censored gaussian likelihoods (it takes the same model without them)", () => {
    const data = { y: kidneyLike.age, x: kidneyLike.time.map((t) => Math.log(t)), g: kidneyLike.patient, c: kidneyLike.censored, w: kidneyLike.censored.map((c) => 1 + c) };
    const plain = buildFormulaModel({ formula: "y ~ x + (1 | g)", data });
    expect(planMarginal(plain.built.program, plain.built.data)).not.toBeNull();
    for (const formula of ["y | cens(c) ~ x + (1 | g)", "y | weights(w) ~ x + (1 | g)", "y | cens(c) + weights(w) ~ x + (1 | g)"]) {
      const m = buildFormulaModel({ formula, data });
      expect(planMarginal(m.built.program, m.built.data), formula).toBeNull();
    }
    const pois = buildFormulaModel({ formula: "y | weights(w) ~ 1 + (1 | g)", data, family: "poisson" });
    expect(planMarginal(pois.built.program, pois.built.data)).toBeNull();
  });

  it("the pooling comparison refuses weights() and cens() (its plug-in analyses assume plain rows)", async () => {
    const data = { y: kidneyLike.age, g: kidneyLike.patient, c: kidneyLike.censored, w: kidneyLike.censored.map((c) => 1 + c) };
    for (const formula of ["y | cens(c) ~ 1 + (1 | g)", "y | weights(w) ~ 1 + (1 | g)"]) {
      await expect(poolingFromFormula(formula, data, "gaussian", { chains: 1, warmup: 50, draws: 50 })).rejects.toThrow("pooling: weights() and cens() are not supported");
    }
  });

  it("a censored weibull model with a group term fits with the automatic reparameterisation pilot, and its log_lik is the censored contribution", async () => {
    const m = await fitFormulaModel(
      { formula: "time | cens(censored) ~ age + (1 | patient)", data: kidneyLike, family: "weibull" },
      { chains: 2, warmup: 300, draws: 200, seed: 11, threads: 1, generated: true },
    );
    expect(m.fit.beyond?.switches.reparam).toBe("auto");
    expect(m.fit.beyond?.marginalized).toEqual([]);
    expect(m.fit.beyond?.reparam.map((r) => r.param).length).toBeGreaterThan(0);
    expect(m.fit.names).toContain("shape");
    // predict/'s log_lik (src/distributions' CDFs) equals the compiled generate()'s (the templates).
    const ll = logLikFormula(m.fit, m.model);
    const compiled = m.fit.compiled;
    const out = new Float64Array(compiled.generatedNames.length);
    const first = compiled.generatedNames.indexOf("log_lik[1]");
    expect(first).toBeGreaterThanOrEqual(0);
    // One point's constrained values, renamed to brms's names, as a one-draw Draws for predict/.
    const theta = Float64Array.from({ length: compiled.dim }, (_, k) => 0.3 * Math.sin(k + 1));
    compiled.generate(createRng(1, 0), theta, out);
    const constrained = new Float64Array(compiled.outputNames.length);
    compiled.constrain(theta, constrained);
    const rename = m.model.built.outputs.rename;
    const one = createDraws(rename.map(([, brms]) => brms), 1, 1);
    rename.forEach(([ir], k) => setValue(one, k, 0, 0, constrained[compiled.outputNames.indexOf(ir)]));
    const fromPredict = logLikFromDraws(one, m.model.design);
    for (let i = 0; i < kidneyLike.time.length; i++) {
      // Two evaluations of the same quantity (Γ through lgamma in both): agreement to 1e-10.
      expect(fromPredict.data[i], `row ${i + 1} (censored ${kidneyLike.censored[i]})`).toBeCloseTo(out[first + i], 10);
    }
    expect(ll.observations).toBe(kidneyLike.time.length);
    expect(ll.data.every(Number.isFinite)).toBe(true);
  });
});
