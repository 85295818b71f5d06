/**
 * A family's comparison against brms (a fixture of brms summaries written by a bench/qa R script):
 * fit one case with hbayes from the same CSV, formula (and category order for ordinal responses), and
 * compare every brms parameter by the user sweep's rule — means and sds within 4 combined MCSEs
 * (posterior's mcse_mean and mcse_sd, ours from the same estimators). The ordinal and zero-inflated
 * tests (test/ordinal, test/zeroInflated and their slow halves) share it.
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, variableIndex } from "../../src/posterior/draws.js";
import { mean, sd } from "./moments.js";

export interface BrmsParameter {
  name: string;
  mean: number;
  sd: number;
  mcse_mean: number;
  mcse_sd: number;
}

interface BrmsCase {
  name: string;
  /** A CSV in bench/qa/data, without its extension. */
  data: string;
  formula: string;
  family: string;
  /** An ordinal text response's categories, lowest first. */
  levels?: string[];
  parameters: BrmsParameter[];
}

export interface Comparison {
  name: string;
  zMean: number;
  zSd: number;
}

type FitSettings = { chains: number; warmup: number; draws: number; seed: number };

/** `compareWithBrms(name, settings)` over the cases of one fixture file. */
export function brmsCases(fixture: URL): { compareWithBrms(name: string, options: FitSettings): Promise<Comparison[]> } {
  const cases = JSON.parse(readFileSync(fixture, "utf8")) as BrmsCase[];
  return {
    async compareWithBrms(name, options) {
      const c = cases.find((x) => x.name === name);
      if (!c) throw new Error(`no brms case ${name}`);
      const data = readCsvFile(new URL(`../../bench/qa/data/${c.data}.csv`, import.meta.url).pathname);
      const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family, ...(c.levels ? { levels: c.levels } : {}) }, { ...options, threads: 1 });
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
    },
  };
}

/** The parameters outside |z| < 4, described for the assertion message. */
export const failures = (cs: readonly Comparison[]): string[] =>
  cs.filter((c) => !(Math.abs(c.zMean) < 4 && Math.abs(c.zSd) < 4)).map((c) => `${c.name}: z_mean ${c.zMean.toFixed(2)}, z_sd ${c.zSd.toFixed(2)}`);
