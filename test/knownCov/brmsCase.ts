/**
 * The gr(species, cov = A) cases of test/knownCov/fixtures/brms.json (made by make-brms.R beside it):
 * fit one with hbayes from the same CSV and A.csv, and compare every stored brms parameter by
 * test/support/brmsCase.ts's rule (z of the mean and sd differences over combined MCSEs). Kept here
 * because the shared helper does not pass brms's data2.
 */
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { knownCovFromCsv } from "../../src/formula/knownCovCsv.js";
import { compareDraws, type BrmsParameter, type Comparison } from "../support/brmsCase.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";

export interface KnownCovCase {
  name: string;
  formula: string;
  family: string;
  variables: string[];
  prior: { prior: string; class: string; coef: string; group: string; source: string }[];
  parameters: BrmsParameter[];
  cost: { leapfrogs: number; divergences: number; sampling_seconds_sum_chains: number; warmup_seconds_sum_chains: number };
}

const fixture = new URL("./fixtures/brms.json", import.meta.url);
export const knownCovCases = JSON.parse(readFileSync(fixture, "utf8")) as KnownCovCase[];
export const phyloData = () => readCsvFile(new URL("./fixtures/phylo.csv", import.meta.url).pathname);
export const phyloA = () => knownCovFromCsv("A", readFileSync(new URL("./fixtures/A.csv", import.meta.url), "utf8"), "A.csv");

export async function compareKnownCov(name: string, settings: { chains: number; warmup: number; draws: number; seed: number }): Promise<{ comparisons: Comparison[]; leapfrogs: number; divergences: number; cpuSeconds: number }> {
  const c = knownCovCases.find((x) => x.name === name);
  if (!c) throw new Error(`no brms case ${name}`);
  const t0 = process.cpuUsage();
  const { fit } = await fitFormulaModel({ formula: c.formula, family: c.family, data: phyloData(), data2: { A: phyloA() } }, { ...settings, threads: 1 });
  const t = process.cpuUsage(t0);
  // Sampling-phase leapfrogs and divergences, as brms's nuts_params counts them.
  const column = (v: string): number => {
    const x = variableOf(fit.draws, variableIndex(fit.draws, v));
    let s = 0;
    for (let d = 0; d < x.length; d++) s += x[d];
    return s;
  };
  return { comparisons: compareDraws(fit.draws, c.parameters), leapfrogs: column("n_leapfrog__"), divergences: column("divergent__"), cpuSeconds: (t.user + t.system) / 1e6 };
}
