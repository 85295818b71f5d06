/**
 * The REML plug-in fit of gaussian y ~ x + (1 | g) (src/pooling/remlGaussian.ts) against lme4's lmer
 * (fixtures/make-lmer.R: radon log_radon ~ floor + (1 | county), sleepstudy Reaction ~ Days +
 * (1 | Subject), REML and ML), its analytic derivative against finite differences, a singular fit,
 * and pluginVsFullBayes with predictors.
 *
 * Tolerances, from measurement: every estimate agrees with lmer to ≤ 2e-8 relative and the
 * log-likelihoods to 1e-11 absolute (our θ̂ is the root of the analytic derivative, lmer's is bobyqa's
 * at rhoend = 1e-12), so 1e-6 relative is asked. BLUPs near 0 have no meaningful relative error, so
 * they are compared relative to the largest |BLUP|.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { pluginComparison, pluginTable } from "../../src/cli/poolingCommand.js";
import { pluginVsFullBayes } from "../../src/pooling/empiricalBayes.js";
import { remlData, remlEval, remlGaussian, remlWork } from "../../src/pooling/remlGaussian.js";
import { interceptSpec, readCsv } from "./specs.js";
import { centralDerivative } from "../support/finiteDifferences.js";

interface LmerRef {
  fixef: Record<string, number>;
  sigma: number;
  tau: number;
  logLik: number;
  ranef_mode: number[];
  ranef_condsd: number[];
  levels: string[];
  x_means: Record<string, number>;
}
type Case = "radon" | "radon_ml" | "sleepstudy" | "sleepstudy_ml";
const REF = JSON.parse(readFileSync(new URL("./fixtures/lmer-reml.json", import.meta.url), "utf8")) as Record<Case, LmerRef>;

function radonSpec() {
  const d = readCsv("radon_mn.csv");
  const data = { log_radon: d.log_radon.map(Number), floor: d.floor.map(Number), county: d.county };
  return buildFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data: data as never, family: "gaussian" }).spec;
}

function sleepSpec() {
  const d = readCsv("sleepstudy.csv");
  const data = { Reaction: d.Reaction.map(Number), Days: d.Days.map(Number), Subject: d.Subject };
  return buildFormulaModel({ formula: "Reaction ~ Days + (1 | Subject)", data: data as never, family: "gaussian" }).spec;
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe.each([
  ["radon", radonSpec, "floor"],
  ["sleepstudy", sleepSpec, "Days"],
] as const)("remlGaussian on %s against lmer", (name, makeSpec, slope) => {
  const spec = makeSpec();
  const levels = spec.groups[0].levels;
  for (const reml of [true, false]) {
    const r = REF[(reml ? name : `${name}_ml`) as Case];
    it(`${reml ? "REML" : "ML"}: fixed effects, σ, τ, log-likelihood, BLUPs and conditional sds`, () => {
      const fit = remlGaussian(spec, { reml });
      expect(fit.converged).toBe(true);
      expect(fit.singular).toBe(false);
      expect(rel(fit.interceptUncentred, r.fixef["(Intercept)"])).toBeLessThan(1e-6);
      expect(rel(fit.beta[0], r.fixef[slope])).toBeLessThan(1e-6);
      expect(fit.betaNames).toEqual([slope]);
      expect(rel(fit.sigma as number, r.sigma)).toBeLessThan(1e-6);
      expect(rel(fit.tau, r.tau)).toBeLessThan(1e-6);
      expect(Math.abs(fit.logLik - r.logLik)).toBeLessThan(1e-6);
      expect(levels.length).toBe(r.levels.length);
      const maxMode = Math.max(...r.ranef_mode.map(Math.abs));
      r.levels.forEach((level, j) => {
        const k = levels.indexOf(level);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(Math.abs(fit.modes[k] - r.ranef_mode[j]) / maxMode).toBeLessThan(1e-6);
        expect(rel(fit.condSd[k], r.ranef_condsd[j])).toBeLessThan(1e-6);
        // β integrated adds its own uncertainty: never below the conditional sd.
        expect(fit.groupSd[k]).toBeGreaterThan(fit.condSd[k]);
      });
      // The centred intercept is the uncentred one plus the slope at the predictor mean.
      expect(fit.alpha).toBeCloseTo(fit.interceptUncentred + fit.beta[0] * r.x_means[slope], 10);
    });
  }

  it("the analytic derivative of the criterion matches central differences (REML and ML)", () => {
    const d = remlData(spec);
    const w = remlWork(d);
    for (const reml of [true, false]) {
      for (const lambda of [0.05, 0.3, 2]) {
        // h = 1e-6 λ: truncation error O(h²) ~ 1e-12 relative, rounding ~ 1e-16 · |ℓ| / h ≈ 1e-7 absolute.
        const fd = centralDerivative((l) => remlEval(d, l, reml, w).logLik, lambda, (l) => 1e-6 * l);
        const an = remlEval(d, lambda, reml, w).dLambda;
        expect(Math.abs(an - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(an)));
      }
    }
  });
});

describe("remlGaussian on a singular fit with a predictor", () => {
  // Group means that differ by less than the noise predicts: the REML criterion falls from τ = 0.
  const y = [1.0, 2.1, 2.9, 4.2, 1.1, 1.9, 3.1, 3.9, 0.9, 2.0, 3.0, 4.1];
  const x = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
  const g = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
  const base = interceptSpec({ family: "gaussian", y, groupOf: g, levels: ["a", "b", "c"] });
  const spec = { ...base, X: { names: ["x"], values: Float64Array.from(x), means: Float64Array.of(2.5), priors: [{ family: "flat" as const }] } };
  it("gives τ̂ = 0, zero BLUPs, and the least-squares fit: σ̂² = RSS/(N − p), the sd of α̂", () => {
    const fit = remlGaussian(spec);
    expect(fit.singular).toBe(true);
    expect(fit.tau).toBe(0);
    fit.modes.forEach((m) => expect(m).toBe(0));
    fit.condSd.forEach((s) => expect(s).toBe(0));
    // Ordinary least squares by hand (x̄ = 2.5): slope = Sxy/Sxx, intercept at x̄ = ȳ.
    const n = y.length;
    const ybar = y.reduce((a, b) => a + b, 0) / n;
    const sxx = x.reduce((a, xi) => a + (xi - 2.5) ** 2, 0);
    const b = x.reduce((a, xi, i) => a + (xi - 2.5) * (y[i] - ybar), 0) / sxx;
    const rss = y.reduce((a, yi, i) => a + (yi - ybar - b * (x[i] - 2.5)) ** 2, 0);
    expect(fit.alpha).toBeCloseTo(ybar, 12);
    expect(fit.beta[0]).toBeCloseTo(b, 12);
    expect(fit.sigma as number).toBeCloseTo(Math.sqrt(rss / (n - 2)), 12);
    fit.groupSd.forEach((s) => expect(s).toBeCloseTo(Math.sqrt(rss / (n - 2) / n), 12));
  });

  it("pluginVsFullBayes flags it and the table says so; every plug-in interval is the population's", () => {
    // A stand-in for the partial-pooling fit (only `get` is read): fixed draws.
    const S = 200;
    const draws = (f: (s: number) => number) => Float64Array.from({ length: S }, (_, s) => f(s));
    const fake = {
      get(name: string): Float64Array {
        if (name === "b_Intercept") return draws((s) => 0.1 * Math.sin(s));
        if (name === "b_x") return draws((s) => 1 + 0.05 * Math.cos(s));
        if (name === "sd_g__Intercept") return draws((s) => 0.02 + 0.3 * ((s * 37) % 100) / 100);
        if (/^r_g\[[abc],Intercept\]$/.test(name)) return draws((s) => 0.2 * Math.cos(s * 1.7 + name.charCodeAt(4)));
        throw new Error(`no output ${name}`);
      },
    } as unknown as Fit;
    const p = pluginVsFullBayes(spec, fake);
    expect(p.singular).toBe(true);
    expect(p.tau_plugin).toBe(0);
    expect(p.sigma_plugin).toBeGreaterThan(0);
    const first = p.groups[0].plugin;
    for (const grp of p.groups) {
      expect(grp.plugin.q5).toBeCloseTo(first.q5, 12);
      expect(grp.plugin.q95).toBeCloseTo(first.q95, 12);
      // Full Bayes centre: b_Intercept (at x = 0, as brms reports it) + b_x x̄ + r_j, about 2.5.
      expect(grp.full_bayes.mean).toBeGreaterThan(2);
      expect(grp.full_bayes.mean).toBeLessThan(3);
    }
    expect(p.reml.beta).toHaveProperty("x");
    const text = pluginTable(p);
    expect(text).toMatch(/plug-in group sd is 0 \(a singular fit\)/);
    expect(text).toMatch(/residual sd plug-in/);
    // The JSON block is plain data.
    expect(JSON.parse(JSON.stringify(p)).reml.ranef_mode).toEqual([0, 0, 0]);
  });
});

describe("pluginComparison (the CLI's choice of plug-in)", () => {
  it("gives the REML comparison for gaussian with population-level predictors", () => {
    const spec = sleepSpec();
    const S = 100;
    const fake = {
      get(name: string): Float64Array {
        if (name === "sd_Subject__Intercept") return Float64Array.from({ length: S }, (_, s) => 30 + (s % 20));
        if (name.startsWith("b_") || name.startsWith("r_")) return Float64Array.from({ length: S }, (_, s) => (name === "b_Intercept" ? 251 : 0) + Math.sin(s + name.length));
        throw new Error(`no output ${name}`);
      },
    } as unknown as Fit;
    const p = pluginComparison({ variants: { specs: { partial_pooling: spec } }, fits: { partial_pooling: fake } } as never);
    expect(p).not.toBeNull();
    expect(rel((p as NonNullable<typeof p>).tau_plugin, REF.sleepstudy.tau)).toBeLessThan(1e-6);
    expect(rel((p as NonNullable<typeof p>).sigma_plugin as number, REF.sleepstudy.sigma)).toBeLessThan(1e-6);
    expect((p as NonNullable<typeof p>).groups).toHaveLength(18);
  });
});
