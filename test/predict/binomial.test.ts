import { beforeAll, describe, expect, it } from "vitest";
import type { FormulaFit } from "../../src/api/formulaFit.js";
import { binomialLogitLpmf } from "../../src/distributions/index.js";
import { invLogit } from "../../src/math/logit.js";
import { logLikFormula, posteriorEpred, posteriorLinpred, posteriorPredict } from "../../src/predict/index.js";
import { column, fitCbpp, mean } from "./fits.js";

let f: FormulaFit;
beforeAll(async () => {
  f = await fitCbpp();
});

describe("binomial (cbpp: incidence | trials(size) ~ period + (1 | herd))", () => {
  it("posteriorEpred = trials · inv_logit(eta), so 0 ≤ epred ≤ trials", () => {
    const eta = posteriorLinpred(f.fit, f.model);
    const e = posteriorEpred(f.fit, f.model);
    const trials = f.model.design.response.trials as Float64Array;
    const n = e.observations;
    let outside = 0;
    for (let k = 0; k < e.data.length; k++) if (!(e.data[k] >= 0 && e.data[k] <= trials[k % n])) outside++;
    expect(outside).toBe(0);
    expect(e.data[5 * n + 7]).toBeCloseTo(trials[7] * invLogit(eta.data[5 * n + 7]), 12);
  });

  it("posteriorPredict draws whole numbers in [0, trials] whose mean over draws tracks epred", () => {
    const p = posteriorPredict(f.fit, f.model);
    const e = posteriorEpred(f.fit, f.model);
    const trials = f.model.design.response.trials as Float64Array;
    const n = p.observations;
    let bad = 0;
    for (let k = 0; k < p.data.length; k++) if (!(Number.isInteger(p.data[k]) && p.data[k] >= 0 && p.data[k] <= trials[k % n])) bad++;
    expect(bad).toBe(0);
    // Binomial noise given epred: the mean over S draws differs from mean(epred) by at most
    // 4·√(Σ N p (1 − p)) / S ≤ 4·√(S · N / 4) / S.
    for (const i of [0, 10, 40]) {
      const bound = 4 * Math.sqrt((p.draws * trials[i]) / 4) / p.draws;
      expect(Math.abs(mean(column(p, i)) - mean(column(e, i)))).toBeLessThan(bound);
    }
  });

  it("new data read their own trials() column; epred stays below it", () => {
    // period and herd are numeric columns in data/cbpp.csv (quoted numbers), so new data give numbers too.
    const nd = { period: [1, 4], herd: [3, 99], size: [100, 3] };
    const e = posteriorEpred(f.fit, f.model, nd, { allowNewLevels: true });
    for (let s = 0; s < e.draws; s++) {
      expect(e.data[s * 2]).toBeLessThanOrEqual(100);
      expect(e.data[s * 2 + 1]).toBeLessThanOrEqual(3);
    }
    const p = posteriorPredict(f.fit, f.model, nd, { allowNewLevels: true });
    expect(Math.max(...column(p, 1))).toBeLessThanOrEqual(3);
  });

  it("new data without the trials column is an error naming it", () => {
    expect(() => posteriorEpred(f.fit, f.model, { period: [1], herd: [3] })).toThrow(/trials.*'size'/);
  });

  it("logLikFormula equals binomial_logit_lpmf by hand", () => {
    const ll = logLikFormula(f.fit, f.model);
    const eta = posteriorLinpred(f.fit, f.model);
    const { y, trials } = f.model.design.response;
    const n = ll.observations;
    for (const s of [0, 333]) for (const i of [0, 20, 55]) expect(ll.data[s * n + i]).toBeCloseTo(binomialLogitLpmf(y[i], (trials as Float64Array)[i], eta.data[s * n + i]), 12);
  });
});
