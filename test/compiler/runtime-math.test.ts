import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RUNTIME } from "../../src/compiler/runtime.js";

const { digamma, lgamma, log1pExp, Phi } = RUNTIME;

const refs = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/math-refs.json", import.meta.url)), "utf8")) as Record<string, [number, number][]>;
const fns: Record<string, (x: number) => number> = { lgamma, digamma, Phi, log1pExp };

describe("the math functions generated code calls (src/compiler/runtime.ts) against mpmath", () => {
  for (const [name, table] of Object.entries(refs)) {
    // Relative 1e-13, with an absolute floor of 1e-13 for lgamma and digamma (they cross zero at 1, 2 and
    // 1.46, where a relative bound is meaningless) and 1e-12 for Phi, whose continued fraction in the far
    // tail (x = −37, Phi ≈ 6e-300) loses about one more digit to exp(−x²/2).
    const rel = name === "Phi" ? 1e-12 : 1e-13;
    const floor = name === "lgamma" || name === "digamma" ? 1 : 0;
    it(`${name} matches mpmath to ${rel} relative`, () => {
      for (const [x, want] of table) {
        const got = fns[name](x);
        expect(Math.abs(got - want), `${name}(${x}) = ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), floor));
      }
    });
  }
});
