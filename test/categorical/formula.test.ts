import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { UserError } from "../../src/errors.js";
import { categoricalMuNames } from "../../src/formula/categorical.js";
import { buildDesign } from "../../src/formula/design.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { logLikFromDraws, predictFromDraws } from "../../src/predict/formulaPredict.js";

const data = readCsvFile(new URL("../../bench/qa/data/categorical-sim.csv", import.meta.url).pathname);
const brms = JSON.parse(readFileSync(new URL("./fixtures/brms-summaries.json", import.meta.url), "utf8")) as { parameters: { name: string }[] }[];
const brmsPrior = JSON.parse(readFileSync(new URL("./fixtures/brms-prior.json", import.meta.url), "utf8")) as Record<string, string>[];
const model = buildFormulaModel({ formula: "y ~ x + (1 | g)", data, family: "categorical" });

describe("categorical family: design, names and priors as brms 2.18", () => {
  it("codes the response in R's factor() order with the first category as reference, and names the predictors mu<label>", () => {
    expect(model.design.response.categories).toEqual(["maybe", "no", "yes"]);
    expect(model.design.dpars.map((d) => d.dpar)).toEqual(["muno", "muyes"]);
    const y = model.design.response.y;
    expect(new Set(y)).toEqual(new Set([1, 2, 3]));
    // Row 1 of the CSV is 'yes' (bench/qa/data/categorical-sim.csv).
    expect(y[0]).toBe(3);
  });

  it("its outputs are brms's parameters in brms's order (b_muno_Intercept, b_muyes_Intercept, b_muno_x, …, r_g__muyes[g12,Intercept])", () => {
    const ours = model.built.outputs.rename.map(([, name]) => name);
    expect(ours).toEqual(brms[0].parameters.map((p) => p.name));
  });

  it("default priors equal brms's get_prior: student_t(3, 0, 2.5) intercepts and sds per predictor, flat b", () => {
    const table = model.priors.table;
    // brms's rows with a dpar are our classes b_muno, Intercept_muno, sd_muno; an empty prior is inherited.
    for (const row of brmsPrior.filter((r) => r.dpar !== "")) {
      const cls = `${row.class}_${row.dpar}`;
      const ours = table.find((t) => t.class === cls && t.coef === row.coef && t.group === row.group);
      expect(ours, `${cls}[${row.group},${row.coef}]`).toBeDefined();
      if (row.prior !== "") expect(ours?.prior).toBe(row.prior);
      else if (row.class === "b") expect(ours?.prior).toBe("(flat)");
      else expect(ours?.prior).toBe("student_t(3, 0, 2.5)");
    }
    expect(table.filter((t) => t.class.endsWith("_muno")).length).toBe(brmsPrior.filter((r) => r.dpar === "muno").length);
  });

  it("user priors by predictor: b_muno, b_muyes[x], Intercept_muyes, sd_muno[g]; an unknown predictor is a UserError naming the real ones", () => {
    const m = buildFormulaModel({
      formula: "y ~ x + (1 | g)",
      data,
      family: "categorical",
      priors: ["b_muno ~ normal(0, 1)", "b_muyes[x] ~ normal(0, 2)", "Intercept_muyes ~ normal(0, 3)", "sd_muno[g] ~ exponential(1)"],
    });
    const mus = m.spec.categorical?.mus ?? [];
    expect(mus[0].X.priors[0]).toEqual({ family: "normal", args: [0, 1] });
    expect(mus[1].X.priors[0]).toEqual({ family: "normal", args: [0, 2] });
    expect(mus[1].intercept?.prior).toEqual({ family: "normal", args: [0, 3] });
    expect(mus[0].intercept?.prior).toEqual({ family: "student_t", args: [3, 0, 2.5] });
    expect(mus[0].groups?.[0].sdPriors[0]).toEqual({ family: "exponential", args: [1] });
    expect(mus[1].groups?.[0].sdPriors[0]).toEqual({ family: "student_t", args: [3, 0, 2.5] });
    expect(() => buildFormulaModel({ formula: "y ~ x", data, family: "categorical", priors: ["b_mumaybe ~ normal(0, 1)"] })).toThrow(/no predictor mumaybe; its predictors are muno, muyes/);
    // b and Intercept without a predictor name point at the per-category classes.
    expect(() => buildFormulaModel({ formula: "y ~ x", data, family: "categorical", priors: ["b ~ normal(0, 1)"] })).toThrow("no population-level predictors; each category's predictor has its own: b_muno / b_muyes ~ …");
    expect(() => buildFormulaModel({ formula: "y ~ x", data, family: "categorical", priors: ["Intercept ~ normal(0, 1)"] })).toThrow("each category's predictor has its own: Intercept_muno / Intercept_muyes ~ …");
  });

  it("a predictor named mux keeps its prior b_mux ~ … outside the categorical family", () => {
    const d = { y: [1.2, 0.3, 2.2, 1.9, 0.1], mux: [1, 2, 3, 4, 5] };
    const m = buildFormulaModel({ formula: "y ~ mux", data: d, priors: ["b_mux ~ normal(0, 1)"] });
    expect(m.spec.X.priors[0]).toEqual({ family: "normal", args: [0, 1] });
  });

  it("integer responses are categories sorted numerically (R's factor of numbers); names follow brms's make_stan_names", () => {
    const d = buildDesign("y ~ x", { y: [10, 2, 3, 2, 10, 3], x: [1, 2, 3, 4, 5, 6] }, { family: "categorical" });
    expect(d.response.categories).toEqual(["2", "3", "10"]);
    expect(Array.from(d.response.y)).toEqual([3, 1, 2, 1, 3, 2]);
    expect(d.dpars.map((p) => p.dpar)).toEqual(["mu3", "mu10"]);
    // make.names: other characters become dots, which make_stan_names removes; repeats get .1.
    expect(categoricalMuNames(["a", "b c", "b-c", "x_y", "é"])).toEqual(["mubc", "mubc1", "muxy", "mué"]);
  });

  it("awkward labels sort and name as brms 2.18's get_prior(y ~ x, family = categorical()) has them", () => {
    // R: levels(factor(y)) = 1x a "b c" b-c é x_y; unique(get_prior(...)$dpar) = mua mubc mubc1 mué muxy.
    const labels = ["x_y", "a", "b c", "é", "1x", "b-c"];
    const d = buildDesign("y ~ x", { y: [...labels, ...labels], x: Array.from({ length: 12 }, (_, i) => i / 3) }, { family: "categorical" });
    expect(d.response.categories).toEqual(["1x", "a", "b c", "b-c", "é", "x_y"]);
    expect(d.dpars.map((p) => p.dpar)).toEqual(["mua", "mubc", "mubc1", "mué", "muxy"]);
  });

  it("levels set the categories' order, the first the reference (an R factor with its levels set; how a saved fit is rebuilt)", () => {
    const d = buildDesign("y ~ x", data, { family: "categorical", levels: ["yes", "no", "maybe"] });
    expect(d.response.categories).toEqual(["yes", "no", "maybe"]);
    expect(d.dpars.map((p) => p.dpar)).toEqual(["muno", "mumaybe"]);
    expect(d.response.y[0]).toBe(1);
    expect(() => buildDesign("y ~ x", data, { family: "categorical", levels: ["yes", "no"] })).toThrow(/must be one of the levels yes, no, but row \d+ has 'maybe'/);
  });

  it("refuses fewer than three categories (suggesting bernoulli), levels, (1 | ID | g), offsets, weights and per-category formulas", () => {
    const two = { y: ["a", "b", "a", "b"], x: [1, 2, 3, 4] };
    expect(() => buildDesign("y ~ x", two, { family: "categorical" })).toThrow(/at least 3: for two use the bernoulli family/);
    expect(() => buildDesign("y ~ x + (1 | p | g)", data, { family: "categorical" })).toThrow(UserError);
    expect(() => buildDesign("y ~ x + (1 | p | g)", data, { family: "categorical" })).toThrow(/correlated across categories/);
    expect(() => buildDesign("y ~ x + offset(x)", data, { family: "categorical" })).toThrow(/offsets are not supported/);
    expect(() => buildDesign("y | weights(x) ~ 1", data, { family: "categorical" })).toThrow(/weights\(\)/);
    expect(() => buildDesign("y ~ x, muno ~ 1", data, { family: "categorical" })).toThrow(UserError);
    expect(() => buildDesign("y ~ x", data, { family: "categorical(probit)" })).toThrow(/link is logit/);
  });
});

