/**
 * The footer names what the pilot's Gelfand centring moved into a group's mean (groupPredictors.ts),
 * in the user's names: before, epilepsy's line said only "r_patient partial".
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitFormula } from "../../src/api/formulaFit.js";
import { beyondFooter } from "../../src/api/fitSummary.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

const EPILEPSY = fileURLToPath(new URL("../../bench/qa/data/epilepsy.csv", import.meta.url));
// Short chains: the footer reads the pilot's choices, which depend on the seed only.
const SHORT = { seed: 1, chains: 1, warmup: 100, draws: 50, threads: 1 } as const;

describe("beyondFooter(fit) after group-level centring", () => {
  it("names the predictors moved into the group mean (bench/qa epilepsy: count ~ zAge + zBase * Trt + (1 | patient))", async () => {
    const fit = await fitFormula({ formula: "count ~ zAge + zBase * Trt + (1 | patient)", family: "poisson", data: readCsvFile(EPILEPSY) }, SHORT);
    // Every predictor is the patient's own (age, baseline count, treatment arm): all four moved.
    expect(fit.beyond?.reparam.map((c) => c.groupMean)).toEqual([["b[1]", "b[2]", "b[3]", "b[4]"]]);
    expect(beyondFooter(fit)).toBe("marginalize: auto (nothing conjugate to integrate out); parameterisation: r_patient partial (group mean includes zAge, zBase, Trt, zBase:Trt)");
  });

  it("says nothing more when no predictor is constant within the groups", async () => {
    // visit varies within patients (one row per visit), so only the Intercept joins the group mean.
    const fit = await fitFormula({ formula: "count ~ visit + (1 | patient)", family: "poisson", data: readCsvFile(EPILEPSY) }, SHORT);
    expect(fit.beyond?.reparam.every((c) => c.groupMean === undefined)).toBe(true);
    expect(beyondFooter(fit)).toMatch(/r_patient (partial|centred)$/);
  });
});
