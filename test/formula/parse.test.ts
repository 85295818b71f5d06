import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { parseFormula } from "../../src/formula/parse.js";
import { parseFormulaParts } from "../../src/formula/terms.js";

/** The part as text: `1 + x + z + x:z` (terms by their variable labels). */
function rhs(f: string): string {
  const p = parseFormulaParts(f);
  const terms = p.fixed.terms.map((t) => t.map((i) => p.fixed.variables[i].label).join(":"));
  return [p.fixed.intercept ? "1" : "0", ...terms].join(" + ");
}

function message(f: string): string {
  try {
    parseFormulaParts(f);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${f}`);
}

describe("parseFormulaParts: R's term algebra", () => {
  it.each([
    ["y ~ 1 + x + z", "1 + x + z"],
    ["y ~ x:z", "1 + x:z"],
    ["y ~ x*z", "1 + x + z + x:z"],
    ["y ~ (a + b + c)^2", "1 + a + b + c + a:b + a:c + b:c"],
    ["y ~ (a + b + c)**2", "1 + a + b + c + a:b + a:c + b:c"],
    ["y ~ I(x**2)", "1 + I(x^2)"],
    ["y ~ a/b", "1 + a + a:b"],
    ["y ~ 0 + x", "0 + x"],
    ["y ~ x - 1", "0 + x"],
    ["y ~ x + 0", "0 + x"],
    ["y ~ -1 + x", "0 + x"],
    ["y ~ x*z - x", "1 + z + x:z"],
    ["y ~ z:x + x", "1 + x + z:x"],
    ["y ~ x + x + x:x", "1 + x"],
    ["y ~ factor(period) + I(x^2) + log(t) + exp(z) + sqrt(t) + scale(x)", "1 + factor(period) + I(x^2) + log(t) + exp(z) + sqrt(t) + scale(x)"],
    ["y ~ I(x * z - 1) + I(t/2) + log(x + 1)", "1 + I(x * z - 1) + I(t/2) + log(x + 1)"],
    ["`log radon` ~ `floor level` + x", "1 + `floor level` + x"],
  ])("%s → %s", (f, expected) => {
    expect(rhs(f)).toBe(expected);
  });

  it("orders terms by degree, then first appearance (R's terms())", () => {
    expect(rhs("y ~ a:b + c + a")).toBe("1 + c + a + a:b");
  });

  it("reads offsets, the response and its addition terms", () => {
    const p = parseFormulaParts("s | trials(n) + weights(w) ~ x + offset(log(t))");
    expect(p.response?.label).toBe("s");
    expect(p.response?.trials).toMatchObject({ kind: "name", name: "n" });
    expect(p.response?.weights).toMatchObject({ kind: "name", name: "w" });
    expect(p.offsets).toHaveLength(1);
    expect(parseFormulaParts("y | se(sigma) ~ 1").response?.se).toMatchObject({ name: "sigma" });
    const cb = parseFormulaParts("cbind(s, f) ~ x").response;
    expect(cb?.y).toMatchObject({ name: "s" });
    expect(cb?.failures).toMatchObject({ name: "f" });
    expect(parseFormulaParts("`log radon` ~ x").response?.label).toBe("`log radon`");
  });

  it("reads group terms: correlated, uncorrelated, nested, interactions, sorted by group as brms", () => {
    const p = parseFormulaParts("y ~ x + (1 | g) + (1 + x | county) + (0 + x | g) + (x || h) + (1 | g1/g2) + (1 | a:b)");
    expect(p.re.map((r) => `${r.group}:${r.correlated}:${r.part.intercept ? 1 : 0}+${r.part.terms.length}`)).toEqual([
      "a:b:true:1+0",
      "county:true:1+1",
      "g:true:1+0",
      "g:true:0+1",
      "g1:true:1+0",
      "g1:g2:true:1+0",
      "h:false:1+1",
    ]);
    expect(p.re[0].factors.map((f) => f.name)).toEqual(["a", "b"]);
  });
});

describe("parseFormula: syntax errors show the formula and a caret", () => {
  it.each([
    ["y ~ x + (1 | g", "formula: expected ')' to close '(' opened at column 9\n  y ~ x + (1 | g\n                ^"],
    ["y ~ x +", "formula: expected a term after '+', found the end of the formula\n  y ~ x +\n         ^"],
    ["y x", "formula: expected '~' or an operator, found 'x'\n  y x\n    ^"],
    ["y", "formula: expected '~' between the response and the predictors (e.g. y ~ x)\n  y\n   ^"],
    ["y ~ x ~ z", "formula: only one '~' is allowed in a formula\n  y ~ x ~ z\n        ^"],
    ["y ~ x)", "formula: unmatched ')'\n  y ~ x)\n       ^"],
    ["y ~ log(x", "formula: expected ')' to close 'log(' opened at column 8\n  y ~ log(x\n           ^"],
    ["y ~ x $ z", "formula: unexpected character '$'\n  y ~ x $ z\n        ^"],
    ["y ~ `x", "formula: unclosed backquote: a quoted name needs a closing `\n  y ~ `x\n      ^"],
    ["y ~ ()", "formula: empty parentheses: expected a term inside '( )'\n  y ~ ()\n       ^"],
    ["y ~ x | g", "formula: a group term must be in parentheses: (… | g)\n  y ~ x | g\n        ^"],
    ["y ~ 2 + x", "formula: a number is not a term: only 1 (intercept) and 0 (no intercept) may stand alone; write I(2) for a constant\n  y ~ 2 + x\n      ^"],
["y ~ te(x, z)", "formula: te() is not supported: supported are s(x), s(x, k = 5), s(x, bs = \"cr\", k = 5), s(x, z) (thin-plate), s(x, by = f) and t2(x, z, bs = \"tp\")\n  y ~ te(x, z)\n      ^"],
    ["y ~ poly(x, 0)", "formula: poly(): degree must be a whole number ≥ 1, e.g. poly(x, 2) or poly(x, 2, raw = TRUE)\n  y ~ poly(x, 0)\n              ^"],
    ["y ~ poly(x, 2, raw = TRUE, scale = 1)", "formula: poly() has no argument 'scale' here: it takes degree, raw\n  y ~ poly(x, 2, raw = TRUE, scale = 1)\n                             ^"],
    ["y ~ I(x = 2)", "formula: I() takes no named arguments ('x = …')\n  y ~ I(x = 2)\n        ^"],
    ["y ~ I(x == 2)", "formula: unexpected character '='\n  y ~ I(x == 2)\n          ^"],
    ["y ~ x * (1 | g)", "formula: a group term (… | g) can only be added with '+', not combined with '*'\n  y ~ x * (1 | g)\n          ^"],
    ["y ~ (0 | g)", "formula: a group term needs at least one effect: (1 | g) or (0 + x | g)\n  y ~ (0 | g)\n       ^"],
    ["y | mi(c) ~ x", "formula: unsupported response term 'mi()' after '|': supported are trials(), se(), weights(), cens(), trunc()\n  y | mi(c) ~ x\n      ^"],
    ["y ~ (x + z)^0.5", "formula: the power of a term must be a positive whole number, as in (a + b + c)^2; use I(x^2) for arithmetic\n  y ~ (x + z)^0.5\n              ^"],
  ])("%j", (f, expected) => {
    expect(message(f)).toBe(expected);
  });
});

