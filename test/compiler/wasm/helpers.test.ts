import { describe, expect, it } from "vitest";
import { SCALAR_HELPERS } from "../../../src/compiler/wasm/helpers.js";
import { HELPER_GRID as GRID } from "./mathInputs.js";

// The wasm log density imports these directly, on the grounds that none of them throws (a throw
// inside wasm would abort the call instead of giving −∞). This checks that claim on a grid of
// extreme and ordinary arguments, every combination for the two-argument lbeta.

describe("scalar runtime helpers imported by the wasm log density", () => {
  for (const [name, fn] of Object.entries(SCALAR_HELPERS)) {
    it(`${name} never throws and returns a number on extreme arguments`, () => {
      const f = fn as (...a: number[]) => number;
      for (const a of GRID) {
        if (f.length === 1) expect(typeof f(a)).toBe("number");
        else for (const b of GRID) expect(typeof f(a, b)).toBe("number");
      }
    });
  }
});
