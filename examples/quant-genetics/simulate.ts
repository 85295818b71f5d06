// Simulates a small, unbalanced paternal half-sib design (run: npx tsx examples/quant-genetics/simulate.ts).
// Each of 12 sires is mated to several dams; every offspring has a different dam, so offspring of one
// sire are half-sibs and share a quarter of their additive genetic variance: σ²_sire = σ²_A / 4.
// Offspring per sire vary from 2 to 10. Phenotype: weaning weight in kg, phenotypic variance 4 kg²,
// true heritability h² = σ²_A / σ²_P = 0.3, so σ²_sire = 0.3 · 4 / 4 = 0.3 kg² and σ²_e = 3.7 kg².
//
// The seed is chosen, on purpose, so that the REML estimate of σ²_sire is exactly 0 even though the
// truth is 0.3: `--search` walks seeds 1, 2, 3, … and prints the first whose data give a boundary
// estimate (the kept seed below is that first one). lme4 agrees (README.md, test/examples/fixtures).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";
import { oneWayStats, remlOneWay } from "./reml.js";

export const TRUTH = {
  sires: 12,
  minOffspring: 2,
  maxOffspring: 10,
  mean: 20,
  var_sire: 0.3,
  var_e: 3.7,
  h2: 0.3,
} as const;

/** The first seed (searching 1, 2, 3, …; seeds 1–4 give 0.33, 0.16, 0.11, 0.34) whose data give REML σ̂²_sire = 0. */
export const SEED = 5;

export function simulate(seed: number): { sire: string[]; offspring: string[]; weight: number[] } {
  const rng = createRng(seed);
  const out = { sire: [] as string[], offspring: [] as string[], weight: [] as number[] };
  for (let s = 1; s <= TRUTH.sires; s++) {
    const sire = `S${String(s).padStart(2, "0")}`;
    const effect = normalRng(rng, 0, Math.sqrt(TRUTH.var_sire));
    const n = TRUTH.minOffspring + Math.floor(rng.uniform() * (TRUTH.maxOffspring - TRUTH.minOffspring + 1));
    for (let k = 1; k <= n; k++) {
      out.sire.push(sire);
      out.offspring.push(`${sire}-${k}`);
      // Rounded to 10 g, as a scale would report it.
      out.weight.push(Number(normalRng(rng, TRUTH.mean + effect, Math.sqrt(TRUTH.var_e)).toFixed(2)));
    }
  }
  return out;
}

export function remlOf(d: { sire: string[]; weight: number[] }) {
  const levels = [...new Set(d.sire)].sort();
  const idx = d.sire.map((s) => levels.indexOf(s));
  return remlOneWay(oneWayStats(d.weight, idx, levels.length));
}

export function searchSeed(maxSeed = 1000): number {
  for (let seed = 1; seed <= maxSeed; seed++) if (remlOf(simulate(seed)).varGroup === 0) return seed;
  throw new Error(`searchSeed: no seed up to ${maxSeed} gives a zero REML estimate`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--search")) {
    process.stdout.write(`${searchSeed()}\n`);
  } else {
    const d = simulate(SEED);
    const rows = d.sire.map((s, i) => `${s},${d.offspring[i]},${d.weight[i]}`);
    writeFileSync(new URL("./data.csv", import.meta.url), `sire,offspring,weight\n${rows.join("\n")}\n`);
    writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify({ ...TRUTH, seed: SEED, reml: remlOf(d) }, null, 2)}\n`);
  }
}
