import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "./brmsCase.js";

// The population-level cumulative logit against brms on the 80-person VerbAgg subset (1,920 rows,
// resp no < perhaps < yes): 4 × (300 + 500) with a fixed seed, ~5 s CPU. The probit twin and the
// hierarchical fits ((1 | id) + (1 | item), (1 | id) alone) are in test/slow/ordinal/brms.test.ts.
// Rule: every brms parameter's mean and sd within 4 combined MCSEs.
const SHORT = { chains: 4, warmup: 300, draws: 500, seed: 20261129 };

describe("cumulative logit agrees with brms (VerbAgg, population level)", () => {
  it("va_fixed_logit: b_Intercept[1..2] and b_* within 4 MCSE", async () => {
    const cs = await compareWithBrms("va_fixed_logit", SHORT);
    expect(cs.length).toBe(7);
    expect(failures(cs)).toEqual([]);
  }, 60_000);
});
