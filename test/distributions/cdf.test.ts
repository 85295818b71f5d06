import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as N from "../../src/distributions/normalCdf.js";
import * as LN from "../../src/distributions/lognormalCdf.js";
import * as W from "../../src/distributions/weibullCdf.js";
import { DomainError } from "../../src/errors.js";
import { createRng } from "../../src/random/rng.js";
import { CENTRAL_STEP, centralDerivative } from "../support/finiteDifferences.js";

// Reference values from R (fixtures/make-refs-cdf.R): pnorm / plnorm / pweibull / pexp with
// log.p = TRUE, far tails included (normal at ±40 and −1000 sd, weibull with t = 1e-300).
const REFS: { fn: string; args: number[]; value: number }[] = JSON.parse(readFileSync(new URL("./fixtures/refs-cdf.json", import.meta.url), "utf8"));
const FNS: Record<string, (...a: number[]) => number> = {
  normalLcdf: N.normalLcdf,
  normalLccdf: N.normalLccdf,
  normalLogIntervalProb: N.normalLogIntervalProb,
  lognormalLcdf: LN.lognormalLcdf,
  lognormalLccdf: LN.lognormalLccdf,
  lognormalLogIntervalProb: LN.lognormalLogIntervalProb,
  weibullLcdf: W.weibullLcdf,
  weibullLccdf: W.weibullLccdf,
  weibullLogIntervalProb: W.weibullLogIntervalProb,
  exponentialLcdf: W.exponentialLcdf,
  exponentialLccdf: W.exponentialLccdf,
  exponentialLogIntervalProb: W.exponentialLogIntervalProb,
};
const GRADS: Record<string, (...a: (number | Float64Array)[]) => number> = {
  normalLcdf: N.normalLcdfGrad as never,
  normalLccdf: N.normalLccdfGrad as never,
  normalLogIntervalProb: N.normalLogIntervalProbGrad as never,
  lognormalLcdf: LN.lognormalLcdfGrad as never,
  lognormalLccdf: LN.lognormalLccdfGrad as never,
  lognormalLogIntervalProb: LN.lognormalLogIntervalProbGrad as never,
  weibullLcdf: W.weibullLcdfGrad as never,
  weibullLccdf: W.weibullLccdfGrad as never,
  weibullLogIntervalProb: W.weibullLogIntervalProbGrad as never,
  exponentialLcdf: W.exponentialLcdfGrad as never,
  exponentialLccdf: W.exponentialLccdfGrad as never,
};

describe("log CDFs and CCDFs equal R's p*(log.p = TRUE)", () => {
  it("covers every function in the fixture", () => {
    expect(new Set(REFS.map((r) => r.fn))).toEqual(new Set(Object.keys(FNS)));
  });
  for (const r of REFS) {
    it(`${r.fn}(${r.args.join(", ")}) = ${r.value}`, () => {
      const v = FNS[r.fn](...r.args);
      // R's pnorm is accurate to a few ulps in log scale; 1e-13 relative (abs floor 1e-300 for −0) leaves
      // room for the cancellation of log1p near 0 in interval probabilities of wide intervals.
      // Interval probabilities subtract two CDFs: the narrowest fixture interval (−2, −1.999] loses
      // log10(F(hi)/(F(hi) − F(lo))) ≈ 2.6 digits to it (in R's reference too), hence 1e-11 there.
      const rel = r.fn.endsWith("IntervalProb") ? 1e-11 : 1e-13;
      expect(Math.abs(v - r.value), `${v}`).toBeLessThanOrEqual(rel * Math.abs(r.value) + 1e-300);
      const g = GRADS[r.fn];
      if (g && Number.isFinite(r.value) && r.args.every((a) => Number.isFinite(a))) {
        const d = new Float64Array(r.args.length + 1);
        const ok = r.fn.startsWith("lognormal") || r.fn.startsWith("weibull") || r.fn.startsWith("exponential") ? r.args[0] > 0 : true;
        if (ok) expect(Object.is(g(...r.args, d, 1), v), "the Grad form returns the same value").toBe(true);
      }
    });
  }
});

/**
 * Central differences with the step ε^(1/3)·|x| (relative to the coordinate itself: outcomes and scales
 * here reach 1e-4, where the default floor of ε^(1/3) would step past 0); rounding ≈ ε^(2/3)|f/x|.
 * Compared at 1e-6 relative + 1e-8·(1 + |f|).
 */
