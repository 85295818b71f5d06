/**
 * cens() on counts and trunc() against brms 2.18 (fixtures/censtrunc-brms.json, written by
 * bench/qa/censtrunc-brms.R: chains 4, iter 2000, seed 1, default priors, simulated data in
 * bench/qa/data/ct-*.csv): a Poisson with a detection cap (right-censored), a binomial with a floor
 * (left-censored), a gaussian truncated at 0 and a zero-truncated Poisson, each with a varying
 * intercept over 15 groups; brms's kidney survival times as a censored gamma (log link); and negative
 * binomial counts (shape 3) with a detection cap; a student-t regression with a lower detection limit. hbayes runs 4 × (1000 + 1000) too. checkAgainstReference's rule: means
 * within 4 combined MCSEs, posterior sds within 10 %.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { readCsvText } from "../../src/io/index.js";
import { checkAgainstReference, type BrmsReference } from "../../validation/brms/cases.js";

interface Case {
  readonly formula: string;
  readonly family: string;
  readonly data: string;
  readonly parameters: { name: string; mean: number; sd: number; mcse_mean: number }[];
}
const FIXTURE: Record<string, Case> = JSON.parse(readFileSync(new URL("./fixtures/censtrunc-brms.json", import.meta.url), "utf8"));

export const CENSTRUNC_CASES = ["pois_cens", "binom_cens", "gauss_trunc", "pois_trunc", "kidney_gamma", "nb_cens", "st_cens"] as const;

export async function expectAgreesWithBrms(name: (typeof CENSTRUNC_CASES)[number]): Promise<void> {
  const c = FIXTURE[name];
  const data = readCsvText(readFileSync(new URL(`../../bench/qa/data/${c.data}`, import.meta.url), "utf8"));
  const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family.toLowerCase() }, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129, threads: 1 });
  const rows = summarizeFit(fit).rows.filter((r) => /^(b_|sd_|shape$|sigma$|nu$)/.test(r.name));
  const check = checkAgainstReference(rows, { parameters: c.parameters } as unknown as BrmsReference);
  expect(check.missing).toEqual([]);
  expect(check.extra).toEqual([]);
  expect(check.failures.map((f) => `${f.name}: mean ${f.ours?.mean} vs ${f.ref.mean} (z = ${f.z.toFixed(2)}), sd ${f.ours?.sd} vs ${f.ref.sd}`)).toEqual([]);
}
