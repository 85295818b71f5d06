/**
 * The gaussian y ~ 1 + (1 | g) case of the REML plug-in (src/pooling/remlGaussian.ts; the K = 0 case
 * of y ~ x + (1 | g)): eight schools with known standard errors (BDA3 §5.5) and lme4's REML fits of a
 * balanced and an unbalanced one-way model (fixtures/make-refs.R). Predictors: remlGaussian.test.ts.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { remlData, remlEval, remlGaussian, remlGaussianAt, remlWork } from "../../src/pooling/remlGaussian.js";
import { interceptSpec, readCsv } from "./specs.js";

interface Reml {
  y: number[];
  g: number[];
  tau: number;
  sigma: number;
  ranef_mean: number[];
}
const REML = JSON.parse(readFileSync(new URL("./fixtures/lme4-reml.json", import.meta.url), "utf8")) as Record<"balanced" | "unbalanced", Reml>;

function eightSchools() {
  const d = readCsv("eight_schools.csv");
  return interceptSpec({ family: "gaussian", y: d.y.map(Number), se: d.sigma.map(Number), groupOf: d.school.map((_, j) => j + 1), levels: d.school, groupName: "school" });
}

function remlSpec(r: Reml) {
  const J = Math.max(...r.g);
  return interceptSpec({ family: "gaussian", y: r.y, groupOf: r.g, levels: Array.from({ length: J }, (_, j) => `${j + 1}`) });
}

/** The restricted log-likelihood at τ (known standard errors: λ = τ²). */
function logLikAt(spec: ReturnType<typeof eightSchools>, tau: number): number {
  const d = remlData(spec);
  return remlEval(d, tau * tau, true, remlWork(d)).logLik;
}

describe("the restricted likelihood with known standard errors", () => {
  it("differs between two τ by the log ratio of ∫ Π normal(y_j | μ, se_j² + τ²) dμ (brute-force quadrature)", () => {
    const spec = eightSchools();
    const y = spec.y;
    const s2 = Float64Array.from(spec.se as Float64Array, (s) => s * s);
    // Trapezoid over μ ∈ [−200, 200] with step 0.01: the integrand is smooth and negligible at the
    // ends, so the quadrature error is far below the 1e-8 asked for.
    const integral = (tau: number) => {
      let sum = 0;
      const h = 0.01;
      for (let mu = -200; mu <= 200; mu += h) {
        let lp = 0;
        for (let j = 0; j < y.length; j++) {
          const v = s2[j] + tau * tau;
          lp += -0.5 * Math.log(2 * Math.PI * v) - (0.5 * (y[j] - mu) ** 2) / v;
        }
        sum += Math.exp(lp) * h;
      }
      return Math.log(sum);
    };
    for (const [a, b] of [[0, 5], [2, 20], [0.5, 1.5]]) {
      expect(logLikAt(spec, a) - logLikAt(spec, b)).toBeCloseTo(integral(a) - integral(b), 8);
    }
  });
});

