/**
 * Sampler benchmark: (1) the NUTS machinery's own cost per leapfrog step beyond the gradient, on a
 * 10-dimensional standard normal (target ≤ 1 µs) and on radon (dim 89, compiled, with a step size
 * and diagonal metric from a seeded warmup; target ≤ 1.5 µs); (2) time to draws for hand-written
 * eight schools (4 chains × 1000 warmup + 1000 draws), in this thread and in 2 worker threads.
 * Run: npx tsx bench/sampler.ts [--write]   (--write appends/replaces the section in bench/RESULTS.md)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { compileModel } from "../src/compiler/compile.js";
import type { LogDensity } from "../src/logDensity.js";
import { createNutsWorkspace, nutsInit, nutsStep } from "../src/inference/nuts.js";
import { diagMetric, unitMetric, type Metric } from "../src/inference/metric.js";
import { sample } from "../src/inference/sample.js";
import { createRng } from "../src/random/rng.js";
import { radon } from "./data/datasets.js";
import { radonProgram } from "../test/compiler/models.js";
import { eightSchoolsNoncentered, stdNormal } from "../test/inference/support/models.js";

interface Overhead {
  nsPerLeapfrog: number;
  nsPerGradient: number;
  overheadNs: number;
  leapfrogs: number;
}

/**
 * ns per leapfrog inside nutsStep (best of 5 runs of `transitions` from the same start and seed)
 * minus ns per bare gradient call (best of 5 runs of as many calls, cycling through 64 points the
 * chain visited, so the gradient sees the same kind of inputs).
 */
function overheadPerLeapfrog(target: LogDensity, metric: Metric, stepSize: number, start: Float64Array, transitions: number): Overhead {
  const dim = target.dim;
  const ws = createNutsWorkspace(target, 10);
  const params = { stepSize, metric, maxTreeDepth: 10, maxDeltaH: 1000 };
  const points: Float64Array[] = [];
  const run = (n: number, keep: boolean) => {
    const rng = createRng(1);
    const state = nutsInit(start, target);
    let leapfrogs = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      leapfrogs += nutsStep(rng, state, params, ws).nLeapfrog;
      if (keep && points.length < 64 && i % 16 === 0) points.push(Float64Array.from(state.position));
    }
    return { ms: performance.now() - t0, leapfrogs };
  };
  run(Math.max(transitions >> 1, 1000), true); // warm up the JIT, collect points
  const best = { ms: Infinity, leapfrogs: 0 };
  for (let r = 0; r < 5; r++) {
    const x = run(transitions, false);
    if (x.ms / x.leapfrogs < best.ms / Math.max(best.leapfrogs, 1)) Object.assign(best, x);
  }
  const g = new Float64Array(dim);
  let sink = 0;
  let gradMs = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < best.leapfrogs; i++) sink += target.logDensityGradient(points[i & 63], g);
    gradMs = Math.min(gradMs, performance.now() - t0);
  }
  if (sink === 42) console.log("");
  const nsPerLeapfrog = (best.ms * 1e6) / best.leapfrogs;
  const nsPerGradient = (gradMs * 1e6) / best.leapfrogs;
  return { nsPerLeapfrog, nsPerGradient, overheadNs: nsPerLeapfrog - nsPerGradient, leapfrogs: best.leapfrogs };
}

function stdNormalOverhead(dim: number, stepSize: number): Overhead {
  return overheadPerLeapfrog(stdNormal({ dim }), unitMetric(dim), stepSize, new Float64Array(dim), 50_000);
}

/** Radon's compiled model with the step size and diagonal metric of a seeded 1-chain warmup. */
async function radonOverhead(): Promise<Overhead & { dim: number; stepSize: number }> {
  const r = radon();
  const model = compileModel(radonProgram(r.N, r.J), [r.y, r.x, r.county]);
  const warm = await sample(model, { chains: 1, warmup: 1000, draws: 1, seed: 1 });
  const info = warm.chains[0];
  const start = new Float64Array(model.dim);
  // Start from the posterior bulk: a few hundred adapted transitions from the origin.
  const ws = createNutsWorkspace(model, 10);
  const params = { stepSize: info.stepSize, metric: diagMetric(info.inverseMetric), maxTreeDepth: 10, maxDeltaH: 1000 };
  const state = nutsInit(start, model);
  const rng = createRng(2);
  for (let i = 0; i < 300; i++) nutsStep(rng, state, params, ws);
  const o = overheadPerLeapfrog(model, params.metric, info.stepSize, state.position, 4000);
  return { ...o, dim: model.dim, stepSize: info.stepSize };
}

async function eightSchoolsTiming(threads: number | "object") {
  const opts = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };
  const t0 = performance.now();
  const res =
    threads === "object"
      ? await sample(eightSchoolsNoncentered(), opts)
      : await sample({ module: new URL("../test/inference/support/models.ts", import.meta.url).href, factory: "eightSchools", payload: {} }, { ...opts, threads });
  return { wall: (performance.now() - t0) / 1000, gradients: res.timing.gradients, divergences: res.divergences };
}

const load = os.loadavg()[0];
const o = stdNormalOverhead(10, 0.3);
const rd = await radonOverhead();
await eightSchoolsTiming("object"); // JIT warm-up
const es1 = await eightSchoolsTiming("object");
const es2 = await eightSchoolsTiming(2);

const rows = [
  ["10-D std normal: time per leapfrog step (NUTS, ε = 0.3)", `${o.nsPerLeapfrog.toFixed(0)} ns`],
  ["10-D std normal: bare gradient", `${o.nsPerGradient.toFixed(0)} ns`],
  ["10-D std normal: sampler overhead per leapfrog (target ≤ 1000 ns)", `${o.overheadNs.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}, adapted ε = ${rd.stepSize.toPrecision(3)}, diag metric): time per leapfrog step`, `${rd.nsPerLeapfrog.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}): bare gradient`, `${rd.nsPerGradient.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}): sampler overhead per leapfrog (target ≤ 1500 ns)`, `${rd.overheadNs.toFixed(0)} ns`],
  ["eight schools non-centred, 4×(1000+1000), this thread: wall", `${es1.wall.toFixed(3)} s (${es1.gradients} gradients, ${es1.divergences} divergences)`],
  ["eight schools non-centred, 4×(1000+1000), 2 worker threads: wall", `${es2.wall.toFixed(3)} s (${es2.gradients} gradients)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(`load average (1 min) at start: ${load.toFixed(1)}`);

if (process.argv.includes("--write")) {
  const path = new URL("./RESULTS.md", import.meta.url);
  const header = "# Benchmark results\n\nEach section is written by its own benchmark script; edit only your own.\n";
  let text = existsSync(path) ? readFileSync(path, "utf8") : header;
  const begin = "<!-- sampler:begin -->";
  const end = "<!-- sampler:end -->";
  const section = [
    begin,
    "## Sampler (`npx tsx bench/sampler.ts --write`)",
    "",
    `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, load average ${load.toFixed(1)}`,
    "",
    "| measurement | value |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "Overhead = time per leapfrog step inside nutsStep minus a bare gradient call on points the chain visited; best of 5 runs (50,000 transitions for the normal, 4,000 for radon).",
    "Worker wall time includes starting the workers (and, in development, loading TypeScript through tsx).",
    end,
  ].join("\n");
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length) : text.trimEnd() + "\n\n" + section + "\n";
  writeFileSync(path, text);
}
