// Simulates the RNA polymerase pausing data set (run: npx tsx examples/rna-pausing/simulate.ts).
// Each molecule i is watched for t_i seconds and pauses n_i times; its pause rate lambda_i is drawn
// from the population Gamma(alpha, beta). Watch times differ a hundredfold, as in single-molecule
// experiments where some molecules photobleach early. The truth is written beside the data.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, gammaRng, lognormalRng, poissonRng } from "../../src/random/index.js";

export const TRUTH = { alpha: 2.5, beta: 5, molecules: 40, seed: 20261129 } as const;

export function simulate(): { molecule: string[]; pauses: number[]; time: number[]; rate: number[] } {
  const rng = createRng(TRUTH.seed);
  const molecule: string[] = [];
  const pauses: number[] = [];
  const time: number[] = [];
  const rate: number[] = [];
  for (let i = 0; i < TRUTH.molecules; i++) {
    const lambda = gammaRng(rng, TRUTH.alpha, TRUTH.beta);
    const t = Math.round(10 * lognormalRng(rng, Math.log(20), 1.2)) / 10 + 0.5;
    molecule.push(`m${String(i + 1).padStart(2, "0")}`);
    rate.push(lambda);
    time.push(t);
    pauses.push(poissonRng(rng, lambda * t));
  }
  return { molecule, pauses, time, rate };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  const rows = d.molecule.map((m, i) => `${m},${d.pauses[i]},${d.time[i]}`);
  writeFileSync(new URL("./data.csv", import.meta.url), `molecule,pauses,time\n${rows.join("\n")}\n`);
  const truth = { ...TRUTH, rate: Object.fromEntries(d.molecule.map((m, i) => [m, Number(d.rate[i].toPrecision(6))])) };
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify(truth, null, 2)}\n`);
}
