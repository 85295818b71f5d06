import { describe, expect, it } from "vitest";
import { dataColumns } from "../../src/formula/data.js";
import { parseNonlinearMain, splitNonlinearFormula, withNlparOption, withNonlinearParts } from "../../src/formula/nonlinear.js";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";

const data = dataColumns({ y: [1, 2, 3], x: [0, 1, 2], dose: [0, 5, 10], g: ["a", "b", "a"] });

/** The caret line of a caret error: the offset of '^' in the shown text (both lines are indented by 2). */
function caretAt(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const lines = (e as Error).message.split("\n");
    return lines[2].indexOf("^") - 2;
  }
  throw new Error("expected an error");
}

describe("splitNonlinearFormula", () => {
  it("splits bf(…, nl = TRUE) into the main formula, the parameters' formulas and distributional parts", () => {
    const s = splitNonlinearFormula("bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), sigma ~ x, b ~ 1, nl = TRUE)");
    expect(s).toEqual({ main: "y ~ a * exp(-b * x)", nlpars: [{ name: "a", text: "a ~ 1 + (1 | g)", rhs: "1 + (1 | g)" }, { name: "b", text: "b ~ 1", rhs: "1" }], dpars: ["sigma ~ x"] });
  });
  it("accepts the bare form and nl = T, and returns null without nl", () => {
    expect(splitNonlinearFormula("y ~ a * x, a ~ 1, nl = T")?.nlpars.map((p) => p.name)).toEqual(["a"]);
    expect(splitNonlinearFormula("bf(y ~ x + (1 | g), sigma ~ x)")).toBeNull();
    expect(splitNonlinearFormula("y ~ x")).toBeNull();
  });
  it("refuses nl = FALSE, a repeated parameter, a stray piece and nl without parameters", () => {
    expect(() => splitNonlinearFormula("bf(y ~ a, a ~ 1, nl = FALSE)")).toThrow("'nl = FALSE' is the default");
    expect(() => splitNonlinearFormula("bf(y ~ a, a ~ 1, a ~ x, nl = TRUE)")).toThrow("'a ~ …' is given twice");
    expect(() => splitNonlinearFormula("bf(y ~ a, a ~ 1, 3, nl = TRUE)")).toThrow("each part must be a parameter's formula");
    expect(() => splitNonlinearFormula("bf(y ~ x, nl = TRUE)")).toThrow("needs a formula for each non-linear parameter");
  });
});

describe("withNonlinearParts", () => {
  it("folds the API's nlpars (right sides or whole parts) into bf(…, nl = TRUE)", () => {
    expect(withNonlinearParts("y ~ a * exp(-b * x)", { a: "1 + (1 | g)", b: "b ~ 1" })).toBe("bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)");
    expect(withNonlinearParts("bf(y ~ a * x, sigma ~ x)", ["a ~ 1"])).toBe("bf(y ~ a * x, sigma ~ x, a ~ 1, nl = TRUE)");
    expect(withNonlinearParts("y ~ x", {})).toBe("y ~ x");
  });
  it("refuses a part named for another parameter and a bad name", () => {
    expect(() => withNonlinearParts("y ~ a", { a: "b ~ 1" })).toThrow("the formula given for 'a' is for 'b'");
    expect(() => withNonlinearParts("y ~ a", { "1a": "1" })).toThrow("'1a' is not a parameter name");
    expect(() => withNonlinearParts("y ~ a", ["1 + x"])).toThrow("expected a non-linear parameter's formula");
  });
  it("withNlparOption needs --formula", () => {
    expect(withNlparOption({ nlpar: ["a ~ 1"], formula: "y ~ a" }).formula).toBe("bf(y ~ a, a ~ 1, nl = TRUE)");
    expect(() => withNlparOption({ nlpar: ["a ~ 1"] })).toThrow("--nlpar gives a non-linear parameter's formula for --formula");
    const o = { nlpar: [] as string[], formula: "y ~ x" };
    expect(withNlparOption(o)).toBe(o);
  });
});

