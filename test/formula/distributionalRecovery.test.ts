// Distributional formulas recover simulated coefficients for the families not compared with brms on
// real data (bench/qa/2026-11-29-distributional.md has gaussian sigma, negbinomial shape, ZINB zi):
// gamma shape, beta phi, lognormal sigma, weibull shape, hurdle_poisson hu, each with its brms link,
// 400 rows, `bf(y ~ x, <dpar> ~ z)` with z a 0/1 indicator. Seeded; ≈ 3 s CPU in all.
// Tolerance: each posterior mean within 3.5 posterior sds of the truth (20 coefficients: under a
// correct model all pass with probability ≈ 0.99; a wrong link or a dropped per-row parameter puts
// b_<dpar>_z many sds away).
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { betaRng, gammaRng, lognormalRng, poissonRng, weibullRng } from "../../src/distributions/index.js";
import { lgamma } from "../../src/math/lgamma.js";
import { createRng } from "../../src/random/rng.js";

const rng = createRng(5, 0);
const n = 400;
const x = Array.from({ length: n }, () => rng.normal());
const z = Array.from({ length: n }, (_, i) => (i % 2));
const sims: Record<string, { family: string; y: number[]; dpar: string; truth: Record<string, number> }> = {};
{ const y = x.map((xi, i) => { const shape = Math.exp(1 + 0.8 * z[i]); return gammaRng(rng, shape, shape / Math.exp(0.5 + 0.3 * xi)); });
  sims.gamma = { family: "gamma", y, dpar: "shape", truth: { b_Intercept: 0.5, b_x: 0.3, b_shape_Intercept: 1, b_shape_z: 0.8 } }; }
{ const y = x.map((xi, i) => { const mu = 1 / (1 + Math.exp(-(0.2 + 0.5 * xi))); const phi = Math.exp(2 + 1 * z[i]); return betaRng(rng, mu * phi, (1 - mu) * phi); });
  sims.beta = { family: "beta", y, dpar: "phi", truth: { b_Intercept: 0.2, b_x: 0.5, b_phi_Intercept: 2, b_phi_z: 1 } }; }
{ const y = x.map((xi, i) => lognormalRng(rng, 1 + 0.5 * xi, Math.exp(-1 + 0.7 * z[i])));
  sims.lognormal = { family: "lognormal", y, dpar: "sigma", truth: { b_Intercept: 1, b_x: 0.5, b_sigma_Intercept: -1, b_sigma_z: 0.7 } }; }
{ const y = x.map((xi, i) => { const shape = Math.exp(0.5 + 0.6 * z[i]); const mu = Math.exp(1 + 0.4 * xi); return weibullRng(rng, shape, mu / Math.exp(lgamma(1 + 1 / shape))); });
  sims.weibull = { family: "weibull", y, dpar: "shape", truth: { b_Intercept: 1, b_x: 0.4, b_shape_Intercept: 0.5, b_shape_z: 0.6 } }; }
{ const y = x.map((xi, i) => { const hu = 1 / (1 + Math.exp(-(-0.5 + 1.2 * z[i]))); if (rng.uniform() < hu) return 0; let v = 0; while (v === 0) v = poissonRng(rng, Math.exp(1 + 0.3 * xi)); return v; });
  sims.hurdle_poisson = { family: "hurdle_poisson", y, dpar: "hu", truth: { b_Intercept: 1, b_x: 0.3, b_hu_Intercept: -0.5, b_hu_z: 1.2 } }; }

describe("distributional formulas recover simulated coefficients", () => {
  for (const [name, s] of Object.entries(sims)) {
    it(`${name}: bf(y ~ x, ${s.dpar} ~ z)`, async () => {
      const { fit } = await fitFormulaModel({ formula: `bf(y ~ x, ${s.dpar} ~ z)`, data: { y: s.y, x, z }, family: s.family }, { chains: 2, warmup: 500, draws: 500, seed: 3, threads: 1 });
      const rows = summarizeFit(fit).rows;
      for (const [k, v] of Object.entries(s.truth)) {
        const r = rows.find((q) => q.name === k);
        expect(r, k).toBeDefined();
        expect(Math.abs(((r?.mean ?? NaN) - v) / (r?.sd ?? NaN)), `${k}: ${r?.mean} ± ${r?.sd}, truth ${v}`).toBeLessThan(3.5);
      }
    });
  }
});
