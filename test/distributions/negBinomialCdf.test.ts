import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dLogIncBetaCDa, dLogIncBetaDa, logIncBeta, logIncBetaC } from "../../src/math/incBeta.js";
import {
  negBinomial2LogCensored, negBinomial2LogCensoredDEta, negBinomial2LogCensoredDPhi, negBinomial2LogLccdf, negBinomial2LogLcdf,
} from "../../src/distributions/negBinomialCdf.js";
import { negBinomial2LogLpmf } from "../../src/distributions/negBinomial2Log.js";
import { createRng } from "../../src/random/rng.js";
import { centralDerivative } from "../support/finiteDifferences.js";

// ∂/∂a of log I_x(a, b) and log(1 − I_x(a, b)) against mpmath (fixtures/make-refs-beta-grad.py: mpmath.diff
// at 40 digits), both tails: relative 1e-10 (fraction stopped at a relative step of 1e-16, digamma and
// lbeta ~1e-15 … 1e-14 at a = 200).
const REFS: { a: number; b: number; x: number; logI: number; logC: number; dlogI: number; dlogC: number }[] = JSON.parse(
  readFileSync(new URL("./fixtures/refs-beta-grad.json", import.meta.url), "utf8"),
);
const rel = (v: number, r: number): number => Math.abs(v - r) / Math.max(1, Math.abs(r));

describe("∂/∂a of the log incomplete beta function", () => {
  for (const r of REFS) {
    it(`a = ${r.a}, b = ${r.b}, x = ${r.x}: log I, log(1 − I) and their a-derivatives equal mpmath`, () => {
      expect(rel(logIncBeta(r.a, r.b, r.x, 1 - r.x), r.logI)).toBeLessThan(1e-12);
      expect(rel(logIncBetaC(r.a, r.b, r.x, 1 - r.x), r.logC)).toBeLessThan(1e-12);
      expect(rel(dLogIncBetaDa(r.a, r.b, r.x, 1 - r.x), r.dlogI)).toBeLessThan(1e-10);
      expect(rel(dLogIncBetaCDa(r.a, r.b, r.x, 1 - r.x), r.dlogC)).toBeLessThan(1e-10);
    });
  }
});

describe("negative binomial CDF and censored rows", () => {
  it("log CDF and CCDF equal sums of the pmf (to 1e-12: sums of ≤ 60 positive terms)", () => {
    for (const [n, eta, phi] of [[0, 1, 2], [4, 1.5, 0.7], [12, 0.3, 5], [3, 2.5, 30]]) {
      let s = 0;
      for (let k = 0; k <= n; k++) s += Math.exp(negBinomial2LogLpmf(k, eta, phi));
      expect(rel(negBinomial2LogLcdf(n, eta, phi), Math.log(s))).toBeLessThan(1e-12);
      expect(rel(negBinomial2LogLccdf(n, eta, phi), Math.log1p(-s))).toBeLessThan(1e-11);
    }
  });
  // Central differences (step ε^(1/3)) of O(1)–O(10) log probabilities: ~1e-9 relative; 1e-7.
  const rng = createRng(20261129, 82);
  for (let t = 0; t < 36; t++) {
    const code = [1, -1, 2][t % 3];
    const eta = -0.5 + 3 * rng.uniform();
    const phi = 0.3 + 8 * rng.uniform();
    const y = Math.floor(rng.uniform() * 3 * Math.exp(eta));
    const up = y + 1 + Math.floor(rng.uniform() * 5);
    it(`code ${code}, y ${y}, upper ${up}, eta ${eta.toFixed(3)}, phi ${phi.toFixed(3)}`, () => {
      const lc = negBinomial2LogCensored(code, y, up, eta, phi);
      const de = negBinomial2LogCensoredDEta(code, y, up, eta, phi, lc);
      const dp = negBinomial2LogCensoredDPhi(code, y, up, eta, phi, lc);
      expect(Math.abs(de - centralDerivative((e) => negBinomial2LogCensored(code, y, up, e, phi), eta))).toBeLessThan(1e-7 * Math.max(1, Math.abs(de)));
      expect(Math.abs(dp - centralDerivative((p) => negBinomial2LogCensored(code, y, up, eta, p), phi))).toBeLessThan(1e-7 * Math.max(1, Math.abs(dp)));
    });
  }
});