describe("parseNonlinearMain", () => {
  it("builds the expression tree: parameters, columns (in order of use), numbers, functions, x^2 as square", () => {
    const p = parseNonlinearMain("y ~ e0 + emax * dose^2 / (ed50 + pow(dose, 0.5)) - inv_logit(-x)", ["e0", "emax", "ed50"], data);
    expect(p.lhs).toBe("y");
    expect(p.covariates).toEqual(["dose", "x"]);
    expect(p.expr).toEqual({
      op: "binary",
      fn: "sub",
      a: {
        op: "binary",
        fn: "add",
        a: { op: "nlpar", k: 0 },
        b: {
          op: "binary",
          fn: "div",
          a: { op: "binary", fn: "mul", a: { op: "nlpar", k: 1 }, b: { op: "unary", fn: "square", arg: { op: "cov", k: 0 } } },
          b: { op: "binary", fn: "add", a: { op: "nlpar", k: 2 }, b: { op: "binary", fn: "pow", a: { op: "cov", k: 0 }, b: { op: "num", value: 0.5 } } },
        },
      },
      b: { op: "unary", fn: "inv_logit", arg: { op: "unary", fn: "neg", arg: { op: "cov", k: 1 } } },
    });
  });
  it("keeps the response's addition terms", () => {
    expect(parseNonlinearMain("y | trials(dose) ~ a", ["a"], data).lhs).toBe("y | trials(dose)");
  });
  it("points a caret at an unknown name, a text column, an unknown function, ':' and an unused parameter", () => {
    expect(caretAt(() => parseNonlinearMain("y ~ a * exp(-c * x)", ["a", "b"], data))).toBe(13);
    expect(() => parseNonlinearMain("y ~ a * exp(-c * x)", ["a", "b"], data)).toThrow("'c' is neither a non-linear parameter (a, b) nor a data column");
    expect(caretAt(() => parseNonlinearMain("y ~ a * g", ["a"], data))).toBe(8);
    expect(() => parseNonlinearMain("y ~ a * g", ["a"], data)).toThrow("the column 'g' holds text");
    expect(caretAt(() => parseNonlinearMain("y ~ a * foo(x)", ["a"], data))).toBe(8);
    expect(() => parseNonlinearMain("y ~ a * foo(x)", ["a"], data)).toThrow("unknown function 'foo'");
    expect(caretAt(() => parseNonlinearMain("y ~ a : x", ["a"], data))).toBe(6);
    expect(() => parseNonlinearMain("y ~ a", ["a", "b"], data)).toThrow("the non-linear parameter 'b' does not appear in the expression");
    expect(() => parseNonlinearMain("y ~ pow(a)", ["a"], data)).toThrow("pow() takes two arguments");
    expect(() => parseNonlinearMain("y ~ exp(a, x)", ["a"], data)).toThrow("exp() takes one argument, got 2");
    expect(() => parseNonlinearMain("~ a", ["a"], data)).toThrow("a response is needed");
    expect(caretAt(() => parseNonlinearMain("y ~ a * 1e999", ["a"], data))).toBe(8);
  });
  it("reads a name that is both a parameter and a column as the parameter (as brms)", () => {
    const p = parseNonlinearMain("y ~ x * dose", ["x"], data);
    expect(p.expr).toEqual({ op: "binary", fn: "mul", a: { op: "nlpar", k: 0 }, b: { op: "cov", k: 0 } });
    expect(p.covariates).toEqual(["dose"]);
  });
});

describe("buildDesign with nl = TRUE", () => {
  const d = { y: [1, 2, 3, 4], x: [0, 1, 2, 3], g: ["a", "a", "b", "b"], w: [1, null, 2, 3] };
  it("drops a row missing a column only a non-linear part reads, from every part, and says so", () => {
    const design = buildDesign("bf(y ~ a * exp(-b * x), a ~ 1 + w, b ~ 1 + (1 | g), nl = TRUE)", d);
    expect(design.n).toBe(3);
    expect(Array.from(design.rows)).toEqual([0, 2, 3]);
    expect(design.messages).toContain("dropped 1 row with missing values in w");
    expect(Array.from(design.nonlinear?.covariateValues[0] ?? [])).toEqual([0, 2, 3]);
    expect(Array.from(design.nonlinear?.nlpars[1].groups[0].index ?? [])).toEqual([0, 1, 1]);
    expect(design.nonlinear?.nlpars[0].X.names).toEqual(["Intercept", "w"]);
    expect(Array.from(design.nonlinear?.nlpars[0].X.values ?? [])).toEqual([1, 1, 1, 2, 1, 3]);
  });
  it("joins (… | ID | g) terms of several parameters into one block with brms's cross-parameter correlation names", () => {
    const design = buildDesign("bf(y ~ a * exp(-b * x), a ~ 1 + (1 + x | p | g), b ~ 1 + (1 | p | g) + (1 | q | g), nl = TRUE)", d);
    const nl = design.nonlinear;
    expect(nl?.blocks).toEqual([
      {
        id: "p",
        group: "g",
        members: [{ k: 0, gi: 0 }, { k: 1, gi: 0 }],
        terms: ["a_Intercept", "a_x", "b_Intercept"],
        corNames: ["cor_g__a_Intercept__a_x", "cor_g__a_Intercept__b_Intercept", "cor_g__a_x__b_Intercept"],
      },
    ]);
    // The members' own correlation moves to the block; an ID used by one parameter alone is an ordinary term.
    expect(nl?.nlpars[0].groups[0]).toMatchObject({ correlated: false, names: { cor: [] } });
    expect(nl?.nlpars.map((p) => p.ids)).toEqual([["p"], ["p", "q"]]);
    expect(() => buildDesign("bf(y ~ a, a ~ 1 + (1 || p || g), nl = TRUE)", d)).toThrow("write (… | ID | g), not '||'");
    expect(() => buildDesign("bf(y ~ a, a ~ 1 + x | p | g, nl = TRUE)", d)).toThrow();
    expect(() => buildDesign("bf(y ~ a * b, a ~ 1 + (1 | p | g), b ~ 1 + (1 | p | g) + (1 | p | g), nl = TRUE)", d)).toThrow("has two group terms '| p | g'");
  });
  it("refuses s() in a parameter's formula, and the cumulative and categorical families", () => {
    expect(() => buildDesign("bf(y ~ a, a ~ s(x), nl = TRUE)", d)).toThrow("s() in a non-linear parameter's formula is not supported");
    expect(() => buildDesign("bf(y ~ a, a ~ 1 + offset(x), nl = TRUE)", d)).toThrow("offsets in a non-linear parameter's formula are not supported");
    expect(() => buildDesign("bf(y ~ a, a ~ 1, nl = TRUE)", d, { family: "cumulative" })).toThrow("not supported for the cumulative family");
    expect(() => buildDesign("bf(y ~ a, a ~ 1, nl = TRUE)", d, { family: "categorical" })).toThrow("not supported for the categorical family");
  });
});
