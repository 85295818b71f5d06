import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "../../ordinal/brmsCase.js";

// The hierarchical ordinal models against brms on the 80-person VerbAgg subset, at brms's own
// settings (4 × (1000 + 1000)): ~35 s CPU for the logit, ~80 s for the probit (bench/qa/2026-11-29-ordinal.md).
// Rule: every brms parameter's mean and sd within 4 combined MCSEs.
const FULL = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };

describe("cumulative models agree with brms (VerbAgg: hierarchical logit and probit, population-level probit)", () => {
  for (const [name, count] of [["va_logit", 9], ["va_probit", 9], ["va_logit_small", 5], ["va_fixed_probit", 7]] as const) {
    it(`${name}: b_*, sd_* within 4 MCSE`, async () => {
      const cs = await compareWithBrms(name, FULL);
      expect(cs.length).toBe(count);
      expect(failures(cs)).toEqual([]);
    }, 600_000);
  }
});
