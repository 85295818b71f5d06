import { describe, expect, it } from "vitest";
import { smoothsByAgreement } from "../../formula/smoothsByBrmsCase.js";

// brms 2.18 fits of bench/qa/smooths-by-brms.R against hbayes 4 × (1000 + 1000) (test/formula/smoothsByBrmsCase.ts):
// every b_*, bs_*, sds_*, sigma within 4 combined MCSEs (mean and sd), and posterior_epred at brms's grid.
// ≈ 6–10 s CPU each.
describe("s(x, by = …), sigma ~ s(x) and t2() agree with brms 2.18", () => {
  it("y ~ f + s(x, by = f): b_*, bs_sx:f*_1 (brms's signs), sds_sxfa_1 … sds_sxfc_1, sigma and epred at 12 x per level", async () => {
    const r = await smoothsByAgreement("by_factor");
    expect(r.failures).toEqual([]);
  }, 120_000);
  it("y2 ~ s(x, by = z): b_Intercept, sds_sxz_1, sigma and epred at 12 x (z = 1.5)", async () => {
    const r = await smoothsByAgreement("by_numeric");
    expect(r.failures).toEqual([]);
  }, 120_000);
  it("bf(y3 ~ s(x), sigma ~ s(x)): b_*, bs_sx_1, bs_sigma_sx_1, sds_sx_1, sds_sigma_sx_1 and epred at 12 x", async () => {
    const r = await smoothsByAgreement("sigma_smooth");
    expect(r.failures).toEqual([]);
  }, 120_000);
  it('y2 ~ t2(x, z, bs = "tp"): b_Intercept, sds_t2xz_1 … _3, sigma and brms\'s fitted epred at 15 rows', async () => {
    const r = await smoothsByAgreement("t2_tp");
    expect(r.failures).toEqual([]);
  }, 120_000);
});
