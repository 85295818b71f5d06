// kfold on models with cens(), weights() and trunc(), as brms's kfold: each held-out row is scored
// by log mean_s p(y_i | θ_s) with its own censoring code, weight and truncation bounds. The check
// refits one fold the same way (same data subset, options and seed, so bit-identical draws) and
// computes the held-out rows' log-likelihood by hand from b_Intercept, b_x and sigma.
import { describe, expect, it } from "vitest";
import { kfold, subsetRows, type KfoldResult } from "../../src/api/kfold.js";
import { fitFormulaModel, type FormulaModelInput } from "../../src/api/formulaFit.js";
import { normalLccdf, normalLcdf, normalLogIntervalProb } from "../../src/distributions/normalCdf.js";
import { normalLpdf } from "../../src/distributions/index.js";
import { logSumExp } from "../../src/math/logSumExp.js";
import { censoredData, truncatedData } from "../predict/support/additionData.js";

const FIT = { chains: 2, warmup: 150, draws: 150, seed: 3, threads: 1 } as const;

/** Fold k refitted as kfold fits it; per held-out row (design order), log mean_s exp(ll(s, row)). */
async function byHand(input: FormulaModelInput, r: KfoldResult, k: number, ll: (y: number, mu: number, sigma: number, row: number) => number): Promise<Map<number, number>> {
  const train: number[] = [];
  const held: number[] = [];
  r.foldOfRow.forEach((f, i) => (f === k ? held : train).push(i));
  const { fit } = await fitFormulaModel({ ...input, data: subsetRows(input.data, train.map((i) => r.dataRows[i])) }, FIT);
  const d = fit.draws;
  const S = d.chains * d.draws;
  const col = (name: string) => d.data.subarray(d.names.indexOf(name) * S, (d.names.indexOf(name) + 1) * S);
  const [a, b, sigma] = [col("b_Intercept"), col("b_x"), col("sigma")];
  const data = input.data as Record<string, number[]>;
  const out = new Map<number, number>();
  const terms = new Float64Array(S);
  for (const i of held) {
    const row = r.dataRows[i];
    for (let s = 0; s < S; s++) terms[s] = ll(data.y[row], a[s] + b[s] * data.x[row], sigma[s], row);
    out.set(i, logSumExp(terms) - Math.log(S));
  }
  return out;
}

describe("kfold with addition terms", () => {
  it("censored, weighted rows: each held-out row's elpd is its weighted censored log-likelihood under the fold's draws", async () => {
    const data = censoredData(43, 32);
    const input = { formula: "y | cens(c, y2) + weights(w) ~ x", data };
    const r = await kfold(input, { K: 3, fit: FIT });
    expect(r.pointwise.every(Number.isFinite)).toBe(true);
    const c = data.c as string[];
    const w = data.w as number[];
    const y2 = data.y2 as number[];
    const hand = await byHand(input, r, 2, (y, mu, sigma, row) => {
      const v = c[row] === "none" ? normalLpdf(y, mu, sigma) : c[row] === "right" ? normalLccdf(y, mu, sigma) : c[row] === "left" ? normalLcdf(y, mu, sigma) : normalLogIntervalProb(y, y2[row], mu, sigma);
      return w[row] * v;
    });
    expect(hand.size).toBeGreaterThan(8);
    // Tolerance: the same terms summed by the same logSumExp; only mu = a + b·x's rounding can differ.
    for (const [i, v] of hand) expect(r.pointwise[i]).toBeCloseTo(v, 11);
  });

  it("truncated rows: each held-out row's elpd uses its own bounds", async () => {
    const data = truncatedData(44, 32);
    const input = { formula: "y | trunc(lb = L, ub = U) ~ x", data, priors: ["b ~ normal(0, 2)"] };
    const r = await kfold(input, { K: 3, fit: FIT });
    expect(r.pointwise.every(Number.isFinite)).toBe(true);
    const hand = await byHand(input, r, 1, (y, mu, sigma, row) => normalLpdf(y, mu, sigma) - normalLogIntervalProb(data.L[row], data.U[row], mu, sigma));
    expect(hand.size).toBeGreaterThan(8);
    for (const [i, v] of hand) expect(r.pointwise[i]).toBeCloseTo(v, 11);
  });
});
