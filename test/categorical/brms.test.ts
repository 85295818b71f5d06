import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "./brmsCase.js";

// The hierarchical categorical model y ~ x + (1 | g) against brms on the simulated set (400 rows,
// categories maybe < no < yes, 12 groups; bench/qa/categorical-brms.R): 4 × (500 + 500) with a fixed
// seed, ~1.5 s CPU; and an integer response 1 … 4 with a numeric and a factor predictor (300 rows). The
// full-length twins are in test/slow/categorical/brms.test.ts.
// Rule (test/support/brmsCase.ts): every brms parameter's mean and sd within 4 combined MCSEs.
const SHORT = { chains: 4, warmup: 500, draws: 500, seed: 20261130 };

describe("categorical agrees with brms (simulated, (1 | g) per category)", () => {
  it("cat_sim: b_mu*, sd_g__mu*, r_g__mu*[…] within 4 MCSE", async () => {
    const cs = await compareWithBrms("cat_sim", SHORT);
    expect(cs.length).toBe(30);
    expect(failures(cs)).toEqual([]);
  }, 60_000);

  it("cat_int4 (integer response 1 … 4, y ~ x + f, population level): b_mu2 … b_mu4 within 4 MCSE", async () => {
    const cs = await compareWithBrms("cat_int4", SHORT);
    expect(cs.map((c) => c.name).slice(0, 5)).toEqual(["b_mu2_Intercept", "b_mu3_Intercept", "b_mu4_Intercept", "b_mu2_x", "b_mu2_flo"]);
    expect(cs.length).toBe(12);
    expect(failures(cs)).toEqual([]);
  }, 60_000);
});
