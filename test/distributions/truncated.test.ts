import { describe, expect, it } from "vitest";
import { truncatedLogNormaliser, truncatedMean, truncatedRng } from "../../src/distributions/truncated.js";
import { poissonLogLpmf } from "../../src/distributions/poissonLog.js";
import { binomialLogitLpmf } from "../../src/distributions/binomialLogit.js";
import { negBinomial2LogLpmf } from "../../src/distributions/negBinomial2Log.js";
import { Phi } from "../../src/math/Phi.js";
import { createRng } from "../../src/random/rng.js";

// Truncated draws, means and normalisers in the IR's parametrisation. Discrete normalisers and means
// against direct sums of the pmf (agreement to 1e-12 relative: both are sums of O(30) positive terms);
// continuous means against the same-seed Monte Carlo mean of 20 000 truncated draws (4 standard errors:
// a false failure rate of 6e-5 per case); every draw inside its bounds.
type Case = { family: string; lo: number; hi: number; a: number; b: number; c?: number };
const CASES: Case[] = [
  { family: "normal", lo: 0, hi: Infinity, a: 0.5, b: 1.5 },
  { family: "normal", lo: -Infinity, hi: -3, a: 0, b: 1 },
  { family: "normal", lo: 6, hi: 9, a: 0, b: 1 },
  { family: "student_t", lo: 0, hi: Infinity, a: 4, b: 0.5, c: 1.5 },
  { family: "student_t", lo: 8, hi: 20, a: 3, b: 0, c: 1 },
  { family: "student_t", lo: -2, hi: 1, a: 1.5, b: 0.3, c: 2 },
  { family: "lognormal", lo: 1, hi: 4, a: 0.3, b: 0.8 },
  { family: "lognormal", lo: 0, hi: 2, a: 0.3, b: 0.8 },
  { family: "weibull", lo: 0.5, hi: Infinity, a: 1.7, b: 2 },
  { family: "weibull", lo: 3, hi: 5, a: 2.5, b: 1 },
  { family: "exponential", lo: 1, hi: 3, a: 0.7, b: NaN },
  { family: "gamma", lo: 0.5, hi: Infinity, a: 2.5, b: 1.5 },
  { family: "gamma", lo: 0, hi: 0.2, a: 3, b: 1 },
  { family: "gamma", lo: 9, hi: 12, a: 0.8, b: 2 },
  { family: "poisson_log", lo: 1, hi: Infinity, a: Math.log(0.6), b: NaN },
  { family: "poisson_log", lo: 3, hi: 7, a: Math.log(12), b: NaN },
  { family: "poisson_log", lo: 40, hi: Infinity, a: Math.log(5), b: NaN },
  { family: "neg_binomial_2_log", lo: 1, hi: Infinity, a: Math.log(0.8), b: 1.5 },
  { family: "neg_binomial_2_log", lo: 2, hi: 9, a: Math.log(6), b: 0.7 },
  { family: "binomial_logit", lo: 1, hi: 12, a: 12, b: -2 },
  { family: "binomial_logit", lo: 2, hi: 5, a: 20, b: 1 },
  // Beyond Φ's digits (z < −37): a flat-prior fit wandered to μ ≈ 1239, σ ≈ 29 with bounds 1.5–1.6 (z ≈ −42.4), where the
  // inverse CDF returned −∞; the far upper tail and a lognormal 100 sd out take the same path.
  { family: "normal", lo: 1.5, hi: 1.6, a: 1238.87, b: 29.15 },
  { family: "normal", lo: 50, hi: Infinity, a: 0, b: 1 },
  { family: "normal", lo: -Infinity, hi: -45, a: 0, b: 1 },
  { family: "lognormal", lo: 1, hi: 3, a: 100, b: 1 },
];

const pmf = (c: Case, k: number): number =>
  Math.exp(c.family === "poisson_log" ? poissonLogLpmf(k, c.a) : c.family === "neg_binomial_2_log" ? negBinomial2LogLpmf(k, c.a, c.b) : binomialLogitLpmf(k, c.a, c.b));

describe("truncated distributions", () => {
  for (const c of CASES) {
    const name = `${c.family}(${c.a.toFixed(3)}${Number.isNaN(c.b) ? "" : `, ${c.b}`}) in [${c.lo}, ${c.hi}]`;
    it(`${name}: draws lie in the bounds and average to truncatedMean`, () => {
      const rng = createRng(20261129, CASES.indexOf(c));
      const m = truncatedMean(c.family, c.lo, c.hi, c.a, c.b, c.c);
      let s = 0;
      let s2 = 0;
      const S = 20000;
      for (let t = 0; t < S; t++) {
        const y = truncatedRng(rng, c.family, c.lo, c.hi, c.a, c.b, c.c);
        expect(y >= c.lo && y <= c.hi && Number.isFinite(y), `draw ${y}`).toBe(true);
        s += y;
        s2 += y * y;
      }
      const mean = s / S;
      const se = Math.sqrt((s2 / S - mean * mean) / S);
      expect(Math.abs(mean - m)).toBeLessThan(4 * se + 1e-12);
    });
    if (c.family === "poisson_log" || c.family === "neg_binomial_2_log" || c.family === "binomial_logit") {
      it(`${name}: normaliser and mean equal sums of the pmf over lb … ub`, () => {
        const top = Math.min(c.hi, c.family === "binomial_logit" ? c.a : 400);
        let z = 0;
        let m = 0;
        for (let k = Math.max(0, c.lo); k <= top; k++) {
          z += pmf(c, k);
          m += k * pmf(c, k);
        }
        expect(Math.abs(truncatedLogNormaliser(c.family, c.lo, c.hi, c.a, c.b) - Math.log(z))).toBeLessThan(1e-12 * Math.max(1, Math.abs(Math.log(z))));
        expect(Math.abs(truncatedMean(c.family, c.lo, c.hi, c.a, c.b) - m / z)).toBeLessThan(1e-12 * (m / z));
      });
    }
  }
  it("the normal normaliser and mean equal the textbook Φ forms (brms's posterior_epred_trunc_gaussian)", () => {
    const [mu, s, lb, ub] = [0.4, 1.3, -0.5, 2];
    const zl = (lb - mu) / s;
    const zu = (ub - mu) / s;
    const z = Phi(zu) - Phi(zl);
    const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    expect(truncatedLogNormaliser("normal", lb, ub, mu, s)).toBeCloseTo(Math.log(z), 13);
    expect(truncatedMean("normal", lb, ub, mu, s)).toBeCloseTo(mu + (s * (phi(zl) - phi(zu))) / z, 13);
  });
  it("a bound outside the support cuts nothing: lognormal lb = 0, poisson lb = 0, binomial ub = N", () => {
    expect(truncatedLogNormaliser("lognormal", 0, Infinity, 0.2, 1)).toBe(0);
    expect(truncatedLogNormaliser("poisson_log", 0, Infinity, 1, NaN)).toBe(0);
    expect(truncatedLogNormaliser("binomial_logit", -Infinity, 10, 10, 0.3)).toBe(0);
  });
  it("same seed, same draws", () => {
    const a = createRng(5, 1);
    const b = createRng(5, 1);
    for (const c of CASES) expect(truncatedRng(a, c.family, c.lo, c.hi, c.a, c.b, c.c)).toBe(truncatedRng(b, c.family, c.lo, c.hi, c.a, c.b, c.c));
  });
});
