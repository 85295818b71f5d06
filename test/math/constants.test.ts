import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as distributionConstants from "../../src/distributions/constants.js";
import * as mathConstants from "../../src/math/constants.js";

// 50-digit mpmath values (fixtures/make-constants.py). Number(string) rounds correctly, so exact
// equality says each constant is the correctly rounded double: no tolerance.
const refs: Record<string, string> = JSON.parse(readFileSync(new URL("./fixtures/constants.json", import.meta.url), "utf8"));

describe("math/constants", () => {
  for (const [name, value] of Object.entries(mathConstants)) {
    it(`${name} is the correctly rounded double of its 50-digit value`, () => {
      expect(refs[name], `no reference for ${name}`).toBeDefined();
      expect(value).toBe(Number(refs[name]));
    });
  }

  it("LOG_2PI is exactly 2 · HALF_LOG_2PI and one ulp above Math.log(2 * Math.PI)", () => {
    expect(mathConstants.LOG_2PI).toBe(2 * mathConstants.HALF_LOG_2PI);
    // Why the constant exists: the computed value is the neighbouring double below.
    expect(Math.log(2 * Math.PI)).toBe(mathConstants.LOG_2PI - 2 ** -52);
    expect(0.5 * Math.log(2 * Math.PI)).toBe(mathConstants.HALF_LOG_2PI - 2 ** -53);
  });
});

describe("distributions/constants", () => {
  for (const [name, value] of Object.entries(distributionConstants)) {
    it(`${name} is the correctly rounded double of its 50-digit value`, () => {
      expect(refs[name], `no reference for ${name}`).toBeDefined();
      expect(value).toBe(Number(refs[name]));
    });
  }
});
