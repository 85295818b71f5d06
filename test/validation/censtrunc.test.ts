import { describe, it } from "vitest";
import { expectAgreesWithBrms } from "./censtruncCase.js";

// Three of censtruncCase.ts's seven brms comparisons (≈ 6.5 s CPU); the truncated gaussian and the
// censored gamma, negative binomial and student (2, 4, 6 and 12 s more) run in test/slow/validation/censtrunc.test.ts.
describe("cens() on counts and trunc() agree with brms", () => {
  for (const name of ["pois_cens", "binom_cens", "pois_trunc"] as const) {
    it(`${name}: every brms parameter's mean and sd`, async () => {
      await expectAgreesWithBrms(name);
    });
  }
});
