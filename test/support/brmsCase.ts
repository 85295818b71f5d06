/**
 * A family's comparison against brms (a fixture of brms summaries written by a bench/qa R script):
 * fit one case with hbayes from the same CSV, formula (and category order for ordinal responses), and
 * compare every brms parameter by the user sweep's rule — means and sds within 4 combined MCSEs
 * (posterior's mcse_mean and mcse_sd, ours from the same estimators). The ordinal, zero-inflated and
 * hurdle tests (test/ordinal, test/zeroInflated, test/hurdle and their slow halves) share it.
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, type Draws, variableIndex } from "../../src/posterior/draws.js";
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
  /** A CSV in bench/qa/data, without its extension (or, with `dataBeside`, the fixture's folder). */
  data: string;
  formula: string;
  /** Distributional formulas (`hu ~ x`): fitted as brms's `bf(formula, …)`. */
  dpars?: string[];
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

/** Each brms parameter's z of the mean and of the sd: the difference over the two MCSEs combined. */
export function compareDraws(draws: Draws, parameters: readonly BrmsParameter[]): Comparison[] {
  return parameters.map((p) => {
    const v = variableIndex(draws, p.name);
    const chains = Array.from({ length: draws.chains }, (_, k) => chainOf(draws, v, k));
    const all = chains.flatMap((x) => Array.from(x));
    return {
      name: p.name,
      zMean: (mean(all) - p.mean) / Math.hypot(mcseMean(chains), p.mcse_mean),
      zSd: (sd(all) - p.sd) / Math.hypot(mcseSd(chains), p.mcse_sd),
    };
  });
}

/**
 * `compareWithBrms(name, settings)` over the cases of one fixture file. A case's data is a CSV in
 * bench/qa/data, or with `dataBeside` one in the fixture's own folder.
 */
export function brmsCases(fixture: URL, options: { dataBeside?: boolean } = {}): { compareWithBrms(name: string, options: FitSettings): Promise<Comparison[]> } {
  const cases = JSON.parse(readFileSync(fixture, "utf8")) as BrmsCase[];
  const dataUrl = (data: string): URL => (options.dataBeside ? new URL(`./${data}.csv`, fixture) : new URL(`../../bench/qa/data/${data}.csv`, import.meta.url));
  return {
    async compareWithBrms(name, settings) {
      const c = cases.find((x) => x.name === name);
      if (!c) throw new Error(`no brms case ${name}`);
      const data = readCsvFile(dataUrl(c.data).pathname);
      const formula = c.dpars && c.dpars.length > 0 ? `bf(${[c.formula, ...c.dpars].join(", ")})` : c.formula;
      const { fit } = await fitFormulaModel({ formula, data, family: c.family, ...(c.levels ? { levels: c.levels } : {}) }, { ...settings, threads: 1 });
      return compareDraws(fit.draws, c.parameters);
    },
  };
}

/** The parameters outside |z| < 4, described for the assertion message. */
export const failures = (cs: readonly Comparison[]): string[] =>
  cs.filter((c) => !(Math.abs(c.zMean) < 4 && Math.abs(c.zSd) < 4)).map((c) => `${c.name}: z_mean ${c.zMean.toFixed(2)}, z_sd ${c.zSd.toFixed(2)}`);
