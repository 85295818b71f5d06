import { describe, it } from "vitest";
import { expectAgreesWithBrms } from "../../validation/censtruncCase.js";

// The truncated gaussian, the censored gamma (kidney, ≈ 4 s CPU), negative binomial (≈ 6 s) and student
// (≈ 12 s) of test/validation/censtruncCase.ts (the default suite runs the other three).
describe("trunc() on a gaussian, cens() on a gamma, a negative binomial and a student-t agree with brms", () => {
  for (const name of ["gauss_trunc", "kidney_gamma", "nb_cens", "st_cens"] as const) {
    it(`${name}: every brms parameter's mean and sd`, async () => {
      await expectAgreesWithBrms(name);
    });
  }
});
