// Cells within tissue samples within organisms: where does the variation live?
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FitOptions } from "../../src/api/fit.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { interval } from "../../src/pooling/summarise.js";
import type { ExampleOutcome } from "../types.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Cells within tissues within organisms: variance at each level and intraclass correlations (simulated, known truth)";

export const FORMULA = "y ~ 1 + (1 | organism/tissue)";
/** Weakly informative for log expression: sds of a few units at most. */
export const PRIORS = ["Intercept ~ normal(0, 5)", "sd ~ normal(0, 1)", "sigma ~ normal(0, 1)"] as const;

interface Truth {
  sd_organism: number;
  sd_tissue: number;
  sigma: number;
  icc_organism: number;
  icc_tissue: number;
  realised: { sd_organism: number; sd_tissue: number };
}

const f2 = (x: number) => x.toFixed(2);

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as Truth;
  const { fit: result } = await fitFormulaModel({ formula: FORMULA, data: table, family: "gaussian", priors: PRIORS }, { seed: 1802, adaptDelta: 0.9, ...options });

  const sdO = result.get("sd_organism__Intercept");
  const sdT = result.get("sd_organism:tissue__Intercept");
  const sigma = result.get("sigma");
  // Per draw: the variance shares, so their intervals carry the joint uncertainty of the three sds.
  const n = sigma.length;
  const iccO = new Float64Array(n);
  const iccT = new Float64Array(n);
  const shareT = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const o = sdO[d] ** 2;
    const t = sdT[d] ** 2;
    const total = o + t + sigma[d] ** 2;
    iccO[d] = o / total;
    iccT[d] = (o + t) / total;
    shareT[d] = t / total;
  }
  const s = { sd_organism: interval(sdO), sd_tissue: interval(sdT), sigma: interval(sigma), icc_organism: interval(iccO), icc_tissue: interval(iccT) };
  const covers = (k: keyof typeof s) => (s[k].q5 <= truth[k] && truth[k] <= s[k].q95 ? 1 : 0);
  const share = interval(shareT);
  const missed = (["sd_organism", "sd_tissue", "sigma"] as const).filter((k) => covers(k) === 0);
  const line = (label: string, k: keyof typeof s) =>
    `  ${label.padEnd(34)} ${f2(s[k].mean)}  (90% ${f2(s[k].q5)}–${f2(s[k].q95)})  truth ${f2(truth[k])}`;
  return {
    fit: result,
    numbers: {
      sd_organism: s.sd_organism.mean,
      sd_tissue: s.sd_tissue.mean,
      sigma: s.sigma.mean,
      icc_organism: s.icc_organism.mean,
      icc_organism_q5: s.icc_organism.q5,
      icc_organism_q95: s.icc_organism.q95,
      icc_tissue: s.icc_tissue.mean,
      icc_tissue_q5: s.icc_tissue.q5,
      icc_tissue_q95: s.icc_tissue.q95,
      sd_organism_covered: covers("sd_organism"),
      sd_tissue_covered: covers("sd_tissue"),
      sigma_covered: covers("sigma"),
      icc_organism_covered: covers("icc_organism"),
      icc_tissue_covered: covers("icc_tissue"),
    },
    conclusion: [
      "Posterior means with 90% intervals, against the simulation truth:",
      line("sd between organisms", "sd_organism"),
      line("sd between tissues (same organism)", "sd_tissue"),
      line("sd between cells (same tissue)", "sigma"),
      line("ICC organism", "icc_organism"),
      line("ICC tissue (two cells, one sample)", "icc_tissue"),
      `Of the variance of one cell's measurement, ${(100 * s.icc_organism.mean).toFixed(0)}% is between organisms, ` +
        `${(100 * share.mean).toFixed(0)}% between tissue samples of one organism, ${(100 * (1 - s.icc_tissue.mean)).toFixed(0)}% between cells of one sample.`,
      `Two cells of the same organism correlate ${f2(s.icc_organism.mean)}; two cells of the same tissue sample ${f2(s.icc_tissue.mean)}: ` +
        "cells are not independent replicates, and the organism-level sd is the least certain of the three (only 10 organisms inform it).",
      `The 40 simulated tissue effects happen to have sd ${f2(truth.realised.sd_tissue)} and the 10 organism effects ${f2(truth.realised.sd_organism)}: ` +
        "one data set can only reveal the effects it drew, not the population sd exactly" +
        (missed.length > 0 ? ` (here the 90% interval of ${missed.join(", ")} misses the population value, as a 90% interval does one time in ten).` : "."),
    ].join("\n"),
  };
}
