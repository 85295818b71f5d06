import { describe, expect, it } from "vitest";
import { smoothsAgreement } from "../../formula/smoothsBrmsCase.js";

// The rest of test/formula/smoothsBrmsCase.ts's brms comparisons (≈ 3 s CPU each).
describe("s() agrees with brms 2.18 (slow)", () => {
  for (const name of ["mcycle_cr", "poisson_group"] as const) {
    it(`${name}: every population-level, sd and sds parameter and the curve at 20 x`, async () => {
      const r = await smoothsAgreement(name);
      expect(r.failures).toEqual([]);
    }, 120_000);
  }
});
