/**
 * This folder's brms comparison: fit a case of fixtures/brms-summaries.json (written with the simulated
 * data by fixtures/make-brms-fixture.R) and compare every brms parameter by the user sweep's rule, as
 * test/support/brmsCase.ts does for data in bench/qa/data (these data live beside the fixture instead).
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, variableIndex } from "../../src/posterior/draws.js";
import type { BrmsParameter, Comparison } from "../support/brmsCase.js";
import { mean, sd } from "../support/moments.js";

interface HurdleCase {
  name: string;
  formula: string;
  /** The hu formula (`hu ~ x`), or "" for a constant hu. */
  hu: string;
  family: string;
  parameters: BrmsParameter[];
}

const CASES = JSON.parse(readFileSync(new URL("./fixtures/brms-summaries.json", import.meta.url), "utf8")) as HurdleCase[];
export const HURDLE_DATA = new URL("./fixtures/hurdle-data.csv", import.meta.url).pathname;

export async function compareWithBrms(name: string, options: { chains: number; warmup: number; draws: number; seed: number }): Promise<Comparison[]> {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no brms case ${name}`);
  const formula = c.hu === "" ? c.formula : `bf(${c.formula}, ${c.hu})`;
  const { fit } = await fitFormulaModel({ formula, data: readCsvFile(HURDLE_DATA), family: c.family }, { ...options, threads: 1 });
  return c.parameters.map((p) => {
    const v = variableIndex(fit.draws, p.name);
    const chains = Array.from({ length: fit.draws.chains }, (_, k) => chainOf(fit.draws, v, k));
    const all = chains.flatMap((x) => Array.from(x));
    return {
      name: p.name,
      zMean: (mean(all) - p.mean) / Math.hypot(mcseMean(chains), p.mcse_mean),
      zSd: (sd(all) - p.sd) / Math.hypot(mcseSd(chains), p.mcse_sd),
    };
  });
}
