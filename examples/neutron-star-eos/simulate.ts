// Simulates pressure measurements (run: npx tsx examples/neutron-star-eos/simulate.ts).
// The true equation of state has a squared sound speed that rises from soft nuclear matter
// (c_s² ≈ 0.04) to a peak of 0.62 near ε = 900 MeV/fm³ and then softens — the shape many recent
// analyses favour. Seven "measurements" are mean pressures over density windows (two adjacent
// segments each, overlapping), with noise sd 12 % of the value plus 1 MeV/fm³: precise at
// low density, loose at high density, as constraints from nuclear theory and heavy-ion flow are.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";
import { EPS, K, segmentWidths, windowRow } from "./model.js";

export const TRUTH = {
  seed: 1054,
  p0: 2.5,
  cs2: [0.04, 0.12, 0.25, 0.4, 0.55, 0.62, 0.55, 0.45],
  /** Measurement windows as [first node, last node] (0-based, into EPS). */
  windows: [
    [0, 2],
    [1, 3],
    [2, 4],
    [3, 5],
    [4, 6],
    [5, 7],
    [6, 8],
  ],
  relativeSd: 0.12,
  floorSd: 1,
} as const;

export interface EosData {
  from: number[];
  to: number[];
  y: number[];
  sd: number[];
  /** True pressure (MeV/fm³) at every node of EPS. */
  P: number[];
}

export function truePressure(): number[] {
  const deps = segmentWidths();
  const P: number[] = [TRUTH.p0];
  for (let k = 0; k < K; k++) P.push(P[k] + TRUTH.cs2[k] * deps[k]);
  return P;
}

export function simulate(): EosData {
  const rng = createRng(TRUTH.seed);
  const P = truePressure();
  const out: EosData = { from: [], to: [], y: [], sd: [], P: P.map((v) => Number(v.toFixed(4))) };
  for (const [a, b] of TRUTH.windows) {
    const mean = windowRow(a, b).reduce((s, w, i) => s + w * P[i], 0);
    const sd = Number((TRUTH.relativeSd * mean + TRUTH.floorSd).toFixed(2));
    out.from.push(EPS[a]);
    out.to.push(EPS[b]);
    out.sd.push(sd);
    out.y.push(Number(normalRng(rng, mean, sd).toFixed(2)));
  }
  return out;
}

export const toCsv = (d: EosData) =>
  `eps_from,eps_to,pressure,sd\n${d.y.map((y, i) => `${d.from[i]},${d.to[i]},${y},${d.sd[i]}`).join("\n")}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  writeFileSync(new URL("./data.csv", import.meta.url), toCsv(d));
  const truth = { ...TRUTH, eps: EPS, P: d.P, cs2_max: Math.max(...TRUTH.cs2) };
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify(truth, null, 2)}\n`);
}
