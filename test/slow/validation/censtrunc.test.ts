import { describe, it } from "vitest";
import { expectAgreesWithBrms } from "../../validation/censtruncCase.js";

// The truncated gaussian of test/validation/censtruncCase.ts (the default suite runs the other three).
describe("trunc() on a gaussian agrees with brms", () => {
  it("gauss_trunc: every brms parameter's mean and sd", async () => {
    await expectAgreesWithBrms("gauss_trunc");
  });
});
