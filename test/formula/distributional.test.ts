// brms's distributional formulas (`count ~ x, zi ~ x`) got their own message only through
// buildFormulaModel: `hbayes priors` and `hbayes report` build the design directly and answered with
// a syntax error at the comma. The check belongs to buildDesign, which every formula path takes.
import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/index.js";

describe("buildDesign with a distributional formula", () => {
  it("says distributional formulas are not supported, not that the comma is unexpected", () => {
    const data = { count: [0, 1, 2, 0], x: [1, 2, 3, 4] };
    expect(() => buildDesign("count ~ x, zi ~ x", data, { family: "zero_inflated_poisson" })).toThrow(/distributional formulas such as 'zi ~ …' are not supported/);
  });
});
