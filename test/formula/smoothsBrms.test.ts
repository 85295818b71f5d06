import { describe, expect, it } from "vitest";
import { smoothsAgreement } from "./smoothsBrmsCase.js";

// Two of smoothsBrmsCase.ts's four brms comparisons in the default suite (≈ 3.5 s CPU together): mcycle
// with the default tp basis, and a gaussian smooth with a group term (which auto-marginalisation
// integrates out); cr and the poisson GLMM run in test/slow/formula/smoothsBrms.test.ts.
describe("s() agrees with brms 2.18", () => {
  it("mcycle accel ~ s(times): b_Intercept, bs_stimes_1, sds_stimes_1, sigma and the curve at 20 times", async () => {
    const r = await smoothsAgreement("mcycle_tp");
    expect(r.failures).toEqual([]);
  }, 60_000);
  it("gaussian y ~ s(x) + (1 | g): b_Intercept, bs_sx_1, sd_g__Intercept, sds_sx_1, sigma and the curve at 20 x", async () => {
    const r = await smoothsAgreement("gaussian_group");
    expect(r.failures).toEqual([]);
  }, 60_000);
});
