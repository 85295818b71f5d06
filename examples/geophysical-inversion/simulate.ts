// Simulates the inversion data (run: npx tsx examples/geophysical-inversion/simulate.ts).
// A 60-point profile (think slowness against depth): a smooth background, a Gaussian bump (a
// low-velocity layer) and a smoothed step, seen through a Gaussian blur of width 2.5 points with
// noise of sd 0.05. The true profile is written to truth.json.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";
import { blurMatrix } from "./operators.js";

export const TRUTH = { n: 60, width: 2.5, sigma: 0.05, seed: 31415 } as const;

export function trueProfile(n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const z = i / (n - 1);
    return 1 + 0.5 * z + 0.8 * Math.exp(-((z - 0.3) ** 2) / (2 * 0.05 ** 2)) + 0.6 / (1 + Math.exp(-(z - 0.7) / 0.03));
  });
}

export function simulate(): { m: number[]; d: number[] } {
  const rng = createRng(TRUTH.seed);
  const m = trueProfile(TRUTH.n);
  const G = blurMatrix(TRUTH.n, TRUTH.width);
  const d = G.map((row) => Number(normalRng(rng, row.reduce((a, g, j) => a + g * m[j], 0), TRUTH.sigma).toFixed(4)));
  return { m, d };
}

export const toCsv = (d: readonly number[]) => `position,d\n${d.map((v, i) => `${i + 1},${v}`).join("\n")}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { m, d } = simulate();
  writeFileSync(new URL("./data.csv", import.meta.url), toCsv(d));
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify({ ...TRUTH, m: m.map((v) => Number(v.toFixed(5))) }, null, 2)}\n`);
}
