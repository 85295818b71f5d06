import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { readCsvText } from "../../src/io/index.js";
import { logLikDsl, logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict, posteriorPredictDsl } from "../../src/predict/index.js";
import { truncatedEpredValue, truncatedFamily } from "../../src/predict/truncated.js";
import { censoredLogLikValue } from "../../src/predict/censored.js";
import { poissonLccdf, poissonLcdf } from "../../src/distributions/poissonCdf.js";
import { binomialLccdf } from "../../src/distributions/binomialCdf.js";
import { gammaLccdf, gammaLogIntervalProb } from "../../src/distributions/gammaCdf.js";
import { invLogit } from "../../src/math/logit.js";

// Predictions of truncated models: the zero-truncated Poisson of bench/qa/data/ct-pois-trunc.csv
// (y | trunc(lb = 1) ~ x + (1 | g)) and the truncated gaussian of ct-gauss-trunc.csv (trunc(lb = 0)),
// short seeded fits (2 × 150 draws; the values checked do not depend on the posterior's accuracy).
const data = (f: string) => readCsvText(readFileSync(new URL(`../../bench/qa/data/${f}`, import.meta.url), "utf8"));
const short = { chains: 2, warmup: 150, draws: 150, seed: 7, threads: 1 } as const;
let pois: FormulaFit;
let gauss: FormulaFit;
beforeAll(async () => {
  pois = await fitFormulaModel({ formula: "y | trunc(lb = 1) ~ x + (1 | g)", data: data("ct-pois-trunc.csv"), family: "poisson" }, short);
  gauss = await fitFormulaModel({ formula: "y | trunc(lb = 0) ~ x + (1 | g)", data: data("ct-gauss-trunc.csv"), family: "gaussian" }, short);
});

describe("truncated models' predictions", () => {
  it("zero-truncated poisson: every posterior_predict draw and every y_rep is ≥ 1", () => {
    const p = posteriorPredict(pois.fit, pois.model);
    expect(p.data.every((v) => Number.isInteger(v) && v >= 1)).toBe(true);
    const rep = posteriorPredictDsl(pois.fit);
    expect(rep.data.every((v) => Number.isInteger(v) && v >= 1)).toBe(true);
  });

  it("zero-truncated poisson: epred is λ / (1 − e^(−λ)), the mean of Y | Y ≥ 1", () => {
    const eta = posteriorLinpred(pois.fit, pois.model);
    const e = posteriorEpred(pois.fit, pois.model);
    const n = e.observations;
    for (const s of [0, 150, 299]) {
      for (const i of [0, 17, 99]) {
        const l = Math.exp(eta.data[s * n + i]);
        expect(e.data[s * n + i]).toBeCloseTo(l / -Math.expm1(-l), 11);
      }
    }
  });

  it("log_lik (predict) = log pmf − log P(Y ≥ 1), and equals the compiled model's log_lik", () => {
    const ll = logLikFormula(pois.fit, pois.model);
    const eta = posteriorLinpred(pois.fit, pois.model);
    const y = pois.model.design.response.y;
    const n = ll.observations;
    for (const s of [0, 299]) {
      for (const i of [3, 50]) {
        const a = eta.data[s * n + i];
        const l = Math.exp(a);
        const lp = y[i] * a - l - lgammaInt(y[i] + 1) - Math.log(-Math.expm1(-l));
        expect(ll.data[s * n + i]).toBeCloseTo(lp, 10);
      }
    }
    const compiled = logLikDsl(pois.fit);
    for (let k = 0; k < ll.data.length; k += 97) expect(compiled.data[k]).toBeCloseTo(ll.data[k], 10);
  });

  it("truncated gaussian: draws ≥ 0, epred above the untruncated mean, log_lik as compiled", () => {
    const p = posteriorPredict(gauss.fit, gauss.model);
    expect(p.data.every((v) => v >= 0)).toBe(true);
    const eta = posteriorLinpred(gauss.fit, gauss.model);
    const e = posteriorEpred(gauss.fit, gauss.model);
    for (let k = 0; k < e.data.length; k += 101) expect(e.data[k]).toBeGreaterThan(Math.max(0, eta.data[k]));
    const ll = logLikFormula(gauss.fit, gauss.model);
    const compiled = logLikDsl(gauss.fit);
    for (let k = 0; k < ll.data.length; k += 97) expect(compiled.data[k]).toBeCloseTo(ll.data[k], 10);
  });

  it("new data take a constant bound; the truncated mean of new rows matches truncatedEpredValue", () => {
    const e = posteriorEpred(pois.fit, pois.model, { x: [0.3], g: ["g1"] });
    const eta = posteriorLinpred(pois.fit, pois.model, { x: [0.3], g: ["g1"] });
    const row = { trials: NaN, se: NaN };
    const aux = { sigma: NaN, shape: NaN, nu: NaN, phi: NaN, zi: NaN, hu: NaN };
    expect(e.data[4]).toBeCloseTo(truncatedEpredValue(truncatedFamily("poisson"), 1, Infinity, eta.data[4], aux, row), 12);
  });

  it("censored gamma rows' log_lik: pgamma's tails at shape α, rate α / exp(eta)", () => {
    const aux = { sigma: NaN, shape: 1.3, nu: NaN, phi: NaN, zi: NaN, hu: NaN };
    const row = { trials: NaN, se: NaN };
    expect(censoredLogLikValue("gamma", 1, 5, NaN, 0.7, aux, row)).toBe(gammaLccdf(5, 1.3, 1.3 * Math.exp(-0.7)));
    expect(censoredLogLikValue("gamma", 2, 5, 8, 0.7, aux, row)).toBe(gammaLogIntervalProb(5, 8, 1.3, 1.3 * Math.exp(-0.7)));
  });

  it("censored count rows' log_lik: brms's ppois / pbinom tails", () => {
    const aux = { sigma: NaN, shape: NaN, nu: NaN, phi: NaN, zi: NaN, hu: NaN };
    expect(censoredLogLikValue("poisson", 1, 5, NaN, 0.7, aux, { trials: NaN, se: NaN })).toBe(poissonLccdf(5, Math.exp(0.7)));
    expect(censoredLogLikValue("poisson", -1, 5, NaN, 0.7, aux, { trials: NaN, se: NaN })).toBe(poissonLcdf(5, Math.exp(0.7)));
    expect(censoredLogLikValue("binomial", 1, 5, NaN, 0.7, aux, { trials: 12, se: NaN })).toBeCloseTo(binomialLccdf(5, 12, invLogit(0.7)), 13);
  });
});

function lgammaInt(n: number): number {
  let s = 0;
  for (let k = 2; k < n; k++) s += Math.log(k);
  return s;
}
