import { describe, expect, it } from "vitest";
import { createDraws } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { drawNewLevelEffects, newLevelScratch, semidefiniteCholesky } from "../../src/predict/newLevels.js";

describe("semidefiniteCholesky", () => {
  it("factors a positive definite matrix exactly", () => {
    const A = Float64Array.of(4, 2, 2, 3);
    const L = new Float64Array(4);
    semidefiniteCholesky(A, 2, L);
    expect([...L]).toEqual([2, 0, 1, Math.sqrt(2)]);
  });

  it("gives a zero column instead of failing for a correlation of exactly 1", () => {
    const L = new Float64Array(4);
    semidefiniteCholesky(Float64Array.of(1, 1, 1, 1), 2, L);
    expect([...L]).toEqual([1, 0, 1, 0]);
  });
});

describe("drawNewLevelEffects", () => {
  // One draw with sd = (2, 0.5) and cor = 0.8: new effects must have covariance diag(sd) C diag(sd).
  const draws = createDraws(["sd_g__Intercept", "sd_g__x", "cor_g__Intercept__x", "r_g[a,Intercept]", "r_g[b,Intercept]", "r_g[a,x]", "r_g[b,x]"], 1, 1);
  draws.data.set([2, 0.5, 0.8, 10, 20, 1, 2]);
  const g = { terms: 2, levels: 2, r: Int32Array.of(3, 4, 5, 6), sd: Int32Array.of(0, 1), cor: Int32Array.of(-1, 2, 2, -1) };

  it('"gaussian": r = diag(sd) · L · z has the draw\'s covariance (4 standard errors of each moment)', () => {
    const rng = createRng(3, 0);
    const K = 20000;
    const out = new Float64Array(2 * K);
    drawNewLevelEffects(rng, draws, g, 0, K, "gaussian", newLevelScratch(2), out);
    let s00 = 0;
    let s11 = 0;
    let s01 = 0;
    for (let k = 0; k < K; k++) {
      s00 += out[2 * k] ** 2;
      s11 += out[2 * k + 1] ** 2;
      s01 += out[2 * k] * out[2 * k + 1];
    }
    // For a zero-mean normal pair, var(x²) = 2σ⁴ and var(xy) = σx²σy²(1 + ρ²).
    expect(Math.abs(s00 / K - 4)).toBeLessThan(4 * Math.sqrt(2 * 16 / K));
    expect(Math.abs(s11 / K - 0.25)).toBeLessThan(4 * Math.sqrt((2 * 0.0625) / K));
    expect(Math.abs(s01 / K - 0.8)).toBeLessThan(4 * Math.sqrt((4 * 0.25 * 1.64) / K));
  });

  it('"uncertainty": each new level takes both effects of one fitted level', () => {
    const out = new Float64Array(2 * 200);
    drawNewLevelEffects(createRng(4, 0), draws, g, 0, 200, "uncertainty", newLevelScratch(2), out);
    let a = 0;
    for (let k = 0; k < 200; k++) {
      const pair = `${out[2 * k]},${out[2 * k + 1]}`;
      expect(["10,1", "20,2"]).toContain(pair);
      if (pair === "10,1") a++;
    }
    // Binomial(200, 1/2): 4 sd = 28.
    expect(Math.abs(a - 100)).toBeLessThan(28);
  });
});
