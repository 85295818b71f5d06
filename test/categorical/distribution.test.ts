import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import {
  categoricalLogitLpmf,
  categoricalLogitLpmfGrad,
  categoricalLogitRng,
  categoricalProbabilities,
} from "../../src/distributions/categorical.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";

// fixtures/refs.json: mpmath at 50 digits (fixtures/make-refs.py), predictors up to ±800.
const refs = JSON.parse(readFileSync(new URL("./fixtures/refs.json", import.meta.url), "utf8")) as { eta: number[]; lpmf: number[]; p: number[] }[];

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1e-300, Math.abs(b)) || Math.abs(a - b) < 1e-300;

describe("categoricalLogitLpmf / categoricalProbabilities against mpmath", () => {
  it("log P(y = k) for every k of 7 predictor vectors (|eta| up to 800) to 1e-13 relative or 1e-13 absolute", () => {
    for (const r of refs) {
      r.lpmf.forEach((want, k) => {
        const got = categoricalLogitLpmf(k + 1, r.eta);
        // Relative accuracy of log P: a few ulps of the log-sum-exp, whose terms reach |800|.
        expect(Math.abs(got - want), `eta ${r.eta} k ${k + 1}`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
      });
    }
  });

  it("softmax probabilities to 1e-13 relative (underflowing ones to 0), summing to 1", () => {
    for (const r of refs) {
      const out = new Float64Array(r.p.length);
      categoricalProbabilities(r.eta, 0, r.eta.length, out, 0);
      r.p.forEach((want, k) => expect(close(out[k], want, 1e-13), `eta ${r.eta} p ${k + 1}: ${out[k]} vs ${want}`).toBe(true));
      // η − lse rounds to ~1e-13 absolute when |η| ≈ 700, so each probability carries ~1e-13 relative error.
      expect(Math.abs(out.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
    }
  });

  it("partials are [y = k] − P(y = k), against central differences at seeded random points", () => {
    const rng = createRng(2026, 11);
    const d = new Float64Array(3);
    for (let t = 0; t < 30; t++) {
      const eta = Float64Array.from({ length: 3 }, () => 3 * rng.normal());
      const k = 1 + (t % 4);
      categoricalLogitLpmfGrad(k, eta, 0, 3, d, 0);
      for (let j = 0; j < 3; j++) {
        const fd = centralDifference((x) => categoricalLogitLpmfGrad(k, x, 0, 3), eta, j);
        // ε^(1/3) steps: truncation + rounding ≈ 1e-10 at these magnitudes.
        expect(Math.abs(d[j] - fd), `t ${t} j ${j}`).toBeLessThan(1e-8);
      }
    }
  });

  it("outcomes outside 1 … K have no probability; bad predictors are named DomainErrors", () => {
    expect(categoricalLogitLpmf(0, [0.1, 0.2])).toBe(-Infinity);
    expect(categoricalLogitLpmf(4, [0.1, 0.2])).toBe(-Infinity);
    expect(categoricalLogitLpmf(1.5, [0.1, 0.2])).toBe(-Infinity);
    expect(() => categoricalLogitLpmf(1, [])).toThrow(DomainError);
    expect(() => categoricalLogitLpmf(1, [0, Number.NaN])).toThrow("categoricalLogitLpmf: eta[2] must be finite, got NaN");
    expect(() => categoricalLogitRng(createRng(1, 1), [Infinity])).toThrow("categoricalLogitRng: eta[1] must be finite, got Infinity");
  });

  it("categoricalLogitRng draws each category with its softmax probability (40,000 draws, 5 binomial sds)", () => {
    const rng = createRng(7, 3);
    const eta = [1, -0.5, 0.2];
    const p = new Float64Array(4);
    categoricalProbabilities(eta, 0, 3, p, 0);
    const counts = [0, 0, 0, 0];
    const M = 40000;
    for (let i = 0; i < M; i++) counts[categoricalLogitRng(rng, eta) - 1]++;
    counts.forEach((c, k) => expect(Math.abs(c - M * p[k])).toBeLessThan(5 * Math.sqrt(M * p[k] * (1 - p[k]))));
  });
});
