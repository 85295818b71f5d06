// Species sensitivity distribution: HC5 with its interval from the posterior, against the plug-in HC5.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { quantileSorted } from "../../src/plots/quantile.js";
import { createRng } from "../../src/random/index.js";
import type { ExampleOutcome } from "../types.js";
import ssd, { Z05 } from "./model.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Toxicity: species sensitivity distribution, HC5 with its interval and a never-tested species (simulated, known truth)";

const NEW_PER_DRAW = 25;

const q = (a: Float64Array, p: number) => quantileSorted(Float64Array.from(a).sort(), p);
const mean = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/**
 * The usual plug-in SSD: one value per species (the mean log10 EC50 of its tests, i.e. the geometric
 * mean EC50), a normal fitted by mean and sample sd, HC5 = m + s · Φ⁻¹(0.05). No interval.
 */
export function plugInHc5(species: readonly string[], y: readonly number[]): { m: number; s: number; log10Hc5: number; nSpecies: number } {
  const groups = new Map<string, number[]>();
  species.forEach((sp, i) => (groups.get(sp) ?? groups.set(sp, []).get(sp)!).push(y[i]));
  const means = [...groups.values()].map((v) => mean(v));
  const m = mean(means);
  const s = Math.sqrt(means.reduce((acc, v) => acc + (v - m) ** 2, 0) / (means.length - 1));
  return { m, s, log10Hc5: m + s * Z05, nSpecies: means.length };
}

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as { log10_hc5: number; seed: number; mu: number; sigma_species: number };
  const sp = table.columns.species;
  const yc = table.columns.log10_ec50;
  if (sp.kind !== "string" || yc.kind !== "numeric") throw new UserError("toxicity-ssd: data.csv must have a text column species and a numeric column log10_ec50");
  const species = sp.values as string[];
  const y = Array.from(yc.values);
  const seed = options.seed ?? 505;
  const result = await fit(ssd, { species, log10_ec50: y }, { seed, adaptDelta: 0.95, ...options });

  const hc5 = result.get("log10_hc5");
  const mu = result.get("mu");
  const sigmaSpecies = result.get("sigma_species");
  // A species never tested: its mean log10 EC50 drawn NEW_PER_DRAW times per posterior draw (seeded
  // stream), so the tail quantiles of the predictive carry little extra Monte Carlo error.
  const rng = createRng(seed, 99);
  const newSpecies = new Float64Array(mu.length * NEW_PER_DRAW);
  for (let d = 0, k = 0; d < mu.length; d++) for (let r = 0; r < NEW_PER_DRAW; r++) newSpecies[k++] = mu[d] + sigmaSpecies[d] * rng.normal();
  const plug = plugInHc5(species, y);
  const n = {
    log10_hc5_q50: q(hc5, 0.5),
    log10_hc5_q5: q(hc5, 0.05),
    log10_hc5_q95: q(hc5, 0.95),
    hc5_covered: q(hc5, 0.05) <= truth.log10_hc5 && truth.log10_hc5 <= q(hc5, 0.95) ? 1 : 0,
    plugin_log10_hc5: plug.log10Hc5,
    plugin_m: plug.m,
    plugin_s: plug.s,
    sigma_species_q50: q(sigmaSpecies, 0.5),
    sigma_species_q5: q(sigmaSpecies, 0.05),
    sigma_species_q95: q(sigmaSpecies, 0.95),
    new_species_q5: q(newSpecies, 0.05),
    new_species_q50: q(newSpecies, 0.5),
    new_species_q95: q(newSpecies, 0.95),
    // The plug-in HC5 claims 5 %: how often does an untested species fall below it, averaging over what we do not know?
    p_new_below_plugin: mean(newSpecies.map((v) => (v < plug.log10Hc5 ? 1 : 0))),
    p_new_below_true_hc5: mean(newSpecies.map((v) => (v < truth.log10_hc5 ? 1 : 0))),
  };
  const f = (x: number) => x.toFixed(2);
  const ug = (x: number) => (10 ** x).toPrecision(2);
  return {
    fit: result,
    numbers: n,
    conclusion: [
      `${plug.nSpecies} species, ${y.length} tests (1–6 per species; simulation seed ${truth.seed}, true mu ${truth.mu}, sigma_species ${truth.sigma_species}, true HC5 ${ug(truth.log10_hc5)} µg/L).`,
      `Posterior HC5: ${ug(n.log10_hc5_q50)} µg/L (log10 ${f(n.log10_hc5_q50)}; 90% interval ${ug(n.log10_hc5_q5)}–${ug(n.log10_hc5_q95)} µg/L), ` +
        `a factor of ${(10 ** (n.log10_hc5_q95 - n.log10_hc5_q5)).toFixed(0)} wide: with ten species the lower tail of the distribution is poorly known.`,
      `Plug-in HC5 (species geometric means, normal fitted by mean and sd): ${ug(plug.log10Hc5)} µg/L, one number with no interval.`,
      `The point values agree; what the plug-in hides is the interval. A cautious assessor quoting the lower 90% bound would use ` +
        `${ug(n.log10_hc5_q5)} µg/L, ${(10 ** (n.plugin_log10_hc5 - n.log10_hc5_q5)).toFixed(0)} times below the plug-in value.`,
      `A species never tested: median EC50 ${ug(n.new_species_q50)} µg/L, 90% predictive interval ${ug(n.new_species_q5)}–${ug(n.new_species_q95)} µg/L; ` +
        `${(100 * n.p_new_below_plugin).toFixed(1)}% of such species fall below the plug-in HC5 (it claims 5%).`,
    ].join("\n"),
  };
}
