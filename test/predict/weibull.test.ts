import { describe, expect, it } from "vitest";
import { epredValue, logLikValue, predictValue, weibullScale, type AuxValues } from "../../src/predict/families.js";
import { censoredLogLikValue } from "../../src/predict/censored.js";
import { normalLccdf, normalLcdf } from "../../src/distributions/normalCdf.js";
import { weibullLccdf, weibullLogIntervalProb } from "../../src/distributions/weibullCdf.js";
import { createRng } from "../../src/random/rng.js";

// brms's weibull: mu = exp(eta) is the mean, scale = mu / Γ(1 + 1/shape).
const aux: AuxValues = { sigma: 0.7, shape: 1.7, nu: NaN, phi: NaN, zi: NaN, hu: NaN };
const row = { trials: NaN, se: NaN };

describe("weibull, exponential and censored rows in predictions", () => {
  it("epred is exp(eta); the scale makes exp(eta) the mean (Γ from R: gamma(1 + 1/1.7) = 0.8922445025)", () => {
    expect(epredValue("weibull", 0.4, aux, row)).toBe(Math.exp(0.4));
    expect(weibullScale(0.4, 1.7) * 0.89224450249932419).toBeCloseTo(Math.exp(0.4), 12);
  });

  it("posterior_predict draws have mean exp(eta) (seeded; 4 standard errors)", () => {
    const rng = createRng(20261129, 1);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const y = predictValue(rng, "weibull", 0.4, aux, row);
      s += y;
      s2 += y * y;
    }
    const mean = s / n;
    const se = Math.sqrt((s2 / n - mean * mean) / n);
    expect(Math.abs(mean - Math.exp(0.4))).toBeLessThan(4 * se);
  });

  it("log_lik: the density at the brms scale; censored rows their CCDF / CDF / interval probability", () => {
    const scale = weibullScale(0.4, 1.7);
    const z = Math.log(2.2 / scale);
    expect(logLikValue("weibull", 2.2, 0.4, aux, row)).toBeCloseTo(Math.log(1.7 / scale) + 0.7 * z - Math.exp(1.7 * z), 12);
    expect(censoredLogLikValue("weibull", 1, 2.2, NaN, 0.4, aux, row)).toBe(weibullLccdf(2.2, 1.7, scale));
    expect(censoredLogLikValue("weibull", 2, 2.2, 3, 0.4, aux, row)).toBe(weibullLogIntervalProb(2.2, 3, 1.7, scale));
    // gaussian: sigma, or the row's known se.
    expect(censoredLogLikValue("gaussian", -1, 1, NaN, 0.2, aux, row)).toBe(normalLcdf(1, 0.2, 0.7));
    expect(censoredLogLikValue("gaussian", 1, 1, NaN, 0.2, aux, { trials: NaN, se: 0.3 })).toBe(normalLccdf(1, 0.2, 0.3));
    expect(() => censoredLogLikValue("beta", 1, 0.5, NaN, 0.2, aux, row)).toThrow("beta has no censored form");
  });

  it("exponential (brms: rate 1 / exp(eta)): epred exp(eta), log_lik log(rate) − rate·y, right-censored −rate·y", () => {
    expect(epredValue("exponential", 0.4, aux, row)).toBe(Math.exp(0.4));
    const rate = Math.exp(-0.4);
    expect(logLikValue("exponential", 2.2, 0.4, aux, row)).toBeCloseTo(Math.log(rate) - rate * 2.2, 14);
    expect(censoredLogLikValue("exponential", 1, 2.2, NaN, 0.4, aux, row)).toBeCloseTo(-rate * 2.2, 14);
    const rng = createRng(20261129, 2);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += predictValue(rng, "exponential", 0.4, aux, row);
    // sd of the mean: exp(0.4) / sqrt(20000); 4 of them.
    expect(Math.abs(s / 20000 - Math.exp(0.4))).toBeLessThan((4 * Math.exp(0.4)) / Math.sqrt(20000));
  });
});
