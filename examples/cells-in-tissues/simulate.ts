// Simulates the cells-within-tissues data set (run: npx tsx examples/cells-in-tissues/simulate.ts).
// Ten organisms; from each, four tissue samples (biopsies labelled A–D, so label A of organism o01
// has nothing to do with label A of o02: tissue is nested in organism); from each sample 4–12 cells,
// each with one measurement (a gene's log expression). Three sources of variation, each with a
// known sd: organism, tissue sample within organism, cell (residual). The truth is written to truth.json.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";

export const TRUTH = {
  seed: 31415,
  organisms: 10,
  tissues: ["A", "B", "C", "D"],
  minCells: 4,
  maxCells: 12,
  intercept: 2.0,
  sd_organism: 0.6,
  sd_tissue: 0.4,
  sigma: 0.5,
} as const;

/** Share of the total variance at the organism level, and the correlation of two cells of one tissue sample. */
export function trueIcc(): { icc_organism: number; icc_tissue: number } {
  const o = TRUTH.sd_organism ** 2;
  const t = TRUTH.sd_tissue ** 2;
  const total = o + t + TRUTH.sigma ** 2;
  return { icc_organism: o / total, icc_tissue: (o + t) / total };
}

/** Sample sd (n − 1) of the drawn effects: what one data set can actually reveal about a population sd. */
function sampleSd(x: readonly number[]): number {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}

export function simulate(): { organism: string[]; tissue: string[]; cell: string[]; y: number[]; realised: { sd_organism: number; sd_tissue: number } } {
  const rng = createRng(TRUTH.seed);
  const out = { organism: [] as string[], tissue: [] as string[], cell: [] as string[], y: [] as number[] };
  const orgEffects: number[] = [];
  const tissueEffects: number[] = [];
  for (let o = 1; o <= TRUTH.organisms; o++) {
    const organism = `o${String(o).padStart(2, "0")}`;
    const a = normalRng(rng, 0, TRUTH.sd_organism);
    orgEffects.push(a);
    for (const tissue of TRUTH.tissues) {
      const b = normalRng(rng, 0, TRUTH.sd_tissue);
      tissueEffects.push(b);
      const cells = TRUTH.minCells + Math.floor(rng.uniform() * (TRUTH.maxCells - TRUTH.minCells + 1));
      for (let c = 1; c <= cells; c++) {
        out.organism.push(organism);
        out.tissue.push(tissue);
        out.cell.push(`${organism}-${tissue}-${c}`);
        out.y.push(Number(normalRng(rng, TRUTH.intercept + a + b, TRUTH.sigma).toFixed(3)));
      }
    }
  }
  return { ...out, realised: { sd_organism: sampleSd(orgEffects), sd_tissue: sampleSd(tissueEffects) } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  const rows = d.y.map((y, i) => `${d.organism[i]},${d.tissue[i]},${d.cell[i]},${y}`);
  writeFileSync(new URL("./data.csv", import.meta.url), `organism,tissue,cell,y\n${rows.join("\n")}\n`);
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify({ ...TRUTH, ...trueIcc(), realised: d.realised }, null, 2)}\n`);
}
