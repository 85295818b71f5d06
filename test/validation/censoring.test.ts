import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { readCsvText } from "../../src/io/index.js";
import { checkAgainstReference, type BrmsReference } from "../../validation/brms/cases.js";

// weights() and cens() against brms 2.18 (kidney: weibull, lognormal, exponential; fixtures/censoring-brms.json, written by
// bench/qa/censoring-brms.R: chains 4, iter 2000, seed 1, default priors, data as read back from
// bench/qa/data's CSVs). hbayes runs 4 × (1000 + 1000) here too (≈ 2 s CPU per kidney fit, 0.05 s
// for the 14-row weighted Poisson). checkAgainstReference's rule: means within 4 combined MCSEs,
// posterior sds within 10 % (explained beside that function). reparam "none" samples brms's own
// (non-centred) parameterisation, so this checks the likelihoods alone: with the automatic pilot, seed
// 20261129 has the pilot choose λ ≈ 1 (centred) for r_patient and sd_patient comes out biased (mean
// 0.594, sd 0.210 against brms's 0.537, 0.244; ESS 329) — reported as a pilot issue, not hidden here.
interface Case {
  readonly formula: string;
  readonly family: string;
  readonly data: string;
  readonly parameters: { name: string; mean: number; sd: number; mcse_mean: number }[];
}
const FIXTURE: Record<string, Case> = JSON.parse(readFileSync(new URL("./fixtures/censoring-brms.json", import.meta.url), "utf8"));

describe("weights() and cens() agree with brms", () => {
  for (const name of ["kidney_weibull", "kidney_lognormal", "kidney_exponential", "inhaler_weighted"]) {
    it(`${name}: every brms parameter's mean and sd`, async () => {
      const c = FIXTURE[name];
      const data = readCsvText(readFileSync(new URL(`../../bench/qa/data/${c.data}`, import.meta.url), "utf8"));
      const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family }, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129, threads: 1, reparam: "none" });
      const rows = summarizeFit(fit).rows.filter((r) => /^(b_|sd_|shape$|sigma$)/.test(r.name));
      const check = checkAgainstReference(rows, { parameters: c.parameters } as unknown as BrmsReference);
      expect(check.missing).toEqual([]);
      expect(check.extra).toEqual([]);
      expect(check.failures.map((f) => `${f.name}: mean ${f.ours?.mean} vs ${f.ref.mean} (z = ${f.z.toFixed(2)}), sd ${f.ours?.sd} vs ${f.ref.sd}`)).toEqual([]);
    });
  }
});
