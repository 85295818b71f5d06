import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { logGammaP, logGammaQ } from "../../src/math/incGamma.js";
import { logIncBeta, logIncBetaC } from "../../src/math/incBeta.js";
import { poissonLccdf, poissonLcdf, poissonLogCensored, poissonLogCensoredDEta } from "../../src/distributions/poissonCdf.js";
import { binomialLccdf, binomialLcdf, binomialLogitCensored, binomialLogitCensoredDAlpha } from "../../src/distributions/binomialCdf.js";
import { createRng } from "../../src/random/rng.js";
import { centralDerivative } from "../support/finiteDifferences.js";

// Reference values from R (fixtures/make-refs-count-cdf.R): pgamma / pbeta / ppois / pbinom with
// log.p = TRUE in both tails, far tails included. R's algorithms are accurate to a few ulps; the
// continued fractions here stop at a relative step of 1e-16 and lgamma/lbeta carry ~1e-14 relative
// error at arguments near 1e4 (a·log x − x − lgamma(a) cancels ≈ 4 digits there: ε·a·log x ≈ 2e-11 at
// a = 1e4), so the tolerance is 1e-12 relative to max(1, |value|, a/1000).
const REFS: { fn: string; args: number[]; value: number }[] = JSON.parse(readFileSync(new URL("./fixtures/refs-count-cdf.json", import.meta.url), "utf8"));
const FNS: Record<string, (...a: number[]) => number> = {
  logGammaP,
  logGammaQ,
  logIncBeta: (a, b, x) => logIncBeta(a, b, x, 1 - x),
  logIncBetaC: (a, b, x) => logIncBetaC(a, b, x, 1 - x),
  poissonLcdf,
  poissonLccdf,
  binomialLcdf,
  binomialLccdf,
};

describe("incomplete gamma / beta and the Poisson / binomial CDFs", () => {
  for (const r of REFS) {
    it(`${r.fn}(${r.args.join(", ")}) equals R's ${r.value}`, () => {
      const v = FNS[r.fn](...r.args);
      if (r.value === 0) expect(Math.abs(v)).toBeLessThan(1e-300);
      else expect(Math.abs(v - r.value) / Math.max(1, Math.abs(r.value), r.args[0] / 1000)).toBeLessThan(1e-12);
    });
  }
  it("edges: P(a, 0) = 0, Q(a, 0) = 1; Poisson below 0; binomial at N", () => {
    expect(logGammaP(2, 0)).toBe(-Infinity);
    expect(logGammaQ(2, 0)).toBe(0);
    expect(poissonLcdf(-1, 3)).toBe(-Infinity);
    expect(poissonLccdf(-1, 3)).toBe(0);
    expect(binomialLcdf(10, 10, 0.4)).toBe(0);
    expect(binomialLccdf(10, 10, 0.4)).toBe(-Infinity);
  });
  it("invalid arguments are named errors", () => {
    expect(() => logGammaP(-1, 2)).toThrow("logGammaP: a must be positive and finite, got -1");
    expect(() => poissonLcdf(2, -1)).toThrow("poissonLcdf: lambda must be non-negative and finite, got -1");
    expect(() => binomialLcdf(2, 2.5, 0.3)).toThrow("binomialLcdf: N must be a non-negative integer, got 2.5");
    expect(() => logIncBeta(1, 1, 1.5, -0.5)).toThrow("logIncBeta: x must be in [0, 1], got 1.5");
  });
});

describe("censored count rows: ∂/∂η and ∂/∂α against central differences", () => {
  // Analytic partials against central differences of the value (step ε^(1/3)): agreement to ~1e-9
  // relative for these smooth, O(1)-scaled functions; 1e-7 leaves room for the CF's 1e-16 stopping.
  const rng = createRng(20261129, 8);
  for (let t = 0; t < 40; t++) {
    const code = [1, -1, 2][t % 3];
    const y = Math.floor(rng.uniform() * 12);
    const up = y + 1 + Math.floor(rng.uniform() * 6);
    const eta = (rng.uniform() - 0.3) * 4;
    it(`poisson_log code ${code}, y ${y}, upper ${up}, eta ${eta.toFixed(3)}`, () => {
      const f = (e: number): number => poissonLogCensored(code, y, up, e);
      const lc = f(eta);
      const d = poissonLogCensoredDEta(code, y, up, eta, lc);
      expect(Math.abs(d - centralDerivative(f, eta))).toBeLessThan(1e-7 * Math.max(1, Math.abs(d)));
    });
    const N = 5 + Math.floor(rng.uniform() * 30);
    const yb = Math.min(N - 1, y);
    const ub = Math.min(N, yb + 1 + Math.floor(rng.uniform() * 6));
    const alpha = (rng.uniform() - 0.5) * 6;
    it(`binomial_logit code ${code}, y ${yb}, upper ${ub}, N ${N}, alpha ${alpha.toFixed(3)}`, () => {
      const f = (a: number): number => binomialLogitCensored(code, yb, ub, N, a);
      const lc = f(alpha);
      const d = binomialLogitCensoredDAlpha(code, yb, ub, N, alpha, lc);
      expect(Math.abs(d - centralDerivative(f, alpha))).toBeLessThan(1e-7 * Math.max(1, Math.abs(d)));
    });
  }
  it("far tails stay finite: poisson lcdf(0) at λ = e^8, binomial lccdf(N − 1) at α = −30", () => {
    const lc = poissonLogCensored(-1, 0, 0, 8);
    expect(lc).toBeCloseTo(-Math.exp(8), 6);
    expect(poissonLogCensoredDEta(-1, 0, 0, 8, lc)).toBeCloseTo(-Math.exp(8), 4);
    const lb = binomialLogitCensored(1, 9, 0, 10, -30);
    expect(lb).toBeCloseTo(-300, 8);
    expect(binomialLogitCensoredDAlpha(1, 9, 0, 10, -30, lb)).toBeCloseTo(10, 8);
  });
});
