import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  studentTCensored, studentTCensoredDMu, studentTCensoredDNu, studentTCensoredDSigma, studentTLccdf, studentTLcdf,
} from "../../src/distributions/studentTCdf.js";
import { createRng } from "../../src/random/rng.js";
import { centralDerivative } from "../support/finiteDifferences.js";

// Values against R's pt (fixtures/make-refs-student-cdf.R; far tails to log P ≈ −50 … −1e4·): relative 1e-12
// (pt is accurate to a few ulps; the incomplete beta's fraction stops at 1e-16, lbeta ~1e-15).
const REFS: { fn: string; args: number[]; value: number }[] = JSON.parse(readFileSync(new URL("./fixtures/refs-student-cdf.json", import.meta.url), "utf8"));
const FNS: Record<string, (y: number, nu: number, mu: number, sigma: number) => number> = { studentTLcdf, studentTLccdf };

describe("student-t CDF", () => {
  for (const r of REFS) {
    it(`${r.fn}(${r.args.join(", ")}) equals R's ${r.value}`, () => {
      const [y, nu, mu, s] = r.args;
      const v = FNS[r.fn](y, nu, mu, s);
      if (r.value === 0) expect(Math.abs(v)).toBeLessThan(1e-300);
      else expect(Math.abs(v - r.value) / Math.max(1, Math.abs(r.value))).toBeLessThan(1e-12);
    });
  }
});

describe("censored student-t rows: ∂/∂ν, ∂/∂μ, ∂/∂σ against central differences", () => {
  // Central differences (step ε^(1/3)) of O(1)–O(10) log probabilities: ~1e-9 relative; 1e-7.
  const rng = createRng(20261129, 83);
  for (let t = 0; t < 45; t++) {
    const code = [1, -1, 2][t % 3];
    const nu = 1.2 + 20 * rng.uniform() ** 2;
    const mu = rng.normal();
    const sigma = 0.3 + 2 * rng.uniform();
    const y = mu + sigma * 4 * (rng.uniform() - 0.5) * (t % 5 === 4 ? 6 : 1);
    const up = y + sigma * (0.2 + 2 * rng.uniform());
    it(`code ${code}, y ${y.toFixed(3)}, upper ${up.toFixed(3)}, nu ${nu.toFixed(3)}, mu ${mu.toFixed(3)}, sigma ${sigma.toFixed(3)}`, () => {
      const f = (n: number, m: number, s: number): number => studentTCensored(code, y, up, n, m, s);
      const lc = f(nu, mu, sigma);
      const d = [studentTCensoredDNu(code, y, up, nu, mu, sigma, lc), studentTCensoredDMu(code, y, up, nu, mu, sigma, lc), studentTCensoredDSigma(code, y, up, nu, mu, sigma, lc)];
      const fd = [centralDerivative((n) => f(n, mu, sigma), nu), centralDerivative((m) => f(nu, m, sigma), mu), centralDerivative((s) => f(nu, mu, s), sigma)];
      for (let k = 0; k < 3; k++) expect(Math.abs(d[k] - fd[k]), `partial ${k}: ${d[k]} vs ${fd[k]}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(d[k])));
    });
  }
});