function checkGrad(name: string, point: number[]): void {
  const g = GRADS[name];
  const f = FNS[name];
  const d = new Float64Array(point.length);
  const v = g(...point, d, 0);
  expect(Number.isFinite(v), `${name}(${point}) finite`).toBe(true);
  for (let k = 0; k < point.length; k++) {
    const fd = centralDerivative((x) => f(...point.map((p, j) => (j === k ? x : p))), point[k], (x) => CENTRAL_STEP * Math.max(Math.abs(x), 1e-300));
    const tol = 1e-6 * Math.max(Math.abs(fd), Math.abs(d[k])) + 1e-8 * (1 + Math.abs(v));
    expect(Math.abs(d[k] - fd), `${name}(${point}) slot ${k}: analytic ${d[k]}, fd ${fd}`).toBeLessThanOrEqual(tol);
  }
}

describe("log CDF / CCDF partials equal central finite differences", () => {
  const rng = createRng(20261129, 7);
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const POINTS = 40;
  it("normal and lognormal, z in (−8, 8)", () => {
    for (let p = 0; p < POINTS; p++) {
      const mu = u(-3, 3);
      const s = u(0.2, 3);
      const y = mu + s * u(-8, 8);
      checkGrad("normalLcdf", [y, mu, s]);
      checkGrad("normalLccdf", [y, mu, s]);
      checkGrad("normalLogIntervalProb", [y, y + s * u(0.05, 3), mu, s]);
      const ly = Math.exp(y / 3);
      checkGrad("lognormalLcdf", [ly, mu / 3, s]);
      checkGrad("lognormalLccdf", [ly, mu / 3, s]);
      checkGrad("lognormalLogIntervalProb", [ly, ly * u(1.05, 4), mu / 3, s]);
    }
  });
  it("weibull and exponential, cumulative hazard from 1e-6 to 30", () => {
    for (let p = 0; p < POINTS; p++) {
      const alpha = u(0.3, 4);
      const sigma = u(0.5, 50);
      const t = Math.exp(u(Math.log(1e-6), Math.log(30)));
      const y = sigma * Math.pow(t, 1 / alpha);
      checkGrad("weibullLcdf", [y, alpha, sigma]);
      checkGrad("weibullLccdf", [y, alpha, sigma]);
      checkGrad("weibullLogIntervalProb", [y, y * u(1.05, 3), alpha, sigma]);
      checkGrad("exponentialLcdf", [y, 1 / sigma]);
      checkGrad("exponentialLccdf", [y, 1 / sigma]);
    }
  });
  it("far tails stay finite with finite partials (normal at z = ±60, weibull t = 1e-300 and 600)", () => {
    const d = new Float64Array(4);
    expect(N.normalLcdfGrad(-60, 0, 1, d, 0)).toBeCloseTo(-1805.0135606805673, 9);
    // ∂ log Φ(z)/∂z → −z in the lower tail (the inverse Mills ratio).
    expect(d[0]).toBeCloseTo(60.0166, 3);
    expect(N.normalLccdfGrad(60, 0, 1, d, 0)).toBeCloseTo(-1805.0135606805673, 9);
    expect(d[1]).toBeCloseTo(60.0166, 3);
    expect(N.normalLogIntervalProbGrad(60, 61, 0, 1, d, 0)).toBeCloseTo(-1805.0135606805673, 9);
    expect(d.every(Number.isFinite)).toBe(true);
    const lcdf = W.weibullLcdfGrad(1e-150, 2, 1, d, 0);
    expect(lcdf).toBeCloseTo(2 * Math.log(1e-150), 10);
    expect(d[1]).toBeCloseTo(Math.log(1e-150), 10);
    expect(W.weibullLccdfGrad(600, 1, 1, d, 0)).toBe(-600);
  });
  it("bad arguments throw named DomainErrors", () => {
    expect(() => N.normalLcdf(0, 0, -1)).toThrow(DomainError);
    expect(() => N.normalLcdf(0, 0, -1)).toThrow("normalLcdf: sigma must be positive");
    expect(() => N.normalLogIntervalProb(2, 1, 0, 1)).toThrow("normalLogIntervalProb: hi must be above lo");
    expect(() => W.weibullLccdf(1, 0, 1)).toThrow("weibullLccdf: alpha must be positive");
    expect(() => W.exponentialLcdf(1, -2)).toThrow("exponentialLcdf: lambda must be positive");
  });
  it("support edges: CDF 0 below the support, CCDF 1", () => {
    expect(LN.lognormalLcdf(0, 0, 1)).toBe(-Infinity);
    expect(LN.lognormalLccdf(-1, 0, 1)).toBe(0);
    expect(W.weibullLcdf(0, 2, 1)).toBe(-Infinity);
    expect(W.weibullLccdf(0, 2, 1)).toBe(0);
    expect(N.logDiffPhi(1, 1)).toBe(-Infinity);
    expect(N.logDiffPhi(2, 1)).toBeNaN();
  });
});
