import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DISTRIBUTIONS,
  hurdleNegBinomial2LogLpmf,
  hurdlePoissonLogLpmf,
  zeroInflatedNegBinomial2LogLpmf,
  zeroInflatedPoissonLogLpmf,
  negBinomial2LogLpmf,
  poissonLogLpmf,
  type DistributionInfo,
} from "../../src/distributions/index.js";
import { hurdleNegBinomial2Rng, hurdlePoissonRng } from "../../src/random/zeroInflated.js";
import { createRng } from "../../src/random/rng.js";

// Partials at extreme and ordinary points against mpmath's numerical derivative of the 50-digit
// formula (fixtures/make-refs-zero-inflated.py); values are in values.test.ts.
const refs = JSON.parse(readFileSync(new URL("./fixtures/refs-zero-inflated.json", import.meta.url), "utf8"));
const info = (name: string): DistributionInfo => DISTRIBUTIONS[name] as DistributionInfo;

interface PartialRow {
  family: string;
  y: number;
  args: number[];
  slot: number;
  d: number;
}

describe("zero-inflated and hurdle partials equal mpmath's derivative of the exact formula", () => {
  const rows = refs.partials as PartialRow[];
  for (const family of ["zero_inflated_poisson_log", "zero_inflated_neg_binomial_2_log", "hurdle_poisson_log", "hurdle_neg_binomial_2_log"]) {
    const mine = rows.filter((r) => r.family === family);
    it(`${family}: ${mine.length} partials at eta from −40 to 5, phi from 0.05 to 1e6, zi/hu from 1e-9 to 0.99`, () => {
      expect(mine.length).toBeGreaterThan(20);
      for (const r of mine) {
        const d = new Float64Array(r.args.length + 1);
        info(family).lpdfGrad(r.y, ...r.args, d, 0);
        // 1e-9 relative (plus 1e-12 absolute for partials that are 0 to many digits): the kernels'
        // own forms are accurate to ~1e-13 here; phi = 1e6 partials are ~1e-12 and cancel in NB's own form.
        const tol = 1e-9 * Math.abs(r.d) + 1e-12;
        expect(Math.abs(d[r.slot] - r.d), `${family}(${r.y} | ${r.args}) slot ${r.slot}: ${d[r.slot]} vs ${r.d}`).toBeLessThanOrEqual(tol);
      }
    });
  }
});

describe("limits", () => {
  it("zi = 0 and hu off zero reduce to the count family (zero_inflated_* at zi = 0 is exactly the count log pmf)", () => {
    for (const [n, eta] of [[0, 1.2], [3, -0.4], [17, 2.9]]) {
      expect(zeroInflatedPoissonLogLpmf(n, eta, 0)).toBeCloseTo(poissonLogLpmf(n, eta), 13);
      expect(zeroInflatedNegBinomial2LogLpmf(n, eta, 3.5, 0)).toBeCloseTo(negBinomial2LogLpmf(n, eta, 3.5), 13);
    }
  });
  it("shape → ∞ gives the Poisson versions (NB2 → Poisson at rate O(mu²/phi) = 1e-12 here)", () => {
    for (const [n, eta, p] of [[0, 0.7, 0.2], [2, 0.7, 0.2], [9, 1.9, 0.6]]) {
      expect(Math.abs(zeroInflatedNegBinomial2LogLpmf(n, eta, 1e14, p) - zeroInflatedPoissonLogLpmf(n, eta, p))).toBeLessThan(1e-10);
      expect(Math.abs(hurdleNegBinomial2LogLpmf(n, eta, 1e14, p) - hurdlePoissonLogLpmf(n, eta, p))).toBeLessThan(1e-10);
    }
  });
  it("zi → 1: every mass at zero (log 1 = 0 at zero, −∞ elsewhere)", () => {
    expect(zeroInflatedPoissonLogLpmf(0, 3, 1)).toBe(0);
    expect(zeroInflatedPoissonLogLpmf(2, 3, 1)).toBe(-Infinity);
    expect(hurdlePoissonLogLpmf(0, 3, 1)).toBe(0);
  });
  it("λ → 0 in the hurdle: the positive part is all at 1, log P(1) = log(1 − hu) (eta = −800: no 0/0)", () => {
    expect(hurdlePoissonLogLpmf(1, -800, 0.25)).toBeCloseTo(Math.log(0.75), 14);
    // NB2's own value at eta = −800 is −800 + …, cancelled by log(1 − P(0)) ≈ −800: 1e-13 is 100 ulps of 800.
    expect(Math.abs(hurdleNegBinomial2LogLpmf(1, -800, 2, 0.25) - Math.log(0.75))).toBeLessThan(1e-13);
    const d = new Float64Array(4);
    info("hurdle_neg_binomial_2_log").lpdfGrad(1, -800, 2, 0.25, d, 0);
    // ∂/∂eta of log P(1 | y > 0) = 1 − 1·(1 + O(μ)) → 0 (exactly (phi+1)/(2 phi)·μ-ish, μ = e^-800).
    for (const g of d) expect(Number.isFinite(g)).toBe(true);
    expect(Math.abs(d[1])).toBeLessThan(1e-300);
  });
  it("hurdle at zero with hu = 0 is −∞ with zero partials (unchecked kernel)", () => {
    const d = new Float64Array(3).fill(7);
    expect(info("hurdle_poisson_log").lpdfGrad(0, 1, 0, d, 0)).toBe(-Infinity);
    expect(Array.from(d)).toEqual([0, 0, 0]);
  });
});

