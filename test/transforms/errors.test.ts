import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import {
  choleskyFactorCorr,
  choleskyFactorCov,
  corrMatrix,
  covMatrix,
  identity,
  interval,
  lowerBound,
  offsetMultiplier,
  ordered,
  positiveOrdered,
  simplex,
  upperBound,
  type Transform,
} from "../../src/transforms/index.js";

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("factories reject bad arguments with named errors", () => {
  const cases: [() => unknown, string][] = [
    [() => lowerBound(NaN), "lowerBound: lb must be a number below +Infinity, got NaN"],
    [() => lowerBound(Infinity), "lowerBound: lb must be a number below +Infinity, got Infinity"],
    [() => upperBound(NaN), "upperBound: ub must be a number above -Infinity, got NaN"],
    [() => upperBound(-Infinity), "upperBound: ub must be a number above -Infinity, got -Infinity"],
    [() => interval(1, 1), "interval: lb must be less than ub = 1, got 1"],
    [() => interval(2, 1), "interval: lb must be less than ub = 1, got 2"],
    [() => interval(NaN, 1), "interval: lb must be a number below +Infinity, got NaN"],
    [() => interval(0, NaN), "interval: ub must be a number above -Infinity, got NaN"],
    [() => interval(-1e308, 1e308), "interval: ub - lb must be finite, lb = -1e+308, got ub = 1e+308"],
    [() => offsetMultiplier(NaN, 1), "offsetMultiplier: offset must be finite, got NaN"],
    [() => offsetMultiplier(Infinity, 1), "offsetMultiplier: offset must be finite, got Infinity"],
    [() => offsetMultiplier(0, 0), "offsetMultiplier: multiplier must be positive and finite, got 0"],
    [() => offsetMultiplier(0, -1), "offsetMultiplier: multiplier must be positive and finite, got -1"],
    [() => offsetMultiplier(0, Infinity), "offsetMultiplier: multiplier must be positive and finite, got Infinity"],
    [() => simplex.unconstrainedSize(0), "simplex: size must be an integer >= 1, got 0"],
    [() => choleskyFactorCorr.constrainedSize(-1), "choleskyFactorCorr: size must be an integer >= 0, got -1"],
    [() => lowerBound(0).unconstrainedSize(1.5), "lowerBound(0): size must be an integer >= 0, got 1.5"],
  ];
  for (const [f, message] of cases) {
    it(message, () => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(DomainError);
      expect(e.message).toBe(message);
    });
  }

  it("infinite bounds give the transform Stan uses for them", () => {
    expect(lowerBound(-Infinity)).toBe(identity);
    expect(upperBound(Infinity)).toBe(identity);
    expect(interval(-Infinity, Infinity)).toBe(identity);
    expect(interval(-Infinity, 2).name).toBe("upperBound(2)");
    expect(interval(-3, Infinity).name).toBe("lowerBound(-3)");
  });
});

