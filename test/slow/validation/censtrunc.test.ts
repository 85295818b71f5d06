import { describe, it } from "vitest";
import { expectAgreesWithBrms } from "../../validation/censtruncCase.js";

// The truncated gaussian and the censored gamma (kidney, ≈ 4 s CPU) of test/validation/censtruncCase.ts
// (the default suite runs the other three).
describe("trunc() on a gaussian and cens() on a gamma agree with brms", () => {
  for (const name of ["gauss_trunc", "kidney_gamma"] as const) {
    it(`${name}: every brms parameter's mean and sd`, async () => {
      await expectAgreesWithBrms(name);
    });
  }
});
