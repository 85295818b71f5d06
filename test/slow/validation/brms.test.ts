import { describe, expect, it } from "vitest";
import { checkAgainstReference, loadReference, loadSpec } from "../../../validation/brms/cases.js";
import { runCase } from "../../../validation/brms/runCase.js";

// Every brms validation case (validation/brms/models.json) with long chains: 4 × (1000 + 4000), two
// worker threads, against the stored brms fits. Tolerances as in test/validation/brms.test.ts.
// Run with `npx vitest run --config test/slow/validation/vitest.config.ts test/slow/validation/brms.test.ts`.
const SLOW = { chains: 4, warmup: 1000, draws: 4000, seed: 20261129, threads: 2 } as const;

describe("formula models match brms (all cases, long chains)", () => {
  for (const c of loadSpec().models) {
    it(`${c.name} (${c.family}; ${c.covers})`, { timeout: 1_200_000 }, async () => {
      const ref = loadReference(c);
      const run = await runCase(c, SLOW);
      const check = checkAgainstReference(run.summary.rows, ref);
      expect(check.missing).toEqual([]);
      expect(check.extra).toEqual([]);
      expect(check.failures.map((p) => `${p.name}: mean ${p.ours?.mean} vs ${p.ref.mean} (z = ${p.z.toFixed(2)}), sd ${p.ours?.sd} vs ${p.ref.sd}`)).toEqual([]);
    });
  }
});
