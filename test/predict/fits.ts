/** Short seeded fits shared by the prediction tests (each test file fits once). */
import { fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

/** Short chains, single thread, fixed seed: the default suite stays fast and reproducible. */
export const SHORT = Object.freeze({ chains: 2, warmup: 300, draws: 300, threads: 1 });

export const RADON_FORMULA = "log_radon ~ floor + (1 | county)";

export function radonData() {
  return readCsvFile(new URL("../../data/radon_mn.csv", import.meta.url).pathname);
}

export function fitRadon(seed = 11): Promise<FormulaFit> {
  return fitFormulaModel({ formula: RADON_FORMULA, data: radonData() }, { ...SHORT, seed });
}

export function fitCbpp(seed = 12): Promise<FormulaFit> {
  const data = readCsvFile(new URL("../../data/cbpp.csv", import.meta.url).pathname);
  return fitFormulaModel({ formula: "incidence | trials(size) ~ period + (1 | herd)", family: "binomial", data }, { ...SHORT, seed });
}

export { mean, sd } from "../support/moments.js";

/** Column i of a draws × rows matrix. */
export function column(m: { draws: number; observations: number; data: Float64Array }, i: number): Float64Array {
  const out = new Float64Array(m.draws);
  for (let s = 0; s < m.draws; s++) out[s] = m.data[s * m.observations + i];
  return out;
}
