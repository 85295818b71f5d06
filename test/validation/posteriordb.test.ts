import { describe, expect, it } from "vitest";
import { DIAGNOSTICS } from "../../validation/posteriordb/diagnostics.js";
import { runPosterior } from "../../validation/posteriordb/run.js";

// The fast posteriordb posteriors, fitted with a fixed seed and checked with the same rule as
// `npm run validate:posteriordb` (validation/posteriordb/check.ts: every reported parameter within 4
// combined MCSE of the reference mean, sd within 10 %, no divergences where none are allowed).
// Fewer draws than the full script (2 × 1000 per chain), which widens our MCSE but keeps the rule valid:
// z already scales with it. The rest of the posteriors run in test/slow/validation/.
const FAST = [
  "eight_schools-eight_schools_noncentered",
  "seeds_data-seeds_stanified_model",
  "surgical_data-surgical_model",
  "rats_data-rats_model",
] as const;

describe("posteriordb (fast subset)", () => {
  for (const name of FAST) {
    it(`${name} matches the reference`, async () => {
      const r = await runPosterior(name, DIAGNOSTICS, { warmup: 1000, draws: 1000, threads: 2 });
      expect(r.verdict.failures).toEqual([]);
      expect(r.pass).toBe(true);
      // The brief's precision floor: our MCSE well below a tenth of the reference sd.
      expect(r.max_mcse_over_sd).toBeLessThan(0.1);
    });
  }
});
