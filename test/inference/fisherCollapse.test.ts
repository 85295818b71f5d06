/**
 * "fisher-diag" on lme4's cake as a gamma GLMM (the user sweep's formula): seed 2's first chain
 * starts where lp = −2.7e23 (b_Intercept ≈ −357). Its first window's gradient variance was 5e44
 * over draws that had barely moved, the Fisher estimate fell to the 1e-20 floor on most
 * coordinates, the step size to 3e-11, and the chain stayed at b_Intercept −326.9 for good (also
 * with 300 warmup iterations, as here). fisherDiagonal now takes Stan's regularised draw variance
 * for such a window (FISHER_DEGENERATE).
 */
import { describe, expect, it } from "vitest";
import { fitFormula } from "../../src/api/formulaFit.js";
import { loadDataTable } from "../../src/cli/loadData.js";
import { chainOf, variableIndex } from "../../src/posterior/draws.js";

describe("fisher-diag on cake's gamma GLMM (seed 2)", () => {
  it("the chain that froze at b_Intercept −326.9 reaches the posterior (brms: 2.48, sd 0.11)", async () => {
    const data = loadDataTable(new URL("../../bench/qa/data/cake.csv", import.meta.url).pathname);
    const fit = await fitFormula(
      { formula: "angle ~ recipe + temp + (1 | recipe:replicate)", family: "gamma", data },
      { chains: 1, warmup: 300, draws: 50, seed: 2, threads: 1, metric: "fisher-diag" },
    );
    const b = chainOf(fit.draws, variableIndex(fit.draws, "b_Intercept"), 0);
    const mean = b.reduce((a, x) => a + x, 0) / b.length;
    // brms's posterior: mean 2.482, sd 0.113 (bench/qa/results/cake-brms.csv). ±0.5 is > 4 sd, and
    // the frozen chain was 329 away; 50 draws after 300 warmup iterations mix enough for that.
    expect(Math.abs(mean - 2.482)).toBeLessThan(0.5);
    // A moving chain: the frozen one repeated one value with step size ~3e-11.
    expect(new Set(Array.from(b)).size).toBeGreaterThan(10);
    expect(fit.result.chains[0].stepSize).toBeGreaterThan(1e-3);
  });
});
