import { beforeAll, describe, expect, it } from "vitest";
import type { FormulaFit } from "../../src/api/formulaFit.js";
import { psisLoo } from "../../src/diagnostics/loo.js";
import { essMean } from "../../src/diagnostics/ess.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { pointwiseLogLik } from "../../src/pooling/logLik.js";
import { logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict } from "../../src/predict/index.js";
import { column, fitRadon, mean, radonData, sd } from "./fits.js";

let f: FormulaFit;
let floor: Float64Array;
let county: string[];
let y: Float64Array;

beforeAll(async () => {
  f = await fitRadon();
  const t = radonData();
  floor = (t.columns.floor as { values: Float64Array }).values;
  county = [...(t.columns.county as unknown as { values: string[] }).values];
  y = (t.columns.log_radon as { values: Float64Array }).values;
});

describe("posteriorLinpred / posteriorEpred on the fitted rows (gaussian varying intercept)", () => {
  it("posteriorLinpred equals b_Intercept + floor · b_floor + r_county[level] computed by hand from the draws", () => {
    const eta = posteriorLinpred(f.fit, f.model);
    const S = f.fit.draws.chains * f.fit.draws.draws;
    expect(eta.draws).toBe(S);
    expect(eta.observations).toBe(919);
    const b0 = f.fit.get("b_Intercept");
    const b1 = f.fit.get("b_floor");
    let worst = 0;
    for (const i of [0, 1, 3, 100, 500, 918]) {
      const r = f.fit.get(`r_county[${county[i]},Intercept]`);
      for (let s = 0; s < S; s++) worst = Math.max(worst, Math.abs(eta.data[s * 919 + i] - (b0[s] + floor[i] * b1[s] + r[s])));
    }
    // Same sums in a different order: rounding only (|eta| < 5, so 1e-12 is ~500 ulps).
    expect(worst).toBeLessThan(1e-12);
  });

  it("posteriorEpred equals posteriorLinpred for the identity link", () => {
    const a = posteriorEpred(f.fit, f.model).data;
    const b = posteriorLinpred(f.fit, f.model).data;
    // Counted by hand: vitest's deep equality on 551 400 elements takes seconds.
    let differ = 0;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differ++;
    expect(differ).toBe(0);
  });

  it("new data with fitted levels give the fitted rows' predictions", () => {
    const nd = { floor: [floor[3], floor[500]], county: [county[3], county[500]] };
    const a = posteriorLinpred(f.fit, f.model, nd);
    const b = posteriorLinpred(f.fit, f.model);
    for (let s = 0; s < a.draws; s++) {
      expect(a.data[s * 2]).toBeCloseTo(b.data[s * 919 + 3], 12);
      expect(a.data[s * 2 + 1]).toBeCloseTo(b.data[s * 919 + 500], 12);
    }
  });
});

describe("logLikFormula", () => {
  it("equals normalLpdf(y | eta, sigma) by hand and the compiled log_lik generated quantity, and feeds psisLoo", () => {
    const ll = logLikFormula(f.fit, f.model);
    const eta = posteriorLinpred(f.fit, f.model);
    const sigma = f.fit.get("sigma");
    for (const s of [0, 299, 599]) for (const i of [0, 200, 918]) expect(ll.data[s * 919 + i]).toBeCloseTo(normalLpdf(y[i], eta.data[s * 919 + i], sigma[s]), 12);
    const compiled = pointwiseLogLik(f.fit, f.model.built);
    let worst = 0;
    for (let k = 0; k < ll.data.length; k++) worst = Math.max(worst, Math.abs(ll.data[k] - compiled.data[k]));
    // Centred vs uncentred predictor arithmetic: rounding only.
    expect(worst).toBeLessThan(1e-9);
    const loo = psisLoo(ll, { chainIds: ll.chainIds });
    expect(loo.elpd_loo).toBeCloseTo(psisLoo(compiled, { chainIds: compiled.chainIds }).elpd_loo, 6);
  });
});

