/** Data for the crossed / nested intercepts tests and measurements (test/slow/marginal/crossedMeasure.ts). */
import { readFileSync } from "node:fs";
import { createRng } from "../../../src/random/rng.js";

/** lme4's Penicillin (fixtures/export-penicillin.R): 144 rows, 24 plates × 6 samples, fully crossed. */
export function penicillinData(): { diameter: number[]; plate: string[]; sample: string[] } {
  const rows = readFileSync(new URL("../fixtures/penicillin.csv", import.meta.url), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  return { diameter: rows.map((r) => +r[0]), plate: rows.map((r) => r[1]), sample: rows.map((r) => r[2]) };
}

/** y = 1 + 0.5 x + α[a] + γ[b] + ε on an unbalanced crossed design (every level seen, the rest random cells), seeded. */
export function simulateCrossed(seed: number, n: number, Ja: number, Jb: number, tauA = 0.8, tauB = 1.2, sigma = 1) {
  const rng = createRng(seed, 0);
  const alpha = Array.from({ length: Ja }, () => tauA * rng.normal());
  const gamma = Array.from({ length: Jb }, () => tauB * rng.normal());
  const a: string[] = [];
  const b: string[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const ai = i < Ja ? i : Math.floor(rng.uniform() * Ja);
    const bi = i < Jb ? i : Math.floor(rng.uniform() * Jb);
    const xi = rng.normal();
    a.push(`a${ai}`);
    b.push(`b${bi}`);
    x.push(xi);
    y.push(1 + 0.5 * xi + alpha[ai] + gamma[bi] + sigma * rng.normal());
  }
  return { y, x, a, b };
}
