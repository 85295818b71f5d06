// hbayes pooling for gamma, lognormal, beta and student responses: no / complete / partial pooling
// side by side on the response scale, with the smallest groups shrunk most.
import { describe, expect, it } from "vitest";
import { poolingFromFormula } from "../../src/pooling/index.js";
import { gammaRng } from "../../src/random/gamma.js";
import { createRng } from "../../src/random/rng.js";

/** 8 groups of 2, 5, …, 23 rows; group effects N(0, 0.5²) on the link scale; one predictor. */
function simulate(family: string) {
  const rng = createRng(7, 0);
  const y: number[] = [];
  const g: string[] = [];
  const x: number[] = [];
  for (let j = 0; j < 8; j++) {
    const a = 0.5 * rng.normal();
    for (let i = 0; i < 2 + 3 * j; i++) {
      const xi = rng.normal();
      const eta = a + 0.3 * xi;
      let v: number;
      if (family === "gamma") v = gammaRng(rng, 3, 3 / Math.exp(1 + eta));
      else if (family === "lognormal") v = Math.exp(1 + eta + 0.4 * rng.normal());
      else if (family === "beta") {
        const p = 1 / (1 + Math.exp(-eta));
        const A = gammaRng(rng, 10 * p, 1);
        v = A / (A + gammaRng(rng, 10 * (1 - p), 1));
      } else v = 1 + eta + 0.5 * rng.normal();
      y.push(v);
      x.push(xi);
      g.push(`g${j}`);
    }
  }
  return { y, x, g };
}

const SCALE = { gamma: "the mean response", lognormal: "the median response", beta: "the mean proportion", student: "mean response" } as const;

describe("pooling, continuous families", () => {
  for (const family of ["gamma", "lognormal", "beta", "student"] as const) {
    it(`${family}: each group between its own data and the population, small groups shrunk most; partial pooling predicts best`, async () => {
      const r = await poolingFromFormula("y ~ x + (1 | g)", simulate(family), family, { chains: 2, warmup: 400, draws: 400, seed: 1 });
      expect(r.scale.description).toContain(SCALE[family]);
      expect(r.scale.kind).toBe(family === "lognormal" ? "median" : "mean");
      for (const q of r.groups) {
        const lo = Math.min(q.no_pooling.mean, q.complete_pooling.mean);
        const hi = Math.max(q.no_pooling.mean, q.complete_pooling.mean);
        // Partial pooling lies between the two, up to Monte Carlo error (800 draws).
        expect(q.partial_pooling.mean).toBeGreaterThan(lo - 0.05 * Math.abs(hi - lo) - 0.02 * Math.abs(hi));
        expect(q.partial_pooling.mean).toBeLessThan(hi + 0.05 * Math.abs(hi - lo) + 0.02 * Math.abs(hi));
      }
      const byN = [...r.groups].sort((a, b) => a.n - b.n);
      expect(byN[0].shrinkage).toBeGreaterThan(byN[byN.length - 1].shrinkage);
      expect(r.loo?.comparison[0].model).toBe("partial_pooling");
    });
  }
});
