import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import {
  choleskyFactorCorr,
  interval,
  intervalConstrain,
  intervalDerivative,
  intervalFree,
  intervalLogJacobian,
  intervalLogJacobianDerivative,
  lowerBound,
  lowerBoundConstrain,
  lowerBoundDerivative,
  lowerBoundFree,
  offsetMultiplier,
  offsetMultiplierConstrain,
  offsetMultiplierFree,
  simplex,
  upperBound,
  upperBoundConstrain,
  upperBoundDerivative,
  upperBoundFree,
} from "../../src/transforms/index.js";

describe("scalar helpers agree exactly with the vector transforms", () => {
  const rng = createRng(707, 0);
  const us = Float64Array.from({ length: 50 }, () => 5 * rng.normal());
  const x = new Float64Array(50);
  const back = new Float64Array(50);
  const gu = new Float64Array(50);
  const one = new Float64Array(50).fill(1);

  it("lowerBoundConstrain / lowerBoundFree / lowerBoundDerivative", () => {
    const t = lowerBound(-2);
    t.constrain(us, 0, x, 0, 50);
    t.backward(us, 0, x, 0, one, 0, gu.fill(0), 0, 50);
    for (let i = 0; i < 50; i++) {
      expect(lowerBoundConstrain(us[i], -2)).toBe(x[i]);
      expect(lowerBoundFree(x[i], -2)).toBe(Math.log(x[i] + 2));
      expect(gu[i]).toBe(lowerBoundDerivative(us[i]) + 1);
    }
  });

  it("upperBoundConstrain / upperBoundFree / upperBoundDerivative", () => {
    const t = upperBound(3);
    t.constrain(us, 0, x, 0, 50);
    t.unconstrain(x, 0, back, 0, 50);
    t.backward(us, 0, x, 0, one, 0, gu.fill(0), 0, 50);
    for (let i = 0; i < 50; i++) {
      expect(upperBoundConstrain(us[i], 3)).toBe(x[i]);
      expect(upperBoundFree(x[i], 3)).toBe(back[i]);
      expect(gu[i]).toBe(upperBoundDerivative(us[i]) + 1);
    }
  });

  it("intervalConstrain / intervalFree / intervalLogJacobian / derivatives", () => {
    const t = interval(-1, 4);
    let lp = 0;
    const lpAll = t.constrain(us, 0, x, 0, 50);
    t.unconstrain(x, 0, back, 0, 50);
    t.backward(us, 0, x, 0, one, 0, gu.fill(0), 0, 50);
    for (let i = 0; i < 50; i++) {
      expect(intervalConstrain(us[i], -1, 4)).toBe(x[i]);
      expect(intervalFree(x[i], -1, 4)).toBe(back[i]);
      lp += intervalLogJacobian(us[i], -1, 4);
      // Same terms, summed in a different association: equal to rounding.
      expect(gu[i]).toBeCloseTo(intervalDerivative(us[i], -1, 4) + intervalLogJacobianDerivative(us[i]), 14);
    }
    expect(lp).toBeCloseTo(lpAll, 12);
  });

  it("offsetMultiplierConstrain / offsetMultiplierFree", () => {
    const t = offsetMultiplier(1.5, 0.25);
    t.constrain(us, 0, x, 0, 50);
    t.unconstrain(x, 0, back, 0, 50);
    for (let i = 0; i < 50; i++) {
      expect(offsetMultiplierConstrain(us[i], 1.5, 0.25)).toBe(x[i]);
      expect(offsetMultiplierFree(x[i], 1.5, 0.25)).toBe(back[i]);
    }
  });
});

describe("numerics near the bounds", () => {
  it("interval keeps x − lb to full relative precision near lb = 0, and ub − x to ulp(ub) near ub", () => {
    // Exact: the distance to the nearer bound is (ub − lb)·e/(1 + e), e = exp(−|u|). Near lb = 0 the
    // result is a few roundings from it (relative 1e-15); near ub = 2, x itself is only representable
    // to ulp(2) = 4.4e-16 absolute, so that is the bound there (and likewise near any non-zero bound).
    for (const u of [-30, -100, -700, 30, 100, 700]) {
      const e = Math.exp(-Math.abs(u));
      const dist = (2 * e) / (1 + e);
      const x = intervalConstrain(u, 0, 2);
      expect(x >= 0 && x <= 2).toBe(true);
      if (u < 0) expect(Math.abs(x - dist) / dist).toBeLessThan(1e-15);
      else expect(Math.abs(2 - x - dist)).toBeLessThanOrEqual(4.5e-16);
    }
    // So the round trip near lb = 0 holds even at u = −700 (x ≈ 1e-304).
    const x = intervalConstrain(-700, 0, 1);
    expect(x).toBeGreaterThan(0);
    expect(Math.abs(intervalFree(x, 0, 1) + 700)).toBeLessThan(1e-12);
  });

  it("interval's log|J| is ≈ log(ub − lb) − |u| where x has rounded to the bound", () => {
    expect(intervalConstrain(1e4, 0, 2)).toBe(2);
    expect(intervalLogJacobian(1e4, 0, 2)).toBe(Math.log(2) - 1e4);
    expect(intervalConstrain(-1e4, 0, 2)).toBe(0);
    expect(intervalLogJacobian(-1e4, 0, 2)).toBe(Math.log(2) - 1e4);
  });

  it("simplex maps u = 0 to the centre 1/K (the log(K − k) offset)", () => {
    const x = new Float64Array(7);
    simplex.constrain(new Float64Array(6), 0, x, 0, 7);
    for (const v of x) expect(Math.abs(v - 1 / 7)).toBeLessThan(4e-16);
  });

  it("choleskyFactorCorr maps u = 0 to the identity", () => {
    const x = new Float64Array(16);
    expect(choleskyFactorCorr.constrain(new Float64Array(6), 0, x, 0, 4)).toBe(0);
    expect([...x]).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it("lowerBound at |u| beyond exp's range: x = lb or +∞, log|J| = u, ∇ finite", () => {
    const t = lowerBound(1);
    const u = Float64Array.of(-800, 800);
    const x = new Float64Array(2);
    expect(t.constrain(u, 0, x, 0, 2)).toBe(0);
    expect([...x]).toEqual([1, Infinity]);
    const gu = new Float64Array(2);
    t.backward(u, 0, x, 0, new Float64Array(2), 0, gu, 0, 2);
    expect([...gu]).toEqual([1, 1]);
  });
});
