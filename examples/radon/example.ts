// Radon in Minnesota: county intercepts partially pooled toward the state, floor effect shared.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import { tableToRecord } from "../../src/cli/loadData.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import type { ExampleOutcome } from "../types.js";
import radon from "./model.js";

const dataPath = fileURLToPath(new URL("../../data/radon_mn.csv", import.meta.url));

export const title = "Radon in 919 Minnesota homes: county intercepts partially pooled, a shared floor effect";

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const data = tableToRecord(readCsvText(readFileSync(dataPath, "utf8"))) as Record<string, number[] & string[]>;
  const result = await fit(radon, data, { seed: 2007, ...options });
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const counties = [...new Set(data.county as string[])].sort();
  const n = counties.map((c) => (data.county as string[]).filter((x) => x === c).length);
  const a = result.get("a", "elements").map(mean);
  const muA = mean(result.get("mu_a"));
  const b = mean(result.get("b"));
  const sigmaA = mean(result.get("sigma_a"));
  const sparse = n.map((k, j) => [k, j]).filter(([k]) => k <= 2).map(([, j]) => j);
  const dense = n.map((k, j) => [k, j]).filter(([k]) => k >= 40).map(([, j]) => j);
  const spread = (idx: number[]) => Math.sqrt(idx.reduce((s, j) => s + (a[j] - muA) ** 2, 0) / idx.length);
  return {
    fit: result,
    numbers: { floor_effect: b, sigma_county: sigmaA, state_mean: muA, spread_sparse: spread(sparse), spread_dense: spread(dense) },
    conclusion: [
      `First-floor measurements are lower by ${(-b).toFixed(2)} on the log scale (×${Math.exp(b).toFixed(2)}).`,
      `Counties vary around the state mean ${muA.toFixed(2)} with sd ${sigmaA.toFixed(2)}.`,
      `Counties with ≤ 2 homes (${sparse.length} of them) sit within ${spread(sparse).toFixed(2)} of the state mean on average; ` +
        `counties with ≥ 40 homes (${dense.length}) spread ${spread(dense).toFixed(2)}: sparse counties borrow strength from the rest.`,
    ].join("\n"),
  };
}
