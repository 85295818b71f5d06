/**
 * Sampler benchmark: (1) the NUTS machinery's own cost per leapfrog step beyond the gradient, on a
 * 10-dimensional standard normal (target ≤ 1 µs); (2) time to draws for hand-written eight schools
 * (4 chains × 1000 warmup + 1000 draws), in this thread and in 2 worker threads.
 * Run: npx tsx bench/sampler.ts [--write]   (--write appends/replaces the section in bench/RESULTS.md)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createNutsWorkspace, nutsInit, nutsStep } from "../src/inference/nuts.js";
import { unitMetric } from "../src/inference/metric.js";
import { sample } from "../src/inference/sample.js";
import { createRng } from "../src/random/rng.js";
import { eightSchoolsNoncentered, stdNormal } from "../test/inference/support/models.js";

function overheadPerLeapfrog(dim: number, stepSize: number): { nsPerLeapfrog: number; nsPerGradient: number; overheadNs: number; leapfrogs: number } {
  const target = stdNormal({ dim });
  const ws = createNutsWorkspace(target, 10);
  const metric = unitMetric(dim);
  const params = { stepSize, metric, maxTreeDepth: 10, maxDeltaH: 1000 };
  const run = (n: number) => {
    const rng = createRng(1);
    const state = nutsInit(new Float64Array(dim), target);
    let leapfrogs = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) leapfrogs += nutsStep(rng, state, params, ws).nLeapfrog;
    return { ms: performance.now() - t0, leapfrogs };
  };
  run(20_000); // warm up the JIT
  const best = { ms: Infinity, leapfrogs: 0 };
  for (let r = 0; r < 5; r++) {
    const x = run(50_000);
    if (x.ms / x.leapfrogs < best.ms / Math.max(best.leapfrogs, 1)) Object.assign(best, x);
  }
  // The same number of bare gradient calls on varying points, to subtract.
  const q = new Float64Array(dim);
  const g = new Float64Array(dim);
  let sink = 0;
  let gradMs = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < best.leapfrogs; i++) {
      q[i % dim] = (i & 255) * 1e-3;
      sink += target.logDensityGradient(q, g);
    }
    gradMs = Math.min(gradMs, performance.now() - t0);
  }
  if (sink === 42) console.log("");
  const nsPerLeapfrog = (best.ms * 1e6) / best.leapfrogs;
  const nsPerGradient = (gradMs * 1e6) / best.leapfrogs;
  return { nsPerLeapfrog, nsPerGradient, overheadNs: nsPerLeapfrog - nsPerGradient, leapfrogs: best.leapfrogs };
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

const o = overheadPerLeapfrog(10, 0.3);
await eightSchoolsTiming("object"); // JIT warm-up
const es1 = await eightSchoolsTiming("object");
const es2 = await eightSchoolsTiming(2);

const rows = [
  ["10-D std normal: time per leapfrog step (NUTS, ε = 0.3)", `${o.nsPerLeapfrog.toFixed(0)} ns`],
  ["10-D std normal: bare gradient", `${o.nsPerGradient.toFixed(0)} ns`],
  ["10-D std normal: sampler overhead per leapfrog (target ≤ 1000 ns)", `${o.overheadNs.toFixed(0)} ns`],
  ["eight schools non-centred, 4×(1000+1000), this thread: wall", `${es1.wall.toFixed(3)} s (${es1.gradients} gradients, ${es1.divergences} divergences)`],
  ["eight schools non-centred, 4×(1000+1000), 2 worker threads: wall", `${es2.wall.toFixed(3)} s (${es2.gradients} gradients)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);

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
    `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}`,
    "",
    "| measurement | value |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "Overhead = time per leapfrog step inside nutsStep minus a bare gradient call, best of 5 runs of 50,000 transitions.",
    "Worker wall time includes starting the workers (and, in development, loading TypeScript through tsx).",
    end,
  ].join("\n");
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length) : text.trimEnd() + "\n\n" + section + "\n";
  writeFileSync(path, text);
}
