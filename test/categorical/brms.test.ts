import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "./brmsCase.js";

// The hierarchical categorical model y ~ x + (1 | g) against brms on the simulated set (400 rows,
// categories maybe < no < yes, 12 groups; bench/qa/categorical-brms.R): 4 × (500 + 500) with a fixed
// seed, ~1.5 s CPU. The full-length twin is test/slow/categorical/brms.test.ts.
// Rule (test/support/brmsCase.ts): every brms parameter's mean and sd within 4 combined MCSEs.
const SHORT = { chains: 4, warmup: 500, draws: 500, seed: 20261130 };

describe("categorical agrees with brms (simulated, (1 | g) per category)", () => {
  it("cat_sim: b_mu*, sd_g__mu*, r_g__mu*[…] within 4 MCSE", async () => {
    const cs = await compareWithBrms("cat_sim", SHORT);
    expect(cs.length).toBe(30);
    expect(failures(cs)).toEqual([]);
  }, 60_000);
});
