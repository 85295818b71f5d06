import { beforeAll, describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import {
  hurdleNegBinomial2LogLpmf,
  zeroInflatedPoissonLogLpmf,
} from "../../src/distributions/index.js";
import { epredValue, logLikValue, predictValue, type AuxValues } from "../../src/predict/families.js";
import { logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict } from "../../src/predict/index.js";
import { hurdlePoissonRng, zeroInflatedPoissonRng } from "../../src/random/zeroInflated.js";
import { createRng } from "../../src/random/rng.js";

/** 150 seeded rows of a zero-inflated Poisson with one predictor and 6 groups (zi = 0.3). */
function simulated(): { y: number[]; x: number[]; g: string[] } {
  const rng = createRng(20261129, 3);
  const r = Array.from({ length: 6 }, () => 0.4 * rng.normal());
  const y: number[] = [];
  const x: number[] = [];
  const g: string[] = [];
  for (let i = 0; i < 150; i++) {
    const xi = rng.normal();
    const gi = i % 6;
    x.push(xi);
    g.push(`g${gi}`);
    y.push(zeroInflatedPoissonRng(rng, Math.exp(0.8 + 0.5 * xi + r[gi]), 0.3));
  }
  return { y, x, g };
}

const FORMULA = "y ~ x + (1 | g)";

describe("formula families: parameters, priors and names as brms", () => {
  it.each([
    ["zero_inflated_poisson", ["zi"], "zero_inflated_poisson_log"],
    ["zero_inflated_negbinomial", ["shape", "zi"], "zero_inflated_neg_binomial_2_log"],
    ["hurdle_poisson", ["hu"], "hurdle_poisson_log"],
    ["hurdle_negbinomial", ["shape", "hu"], "hurdle_neg_binomial_2_log"],
  ])("%s: aux %j on brms's default priors, likelihood %s, zi/hu bounded to (0, 1)", (family, aux, stan) => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family });
    expect(m.design.aux).toEqual(aux);
    const table = Object.fromEntries(m.priors.table.filter((r) => r.coef === "" && r.group === "").map((r) => [r.class, r.prior]));
    if (aux.includes("shape")) expect(table.shape).toBe("gamma(0.01, 0.01)");
    expect(table[aux[aux.length - 1]]).toBe("beta(1, 1)");
    const p = aux[aux.length - 1];
    const param = m.built.program.params.find((q) => q.name === p);
    expect(param?.transform).toEqual({ kind: "interval", lb: 0, ub: 1 });
    const lik = m.built.program.statements.filter((s) => s.kind === "distribution" && s.family === stan);
    expect(lik.length).toBe(1);
    // brms's output names: b_*, sd_*, then shape, zi / hu, then r_*.
    const names = m.built.outputs.rename.map(([, to]) => to);
    expect(names.slice(0, 3)).toEqual(["b_Intercept", "b_x", "sd_g__Intercept"]);
    expect(names.slice(3, 3 + aux.length)).toEqual(aux);
  });

  it("a user prior zi ~ beta(2, 2) replaces the default and becomes a beta statement on zi", () => {
    const m = buildFormulaModel({ formula: FORMULA, data: simulated(), family: "zero_inflated_poisson", priors: ["zi ~ beta(2, 2)"] });
    expect(m.priors.aux.zi).toEqual({ dist: { family: "beta", args: [2, 2] }, source: "user" });
    const zi = m.built.program.params.findIndex((q) => q.name === "zi");
    const st = m.built.program.statements.find((s) => s.kind === "distribution" && s.lhs.op === "ref" && s.lhs.src === "param" && s.lhs.id === zi);
    expect(st).toMatchObject({ family: "beta", args: [{ op: "const", value: 2 }, { op: "const", value: 2 }] });
  });

  it.each([
    ["zero_inflated_poisson", "hu ~ beta(2, 2)", "the zero_inflated_poisson family has no hu"],
    ["hurdle_poisson", "zi ~ beta(2, 2)", "the hurdle_poisson family has no zi"],
    ["zero_inflated_poisson", "zi ~ normal(0, 1)", "normal is not allowed for zi: use beta, flat"],
    ["poisson", "zi ~ beta(1, 1)", "the poisson family has no zi"],
  ])("%s with prior '%s' is refused: %s", (family, prior, message) => {
    expect(() => buildFormulaModel({ formula: FORMULA, data: simulated(), family, priors: [prior] })).toThrow(message);
  });

  it("responses must be counts", () => {
    const d = simulated();
    d.y[4] = -1;
    expect(() => buildFormulaModel({ formula: FORMULA, data: d, family: "hurdle_negbinomial" })).toThrow(
      "family hurdle_negbinomial: the response 'y' must be a count (a non-negative whole number up to 2147483647), but row 5 has -1",
    );
    d.y[4] = 2.5;
    expect(() => buildFormulaModel({ formula: FORMULA, data: d, family: "zero_inflated_poisson" })).toThrow("but row 5 has 2.5");
  });

  it("brms's distributional formulas: zi ~ x is modelled (logit link, b_zi_*), hu ~ x for a zero-inflated family names its parameters", () => {
    const m = buildFormulaModel({ formula: "bf(y ~ x + (1 | g), zi ~ x)", data: simulated(), family: "zero_inflated_poisson" });
    expect(m.built.outputs.rename.map(([, b]) => b).filter((b) => b.startsWith("b_"))).toEqual(["b_Intercept", "b_zi_Intercept", "b_x", "b_zi_x"]);
    expect(() => buildFormulaModel({ formula: "y ~ x, hu ~ x", data: simulated(), family: "zero_inflated_poisson" })).toThrow("the zero_inflated_poisson family has no hu (it has zi)");
  });

  it("all-zero counts get the count families' warning (the mean's intercept is bounded by its prior alone)", () => {
    const d = simulated();
    d.y = d.y.map(() => 0);
    const m = buildFormulaModel({ formula: FORMULA, data: d, family: "hurdle_poisson" });
    expect(m.warnings.join("\n")).toContain("every count of 'y' is 0");
  });

  it("an unknown family lists the new ones", () => {
    expect(() => buildFormulaModel({ formula: FORMULA, data: simulated(), family: "zip" })).toThrow(
      "zero_inflated_poisson, zero_inflated_negbinomial, hurdle_poisson, hurdle_negbinomial",
    );
  });
});

