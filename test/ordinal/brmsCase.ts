/**
 * The ordinal comparison against brms (fixtures/brms-summaries.json, from bench/qa/ordinal-brms.R): fit
 * one case with hbayes from the same CSV, formula and category order, and compare every brms parameter
 * by the sweep's rule — means and sds within 4 combined MCSEs (posterior's mcse_mean and mcse_sd, ours
 * from the same estimators).
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, variableIndex } from "../../src/posterior/draws.js";
import { mean, sd } from "../support/moments.js";

interface BrmsParameter {
  name: string;
  mean: number;
  sd: number;
  mcse_mean: number;
  mcse_sd: number;
}

interface BrmsCase {
  name: string;
  data: string;
  formula: string;
  family: string;
  levels: string[];
  parameters: BrmsParameter[];
}

const CASES = JSON.parse(readFileSync(new URL("./fixtures/brms-summaries.json", import.meta.url), "utf8")) as BrmsCase[];

export interface Comparison {
  name: string;
  zMean: number;
  zSd: number;
}

export async function compareWithBrms(name: string, options: { chains: number; warmup: number; draws: number; seed: number }): Promise<Comparison[]> {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no brms case ${name}`);
  const data = readCsvFile(new URL(`../../bench/qa/data/${c.data}.csv`, import.meta.url).pathname);
  const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family, levels: c.levels }, { ...options, threads: 1 });
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

/** The parameters outside |z| < 4, described for the assertion message. */
export const failures = (cs: readonly Comparison[]): string[] =>
  cs.filter((c) => !(Math.abs(c.zMean) < 4 && Math.abs(c.zSd) < 4)).map((c) => `${c.name}: z_mean ${c.zMean.toFixed(2)}, z_sd ${c.zSd.toFixed(2)}`);
