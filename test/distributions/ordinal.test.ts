import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  bernoulliLogitLpmf, orderedLogisticLpmf, orderedLogisticLpmfGrad, orderedLogisticRng, orderedProbitLpmf, orderedProbitLpmfGrad,
  orderedProbitRng, ordinalProbabilities,
} from "../../src/distributions/index.js";
import { logPhi } from "../../src/math/logPhi.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";

interface Row {
  family: "ordered_logistic" | "ordered_probit";
  k: number;
  eta: number;
  c: number[];
  lp: number;
  d: number[];
}
const rows = (JSON.parse(readFileSync(new URL("./fixtures/refs-ordinal.json", import.meta.url), "utf8")) as { rows: Row[] }).rows;
const lpmf = { ordered_logistic: orderedLogisticLpmf, ordered_probit: orderedProbitLpmf };
const grad = { ordered_logistic: orderedLogisticLpmfGrad, ordered_probit: orderedProbitLpmfGrad };

/** Relative error, absolute below 1 (the lp values range from −3e5 to −1e-350). */
const err = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe("orderedLogisticLpmf / orderedProbitLpmf", () => {
  it("equal the mpmath references (440 rows: eta to ±800, K = 2 … 6, cutpoints 1e-6 and 1e-9 apart)", () => {
    // Tolerance: 1e-12 relative in general. The log-CDF differences lose digits in proportion to
    // |log F| / |log F(hi) − log F(lo)| for nearly equal cutpoints (c 1e-9 apart: the difference is
    // formed from two logs equal to ~1e-9 relative), so those rows get 1e-6.
    for (const r of rows) {
      const close = r.c.some((v, j) => j > 0 && v - r.c[j - 1] < 1e-5);
      const got = lpmf[r.family](r.k, r.eta, r.c);
      const e = err(got, r.lp);
      expect(e, `${r.family} k=${r.k} eta=${r.eta} c=${r.c}`).toBeLessThan(close ? 1e-6 : 1e-12);
    }
  });

  it("partials equal the mpmath derivatives (1e-9 relative; 1e-5 where the cutpoints are 1e-9 apart)", () => {
    const d = new Float64Array(8);
    for (const r of rows) {
      const close = r.c.some((v, j) => j > 0 && v - r.c[j - 1] < 1e-5);
      const lp = grad[r.family](r.k, r.eta, r.c, d, 1);
      expect(err(lp, r.lp)).toBeLessThan(close ? 1e-6 : 1e-12);
      for (let j = 0; j <= r.c.length; j++) {
        expect(err(d[1 + j], r.d[j]), `${r.family} k=${r.k} eta=${r.eta} c=${r.c} slot ${j}`).toBeLessThan(close ? 1e-5 : 1e-9);
      }
    }
  });

  it("partials equal central finite differences at random in-domain points", () => {
    const rng = createRng(7, 0);
    const d = new Float64Array(6);
    for (const family of ["ordered_logistic", "ordered_probit"] as const) {
      for (let t = 0; t < 60; t++) {
        const m = 1 + (rng.nextU32() % 4);
        const x = new Float64Array(1 + m);
        x[0] = 4 * rng.normal();
        let c = -2 + rng.normal();
        for (let j = 0; j < m; j++) {
          x[1 + j] = c;
          c += 0.05 + 2 * rng.uniform();
        }
        const k = 1 + (rng.nextU32() % (m + 1));
        const f = (v: Float64Array): number => lpmf[family](k, v[0], v.subarray(1));
        grad[family](k, x[0], x.subarray(1), d, 0);
        // Step ε^(1/3)·max(1, |x|): truncation + rounding ≈ 1e-10 relative for these smooth, O(1)-scaled
        // functions; 1e-6 absolute-or-relative leaves room for curvature near the close cutpoints.
        for (let j = 0; j <= m; j++) {
          const fd = centralDifference(f, x, j);
          expect(Math.abs(d[j] - fd), `${family} k=${k} slot ${j}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    }
  });

  it("K = 2 equals bernoulli_logit / bernoulli with Φ (y = 2 is a success at eta − c)", () => {
    for (const eta of [-800, -40, -3, 0, 0.5, 7, 40, 800]) {
      for (const c of [-1.5, 0, 2]) {
        expect(orderedLogisticLpmf(2, eta, [c])).toBeCloseTo(bernoulliLogitLpmf(1, eta - c), 12);
        expect(orderedLogisticLpmf(1, eta, [c])).toBeCloseTo(bernoulliLogitLpmf(0, eta - c), 12);
        expect(err(orderedProbitLpmf(2, eta, [c]), logPhi(eta - c))).toBeLessThan(1e-14);
        expect(err(orderedProbitLpmf(1, eta, [c]), logPhi(c - eta))).toBeLessThan(1e-14);
      }
    }
  });

  it("categories outside 1 … K give −Infinity; bad arguments are named errors", () => {
    expect(orderedLogisticLpmf(0, 0, [0, 1])).toBe(-Infinity);
    expect(orderedLogisticLpmf(4, 0, [0, 1])).toBe(-Infinity);
    expect(orderedProbitLpmf(1.5, 0, [0, 1])).toBe(-Infinity);
    expect(() => orderedLogisticLpmf(1, 0, [1, 0])).toThrow("orderedLogisticLpmf: cutpoints must be strictly increasing, cutpoints[2] is, got 0");
    expect(() => orderedProbitLpmf(1, NaN, [0])).toThrow("orderedProbitLpmf: eta must be finite, got NaN");
    expect(() => orderedProbitLpmf(1, 0, [])).toThrow("orderedProbitLpmf: cutpoints must have at least one element, got 0");
    // The unchecked kernel rejects unordered cutpoints with −Infinity instead of throwing.
    const d = new Float64Array(3);
    expect(orderedLogisticLpmfGrad(2, 0, [1, 1], d, 0)).toBe(-Infinity);
  });
});

describe("ordinalProbabilities and the rngs", () => {
  it("probabilities sum to 1 and equal exp(lpmf)", () => {
    const out = new Float64Array(4);
    const c = [-1, 0.2, 1.7];
    for (const link of ["logit", "probit"] as const) {
      ordinalProbabilities(link, 0.4, c, 0, 3, out, 0);
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      const f = link === "logit" ? orderedLogisticLpmf : orderedProbitLpmf;
      for (let k = 1; k <= 4; k++) expect(out[k - 1]).toBeCloseTo(Math.exp(f(k, 0.4, c)), 14);
    }
  });

  it("draw frequencies match the probabilities (20000 seeded draws, within 4 binomial sds)", () => {
    const c = [-1, 0.2, 1.7];
    const p = new Float64Array(4);
    for (const [link, draw] of [["logit", orderedLogisticRng], ["probit", orderedProbitRng]] as const) {
      const rng = createRng(11, 3);
      const counts = [0, 0, 0, 0];
      const n = 20000;
      for (let s = 0; s < n; s++) counts[draw(rng, 0.4, c) - 1]++;
      ordinalProbabilities(link, 0.4, c, 0, 3, p, 0);
      for (let k = 0; k < 4; k++) expect(Math.abs(counts[k] / n - p[k])).toBeLessThan(4 * Math.sqrt((p[k] * (1 - p[k])) / n));
    }
  });
});
