import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

const data = readCsvFile(new URL("../../bench/qa/data/categorical-sim.csv", import.meta.url).pathname);

describe("categorical new data: one frame and X for every category", () => {
  it("builds the categories' shared right-hand side once, and it equals each category's fitted X on the training rows", () => {
    const design = buildDesign("y ~ x + (1 | g)", data, { family: "categorical" });
    expect(design.dpars.length).toBe(2);
    const nd = designNewData(design, data);
    // Built once: the same arrays, not K − 1 equal copies.
    expect(nd.dparX[1]).toBe(nd.dparX[0]);
    expect(nd.dparGroups[1]).toBe(nd.dparGroups[0]);
    // The training data as new data reproduces every category's design exactly (uncentred X, level indices).
    design.dpars.forEach((d, k) => {
      expect(Array.from(nd.dparX[k])).toEqual(Array.from(d.X.values));
      expect(Array.from(nd.dparGroups[k][0].index)).toEqual(Array.from(d.groups[0].index));
    });
  });
});
