import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { readCsvText } from "../../src/io/index.js";
import { checkAgainstReference, type BrmsReference } from "../../validation/brms/cases.js";

// Distributional formulas against brms (fixtures/distributional-brms.json, written by
// bench/qa/distributional-brms.R: chains 4, iter 2000, seed 1, default priors, data as read back from
// the CSVs): a heteroscedastic gaussian (sleepstudy, sigma ~ Days) and a negative binomial whose shape
// depends on treatment (epilepsy, shape ~ Trt), and a residual sd per subject (sleepstudy,
// bf(Reaction ~ Days + (Days | Subject), sigma ~ (1 | Subject)): the sigma part's group term). hbayes runs 4 × (1000 + 1000) with its defaults
// (automatic marginalisation and reparameterisation: sleepstudy's r_Subject is integrated out with a
// per-row sigma, epilepsy's r_patient partially centred by the pilot; with sigma ~ (1 | Subject) nothing
// is integrated out and the pilot partially centres r_Subject__sigma). checkAgainstReference's rule:
// means within 4 combined MCSEs, posterior sds within 10 % (explained beside that function).
// CPU: ≈ 1 s (sleepstudy), ≈ 4 s (epilepsy) and ≈ 6 s (sigma ~ (1 | Subject)) on one core.
interface Case {
  readonly formula: string;
  readonly dpar: string;
  readonly family: string;
  readonly data: string;
  readonly parameters: { name: string; mean: number; sd: number; mcse_mean: number }[];
}
const FIXTURE: Record<string, Case> = JSON.parse(readFileSync(new URL("./fixtures/distributional-brms.json", import.meta.url), "utf8"));

describe("distributional formulas agree with brms", () => {
  for (const name of ["sleep_sigma", "epilepsy_shape", "sleep_sigma_re"]) {
    it(`${name}: bf(${FIXTURE[name].formula}, ${FIXTURE[name].dpar}): every brms parameter's mean and sd`, async () => {
      const c = FIXTURE[name];
      const data = readCsvText(readFileSync(new URL(`../../${c.data}`, import.meta.url), "utf8"));
      const { fit } = await fitFormulaModel({ formula: `bf(${c.formula}, ${c.dpar})`, data, family: c.family }, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129, threads: 1 });
      const rows = summarizeFit(fit).rows.filter((r) => /^(b_|sd_|cor_|shape$|sigma$)/.test(r.name));
      const check = checkAgainstReference(rows, { parameters: c.parameters } as unknown as BrmsReference);
      expect(check.missing).toEqual([]);
      expect(check.extra).toEqual([]);
      expect(check.failures.map((f) => `${f.name}: mean ${f.ours?.mean} vs ${f.ref.mean} (z = ${f.z.toFixed(2)}), sd ${f.ours?.sd} vs ${f.ref.sd}`)).toEqual([]);
    });
  }
});
