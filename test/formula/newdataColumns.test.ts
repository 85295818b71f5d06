// Found in the 2026-11-29 user sweep (bench/qa/): `hbayes predict` with new data lacking a predictor
// said "formula: unknown column 'mode'; the data have 5 columns", as if the fitted data or the
// formula were wrong.
import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/index.js";
import { designNewData } from "../../src/formula/newdata.js";

describe("designNewData", () => {
  it("says the new data lack a column the model uses, and lists what they have", () => {
    const design = buildDesign("y ~ x + m + (1 | g)", { y: [1, 2, 3, 4], x: [1, 2, 3, 4], m: ["a", "b", "a", "b"], g: ["p", "p", "q", "q"] });
    let msg = "";
    try {
      designNewData(design, { x: [1], g: ["p"] });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/the new data have no column 'm', which the model uses/);
    expect(msg).toMatch(/'x', 'g'/);
  });
});
