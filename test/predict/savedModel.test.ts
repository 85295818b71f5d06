import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { designFromSaved, newDataRows, saveFormulaModel, SAVED_MODEL_SCHEMA } from "../../src/predict/index.js";

const sleep = readCsvFile(new URL("../../data/sleepstudy.csv", import.meta.url).pathname);
const cbpp = readCsvFile(new URL("../../data/cbpp.csv", import.meta.url).pathname);

const roundTrip = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("saveFormulaModel → JSON → designFromSaved", () => {
  it("encodes new data exactly as the fitted design does (scale(), correlated slopes, new levels)", () => {
    const design = buildDesign("Reaction ~ scale(Days) + (Days | Subject)", sleep);
    const saved = designFromSaved(roundTrip(saveFormulaModel(design, ["b ~ normal(0, 10)"], "sleepstudy.csv")));
    const nd = { Days: [0, 3.5, 9], Subject: [308, 999, 335] };
    const a = newDataRows(design, nd, true);
    const b = newDataRows(saved, nd, true);
    expect(b.X).toEqual(a.X);
    expect(b.groups.map((g) => [g.index, g.Z, g.newLevel, g.newLevels])).toEqual(a.groups.map((g) => [g.index, g.Z, g.newLevel, g.newLevels]));
    expect(saved.X.means).toEqual(design.X.means);
    expect(saved.groups[0].names).toEqual(design.groups[0].names);
    expect(a.groups[0].newLevels).toEqual(["999"]);
  });

  it("keeps factor levels and the binomial fallback number of trials", () => {
    const design = buildDesign("incidence ~ factor(period) + (1 | herd)", cbpp, { family: "binomial" });
    const json = roundTrip(saveFormulaModel(design, [], "cbpp.csv"));
    expect(json.constantTrials).toBe(design.response.trials?.[0]);
    const saved = designFromSaved(json);
    const nd = { period: [2, 4], herd: [1, 15] };
    const a = newDataRows(design, nd, false);
    const b = newDataRows(saved, nd, false);
    expect(b.X).toEqual(a.X);
    expect(b.trials).toEqual(a.trials);
    expect([...(b.trials as Float64Array)]).toEqual([json.constantTrials, json.constantTrials]);
  });

  it("rejects another schema and groups that do not match the formula", () => {
    const design = buildDesign("Reaction ~ Days + (1 | Subject)", sleep);
    const json = roundTrip(saveFormulaModel(design, [], null));
    expect(() => designFromSaved({ ...json, schema: "other/9" })).toThrow(new RegExp(`reads ${SAVED_MODEL_SCHEMA}`));
    expect(() => designFromSaved({ ...json, groups: [] })).toThrow(/1 group terms but 0 groups/);
    expect(() => designFromSaved(null)).toThrow(/JSON object/);
  });
});
