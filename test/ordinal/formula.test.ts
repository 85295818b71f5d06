import { beforeAll, describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { orderedLogisticLpmf, ordinalProbabilities } from "../../src/distributions/index.js";
import { psisLoo } from "../../src/diagnostics/loo.js";
import { findConjugate } from "../../src/marginal/detect.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict } from "../../src/predict/index.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/index.js";
import { orderedLogisticRng } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";

const LABELS = ["no", "perhaps", "yes"];

/** 240 seeded rows of a cumulative-logit model: x, a two-level factor, 8 groups; thresholds (−0.5, 1.2). */
function simulated(): { resp: string[]; code: number[]; x: number[]; f: string[]; g: string[] } {
  const rng = createRng(20261129, 7);
  const r = Array.from({ length: 8 }, () => 0.8 * rng.normal());
  const out = { resp: [] as string[], code: [] as number[], x: [] as number[], f: [] as string[], g: [] as string[] };
  for (let i = 0; i < 240; i++) {
    const x = rng.normal();
    const f = i % 3 === 0 ? "b" : "a";
    const k = orderedLogisticRng(rng, 0.8 * x + (f === "b" ? -0.6 : 0) + r[i % 8], [-0.5, 1.2]);
    out.code.push(k);
    out.resp.push(LABELS[k - 1]);
    out.x.push(x);
    out.f.push(f);
    out.g.push(`g${i % 8}`);
  }
  return out;
}

const FORMULA = "resp ~ x + f + (1 | g)";

describe("family cumulative: design, priors and names as brms", () => {
  it("thresholds are an ordered Intercept vector with brms's student_t(3, 0, 2.5); names b_Intercept[1], b_Intercept[2]; no intercept in eta", () => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family: "cumulative", levels: LABELS });
    const p = m.built.program.params.find((q) => q.name === "Intercept");
    expect(p).toEqual({ name: "Intercept", shape: { kind: "vector", n: 2 }, transform: { kind: "ordered" } });
    const names = m.built.outputs.rename.map(([, to]) => to);
    expect(names.slice(0, 5)).toEqual(["b_Intercept[1]", "b_Intercept[2]", "b_x", "b_fb", "sd_g__Intercept"]);
    expect(m.design.bNames).toEqual(["b_Intercept[1]", "b_Intercept[2]", "b_x", "b_fb"]);
    const rows = m.priors.table.filter((r) => r.class === "Intercept").map((r) => [r.coef, r.prior]);
    expect(rows).toEqual([["", "student_t(3, 0, 2.5)"], ["1", "student_t(3, 0, 2.5)"], ["2", "student_t(3, 0, 2.5)"]]);
    const lik = m.built.program.statements.filter((s) => s.kind === "distribution" && s.family === "ordered_logistic");
    expect(lik.length).toBe(1);
    expect(m.design.aux).toEqual([]);
  });

  it("cumulative(probit) uses ordered_probit; cumulative(logit), cumulative('logit') and cumulative(link = logit) are the logit", () => {
    const d = simulated();
    const fam = (family: string) => buildFormulaModel({ formula: FORMULA, data: d, family, levels: LABELS }).built.program.statements.find((s) => s.kind === "distribution" && s.family.startsWith("ordered_"));
    expect(fam("cumulative(probit)")).toMatchObject({ family: "ordered_probit" });
    for (const f of ["cumulative(logit)", 'cumulative("logit")', "cumulative(link = logit)"]) expect(fam(f)).toMatchObject({ family: "ordered_logistic" });
    expect(() => fam("cumulative(cloglog)")).toThrow("the cumulative family's link must be logit or probit, got 'cloglog'");
  });

  it("user priors on Intercept and b become statements on the thresholds and coefficients", () => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family: "cumulative", levels: LABELS, priors: ["Intercept ~ normal(0, 4)", "b ~ normal(0, 2)"] });
    const id = m.built.program.params.findIndex((q) => q.name === "Intercept");
    const st = m.built.program.statements.find((s) => s.kind === "distribution" && s.lhs.op === "ref" && s.lhs.src === "param" && s.lhs.id === id);
    expect(st).toMatchObject({ family: "normal", n: 2, args: [{ op: "const", value: 0 }, { op: "const", value: 4 }] });
    expect(m.priors.b.map((b) => b.dist)).toEqual([{ family: "normal", args: [0, 2] }, { family: "normal", args: [0, 2] }]);
  });

  it("Intercept[k] ~ … (brms's class = Intercept, coef = k) sets one threshold's prior; numbering and family are checked", () => {
    const d = simulated();
    const m = buildFormulaModel({ formula: FORMULA, data: d, family: "cumulative", levels: LABELS, priors: ["Intercept[2] ~ normal(1, 0.5)"] });
    const id = m.built.program.params.findIndex((q) => q.name === "Intercept");
    const on = (k: number) => m.built.program.statements.find((s) => s.kind === "distribution" && s.lhs.op === "elem" && s.lhs.src === "param" && s.lhs.id === id && s.lhs.index === k);
    expect(on(0)).toMatchObject({ family: "student_t", args: [{ value: 3 }, { value: 0 }, { value: 2.5 }] });
    expect(on(1)).toMatchObject({ family: "normal", args: [{ value: 1 }, { value: 0.5 }] });
    const rows = m.priors.table.filter((r) => r.class === "Intercept").map((r) => [r.coef, r.prior, r.source]);
    expect(rows).toEqual([["", "student_t(3, 0, 2.5)", "default"], ["1", "student_t(3, 0, 2.5)", "default"], ["2", "normal(1, 0.5)", "user"]]);
    expect(() => buildFormulaModel({ formula: FORMULA, data: d, family: "cumulative", levels: LABELS, priors: ["Intercept[3] ~ normal(0, 1)"] })).toThrow("the thresholds are numbered 1 … 2, got '3'");
    expect(() => buildFormulaModel({ formula: "code ~ x", data: d, family: "poisson", priors: ["Intercept[1] ~ normal(0, 1)"] })).toThrow("only the cumulative family's thresholds are numbered");
    expect(() => buildFormulaModel({ formula: "resp ~ x, disc ~ f", data: d, family: "cumulative", levels: LABELS })).toThrow("'disc ~ …' is not supported: the cumulative family's discrimination is fixed at 1");
  });

  it("integer responses (brms: positive whole numbers, K = the largest) fit the same design as text with levels", () => {
    const d = simulated();
    const a = buildFormulaModel({ formula: "code ~ x + f + (1 | g)", data: d, family: "cumulative" });
    const b = buildFormulaModel({ formula: FORMULA, data: d, family: "cumulative", levels: LABELS });
    expect(Array.from(a.design.response.y)).toEqual(Array.from(b.design.response.y));
    expect(a.design.response.categories).toEqual(["1", "2", "3"]);
    expect(b.design.response.categories).toEqual(LABELS);
  });

  it("response errors say what to do", () => {
    const d = simulated();
    expect(() => buildFormulaModel({ formula: FORMULA, data: d, family: "cumulative" })).toThrow(
      /family cumulative: the response 'resp' holds text \(e\.g\. '\w+'\), whose order hbayes cannot know: give it lowest first with levels \(API: levels: \[.*\], CLI: --levels .*\), or code the categories as integers 1, 2, …/,
    );
    expect(() => buildFormulaModel({ formula: FORMULA, data: d, family: "cumulative", levels: ["no", "yes"] })).toThrow(
      /family cumulative: the response 'resp' must be one of the levels no, yes, but row \d+ has 'perhaps'/,
    );
    const zero = { ...d, code: d.code.map((k, i) => (i === 4 ? 0 : k)) };
    expect(() => buildFormulaModel({ formula: "code ~ x", data: zero, family: "cumulative" })).toThrow(
      "family cumulative: the response 'code' must be a category: a positive whole number 1, 2, … (as brms: integers from 1, or text with levels), but row 5 has 0",
    );
    expect(() => buildFormulaModel({ formula: "code ~ x", data: { ...d, code: d.code.map(() => 1) }, family: "cumulative" })).toThrow("needs at least two categories");
    expect(() => buildFormulaModel({ formula: "resp ~ 0 + x", data: d, family: "cumulative", levels: LABELS })).toThrow("the thresholds are the model's intercept");
    expect(() => buildFormulaModel({ formula: "code ~ x", data: d, family: "poisson", levels: LABELS })).toThrow("levels (the order of ordinal categories) are for the cumulative family");
  });

  it("the automatic marginalisation finds nothing conjugate in an ordinal likelihood", () => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family: "cumulative", levels: LABELS });
    expect(findConjugate(m.built.program, m.built.data)).toBeNull();
    expect(planMarginal(m.built.program, m.built.data)).toBeNull();
  });

  it("model.json keeps the link and the categories", () => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family: "cumulative(probit)", levels: LABELS });
    const saved = JSON.parse(JSON.stringify(saveFormulaModel(m.design, [], null)));
    expect(saved.family).toBe("cumulative(probit)");
    const back = designFromSaved(saved);
    expect(back.family.link).toBe("probit");
    expect(back.response.categories).toEqual(LABELS);
    expect(back.bNames.slice(0, 2)).toEqual(["b_Intercept[1]", "b_Intercept[2]"]);
  });
});