describe("parseFormula: fuzzing (fast-check)", () => {
  const onlyUserErrors = (f: string) => {
    try {
      parseFormulaParts(f);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  };
  const valid = ["y ~ x + (1 + x | g)", "s | trials(n) ~ x*z + offset(log(t)) + (x || g1/g2)", "cbind(s, f) ~ I(x^2) + factor(p)", "y ~ (a + b + c)^2 - 1"];

  it("random strings over formula characters throw nothing but UserError", () => {
    fc.assert(fc.property(fc.stringMatching(/^[ yxgz01()|~+\-*/^:,`.a-c]{0,40}$/), onlyUserErrors), { numRuns: 3000, seed: 42 });
  });

  it("mutated valid formulas (cut, duplicated, character swapped) throw nothing but UserError", () => {
    const mutate = fc.tuple(fc.constantFrom(...valid), fc.nat(60), fc.nat(60), fc.constantFrom("(", ")", "|", "~", "+", "`", "^", ":", " ", "", "1", "x(", "))"));
    fc.assert(
      fc.property(mutate, ([f, i, j, ins]) => {
        const a = i % (f.length + 1);
        const b = Math.min(f.length, a + (j % 4));
        onlyUserErrors(f.slice(0, a) + ins + f.slice(b));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("deep nesting is a UserError, not a stack overflow", () => {
    expect(() => parseFormula(`y ~ ${"(".repeat(5000)}x${")".repeat(5000)}`)).toThrow(UserError);
    expect(() => parseFormula(`y ~ ${"-".repeat(5000)}x`)).toThrow(UserError);
  });
});
