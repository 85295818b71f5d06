// The formula box's live syntax check (web/src/formula.ts) on brms's distributional formulas.
import { describe, expect, it } from "vitest";
import { formulaSyntaxError } from "../../web/src/formula.js";

describe("formulaSyntaxError", () => {
  it("accepts bf( … ) and bare distributional formulas (it read bf( as a call and refused them)", () => {
    expect(formulaSyntaxError("bf(Reaction ~ Days + (1 | Subject), sigma ~ Days)")).toBeNull();
    expect(formulaSyntaxError("y ~ x + (1 | g), sigma ~ z")).toBeNull();
    expect(formulaSyntaxError("y ~ ns(x, df = 3) + poly(z, 2)")).toBeNull();
  });

  it("still reports an error inside either part, with a caret", () => {
    expect(formulaSyntaxError("bf(y ~ x + (1 | g, sigma ~ z)")).toMatch(/\n\s*\^/);
    expect(formulaSyntaxError("bf(y ~ x, sigma ~ (1 | g)")).not.toBeNull();
    expect(formulaSyntaxError("bf(y ~ x, sigma ~ z +)")).toMatch(/\^/);
    expect(formulaSyntaxError("bf(y ~ x, scale ~ z)")).toMatch(/'scale ~ …' is not a family parameter/);
  });
});