describe("categorical predictions equal brms's log_lik and posterior_epred at brms's draws", () => {
  const ref = JSON.parse(readFileSync(new URL("./fixtures/brms-predict.json", import.meta.url), "utf8")) as {
    draws: { name: string; values: number[] }[];
    log_lik: number[][];
    epred: number[][][];
  };
  const draws = createDraws(ref.draws.map((d) => d.name), 1, 3);
  ref.draws.forEach((d, v) => d.values.forEach((x, s) => setValue(draws, v, 0, s, x)));
  const n = model.design.n;

  it("log_lik of the first 5 rows at 3 draws to 1e-12 (same formula, rounding only)", () => {
    const ll = logLikFromDraws(draws, model.design);
    expect(ll.observations).toBe(n);
    for (let s = 0; s < 3; s++) for (let i = 0; i < 5; i++) expect(ll.data[s * n + i]).toBeCloseTo(ref.log_lik[s][i], 12);
  });

  it("epred is draws × (rows · K) probabilities, each row summing to 1, equal to brms's to 1e-12", () => {
    const ep = predictFromDraws(draws, model.design, "epred");
    expect(ep.observations).toBe(n * 3);
    for (let s = 0; s < 3; s++) {
      for (let i = 0; i < 5; i++) for (let k = 0; k < 3; k++) expect(ep.data[s * n * 3 + i * 3 + k]).toBeCloseTo(ref.epred[s][i][k], 12);
      let total = 0;
      for (let k = 0; k < 3; k++) total += ep.data[s * n * 3 + k];
      expect(total).toBeCloseTo(1, 14);
    }
  });

  it("predict draws are category codes 1 … K; new data with a new level and log_lik of new rows by label", () => {
    const pr = predictFromDraws(draws, model.design, "predict", undefined, { seed: 7 });
    expect(pr.data.every((v) => v === 1 || v === 2 || v === 3)).toBe(true);
    const nd = { y: ["yes", "maybe"], x: [0.5, -1], g: ["g01", "zz"] };
    expect(() => predictFromDraws(draws, model.design, "epred", nd)).toThrow(/level 'zz' of g was not in the fitted data/);
    const ep = predictFromDraws(draws, model.design, "epred", nd, { allowNewLevels: true, seed: 3 });
    expect(ep.observations).toBe(6);
    const ll = logLikFromDraws(draws, model.design, { y: ["yes"], x: [0.5], g: ["g01"] });
    // Row g01, x = 0.5, category yes at draw 1: η_yes − log(1 + e^η_no + e^η_yes).
    const get = (name: string) => (ref.draws.find((d) => d.name === name) as { values: number[] }).values[0];
    const eNo = get("b_muno_Intercept") + 0.5 * get("b_muno_x") + get("r_g__muno[g01,Intercept]");
    const eYes = get("b_muyes_Intercept") + 0.5 * get("b_muyes_x") + get("r_g__muyes[g01,Intercept]");
    expect(ll.data[0]).toBeCloseTo(eYes - Math.log(1 + Math.exp(eNo) + Math.exp(eYes)), 12);
    expect(() => logLikFromDraws(draws, model.design, { y: ["never"], x: [0], g: ["g01"] })).toThrow(/family categorical: the response 'y' must be one of the levels maybe, no, yes, but row 1 has 'never'/);
    expect(() => predictFromDraws(draws, model.design, "linpred")).toThrow(/linpred is not available for the categorical family/);
  });

  it("new data whose every row misses a predictor name the predictors' columns (the empty mean part reads none)", () => {
    expect(() => predictFromDraws(draws, model.design, "epred", { x: [null], g: ["g01"] })).toThrow(/every row has a missing value in one of x, g/);
  });
});
