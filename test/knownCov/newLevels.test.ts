import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { knownCovFactor, type KnownCovariance } from "../../src/formula/knownCov.js";
import { knownCovNewLevels } from "../../src/predict/knownCovNewLevels.js";
import { posteriorLinpred } from "../../src/predict/formulaPredict.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { predictFromDraws } from "../../src/predict/formulaPredict.js";
import { withKnownCovGroups } from "../../src/formula/knownCov.js";

// A over five levels; the data have a … d, so 'e' is a row of A without data (a species of the tree never observed).
const A: KnownCovariance = {
  levels: ["d", "e", "c", "b", "a"],
  values: [
    [1, 0.6, 0.2, 0.1, 0],
    [0.6, 1.2, 0.3, 0.2, 0.4],
    [0.2, 0.3, 1, 0.5, 0.3],
    [0.1, 0.2, 0.5, 1, 0.4],
    [0, 0.4, 0.3, 0.4, 1],
  ],
};
const rows = A.values as number[][];
const entry = (a: string, b: string): number => rows[A.levels.indexOf(a)][A.levels.indexOf(b)];

/** Solves S x = v by Gaussian elimination with partial pivoting (independent of the Cholesky route). */
function solve(S: number[][], v: number[]): number[] {
  const n = v.length;
  const M = S.map((r, i) => [...r, v[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

describe("knownCovNewLevels", () => {
  it("w = A_ff⁻¹ a_fℓ and c = a_ℓℓ − a_fℓᵀ w (the conditional normal), as a direct solve gives them", () => {
    const fitted = ["a", "b", "c", "d"];
    const L = knownCovFactor("A", A, fitted, "g");
    const { w, sqrtC } = knownCovNewLevels(A, L, fitted, ["e"]);
    const Aff = fitted.map((r) => fitted.map((c) => entry(r, c)));
    const afl = fitted.map((r) => entry(r, "e"));
    const want = solve(Aff, afl);
    // 4 × 4, condition number ≈ 5: both routes agree to rounding; 1e-12 leaves room.
    want.forEach((x, j) => expect(Math.abs(w[j] - x)).toBeLessThan(1e-12));
    const c = entry("e", "e") - afl.reduce((s, a, j) => s + a * want[j], 0);
    expect(Math.abs(sqrtC[0] - Math.sqrt(c))).toBeLessThan(1e-12);
  });
});

describe("predictions for a new level of gr(g, cov = A)", () => {
  const data = {
    y: [1, 2, 0.5, 1.5, 2.5, 0.1, 1.1, 0.7, 1.3, 0.2, 0.9, 1.8],
    g: ["a", "b", "c", "a", "b", "c", "a", "d", "d", "b", "c", "d"],
  };
  it("a level that is a row of A: per draw, its effect is N(R_fᵀ w, c · sd²) given that draw's fitted effects", async () => {
    const { fit, model } = await fitFormulaModel({ formula: "y ~ 1 + (1 | gr(g, cov = A))", data, data2: { A } }, { chains: 2, warmup: 300, draws: 1000, seed: 3, threads: 1 });
    const fitted = ["a", "b", "c", "d"];
    const { w, sqrtC } = knownCovNewLevels(A, knownCovFactor("A", A, fitted, "g"), fitted, ["e"]);
    const eta = posteriorLinpred(fit, model, { g: ["e"] }, { allowNewLevels: true, seed: 5 });
    const col = (name: string) => variableOf(fit.draws, variableIndex(fit.draws, name));
    const b0 = col("b_Intercept");
    const sd = col("sd_g__Intercept");
    const r = fitted.map((l) => col(`r_g[${l},Intercept]`));
    const S = eta.draws;
    let m1 = 0;
    let m2 = 0;
    for (let s = 0; s < S; s++) {
      let mean = b0[s];
      for (let j = 0; j < 4; j++) mean += w[j] * r[j][s];
      const z = (eta.data[s] - mean) / (sqrtC[0] * sd[s]);
      m1 += z / S;
      m2 += (z * z) / S;
    }
    // z are independent N(0, 1) draws (fresh per draw, seeded): mean within 4/√S, E z² = 1 within 4·√(2/S).
    expect(Math.abs(m1)).toBeLessThan(4 / Math.sqrt(S));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / S));
    // Not the unconditional draw: 'e' leans on its relatives (w ≠ 0), which brms 2.18 would ignore.
    expect(Math.max(...Array.from(w, Math.abs))).toBeGreaterThan(0.1);
    expect(() => posteriorLinpred(fit, model, { g: ["zz"] }, { allowNewLevels: true })).toThrow(/'zz' of g is not in the covariance matrix 'A'/);
    expect(() => posteriorLinpred(fit, model, { g: ["e"] }, { allowNewLevels: true, newLevels: "uncertainty" })).toThrow(/method 'uncertainty' does not apply/);
    // From model.json (as hbayes predict): refused without the matrix, the same draws as in memory with it (--cov).
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(model.design, [], null))));
    expect(() => predictFromDraws(fit.draws, restored, "linpred", { g: ["e"] }, { allowNewLevels: true, seed: 5 })).toThrow(/--cov A=file.csv/);
    const again = predictFromDraws(fit.draws, withKnownCovGroups(restored, { A }), "linpred", { g: ["e"] }, { allowNewLevels: true, seed: 5 });
    expect(Array.from(again.data)).toEqual(Array.from(eta.data));
  }, 60_000);
});