describe("invalid arguments name the function and the argument", () => {
  it.each([
    [() => zeroInflatedPoissonLogLpmf(1, 0, 1.5), "zeroInflatedPoissonLogLpmf: zi must be in [0, 1], got 1.5"],
    [() => hurdlePoissonLogLpmf(1, NaN, 0.5), "hurdlePoissonLogLpmf: eta must be finite, got NaN"],
    [() => zeroInflatedNegBinomial2LogLpmf(1, 0, -2, 0.5), "zeroInflatedNegBinomial2LogLpmf: phi must be positive, got -2"],
    [() => hurdleNegBinomial2LogLpmf(1, 0, 1, -0.1), "hurdleNegBinomial2LogLpmf: hu must be in [0, 1], got -0.1"],
  ])("%#", (f, message) => {
    expect(f).toThrow(message);
  });
});

describe("zero-truncated draws of the hurdles", () => {
  // Frequencies of 1, 2, 3 among positive draws against the exact truncated pmf, within 5 binomial sds.
  const check = (draw: () => number, pmf: (k: number) => number, N: number) => {
    const counts = [0, 0, 0, 0];
    let positive = 0;
    for (let i = 0; i < N; i++) {
      const y = draw();
      if (y > 0) {
        positive++;
        if (y <= 3) counts[y]++;
      }
    }
    for (let k = 1; k <= 3; k++) {
      const p = pmf(k);
      const sd = Math.sqrt((p * (1 - p)) / positive);
      expect(Math.abs(counts[k] / positive - p), `k = ${k}`).toBeLessThanOrEqual(5 * sd + 1e-12);
    }
  };
  it("hurdlePoissonRng: λ = 0.05 (inversion) and λ = 3 (rejection)", () => {
    const rng = createRng(11, 0);
    for (const lambda of [0.05, 3]) {
      const pmf = (k: number) => Math.exp(poissonLogLpmf(k, Math.log(lambda))) / -Math.expm1(-lambda);
      check(() => hurdlePoissonRng(rng, lambda, 0.3), pmf, 20000);
    }
    // λ = 1e-300: every positive draw is 1, and it terminates.
    for (let i = 0; i < 100; i++) expect(hurdlePoissonRng(rng, 1e-300, 0)).toBe(1);
  });
  it("hurdleNegBinomial2Rng: mu = 0.05 (inversion) and mu = 4 (rejection), phi = 1.5", () => {
    const rng = createRng(11, 1);
    for (const mu of [0.05, 4]) {
      const p0 = Math.pow(1.5 / (1.5 + mu), 1.5);
      const pmf = (k: number) => Math.exp(negBinomial2LogLpmf(k, Math.log(mu), 1.5)) / (1 - p0);
      check(() => hurdleNegBinomial2Rng(rng, mu, 1.5, 0.3), pmf, 20000);
    }
  });
});
