/**
 * The non-linear fits against brms (fixtures/nonlinear-brms.json, written by fixtures/make-brms.R):
 * one case fitted with hbayes from the same CSV, formula, parameters' formulas and priors, at brms's
 * settings, and every brms parameter compared by |z| of the mean and sd differences over the combined
 * MCSEs (test/support/brmsCase.ts's rule).
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../../src/api/formulaFit.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";
import { compareDraws, type BrmsParameter, type Comparison } from "../../support/brmsCase.js";
import type { Fit } from "../../../src/api/fitResult.js";

export interface NonlinearCase {
  formula: string;
  nlpars: Record<string, string>;
  family: string;
  data: string;
  priors: string[];
  brms: { sampling_seconds_sum_chains: number; divergences: number; leapfrogs: number };
  parameters: (BrmsParameter & { rhat: number; ess_bulk: number })[];
}

export const CASES = JSON.parse(readFileSync(new URL("./fixtures/nonlinear-brms.json", import.meta.url), "utf8")) as Record<string, NonlinearCase>;

export const BRMS_SETTINGS = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };

export async function fitCase(name: string, settings = BRMS_SETTINGS): Promise<{ fit: Fit; comparisons: Comparison[]; cpuSeconds: number }> {
  const c = CASES[name];
  const data = readCsvFile(new URL(`./fixtures/${c.data}.csv`, import.meta.url).pathname);
  const t0 = process.cpuUsage();
  const { fit } = await fitFormulaModel({ formula: c.formula, nlpars: c.nlpars, family: c.family, priors: c.priors, data }, { ...settings, threads: 1 });
  const used = process.cpuUsage(t0);
  return { fit, comparisons: compareDraws(fit.draws, c.parameters), cpuSeconds: (used.user + used.system) / 1e6 };
}
