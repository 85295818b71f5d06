// The formula box with the cumulative family: the probit link as its own choice, the levels box's
// text → the category order, and the model the page fits.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCsv } from "../../web/src/data.js";
import { FAMILIES, formulaModel, levelList } from "../../web/src/formula.js";

const csv = readFileSync(new URL("../../bench/qa/data/verbagg80-ordinal.csv", import.meta.url), "utf8");
const table = () => loadCsv("verbagg80-ordinal.csv", csv).table;

describe("web formula box: cumulative", () => {
  it("offers cumulative and cumulative(probit); the levels box reads comma-separated labels, empty as none", () => {
    expect(FAMILIES).toEqual(expect.arrayContaining(["cumulative", "cumulative(probit)"]));
    expect(levelList(" no, perhaps ,yes ")).toEqual(["no", "perhaps", "yes"]);
    expect(levelList("  ")).toBeUndefined();
  });

  it("a text response fits with the levels given, and without them says how to give them", () => {
    const p = formulaModel("resp ~ Anger + (1 | id)", "cumulative(probit)", [], table(), levelList("no, perhaps, yes")).program;
    expect(p.program.statements.some((s) => s.kind === "distribution" && s.family === "ordered_probit")).toBe(true);
    expect(p.rename?.slice(0, 2).map(([, to]) => to)).toEqual(["b_Intercept[1]", "b_Intercept[2]"]);
    expect(() => formulaModel("resp ~ Anger + (1 | id)", "cumulative", [], table())).toThrow(/whose order hbayes cannot know/);
  });

  it("levels left in the box from an ordinal fit do not stop another family's fit", () => {
    const p = formulaModel("Anger ~ 1 + (1 | id)", "gaussian", [], table(), levelList("no, perhaps, yes")).program;
    expect(p.program.statements.some((s) => s.kind === "distribution" && s.family === "normal")).toBe(true);
  });
});
