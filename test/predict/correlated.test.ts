import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { posteriorLinpred } from "../../src/predict/index.js";
import { SHORT } from "./fits.js";

describe("new levels with correlated varying slopes (sleepstudy: Reaction ~ Days + (Days | Subject))", () => {
  it("whitening a new subject's (intercept, slope) with each draw's sd and cor gives independent N(0, 1) pairs", async () => {
    const data = readCsvFile(new URL("../../data/sleepstudy.csv", import.meta.url).pathname);
    const { fit, model } = await fitFormulaModel({ formula: "Reaction ~ Days + (Days | Subject)", data }, { ...SHORT, seed: 3 });
    const eta = posteriorLinpred(fit, model, { Days: [0, 1], Subject: [999, 999] }, { allowNewLevels: true, seed: 2 });
    const [b0, b1, s0, s1, rho] = ["b_Intercept", "b_Days", "sd_Subject__Intercept", "sd_Subject__Days", "cor_Subject__Intercept__Days"].map((n) => fit.get(n));
    const S = eta.draws;
    let m0 = 0;
    let m1 = 0;
    let v0 = 0;
    let v1 = 0;
    let c01 = 0;
    for (let s = 0; s < S; s++) {
      // Days = 0 gives the intercept effect, the difference of the two rows the slope effect.
      const r0 = eta.data[2 * s] - b0[s];
      const r1 = eta.data[2 * s + 1] - eta.data[2 * s] - b1[s];
      const z0 = r0 / s0[s];
      const z1 = (r1 / s1[s] - rho[s] * z0) / Math.sqrt(1 - rho[s] ** 2);
      m0 += z0 / S;
      m1 += z1 / S;
      v0 += (z0 * z0) / S;
      v1 += (z1 * z1) / S;
      c01 += (z0 * z1) / S;
    }
    // Exact N(0, I) draws: 4 standard errors (1/√S for means and the cross moment, √(2/S) for squares).
    for (const m of [m0, m1, c01]) expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(S));
    for (const v of [v0, v1]) expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / S));
  });
});
