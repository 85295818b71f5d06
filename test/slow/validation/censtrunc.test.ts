import { describe, it } from "vitest";
import { expectAgreesWithBrms } from "../../validation/censtruncCase.js";

// The truncated gaussian, the censored gamma (kidney, ≈ 4 s CPU) and the censored negative binomial
// (≈ 6 s) of test/validation/censtruncCase.ts (the default suite runs the other three).
describe("trunc() on a gaussian, cens() on a gamma and a negative binomial agree with brms", () => {
  for (const name of ["gauss_trunc", "kidney_gamma", "nb_cens"] as const) {
    it(`${name}: every brms parameter's mean and sd`, async () => {
      await expectAgreesWithBrms(name);
    });
  }
});
