import { describe, expect, it } from "vitest";
import { buildMultivariateDesign } from "../../src/formula/multivariateDesign.js";

// A caret error in one response's formula echoes the formula the user typed, with the caret under the
// offending character there, not the per-response text the splitter derived (`yy ~ x + (1 |     g)`).
const data = { y1: [1, 2, 3, 4], x: [1, 2, 3, 4], g: ["a", "b", "a", "b"] };
function caretOf(formula: string): { echo: string; col: number } {
  try {
    buildMultivariateDesign(formula, data as never);
  } catch (e) {
    const lines = (e as Error).message.split("\n");
    return { echo: lines[lines.length - 2].slice(2), col: lines[lines.length - 1].indexOf("^") - 2 };
  }
  throw new Error(`no error for ${formula}`);
}

describe("multivariate caret errors point into the user's formula", () => {
  const cases: [string, string][] = [
    ["mvbind(y1, yy) ~ x + (1 | p | g)", "yy"],
    ["mvbind(y1,yy) ~ x + zz", "zz"],
    ["bf(y1 ~ x + (1 | p | g)) + bf( yy ~ x + (1|p|g))", "yy"],
    ["bf(y1 ~ x) + bf(x ~ zz, family = poisson)", "zz"],
    ["bf(mvbind(y1, yy) ~ x)", "yy"],
    ["bf(y1 ~ x) + bf(x ~ 1 + (1 || p || g))", "|| p"],
  ];
  for (const [formula, at] of cases) {
    it(`${formula}: caret under '${at}'`, () => {
      const { echo, col } = caretOf(formula);
      expect(echo).toBe(formula);
      expect(col).toBe(formula.lastIndexOf(at));
    });
  }
});
