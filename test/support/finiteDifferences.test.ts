import { describe, expect, it } from "vitest";
import type { LogDensity } from "../../src/logDensity.js";
import { CENTRAL_STEP, centralDifference, centralGradient, centralJacobian, expectCentralDifferences, relativeStep } from "./finiteDifferences.js";

describe("test/support/finiteDifferences", () => {
  it("relativeStep is ε^(1/3)·max(1, |x|)", () => {
    expect(CENTRAL_STEP).toBeCloseTo(6.055454e-6, 11);
    expect(relativeStep(0.3)).toBe(CENTRAL_STEP);
    expect(relativeStep(-200)).toBe(200 * CENTRAL_STEP);
  });

  it("centralDifference of sin at x = 100 is cos(100) to ~ε^(2/3) relative with the default step, and restores x", () => {
    const x = Float64Array.of(1, 100);
    const d = centralDifference((v) => Math.sin(v[1]), x, 1);
    // Truncation h²|f‴|/6 with h = 6e-4 is 6e-8; rounding ε/h ≈ 4e-13: 1e-7 absolute covers both.
    expect(Math.abs(d - Math.cos(100))).toBeLessThan(1e-7);
    expect(Array.from(x)).toEqual([1, 100]);
  });

  it("an absolute step is used as given: a cubic's central difference is off by exactly h² (f‴ = 6)", () => {
    const d = centralDifference((v) => v[0] ** 3, Float64Array.of(0.5), 0, 1e-2);
    expect(d - 3 * 0.25).toBeCloseTo(1e-4, 12);
  });

  it("centralGradient and centralJacobian of a linear map are its coefficients", () => {
    const x = Float64Array.of(0.2, -1.5, 3);
    const g = centralGradient((v) => 2 * v[0] - v[1] + 0.5 * v[2], x);
    [2, -1, 0.5].forEach((c, k) => expect(g[k]).toBeCloseTo(c, 9));
    const buf = new Float64Array(2);
    const J = centralJacobian((v) => ((buf[0] = v[0] + 3 * v[2]), (buf[1] = -v[1]), buf), x, [0, 2]);
    [1, 3, 0, 0].forEach((c, k) => expect(J[k]).toBeCloseTo(c, 9));
  });

  it("expectCentralDifferences passes the right gradient and fails a 1 % wrong one", () => {
    // A standard normal whose gradient is 1 % too steep.
    const ld: LogDensity = { dim: 1, logDensityGradient: (t, g) => ((g[0] = -1.01 * t[0]), -0.5 * t[0] * t[0]) };
    expect(() => expectCentralDifferences(ld, Float64Array.of(2), { tol: 1e-6 })).toThrow(/grad\[0\]/);
    expectCentralDifferences({ ...ld, logDensityGradient: (t, g) => ((g[0] = -t[0]), -0.5 * t[0] * t[0]) }, Float64Array.of(2), { tol: 1e-6 });
  });
});