describe("remlGaussian, y ~ 1 + (1 | g)", () => {
  it("is exactly 0 for eight schools (BDA3 §5.5: the marginal posterior of τ under a uniform prior peaks at 0)", () => {
    const spec = eightSchools();
    const fit = remlGaussian(spec);
    expect(fit.tau).toBe(0);
    expect(fit.singular).toBe(true);
    expect(fit.sigma).toBeNull();
    for (const t of [0.01, 1, 5, 20]) expect(logLikAt(spec, t)).toBeLessThan(fit.logLik);
  });

  it("equals lme4's REML τ, σ and group means on balanced data (fixture from make-refs.R)", () => {
    // lme4's bobyqa stops at rhoend = 1e-10 in the relative-scale parameter: 1e-6 relative is conservative.
    const r = REML.balanced;
    const fit = remlGaussian(remlSpec(r));
    expect(Math.abs((fit.sigma as number) / r.sigma - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.tau / r.tau - 1)).toBeLessThan(1e-6);
    fit.groupMean.forEach((m, j) => expect(m).toBeCloseTo(r.ranef_mean[j], 6));
  });

  it("equals lme4's REML τ, σ and group means on unbalanced data too (σ and τ estimated jointly)", () => {
    // The former plug-in took σ as the pooled within-group sd and matched here only to 1 %; REML
    // proper agrees to lme4's optimiser tolerance.
    const r = REML.unbalanced;
    const fit = remlGaussian(remlSpec(r));
    expect(Math.abs((fit.sigma as number) / r.sigma - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.tau / r.tau - 1)).toBeLessThan(1e-6);
    fit.groupMean.forEach((m, j) => expect(m).toBeCloseTo(r.ranef_mean[j], 6));
  });

  it("finds the interior maximum: the criterion is lower a little either side of θ̂", () => {
    const spec = remlSpec(REML.unbalanced);
    const fit = remlGaussian(spec);
    const theta = fit.tau / (fit.sigma as number);
    expect(fit.tau).toBeGreaterThan(0);
    expect(remlGaussianAt(spec, theta * 0.999).logLik).toBeLessThan(fit.logLik);
    expect(remlGaussianAt(spec, theta * 1.001).logLik).toBeLessThan(fit.logLik);
  });

  it("rejects a single group, every group a single row, and other families, by name", () => {
    const one = interceptSpec({ family: "gaussian", y: [1, 2, 3], groupOf: [1, 1, 1], levels: ["a"] });
    expect(() => remlGaussian(one)).toThrow(/at least two groups, got 1/);
    const s = eightSchools();
    expect(() => remlGaussian({ ...s, se: undefined })).toThrow(/every group has a single row/);
    expect(() => remlGaussian({ ...s, family: "poisson" })).toThrow(/only the gaussian family is supported, got poisson/);
  });
});

describe("group intercepts given τ (β integrated under a flat prior)", () => {
  const spec = eightSchools();
  const y = spec.y;
  const se = spec.se as Float64Array;
  it("at τ = 0 puts every group at the precision-weighted mean μ̂ with sd √V_μ", () => {
    const w = Array.from(se, (s) => 1 / (s * s));
    const W = w.reduce((a, b) => a + b, 0);
    const muHat = w.reduce((a, wj, j) => a + wj * y[j], 0) / W;
    const fit = remlGaussianAt(spec, 0);
    fit.groupMean.forEach((m) => expect(m).toBeCloseTo(muHat, 12));
    fit.groupSd.forEach((s) => expect(s).toBeCloseTo(Math.sqrt(1 / W), 12));
    fit.condSd.forEach((s) => expect(s).toBe(0));
  });
  it("for very large τ returns each group's own estimate and standard error", () => {
    const fit = remlGaussianAt(spec, 1e6);
    // B_j = s_j²/(s_j²+τ²) ≈ 2.6e-10 at most here: the means move by < 1e-7.
    fit.groupMean.forEach((m, j) => expect(m).toBeCloseTo(y[j], 6));
    fit.groupSd.forEach((s, j) => expect(s).toBeCloseTo(se[j], 6));
  });
  it("matches BDA3 eqs. 5.17–5.20 at an interior τ", () => {
    const tau = 7;
    const v = Array.from(se, (s) => s * s + tau * tau);
    const prec = v.reduce((a, vj) => a + 1 / vj, 0);
    const muHat = v.reduce((a, vj, j) => a + y[j] / vj, 0) / prec;
    const fit = remlGaussianAt(spec, tau);
    for (let j = 0; j < y.length; j++) {
      const B = (se[j] * se[j]) / v[j];
      expect(fit.groupMean[j]).toBeCloseTo((1 - B) * y[j] + B * muHat, 10);
      expect(fit.groupSd[j]).toBeCloseTo(Math.sqrt((1 - B) * se[j] * se[j] + (B * B) / prec), 10);
    }
  });
});
