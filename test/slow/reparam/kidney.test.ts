/**
 * Default ("auto") fits of the censored kidney models are no worse than brms's non-centred form
 * (`reparam: "none"`) in divergences and agree with brms on sd_patient (bench/qa/2026-11-29-censoring.md).
 * Before the pilot's mixing check and zero-reach rule (src/reparam/auto.ts): weibull seed 20261129
 * 0.594 ± 0.210 (ESS 329), exponential seed 1 39 divergences against 1. Run with
 *   npx vitest run --config test/slow/reparam/vitest.config.ts test/slow/reparam/kidney.test.ts
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../../src/api/formulaFit.js";
import { summarizeFit } from "../../../src/api/fitSummary.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";

const data = readCsvFile(fileURLToPath(new URL("../../../bench/qa/data/kidney.csv", import.meta.url)));
const formula = "time | cens(censored) ~ age + sex + disease + (1 | patient)";

/** brms 2.x, 4 × (1000 + 1000), on the same csv (bench/qa/2026-11-29-censoring.md): mean, sd, bulk ESS. */
const BRMS = {
  exponential: { mean: 0.4514, sd: 0.2366, ess: 1006 },
  weibull: { mean: 0.5367, sd: 0.2436, ess: 617 },
} as const;

async function fitKidney(family: "exponential" | "weibull", seed: number, reparam: "auto" | "none") {
  const { fit } = await fitFormulaModel({ formula, data, family } as never, { chains: 4, warmup: 1000, draws: 1000, seed, reparam });
  const row = (summarizeFit(fit) as unknown as { rows: { name: string; mean: number; sd: number; ess_bulk: number }[] }).rows.find((r) => r.name === "sd_patient__Intercept");
  if (row === undefined) throw new Error("kidney: no sd_patient__Intercept row");
  return { divergences: fit.divergences, ...row };
}

describe("censored kidney fits, auto vs none", () => {
  for (const [family, seed] of [["exponential", 1], ["weibull", 20261129]] as const) {
    it(`${family}, seed ${seed}: divergences ≤ none's + 2, sd_patient within 4 combined MCSE of brms`, async () => {
      const auto = await fitKidney(family, seed, "auto");
      const none = await fitKidney(family, seed, "none");
      // Margin 2: divergences at fixed seeds are deterministic; 2 leaves room for a different but sound choice.
      expect(auto.divergences).toBeLessThanOrEqual(none.divergences + 2);
      // MCSE of a mean: sd / √ESS for each program; 4 combined MCSE (|z| < 4).
      const b = BRMS[family];
      const mcse = Math.hypot(auto.sd / Math.sqrt(auto.ess_bulk), b.sd / Math.sqrt(b.ess));
      expect(Math.abs(auto.mean - b.mean) / mcse).toBeLessThan(4);
    });
  }
});
