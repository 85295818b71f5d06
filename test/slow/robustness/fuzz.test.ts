/** The long fuzzing run: the same properties as test/robustness/fuzz.test.ts, 100× the budget, other seeds. */
import { describe, it } from "vitest";
import { designProperties, loaderProperties, priorProperties } from "../../robustness/support/fuzzProps.js";

const RUNS = 30_000;

describe("fuzz (long): nothing but UserError, in bounded time, with a message that says what and where", () => {
  it("parsePrior", () => priorProperties(RUNS, 9101).parse());
  it("resolvePriors", () => priorProperties(RUNS, 9101).resolve());
  it("buildFormulaModel: formulas × families", () => designProperties(RUNS, 9202).formulas());
  it("buildFormulaModel: random data tables", () => designProperties(RUNS, 9202).data());
  it("readCsvText → buildFormulaModel", () => loaderProperties(RUNS, 9303).csvToModel());
  it("readJsonData", () => loaderProperties(RUNS, 9303).json());
});