describe("new group levels", () => {
  const nd = { floor: [0, 0, 1, 0], county: ["c01", "NEWC", "NEWC", "OTHER"] };

  it("an unseen level without allowNewLevels is an error naming the level", () => {
    expect(() => posteriorLinpred(f.fit, f.model, nd)).toThrow(/level 'NEWC' of county was not in the fitted data/);
  });

  it("a new level's effect per draw is sd_county · z with z ~ N(0, 1) independent across draws", () => {
    const eta = posteriorLinpred(f.fit, f.model, nd, { allowNewLevels: true, seed: 5 });
    const b0 = f.fit.get("b_Intercept");
    const sdc = f.fit.get("sd_county__Intercept");
    const z = new Float64Array(eta.draws);
    for (let s = 0; s < eta.draws; s++) z[s] = (eta.data[s * 4 + 1] - b0[s]) / sdc[s];
    // z are exact N(0, 1) draws: 4 standard errors of the mean (1/√S) and of the sd (≈ 1/√(2S)).
    const S = eta.draws;
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(S));
    expect(Math.abs(sd(z) - 1)).toBeLessThan(4 / Math.sqrt(2 * S));
  });

  it("rows of the same new level share its effect; different new levels get different effects", () => {
    const eta = posteriorLinpred(f.fit, f.model, nd, { allowNewLevels: true });
    const b1 = f.fit.get("b_floor");
    for (let s = 0; s < eta.draws; s++) expect(eta.data[s * 4 + 2] - eta.data[s * 4 + 1]).toBeCloseTo(b1[s], 12);
    expect(column(eta, 1)).not.toEqual(column(eta, 3));
  });

  it("new levels give wider intervals than a seen level, centred on the population mean b_Intercept", () => {
    const e = posteriorEpred(f.fit, f.model, nd, { allowNewLevels: true });
    const fresh = column(e, 1);
    // Every fitted county, even one with a single house, is narrower than a county never seen.
    const levels = f.model.design.groups[0].levels;
    const all = posteriorEpred(f.fit, f.model, { floor: levels.map(() => 0), county: [...levels] });
    const widest = Math.max(...levels.map((_, j) => sd(column(all, j))));
    expect(sd(fresh)).toBeGreaterThan(widest);
    // The new level's mean is b_Intercept's mean plus mean(sd · z): 4 MCSE of the latter, with draws independent given the fit.
    const b0 = f.fit.get("b_Intercept");
    const diff = fresh.map((v, s) => v - b0[s]);
    expect(Math.abs(mean(fresh) - mean(b0))).toBeLessThan(4 * sd(diff) / Math.sqrt(diff.length));
  });

  it('"uncertainty" copies, per draw, the effect of one fitted county', () => {
    const eta = posteriorLinpred(f.fit, f.model, nd, { allowNewLevels: true, newLevels: "uncertainty" });
    const b0 = f.fit.get("b_Intercept");
    const levels = f.model.design.groups[0].levels;
    const r = levels.map((l) => f.fit.get(`r_county[${l},Intercept]`));
    for (let s = 0; s < eta.draws; s += 37) {
      const effect = eta.data[s * 4 + 1] - b0[s];
      expect(Math.min(...r.map((col) => Math.abs(col[s] - effect)))).toBeLessThan(1e-12);
    }
  });

  it("an unknown newLevels method is an error listing the choices", () => {
    expect(() => posteriorLinpred(f.fit, f.model, nd, { allowNewLevels: true, newLevels: "old" as "gaussian" })).toThrow(/gaussian, uncertainty/);
  });
});

describe("reproducibility", () => {
  const nd = { floor: [0, 1], county: ["NEWC", "c05"] };
  it("the same seed gives the same draws, another seed other draws, and the default is the fit's seed", () => {
    const a = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true, seed: 9 });
    const b = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true, seed: 9 });
    const c = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true, seed: 10 });
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(c.data);
    const d = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true });
    const e = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true, seed: f.fit.result.settings.seed });
    expect(d.data).toEqual(e.data);
  });
});

describe("posteriorPredict (PPC)", () => {
  it("(y_rep − eta) / sigma are independent N(0, 1) draws", () => {
    const yrep = posteriorPredict(f.fit, f.model);
    const eta = posteriorLinpred(f.fit, f.model);
    const sigma = f.fit.get("sigma");
    const n = yrep.observations;
    const z = new Float64Array(yrep.data.length);
    for (let s = 0; s < yrep.draws; s++) for (let i = 0; i < n; i++) z[s * n + i] = (yrep.data[s * n + i] - eta.data[s * n + i]) / sigma[s];
    // 551 400 exact normal draws: 4 standard errors of the mean and of the sd.
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(z.length));
    expect(Math.abs(sd(z) - 1)).toBeLessThan(4 / Math.sqrt(2 * z.length));
  });

  it("the mean of y_rep over draws ≈ the mean of y for radon, within 4 MCSE plus the posterior sd of the mean fit", () => {
    const yrep = posteriorPredict(f.fit, f.model);
    const n = yrep.observations;
    const T = new Float64Array(yrep.draws);
    for (let s = 0; s < yrep.draws; s++) T[s] = mean(yrep.data.subarray(s * n, (s + 1) * n));
    const chains = [T.subarray(0, 300), T.subarray(300, 600)];
    const mcse = sd(T) / Math.sqrt(essMean(chains));
    // mean(T) estimates E[mean(y_rep) | y], which for a gaussian model with an intercept is ȳ up to
    // the shrinkage of the county effects; that bias is far below sd(T) (the posterior predictive sd
    // of the mean), so the bound is 4 MCSE + sd(T).
    expect(Math.abs(mean(T) - mean(y))).toBeLessThan(4 * mcse + sd(T));
    expect(Math.abs(mean(T) - mean(y))).toBeLessThan(0.05);
  });
});
