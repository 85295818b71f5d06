// Simulates glycan abundance data (run: npx tsx examples/glycan-structures/simulate.ts).
// Six samples (e.g. six batches of a therapeutic antibody); in each, the cumulative abundance of
// molecules that passed each of four processing steps (hybrid → complex → galactosylated → sialylated).
// A sample's true profile is built from the population profile by multiplying each step's pass-through
// fraction by a sample-specific factor, so it always respects the pathway (later ≤ earlier). Each
// abundance is measured twice with additive noise of sd 1.5 pmol — large next to the small late steps,
// so raw means can put a later step above an earlier one.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";
import { STEPS } from "./model.js";

export const TRUTH = {
  samples: 6,
  replicates: 2,
  sigma: 1.5,
  /** Population abundance (pmol) of the first step's product (hybrid and beyond). */
  hybrid: 20,
  /** Fractions passing each later step: complex | hybrid, galactosylated | complex, sialylated | galactosylated. */
  pass: [0.7, 0.55, 0.75],
  /** Sample-to-sample sd of each pass fraction, on the logit scale. */
  sd_logit: 0.3,
  seed: 4242,
} as const;

const logit = (p: number) => Math.log(p / (1 - p));
const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

export interface GlycanData {
  sample: number[];
  step: string[];
  y: number[];
  /** True cumulative abundances per sample, in STEPS order (last step first). */
  x: number[][];
}

export function simulate(): GlycanData {
  const rng = createRng(TRUTH.seed);
  const out: GlycanData = { sample: [], step: [], y: [], x: [] };
  for (let s = 1; s <= TRUTH.samples; s++) {
    const first = TRUTH.hybrid * Math.exp(normalRng(rng, 0, 0.15));
    const along = [first];
    for (const p of TRUTH.pass) along.push(along[along.length - 1] * invLogit(normalRng(rng, logit(p), TRUTH.sd_logit)));
    const x = along.reverse().map((v) => Number(v.toFixed(3)));
    out.x.push(x);
    for (let k = 0; k < STEPS.length; k++) {
      for (let r = 0; r < TRUTH.replicates; r++) {
        out.sample.push(s);
        out.step.push(STEPS[k]);
        out.y.push(Number(normalRng(rng, x[k], TRUTH.sigma).toFixed(2)));
      }
    }
  }
  return out;
}

export function toCsv(d: GlycanData): string {
  return `sample,step,abundance\n${d.sample.map((s, i) => `${s},${d.step[i]},${d.y[i]}`).join("\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  writeFileSync(new URL("./data.csv", import.meta.url), toCsv(d));
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify({ ...TRUTH, steps: STEPS, x: d.x }, null, 2)}\n`);
}