describe("per-draw family functions (src/predict/families.ts)", () => {
  const aux: AuxValues = { sigma: NaN, shape: 2.5, nu: NaN, phi: NaN, zi: 0.3, hu: 0.4 };
  const row = { trials: NaN, se: NaN };
  it("epred is brms's: (1 − zi)·mu and (1 − hu)·mu/(1 − P(0))", () => {
    const mu = Math.exp(0.7);
    expect(epredValue("zero_inflated_poisson", 0.7, aux, row)).toBeCloseTo(0.7 * mu, 14);
    expect(epredValue("zero_inflated_negbinomial", 0.7, aux, row)).toBeCloseTo(0.7 * mu, 14);
    expect(epredValue("hurdle_poisson", 0.7, aux, row)).toBeCloseTo((0.6 * mu) / (1 - Math.exp(-mu)), 14);
    expect(epredValue("hurdle_negbinomial", 0.7, aux, row)).toBeCloseTo((0.6 * mu) / (1 - Math.pow(2.5 / (2.5 + mu), 2.5)), 14);
  });
  it("log_lik is the family's log pmf", () => {
    expect(logLikValue("zero_inflated_poisson", 0, 0.7, aux, row)).toBe(zeroInflatedPoissonLogLpmf(0, 0.7, 0.3));
    expect(logLikValue("hurdle_negbinomial", 3, 0.7, aux, row)).toBe(hurdleNegBinomial2LogLpmf(3, 0.7, 2.5, 0.4));
  });
  it("predict draws the family's rng from the same stream", () => {
    const a = createRng(5, 0);
    const b = createRng(5, 0);
    for (let k = 0; k < 50; k++) expect(predictValue(a, "hurdle_poisson", 0.2, aux, row)).toBe(hurdlePoissonRng(b, Math.exp(0.2), 0.4));
  });
});

describe("a short fit of a zero-inflated Poisson GLMM through the API", () => {
  let f: FormulaFit;
  beforeAll(async () => {
    f = await fitFormulaModel({ formula: FORMULA, data: simulated(), family: "zero_inflated_poisson" }, { chains: 2, warmup: 300, draws: 300, seed: 7, threads: 1 });
  });

  it("reports zi with brms's name, inside (0, 1), and near the simulated 0.3", () => {
    const zi = f.fit.get("zi");
    let m = 0;
    for (const v of zi) {
      expect(v > 0 && v < 1).toBe(true);
      m += v / zi.length;
    }
    // 150 rows: the posterior sd of zi is about 0.05, so 0.3 ± 0.2 is a wide, 4-sd band.
    expect(Math.abs(m - 0.3)).toBeLessThan(0.2);
  });

  it("posteriorEpred = (1 − zi)·exp(linpred) draw by draw; log_lik is the ZIP log pmf; predictions are counts", () => {
    const eta = posteriorLinpred(f.fit, f.model);
    const ep = posteriorEpred(f.fit, f.model);
    const ll = logLikFormula(f.fit, f.model);
    const pp = posteriorPredict(f.fit, f.model);
    const zi = f.fit.get("zi");
    const y = simulated().y;
    const n = eta.observations;
    let worst = 0;
    for (let s = 0; s < eta.draws; s += 37) {
      for (let i = 0; i < n; i++) {
        const e = eta.data[s * n + i];
        worst = Math.max(worst, Math.abs(ep.data[s * n + i] - (1 - zi[s]) * Math.exp(e)) / Math.exp(e));
        expect(ll.data[s * n + i]).toBe(zeroInflatedPoissonLogLpmf(y[i], e, zi[s]));
        const yr = pp.data[s * n + i];
        expect(Number.isInteger(yr) && yr >= 0).toBe(true);
      }
    }
    expect(worst).toBeLessThan(1e-14);
  });
});