describe("unconstrain rejects points outside the support, naming the problem; inSupport agrees", () => {
  const cases: [Transform, number, number[], string][] = [
    [identity, 2, [1, NaN], "identity.unconstrain: element 2 must not be NaN, got NaN"],
    [offsetMultiplier(1, 2), 1, [NaN], "offsetMultiplier(1, 2).unconstrain: element 1 must not be NaN, got NaN"],
    [lowerBound(0), 2, [1, -0.5], "lowerBound(0).unconstrain: element 2 must be >= 0, got -0.5"],
    [lowerBound(0), 1, [NaN], "lowerBound(0).unconstrain: element 1 must be >= 0, got NaN"],
    [upperBound(1.5), 1, [2], "upperBound(1.5).unconstrain: element 1 must be <= 1.5, got 2"],
    [interval(-1, 3), 2, [0, 3.5], "interval(-1, 3).unconstrain: element 2 must be in [-1, 3], got 3.5"],
    [ordered, 3, [1, 2, 1.5], "ordered.unconstrain: element 3 must be >= element 2 (2), got 1.5"],
    [positiveOrdered, 2, [-1, 2], "positiveOrdered.unconstrain: element 1 must be >= 0, got -1"],
    [simplex, 3, [0.5, 0.6, -0.1], "simplex.unconstrain: element 3 must be >= 0, got -0.1"],
    [simplex, 2, [0.5, 0.6], "simplex.unconstrain: elements must sum to 1 (within 1e-8), got 1.1"],
    [choleskyFactorCorr, 2, [1, 0.1, 0, 1], "choleskyFactorCorr.unconstrain: element [1,2] above the diagonal must be 0, got 0.1"],
    [choleskyFactorCorr, 2, [1, 0, 0.6, -0.8], "choleskyFactorCorr.unconstrain: diagonal element [2,2] must be >= 0, got -0.8"],
    [
      choleskyFactorCorr,
      2,
      [1, 0, 0.5, 0.5],
      "choleskyFactorCorr.unconstrain: row 2 must have unit length (squared norm within 1e-8 of 1), got 0.5",
    ],
    [choleskyFactorCov, 2, [1, 0.5, 0, 1], "choleskyFactorCov.unconstrain: element [1,2] above the diagonal must be 0, got 0.5"],
    [choleskyFactorCov, 2, [1, 0, 3, -1], "choleskyFactorCov.unconstrain: diagonal element [2,2] must be >= 0, got -1"],
    [covMatrix, 2, [1, 0.5, 0.4, 1], "covMatrix.unconstrain: must be finite and symmetric; element [2,1] vs [1,2], got 0.4 vs 0.5"],
    [covMatrix, 2, [1, 2, 2, 1], "covMatrix.unconstrain: must be positive definite; Cholesky pivot 2 is not positive, got -3"],
    [corrMatrix, 2, [1, 0.5, 0.5, 1.1], "corrMatrix.unconstrain: diagonal element [2,2] must be 1 (within 1e-8), got 1.1"],
    [corrMatrix, 2, [1, 0.5, 0.4, 1], "corrMatrix.unconstrain: must be finite and symmetric; element [2,1] vs [1,2], got 0.4 vs 0.5"],
    [corrMatrix, 2, [1, 1, 1, 1], "corrMatrix.unconstrain: must be positive definite; Cholesky pivot 2 is not positive, got 0"],
  ];
  for (const [t, n, xs, message] of cases) {
    it(message, () => {
      // At an offset, so the element numbers are relative to the slice.
      const x = Float64Array.from([99, ...xs]);
      const u = new Float64Array(1 + t.unconstrainedSize(n));
      const e = thrown(() => t.unconstrain(x, 1, u, 1, n));
      expect(e).toBeInstanceOf(DomainError);
      expect(e.message).toBe(message);
      expect(t.inSupport(x, 1, n)).toBe(false);
    });
  }
});

describe("the closed boundary maps to infinite unconstrained values", () => {
  it("bounds reached exactly give ∓∞", () => {
    const u = new Float64Array(2);
    lowerBound(0).unconstrain(Float64Array.of(0, 1), 0, u, 0, 2);
    expect([...u]).toEqual([-Infinity, 0]);
    interval(-1, 3).unconstrain(Float64Array.of(-1, 3), 0, u, 0, 2);
    expect([...u]).toEqual([-Infinity, Infinity]);
    ordered.unconstrain(Float64Array.of(2, 2), 0, u, 0, 2);
    expect([...u]).toEqual([2, -Infinity]);
  });

  it("a simplex vertex unconstrains without NaN and constrains back to the vertex", () => {
    const u = new Float64Array(2);
    simplex.unconstrain(Float64Array.of(1, 0, 0), 0, u, 0, 3);
    expect([...u]).toEqual([Infinity, -Infinity]);
    const x = new Float64Array(3);
    simplex.constrain(u, 0, x, 0, 3);
    expect([...x]).toEqual([1, 0, 0]);
  });

  it("a Cholesky correlation factor with a zero diagonal unconstrains to ±∞ and 0, without NaN", () => {
    const u = new Float64Array(3);
    choleskyFactorCorr.unconstrain(Float64Array.of(1, 0, 0, -1, 0, 0, 0, 0, 1), 0, u, 0, 3);
    expect([...u]).toEqual([-Infinity, 0, 0]);
  });
});
