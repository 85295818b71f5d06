import { describe, expect, it } from "vitest";
import { CASE_SETTINGS } from "../../../validation/posteriordb/cases.js";
import { DIAGNOSTICS } from "../../../validation/posteriordb/diagnostics.js";
import { runPosterior } from "../../../validation/posteriordb/run.js";

// Every posteriordb posterior with the full settings of validation/posteriordb/cases.ts (the same fits
// `npm run validate:posteriordb` makes), checked with validation/posteriordb/check.ts. Slow: about
// a few minutes on 2 cores. Run with `npx vitest run --config test/slow/validation/vitest.config.ts`.
describe("posteriordb (all posteriors)", () => {
  for (const name of Object.keys(CASE_SETTINGS)) {
    it(`${name} matches the reference`, { timeout: 600_000 }, async () => {
      const r = await runPosterior(name, DIAGNOSTICS);
      expect(r.verdict.failures).toEqual([]);
      expect(r.pass).toBe(true);
      expect(r.max_mcse_over_sd).toBeLessThan(0.1);
    });
  }
});
