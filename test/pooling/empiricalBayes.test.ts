import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { conditionalGroupPosterior, groupMeans, logMarginalTau, marginalTauMode } from "../../src/pooling/empiricalBayes.js";
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

describe("logMarginalTau", () => {
  it("differs between two τ by the log ratio of ∫ Π normal(ȳ_j | μ, s_j² + τ²) dμ (brute-force quadrature)", () => {
    const { ybar, s2 } = groupMeans(eightSchools());
    // Trapezoid over μ ∈ [−200, 200] with step 0.01: the integrand is smooth and negligible at the
    // ends, so the quadrature error is far below the 1e-8 asked for.
    const integral = (tau: number) => {
      let sum = 0;
      const h = 0.01;
      for (let mu = -200; mu <= 200; mu += h) {
        let lp = 0;
        for (let j = 0; j < ybar.length; j++) {
          const v = s2[j] + tau * tau;
          lp += -0.5 * Math.log(2 * Math.PI * v) - (0.5 * (ybar[j] - mu) ** 2) / v;
        }
        sum += Math.exp(lp) * h;
      }
      return Math.log(sum);
    };
    for (const [a, b] of [[0, 5], [2, 20], [0.5, 1.5]]) {
      expect(logMarginalTau(a, ybar, s2) - logMarginalTau(b, ybar, s2)).toBeCloseTo(integral(a) - integral(b), 8);
    }
  });
});

describe("marginalTauMode", () => {
  it("is exactly 0 for eight schools (BDA3 §5.5: the marginal posterior of τ under a uniform prior peaks at 0)", () => {
    const { ybar, s2 } = groupMeans(eightSchools());
    const { tau, logMarginal } = marginalTauMode(ybar, s2);
    expect(tau).toBe(0);
    for (const t of [0.01, 1, 5, 20]) expect(logMarginalTau(t, ybar, s2)).toBeLessThan(logMarginal);
  });

  it("equals lme4's REML τ and σ on balanced data, and its BLUP group means (fixture from make-refs.R)", () => {
    // Balanced one-way ANOVA: REML gives σ² = MSW and τ² = (MSB − MSW)/n when positive, which is
    // what σ plugged in as the pooled within-group sd and τ maximising the group-mean restricted
    // likelihood give. lme4's bobyqa stops at rhoend = 1e-10 in the relative-scale parameter:
    // 1e-6 relative is conservative.
    const r = REML.balanced;
    const { ybar, s2, sigma } = groupMeans(remlSpec(r));
    const { tau } = marginalTauMode(ybar, s2);
    expect(sigma as number).toBeCloseTo(r.sigma, 6);
    expect(Math.abs(tau / r.tau - 1)).toBeLessThan(1e-6);
    const { mean } = conditionalGroupPosterior(tau, ybar, s2);
    mean.forEach((m, j) => expect(m).toBeCloseTo(r.ranef_mean[j], 6));
  });

  it("is close to lme4's REML τ on unbalanced data (σ plugged in, not estimated jointly)", () => {
    // With unbalanced groups REML estimates σ from all the data jointly with τ; the plug-in takes the
    // within-group sd, so the two τ agree only approximately: 1 % allowed (measured 0.004 %; σ 0.08 % apart).
    const r = REML.unbalanced;
    const { ybar, s2 } = groupMeans(remlSpec(r));
    const { tau } = marginalTauMode(ybar, s2);
    expect(Math.abs(tau / r.tau - 1)).toBeLessThan(0.01);
  });

  it("finds the interior maximum: the log marginal is lower a little either side", () => {
    const r = REML.unbalanced;
    const { ybar, s2 } = groupMeans(remlSpec(r));
    const { tau, logMarginal } = marginalTauMode(ybar, s2);
    expect(tau).toBeGreaterThan(0);
    expect(logMarginalTau(tau * 0.999, ybar, s2)).toBeLessThan(logMarginal);
    expect(logMarginalTau(tau * 1.001, ybar, s2)).toBeLessThan(logMarginal);
  });

  it("rejects a single group", () => {
    expect(() => marginalTauMode(Float64Array.of(1), Float64Array.of(1))).toThrow(/at least two groups, got 1/);
  });
});

describe("conditionalGroupPosterior", () => {
  const { ybar, s2 } = groupMeans(eightSchools());
  it("at τ = 0 puts every group at the precision-weighted mean μ̂ with sd √V_μ", () => {
    const w = Array.from(s2, (v) => 1 / v);
    const W = w.reduce((a, b) => a + b, 0);
    const muHat = w.reduce((a, wj, j) => a + wj * ybar[j], 0) / W;
    const { mean, sd } = conditionalGroupPosterior(0, ybar, s2);
    mean.forEach((m) => expect(m).toBeCloseTo(muHat, 12));
    sd.forEach((s) => expect(s).toBeCloseTo(Math.sqrt(1 / W), 12));
  });
  it("for very large τ returns each group's own estimate and standard error", () => {
    const { mean, sd } = conditionalGroupPosterior(1e6, ybar, s2);
    // B_j = s_j²/(s_j²+τ²) ≈ 2.6e-10 at most here: the means move by < 1e-7.
    mean.forEach((m, j) => expect(m).toBeCloseTo(ybar[j], 6));
    sd.forEach((s, j) => expect(s).toBeCloseTo(Math.sqrt(s2[j]), 6));
  });
});

describe("groupMeans", () => {
  it("rejects families, predictors and data it does not handle, by name", () => {
    const s = eightSchools();
    expect(() => groupMeans({ ...s, family: "poisson" })).toThrow(/only the gaussian family is supported, got poisson/);
    expect(() => groupMeans({ ...s, se: undefined })).toThrow(/every group has a single row/);
  });
});
