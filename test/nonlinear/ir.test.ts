import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";

// Golden IR of a small non-linear model: what the expression becomes, node by node.
describe("buildGlmmIr with a non-linear predictor", () => {
  const model = buildFormulaModel({
    formula: "bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1 + z, nl = TRUE)",
    data: { y: [5, 3, 2, 6, 4, 2], x: [0, 1, 2, 0, 1, 2], z: [0.5, -0.5, 0, 1, 0, -1], g: ["p", "p", "p", "q", "q", "q"] },
    priors: ["normal(5, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0", "normal(0, 1), nlpar = b, coef = z"],
  });
  const { program } = model.built;
  it("declares one coefficient vector per parameter (bounds as transforms), then the group term and sigma", () => {
    expect(program.params.map((p) => [p.name, p.shape, p.transform])).toEqual([
      ["b_nl1", { kind: "vector", n: 1 }, { kind: "identity" }],
      ["sd_1", { kind: "vector", n: 1 }, { kind: "lower", lb: 0 }],
      ["z_1_1", { kind: "vector", n: 2 }, { kind: "identity" }],
      ["b_nl2", { kind: "vector", n: 2 }, { kind: "lower", lb: 0 }],
      ["sigma", { kind: "scalar" }, { kind: "lower", lb: 0 }],
    ]);
    expect(program.data.map((d) => d.name)).toEqual(["y", "J_1", "X_nl2", "C_nl1"]);
  });
  it("the likelihood's mean is a · exp(−b · x) with a = b_a (a scalar) + r_g__a[g] and b = X_b · b_b", () => {
    const like = program.statements[program.statements.length - 1];
    expect(like).toMatchObject({ kind: "distribution", family: "normal", n: 6 });
    const mu = (like as { args: unknown[] }).args[0];
    expect(mu).toEqual({
      op: "binary",
      fn: "mul",
      a: { op: "binary", fn: "add", a: { op: "elem", src: "param", id: 0, index: 0 }, b: { op: "gather", src: "tparam", id: 0, by: 1 } },
      b: {
        op: "unary",
        fn: "exp",
        arg: { op: "binary", fn: "mul", a: { op: "unary", fn: "neg", arg: { op: "dotRow", matrix: 2, src: "param", id: 3 } }, b: { op: "ref", src: "data", id: 3 } },
      },
    });
  });
  it("puts one prior statement per coefficient where they differ", () => {
    const priors = program.statements.filter((s) => s.kind === "distribution" && s.lhs.op === "elem");
    expect(priors.map((s) => (s as { args: { value: number }[] }).args.map((a) => a.value))).toEqual([[0.5, 0.5], [0, 1]]);
  });
});
