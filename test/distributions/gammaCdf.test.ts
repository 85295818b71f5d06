import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dLogGammaPda, dLogGammaQda, logGammaP, logGammaQ } from "../../src/math/incGamma.js";
import { gammaCensored, gammaCensoredDAlpha, gammaCensoredDBeta } from "../../src/distributions/gammaCdf.js";
import { createRng } from "../../src/random/rng.js";
import { centralDerivative } from "../support/finiteDifferences.js";

// ∂/∂a of log P(a, x) and log Q(a, x) against mpmath (fixtures/make-refs-gamma-grad.py: mpmath.diff at
// 40 digits), far tails included (log Q = −24 … −170): relative 1e-10 — the series and the fraction stop
// at a relative step of 1e-16, digamma carries ~1e-15, and lgamma's ~1e-14 at a = 400 enters through
// the other tail's P/Q factor only.
const REFS: { a: number; x: number; logP: number; logQ: number; dlogP: number; dlogQ: number }[] = JSON.parse(
  readFileSync(new URL("./fixtures/refs-gamma-grad.json", import.meta.url), "utf8"),
);
const rel = (v: number, r: number): number => Math.abs(v - r) / Math.max(1, Math.abs(r));

describe("∂/∂a of the log incomplete gamma functions", () => {
  for (const r of REFS) {
    it(`a = ${r.a}, x = ${r.x}: log P, log Q and their a-derivatives equal mpmath`, () => {
      expect(rel(logGammaP(r.a, r.x), r.logP)).toBeLessThan(1e-12);
      expect(rel(logGammaQ(r.a, r.x), r.logQ)).toBeLessThan(1e-12);
      expect(rel(dLogGammaPda(r.a, r.x), r.dlogP)).toBeLessThan(1e-10);
      expect(rel(dLogGammaQda(r.a, r.x), r.dlogQ)).toBeLessThan(1e-10);
    });
  }
  it("x must be positive and finite", () => {
    expect(() => dLogGammaPda(2, 0)).toThrow("dLogGammaPda: x must be positive and finite, got 0");
  });
});

describe("censored gamma rows: ∂/∂α and ∂/∂β against central differences", () => {
  // Central differences (step ε^(1/3)) of O(1)–O(10) log probabilities: ~1e-9 relative; 1e-7.
  const rng = createRng(20261129, 81);
  for (let t = 0; t < 36; t++) {
    const code = [1, -1, 2][t % 3];
    const alpha = 0.3 + 6 * rng.uniform();
    const beta = 0.2 + 3 * rng.uniform();
    const y = (0.05 + 3 * rng.uniform()) * (alpha / beta);
    const up = y * (1.2 + rng.uniform());
    it(`code ${code}, y ${y.toFixed(3)}, upper ${up.toFixed(3)}, alpha ${alpha.toFixed(3)}, beta ${beta.toFixed(3)}`, () => {
      const lc = gammaCensored(code, y, up, alpha, beta);
      const da = gammaCensoredDAlpha(code, y, up, alpha, beta, lc);
      const db = gammaCensoredDBeta(code, y, up, alpha, beta, lc);
      expect(Math.abs(da - centralDerivative((a) => gammaCensored(code, y, up, a, beta), alpha))).toBeLessThan(1e-7 * Math.max(1, Math.abs(da)));
      expect(Math.abs(db - centralDerivative((b) => gammaCensored(code, y, up, alpha, b), beta))).toBeLessThan(1e-7 * Math.max(1, Math.abs(db)));
    });
  }
});
