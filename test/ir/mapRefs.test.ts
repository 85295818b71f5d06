import { describe, expect, it } from "vitest";
import { everyRef, mapRefs, type ArrayRefId } from "../../src/ir/mapRefs.js";
import type { Expr } from "../../src/ir/types.js";

// exp(theta[by[i]]) * X[i,:]·beta + sum_j (y[j] + tp[2]) - mu[3, i]: every kind of reference once.
const e: Expr = {
  op: "binary",
  fn: "sub",
  a: {
    op: "binary",
    fn: "mul",
    a: { op: "unary", fn: "exp", arg: { op: "gather", src: "param", id: 0, by: 4 } },
    b: { op: "dotRow", matrix: 2, src: "param", id: 1 },
  },
  b: {
    op: "binary",
    fn: "add",
    a: { op: "sum", n: 3, arg: { op: "binary", fn: "add", a: { op: "ref", src: "data", id: 0 }, b: { op: "elem", src: "tparam", id: 2, index: 1 } } },
    b: { op: "row", src: "data", id: 5, row: 2 },
  },
};

describe("everyRef", () => {
  it("visits the same references as mapRefs, in the same order", () => {
    const seen: ArrayRefId[] = [];
    mapRefs(e, (r) => (seen.push(r), r));
    const visited: ArrayRefId[] = [];
    expect(everyRef(e, (r) => (visited.push(r), true))).toBe(true);
    expect(visited).toEqual(seen);
    expect(visited.map((r) => `${r.src}${r.id}`)).toEqual(["param0", "param1", "data0", "tparam2", "data5"]);
  });

  it("is false as soon as one reference fails (gather/dotRow data indices are not references)", () => {
    expect(everyRef(e, (r) => r.src !== "tparam")).toBe(false);
    expect(everyRef(e, (r) => r.src === "data" || r.src === "param")).toBe(false);
    expect(everyRef(e, (r) => r.src !== "data" || r.id !== 4)).toBe(true);
    expect(everyRef(e, (r) => r.id !== 2)).toBe(false);
  });

  it("is true for a constant", () => {
    expect(everyRef({ op: "const", value: 1 }, () => false)).toBe(true);
  });
});
