// BUGS Pumps: failure rates of 10 pumps observed for very different times.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import { tableToRecord } from "../../src/cli/loadData.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import type { ExampleOutcome } from "../types.js";
import pumps from "./model.js";

const dataPath = fileURLToPath(new URL("../../data/pumps.csv", import.meta.url));

export const title = "Pump failures (BUGS Pumps): Poisson counts with exposure, Gamma rates, full Bayes over alpha and beta";

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const data = tableToRecord(readCsvText(readFileSync(dataPath, "utf8"))) as Record<string, number[]>;
  const result = await fit(pumps, data, { seed: 1987, ...options });
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const lambda = result.get("lambda", "elements").map(mean);
  const raw = data.failures.map((f, i) => f / data.time[i]);
  const alpha = mean(result.get("alpha"));
  const beta = mean(result.get("beta"));
  const population = alpha / beta;
  // Shrinkage: how far each pump's estimate moved from its own rate toward the population mean.
  const shrink = raw.map((r, i) => (r === population ? 0 : (r - lambda[i]) / (r - population)));
  const order = raw.map((_, i) => i).sort((a, b) => data.time[a] - data.time[b]);
  return {
    fit: result,
    numbers: { alpha, beta, population_rate: population, shrinkage_shortest: shrink[order[0]], shrinkage_longest: shrink[order[order.length - 1]] },
    conclusion: [
      `alpha = ${alpha.toFixed(2)}, beta = ${beta.toFixed(2)} (the BUGS manual reports 0.70 and 0.93): a population mean rate of ${population.toFixed(3)} failures per 1000 hours.`,
      "Pumps in order of operating time (thousands of hours), raw rate → partially pooled rate:",
      ...order.map((i) => `  pump ${String(i + 1).padStart(2)}  t = ${String(data.time[i]).padStart(6)}  ${raw[i].toFixed(3)} → ${lambda[i].toFixed(3)}  (shrunk ${(100 * shrink[i]).toFixed(0)}% toward the population)`),
      "Pumps watched briefly are pulled hardest toward the population rate; long-observed pumps keep their own.",
    ].join("\n"),
  };
}
