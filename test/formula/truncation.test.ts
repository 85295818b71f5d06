import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { parseFormulaParts } from "../../src/formula/terms.js";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { UserError } from "../../src/errors.js";

// brms's trunc(lb, ub) addition term (brms 2.18: constants or columns, "Truncation bounds are invalid:
// lb >= ub", "Some responses are outside of the truncation bounds") through parse → frame → design → IR.
const base = { y: [1, 2, 3, 4, 5], x: [0.1, 0.2, 0.3, 0.5, 0.8], u: [3, 4, 5, 6, 7] };

describe("trunc() in formulas", () => {
  it("parses named and positional bounds, with other addition terms", () => {
    const a = parseFormulaParts("y | trunc(lb = 0) ~ x").response!;
    expect(a.truncLower).toMatchObject({ kind: "num", value: 0 });
    expect(a.truncUpper).toBeUndefined();
    const b = parseFormulaParts("y | weights(w) + trunc(ub = u) ~ x").response!;
    expect(b.truncUpper).toMatchObject({ kind: "name", name: "u" });
    expect(b.weights).toMatchObject({ name: "w" });
    const c = parseFormulaParts("y | trunc(-1, u) ~ x").response!;
    expect(c.truncLower).toMatchObject({ kind: "unary" });
    expect(c.truncUpper).toMatchObject({ name: "u" });
  });

  it("refuses no bound, a bound twice, unknown arguments, trunc() twice", () => {
    expect(() => parseFormulaParts("y | trunc() ~ x")).toThrow("trunc() needs a bound");
    expect(() => parseFormulaParts("y | trunc(0, lb = 1) ~ x")).toThrow("trunc(): lb is given twice");
    expect(() => parseFormulaParts("y | trunc(lower = 1) ~ x")).toThrow("trunc() has no argument 'lower' here: it takes lb, ub");
    expect(() => parseFormulaParts("y | trunc(lb = 0) + trunc(ub = 9) ~ x")).toThrow("trunc() is given twice");
    expect(() => parseFormulaParts("y | trunc(0, 1, 2) ~ x")).toThrow("got 3 arguments");
  });

  it("design: the bounds per row; a response outside them and lb >= ub are errors naming the row", () => {
    const d = buildDesign("y | trunc(lb = 1, ub = u) ~ x", base, { family: "poisson" });
    expect(Array.from(d.response.truncLower!)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(d.response.truncUpper!)).toEqual([3, 4, 5, 6, 7]);
    expect(() => buildDesign("y | trunc(lb = 2) ~ x", base, { family: "poisson" })).toThrow("the response of row 1 is 1, outside its truncation bounds [2, Inf]");
    expect(() => buildDesign("y | trunc(ub = 4) ~ x", base, { family: "gaussian" })).toThrow("the response of row 5 is 5, outside its truncation bounds [-Inf, 4]");
    expect(() => buildDesign("y | trunc(lb = 0, ub = x) ~ x", base, { family: "gaussian" })).toThrow(UserError);
    expect(() => buildDesign("y | trunc(lb = 4, ub = u) ~ x", { ...base, y: [4, 4, 4, 4, 4], u: [5, 4, 5, 6, 7] }, { family: "gaussian" })).toThrow(
      "trunc(): the bounds of row 2 are invalid: lb 4 >= ub 4",
    );
  });

  it("the IR's likelihood and y_rep carry the bounds as data; weights and cens combine with trunc", () => {
    const { built } = buildFormulaModel({ formula: "y | weights(w) + cens(c) + trunc(lb = 0) ~ x", data: { ...base, w: [1, 2, 1, 1, 1], c: [0, 0, 1, 0, 0] }, family: "gaussian" });
    const st = built.program.statements.find((s) => s.kind === "distribution" && s.family === "normal" && s.trunc !== undefined);
    if (st?.kind !== "distribution") throw new Error("no truncated normal likelihood in the IR");
    expect(st.trunc?.lower).toBeGreaterThanOrEqual(0);
    expect(st.trunc?.upper).toBeUndefined();
    // y_rep draws from the same truncated distribution: the same bound slots as the likelihood.
    const g = built.program.generated!.find((x) => x.kind === "rng");
    expect(g?.kind === "rng" ? g.trunc : null).toEqual(st.trunc);
  });

  it("marginalisation declines a truncated likelihood that it would integrate out untruncated", () => {
    const g = Array.from({ length: 40 }, (_, i) => `g${i % 5}`);
    const y = Array.from({ length: 40 }, (_, i) => 1 + ((i * 7) % 5) + 0.1 * (i % 3));
    const x = Array.from({ length: 40 }, (_, i) => Math.cos(i));
    const plain = buildFormulaModel({ formula: "y ~ x + (1 | g)", data: { y, x, g } });
    expect(planMarginal(plain.built.program, plain.built.data)).not.toBeNull();
    const trunc = buildFormulaModel({ formula: "y | trunc(lb = 0) ~ x + (1 | g)", data: { y, x, g } });
    expect(planMarginal(trunc.built.program, trunc.built.data)).toBeNull();
  });
});

describe("trunc() where an analysis assumes plain rows", () => {
  // kfold scores truncated held-out rows with their own bounds since predict/ reads them from new data (test/api/kfoldAdditions.test.ts).
  it("the pooling comparison refuses a truncated model", async () => {
    const { poolingFromFormula } = await import("../../src/pooling/index.js");
    const data = { y: [1, 2, 3, 4, 5, 2, 3], x: [0.1, 0.2, 0.3, 0.5, 0.8, 0.1, 0.4], g: ["a", "a", "b", "b", "c", "c", "a"] };
    await expect(poolingFromFormula("y | trunc(lb = 0) ~ x + (1 | g)", data, "gaussian", { chains: 1, warmup: 20, draws: 20 })).rejects.toThrow("pooling: trunc() is not supported");
  });
});