describe("a short cumulative fit: reparam pilot, predictions and log-lik", () => {
  let r: FormulaFit;
  beforeAll(async () => {
    r = await fitFormulaModel({ formula: FORMULA, data: simulated(), family: "cumulative", levels: LABELS }, { chains: 2, warmup: 300, draws: 300, seed: 11, threads: 1 });
  }, 60_000);

  it("recovers the simulation's thresholds and slope (within 4 posterior sds), nothing marginalised, the pilot chose the group's form", () => {
    const mean = (name: string) => r.fit.get(name).reduce((a, b) => a + b, 0) / r.fit.get(name).length;
    const sd = (name: string) => {
      const v = r.fit.get(name);
      const m = mean(name);
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    for (const [name, truth] of [["b_Intercept[1]", -0.5], ["b_Intercept[2]", 1.2], ["b_x", 0.8], ["b_fb", -0.6]] as const) {
      expect(Math.abs(mean(name) - truth), name).toBeLessThan(4 * sd(name));
    }
    expect(r.fit.beyond?.marginalized).toEqual([]);
    expect(r.fit.beyond?.reparam.length).toBe(1);
    expect(["centred", "noncentred", "partial"]).toContain(r.fit.beyond?.reparam[0].parameterisation);
  });

  it("epred is draws × (rows · 3) category probabilities summing to 1, equal to the thresholds' probabilities at linpred", () => {
    const lin = posteriorLinpred(r.fit, r.model);
    const ep = posteriorEpred(r.fit, r.model) as ReturnType<typeof posteriorEpred> & { categories: readonly string[] };
    expect(ep.categories).toEqual(LABELS);
    expect(ep.observations).toBe(3 * lin.observations);
    const c1 = r.fit.get("b_Intercept[1]");
    const c2 = r.fit.get("b_Intercept[2]");
    const p = new Float64Array(3);
    for (const s of [0, 137, ep.draws - 1]) {
      for (const i of [0, 5, 239]) {
        const row = ep.data.subarray(s * ep.observations + 3 * i, s * ep.observations + 3 * i + 3);
        expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
        ordinalProbabilities("logit", lin.data[s * lin.observations + i], [c1[s], c2[s]], 0, 2, p, 0);
        expect(Array.from(row)).toEqual(Array.from(p));
      }
    }
  });

  it("predict draws categories 1..3 whose frequencies follow epred; log_lik is log P(observed) and feeds LOO", () => {
    const pr = posteriorPredict(r.fit, r.model);
    expect(pr.observations).toBe(240);
    expect(pr.data.every((v) => v === 1 || v === 2 || v === 3)).toBe(true);
    const ep = posteriorEpred(r.fit, r.model);
    // Category 3's frequency over all draws and rows against its mean probability: S·n = 144000
    // Bernoulli draws, sd ≤ 0.0013; 4 sds.
    let f = 0;
    let q = 0;
    for (let s = 0; s < pr.draws; s++) for (let i = 0; i < 240; i++) {
      f += pr.data[s * 240 + i] === 3 ? 1 : 0;
      q += ep.data[s * 720 + 3 * i + 2];
    }
    expect(Math.abs(f - q) / (pr.draws * 240)).toBeLessThan(4 * 0.0013);
    const ll = logLikFormula(r.fit, r.model);
    const lin = posteriorLinpred(r.fit, r.model);
    const y = r.model.design.response.y;
    const c1 = r.fit.get("b_Intercept[1]");
    const c2 = r.fit.get("b_Intercept[2]");
    for (const s of [3, 400]) for (const i of [0, 17, 200]) {
      expect(ll.data[s * 240 + i]).toBeCloseTo(orderedLogisticLpmf(y[i], lin.data[s * 240 + i], [c1[s], c2[s]]), 12);
    }
    // PSIS-LOO on it: p_loo between 0 and the 13 parameters (2 thresholds, 2 slopes, sd, 8 group
    // effects, fewer after pooling), every Pareto k finite.
    const loo = psisLoo(ll, { chainIds: ll.chainIds });
    expect(loo.p_loo).toBeGreaterThan(0);
    expect(loo.p_loo).toBeLessThan(13);
    expect(loo.pareto_k.every(Number.isFinite)).toBe(true);
  });
});
