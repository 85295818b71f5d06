/**
 * Summary benchmark: milliseconds per variable of `summarize(draws)` at 4 chains × 1000 draws
 * (target ≤ 1 ms), on seeded AR(1) chains whose autocorrelation spans what NUTS produces: iid
 * (ρ = 0), typical (ρ = 0.5, 0.9) and sticky (ρ = 0.99, where Geyer's sequence runs to long lags).
 * Timing = median over repeats of (wall time of one summarize call / variables), after a warm-up
 * call, so V8 has optimised the kernels.
 * Run: npx tsx bench/summary.ts [--write]   (--write replaces the summary section of bench/RESULTS.md)
 */
import { fileURLToPath } from "node:url";
import os from "node:os";
import { writeSection } from "./full/report.js";
import { createDraws, type Draws } from "../src/posterior/draws.js";
import { summarize } from "../src/posterior/summary.js";
import { createRng } from "../src/random/rng.js";

const CHAINS = 4;
const DRAWS = 1000;

/** `variables` AR(1) variables with coefficient rho, unit stationary variance; seeded. */
function ar1Draws(rho: number, variables: number, seed: number): Draws {
  const names = Array.from({ length: variables }, (_, k) => `x[${k + 1}]`);
  const d = createDraws(names, CHAINS, DRAWS);
  const rng = createRng(seed, 0);
  const innov = Math.sqrt(1 - rho * rho);
  for (let v = 0; v < variables; v++) {
    for (let c = 0; c < CHAINS; c++) {
      const base = (v * CHAINS + c) * DRAWS;
      let x = rng.normal();
      for (let i = 0; i < DRAWS; i++) {
        x = rho * x + innov * rng.normal();
        d.data[base + i] = x;
      }
    }
  }
  return d;
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function msPerVariable(d: Draws, repeats: number): number {
  summarize(d); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    summarize(d);
    times.push((performance.now() - t0) / d.names.length);
  }
  return median(times);
}

const VARIABLES = 200;
const cases = [0, 0.5, 0.9, 0.99].map((rho, k) => ({ rho, draws: ar1Draws(rho, VARIABLES, 2026 + k) }));
const repeats = Number(process.argv.find((a) => a.startsWith("--repeats="))?.slice(10) ?? 7);
const load = os.loadavg()[0];
const rows = cases.map(({ rho, draws }) => [`AR(1) ρ = ${rho}, ${CHAINS} × ${DRAWS}, ${VARIABLES} variables: ms per variable`, msPerVariable(draws, repeats).toFixed(3)]);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(`load average (1 min) at start: ${load.toFixed(1)}`);

if (process.argv.includes("--write")) {
  writeSection(
    fileURLToPath(new URL("./RESULTS.md", import.meta.url)),
    "summary",
    [
      "## Summary (`npx tsx bench/summary.ts --write`)",
      "",
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, load average ${load.toFixed(1)}`,
      "",
      "| measurement | ms |",
      "| --- | --- |",
      ...rows.map(([k, v]) => `| ${k} | ${v} |`),
      "",
      `Median over ${repeats} calls of summarize (after one warm-up call) of wall time / variables.`,
    ].join("\n"),
  );
}
