import { describe, expect, it } from "vitest";
import { checkOutcomes } from "../../src/compiler/outcomes.js";
import { FAMILY_SIGNATURES, ORDINAL_FAMILIES } from "../../src/ir/families.js";
import type { Program } from "../../src/ir/types.js";

/** y ~ family(args all 0.5) over one int outcome column, except binomial-style trials (int data 5). */
function program(family: string): Program {
  const sig = FAMILY_SIGNATURES[family];
  return {
    data: [
      { name: "y", type: "int", dims: [2] },
      { name: "N", type: "int", dims: [2] },
    ],
    params: [],
    tparams: [],
    statements: [
      {
        kind: "distribution",
        family,
        n: 2,
        lhs: { op: "ref", src: "data", id: 0 },
        args: sig.argTypes.map((t) => (t === "int" ? { op: "ref", src: "data", id: 1 } : { op: "const", value: 0.5 })),
      },
    ],
  };
}

describe("checkOutcomes", () => {
  // The ordinal families (categories from 1, a cutpoint vector) are checked below on their own.
  const ints = Object.keys(FAMILY_SIGNATURES).filter((f) => FAMILY_SIGNATURES[f].lhs === "int" && !ORDINAL_FAMILIES.includes(f));

  it.each(ints)("%s rejects a negative outcome and accepts counts in its support", (family) => {
    expect(() => checkOutcomes(program(family), [Int32Array.of(1, -1), Int32Array.of(5, 5)])).toThrow(/outcome 2 must/);
    expect(() => checkOutcomes(program(family), [Int32Array.of(0, 1), Int32Array.of(5, 5)])).not.toThrow();
  });

  it("covers the zero-inflated and hurdle families, which have no case of their own", () => {
    expect(ints).toEqual(expect.arrayContaining(["zero_inflated_poisson_log", "zero_inflated_neg_binomial_2_log", "hurdle_poisson_log", "hurdle_neg_binomial_2_log"]));
  });

  it.each(ORDINAL_FAMILIES)("%s accepts categories 1 … K and rejects 0, K + 1 and fractions", (family) => {
    const prog = (): Program => ({
      data: [{ name: "y", type: "int", dims: [2] }, { name: "c", type: "real", dims: [2] }],
      params: [],
      tparams: [],
      statements: [{ kind: "distribution", family, n: 2, lhs: { op: "ref", src: "data", id: 0 }, args: [{ op: "const", value: 0.5 }, { op: "ref", src: "data", id: 1 }] }],
    });
    const c = Float64Array.of(-1, 1);
    expect(() => checkOutcomes(prog(), [Int32Array.of(1, 3), c])).not.toThrow();
    expect(() => checkOutcomes(prog(), [Int32Array.of(1, 0), c])).toThrow("outcome 2 must be a category in 1..3, got 0");
    expect(() => checkOutcomes(prog(), [Int32Array.of(4, 1), c])).toThrow("outcome 1 must be a category in 1..3, got 4");
  });

  it("leaves real outcomes alone", () => {
    const p = program("normal");
    p.data[0] = { name: "y", type: "real", dims: [2] };
    expect(() => checkOutcomes(p, [Float64Array.of(-1, -2), Int32Array.of(5, 5)])).not.toThrow();
  });
});
