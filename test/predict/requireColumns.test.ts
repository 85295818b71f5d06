import { describe, expect, it } from "vitest";
import { dataColumns } from "../../src/formula/data.js";
import type { EvalContext } from "../../src/formula/evaluate.js";
import { parseFormula } from "../../src/formula/parse.js";
import { requireColumns } from "../../src/predict/newColumns.js";

const ctx = (data: Record<string, number[]>): EvalContext => ({
  text: "",
  data: dataColumns(data),
  rows: Int32Array.from([0]),
  learned: { levels: new Map(), scales: new Map(), polys: new Map(), splines: new Map() },
  frozen: true,
});

describe("requireColumns: the missing column's message", () => {
  it("names a bare column once and shows an expression that says more than the name", () => {
    const bare = parseFormula("y ~ U").rhs;
    expect(() => requireColumns(ctx({ x: [1] }), bare, "trunc(ub = …)")).toThrow("newdata: trunc(ub = …) reads column 'U', so the new data must carry it, as in brms; they have 'x'");
    const expr = parseFormula("y ~ log(U)").rhs;
    expect(() => requireColumns(ctx({ x: [1] }), expr, "trunc(ub = …)")).toThrow("newdata: trunc(ub = …) reads column 'U' (log(U)), so the new data must carry it, as in brms; they have 'x'");
  });
});
