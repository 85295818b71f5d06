import { describe, expect, it } from "vitest";
import { id, num, printExpr, type JsExpr } from "../../src/compiler/js.js";

const bin = (op: Extract<JsExpr, { t: "bin" }>["op"], a: JsExpr, b: JsExpr): JsExpr => ({ t: "bin", op, a, b });

describe("printExpr keeps the tree's meaning", () => {
  it("parenthesises a right operand at equal precedence for comparisons and arithmetic", () => {
    expect(printExpr(bin("===", id("a"), bin("===", id("b"), id("c"))))).toBe("a === (b === c)");
    expect(printExpr(bin("<", id("a"), bin("<", id("b"), id("c"))))).toBe("a < (b < c)");
    expect(printExpr(bin("-", id("a"), bin("-", id("b"), id("c"))))).toBe("a - (b - c)");
    expect(printExpr(bin("===", bin("===", id("a"), id("b")), id("c")))).toBe("a === b === c");
    expect(printExpr(bin("||", id("a"), bin("||", id("b"), id("c"))))).toBe("a || b || c");
  });

  it("prints non-finite constants as folded divisions that evaluate to the same values", () => {
    for (const v of [Infinity, -Infinity, NaN, -0, -2.5]) {
      const src = printExpr(num(v));
      expect(Object.is(new Function(`return ${src};`)(), v)).toBe(true);
    }
    expect(printExpr(num(-Infinity))).toBe("(-1 / 0)");
  });

  it("evaluates printed comparison trees as the tree says", () => {
    // 3 > (2 > 1) is 3 > true, true; unparenthesised, 3 > 2 > 1 is true > 1, false.
    const e = bin(">", num(3), bin(">", num(2), num(1)));
    expect(new Function(`return ${printExpr(e)};`)()).toBe(true);
  });
});
