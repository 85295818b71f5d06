// Simulates the toxicity data set (run: npx tsx examples/toxicity-ssd/simulate.ts).
// Ten species are tested with one chemical; each test gives an EC50 (µg/L). A species' mean log10
// EC50 is drawn from the species sensitivity distribution Normal(mu, sigma_species); each test scatters
// around it with sd sigma (laboratory, batch and endpoint differences). As in real SSD data sets, a few
// standard test species (daphnids, fish, algae) are tested many times and most others once or twice.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { invPhi } from "../../src/math/invPhi.js";
import { createRng, normalRng } from "../../src/random/index.js";

export const SPECIES: readonly (readonly [string, number])[] = [
  ["Daphnia_magna", 6],
  ["Oncorhynchus_mykiss", 5],
  ["Pimephales_promelas", 4],
  ["Raphidocelis_subcapitata", 4],
  ["Ceriodaphnia_dubia", 2],
  ["Chironomus_riparius", 2],
  ["Hyalella_azteca", 1],
  ["Lemna_minor", 1],
  ["Danio_rerio", 1],
  ["Gammarus_pulex", 1],
];

export const TRUTH = { mu: 2, sigma_species: 0.8, sigma: 0.3, seed: 20260311 } as const;
/** The true HC5 in log10 µg/L: mu + sigma_species · Φ⁻¹(0.05). */
export const TRUE_LOG10_HC5 = TRUTH.mu + TRUTH.sigma_species * invPhi(0.05);

export function simulate(): { species: string[]; log10_ec50: number[]; speciesMean: Record<string, number> } {
  const rng = createRng(TRUTH.seed);
  const species: string[] = [];
  const log10_ec50: number[] = [];
  const speciesMean: Record<string, number> = {};
  for (const [name, n] of SPECIES) {
    const a = normalRng(rng, TRUTH.mu, TRUTH.sigma_species);
    speciesMean[name] = Number(a.toFixed(4));
    for (let k = 0; k < n; k++) {
      species.push(name);
      // Three decimals in log10 units: EC50s reported to about 0.2 %.
      log10_ec50.push(Number(normalRng(rng, a, TRUTH.sigma).toFixed(3)));
    }
  }
  return { species, log10_ec50, speciesMean };
}

export function toCsv(d: { species: string[]; log10_ec50: number[] }): string {
  return `species,log10_ec50\n${d.species.map((s, i) => `${s},${d.log10_ec50[i]}`).join("\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  writeFileSync(new URL("./data.csv", import.meta.url), toCsv(d));
  const truth = { ...TRUTH, log10_hc5: Number(TRUE_LOG10_HC5.toFixed(4)), hc5_ug_per_l: Number((10 ** TRUE_LOG10_HC5).toFixed(3)), species_mean: d.speciesMean };
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify(truth, null, 2)}\n`);
}
