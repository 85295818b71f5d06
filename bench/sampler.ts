/**
 * Sampler benchmark: (1) the NUTS machinery's own cost per leapfrog step beyond the gradient, on a
 * 10-dimensional standard normal (target ≤ 1 µs) and on radon (dim 89, compiled, with a step size
 * and diagonal metric from a seeded warmup; target ≤ 1.5 µs); (2) time to draws for hand-written
 * eight schools (4 chains × 1000 warmup + 1000 draws), in this thread and in 2 worker threads;
 * (3) what issue 3 measures: eight schools non-centred and pumps fitted by `fit()` in a fresh process
 * each (bench/full/hbayesChild.ts, so the JIT starts cold), median over 5 processes of warmup +
 * sampling seconds and of process CPU seconds, ESS/s against the stored rstan rows.
 * Run: npx tsx bench/sampler.ts [--write]   (--write appends/replaces the section in bench/RESULTS.md)
 */
import { fileURLToPath } from "node:url";
import os from "node:os";
import { stanEssPerSecond, writeSection } from "./full/report.js";
import { compileModel } from "../src/compiler/compile.js";
import type { LogDensity } from "../src/logDensity.js";
import { createNutsWorkspace, nutsInit, nutsStep } from "../src/inference/nuts.js";
import { diagMetric, unitMetric, type Metric } from "../src/inference/metric.js";
import { sample } from "../src/inference/sample.js";
import { createRng } from "../src/random/rng.js";
import { radon } from "./data/datasets.js";
import { runMeasured } from "./full/measure.js";
import { radonProgram } from "../test/compiler/models.js";
import { eightSchoolsNoncentered, stdNormal } from "../test/inference/support/models.js";

interface Overhead {
  nsPerLeapfrog: number;
  nsPerGradient: number;
  overheadNs: number;
  leapfrogs: number;
}

/** Process CPU milliseconds: unlike wall time, not inflated when other jobs keep this one waiting for a core. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * CPU ns per leapfrog inside nutsStep (best of 5 runs of `transitions` from the same start and seed)
 * minus CPU ns per bare gradient call (best of 5 runs of as many calls, cycling through 64 points
 * the chain visited, so the gradient sees the same kind of inputs).
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
    const t0 = cpuMs();
    for (let i = 0; i < n; i++) {
      leapfrogs += nutsStep(rng, state, params, ws).nLeapfrog;
      if (keep && points.length < 64 && i % 16 === 0) points.push(Float64Array.from(state.position));
    }
    return { ms: cpuMs() - t0, leapfrogs };
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
    const t0 = cpuMs();
    for (let i = 0; i < best.leapfrogs; i++) sink += target.logDensityGradient(points[i & 63], g);
    gradMs = Math.min(gradMs, cpuMs() - t0);
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

/** The stored rstan rows the ratio is taken against (same models, priors and settings). */
const STAN_ROWS = "./results/2026-11-29-final.json";

interface ColdFit {
  model: string;
  variant: "plain" | "default";
  /** The fit measured was the process's second (after one of the same model, another seed). */
  warm: boolean;
  runs: number;
  /** Medians over the runs. */
  totalS: number;
  cpuS: number;
  ess: number;
  essPerS: number;
  stanEssPerS: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

/**
 * `fit()` of `model` in `runs` fresh processes, as `npm run bench` runs an hbayes row: "plain" is
 * Stan's algorithm on the model as written (diagonal metric, no reparameterisation or
 * marginalisation), "default" the library's defaults.
 */
async function coldFit(model: string, variant: "plain" | "default", runs: number, warm = false): Promise<ColdFit> {
  const repo = fileURLToPath(new URL("..", import.meta.url));
  const totals: number[] = [];
  const cpus: number[] = [];
  const esses: number[] = [];
  for (let r = 0; r < runs; r++) {
    const m = await runMeasured(process.execPath, ["--import", "tsx", "bench/full/hbayesChild.ts", model, "4", "1000", "1000", "1", variant], { cwd: repo, timeoutS: 120, env: { ...process.env, HBAYES_BENCH_WARM: warm ? "1" : "0" } });
    const line = m.stdout.trim().split("\n").pop() ?? "";
    if (m.code !== 0 || !line.startsWith("{")) throw new Error(`bench/sampler: ${model} child failed: ${m.stderr.slice(-500)}`);
    const row = JSON.parse(line) as { warmup_s: number; sampling_s: number; min_ess_bulk: number };
    totals.push(row.warmup_s + row.sampling_s);
    esses.push(row.min_ess_bulk);
    cpus.push(m.cpu_s ?? NaN);
  }
  const ess = median(esses);
  const totalS = median(totals);
  return {
    model,
    variant,
    warm,
    runs,
    totalS,
    cpuS: median(cpus),
    ess,
    essPerS: median(totals.map((t, i) => esses[i] / t)),
    stanEssPerS: stanEssPerSecond(new URL(STAN_ROWS, import.meta.url), model),
  };
}

const load = os.loadavg()[0];
const o = stdNormalOverhead(10, 0.3);
const rd = await radonOverhead();
await eightSchoolsTiming("object"); // JIT warm-up
const es1 = await eightSchoolsTiming("object");
const es2 = await eightSchoolsTiming(2);
const cold: ColdFit[] = [];
for (const warm of [false, true]) {
  for (const model of ["eight_schools_noncentered", "pumps"]) for (const variant of ["plain", "default"] as const) cold.push(await coldFit(model, variant, 5, warm));
}

const rows = [
  ["10-D std normal: CPU time per leapfrog step (NUTS, ε = 0.3)", `${o.nsPerLeapfrog.toFixed(0)} ns`],
  ["10-D std normal: bare gradient", `${o.nsPerGradient.toFixed(0)} ns`],
  ["10-D std normal: sampler overhead per leapfrog (target ≤ 1000 ns)", `${o.overheadNs.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}, adapted ε = ${rd.stepSize.toPrecision(3)}, diag metric): CPU time per leapfrog step`, `${rd.nsPerLeapfrog.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}): bare gradient`, `${rd.nsPerGradient.toFixed(0)} ns`],
  [`radon (dim ${rd.dim}): sampler overhead per leapfrog (target ≤ 1500 ns)`, `${rd.overheadNs.toFixed(0)} ns`],
  ["eight schools non-centred, 4×(1000+1000), this thread: wall", `${es1.wall.toFixed(3)} s (${es1.gradients} gradients, ${es1.divergences} divergences)`],
  ["eight schools non-centred, 4×(1000+1000), 2 worker threads: wall", `${es2.wall.toFixed(3)} s (${es2.gradients} gradients)`],
  ...cold.map((c) => [
    `${c.model} (${c.variant}): fit() ${c.warm ? "after one fit of it (another seed) in the same process" : "in a fresh process"} (median of ${c.runs}): warmup + sampling; process CPU; ESS/s vs rstan`,
    `${c.totalS.toFixed(3)} s; ${c.cpuS.toFixed(2)} CPU s; ${Math.round(c.essPerS)} (min bulk ESS ${Math.round(c.ess)}) / ${Math.round(c.stanEssPerS)} = ${(c.essPerS / c.stanEssPerS).toFixed(2)}×`,
  ]),
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(`load average (1 min) at start: ${load.toFixed(1)}`);

if (process.argv.includes("--write")) {
  writeSection(
    fileURLToPath(new URL("./RESULTS.md", import.meta.url)),
    "sampler",
    [
      "## Sampler (`npx tsx bench/sampler.ts --write`)",
      "",
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, load average ${load.toFixed(1)}`,
      "",
      "| measurement | value |",
      "| --- | --- |",
      ...rows.map(([k, v]) => `| ${k} | ${v} |`),
      "",
      "Overhead = CPU time per leapfrog step inside nutsStep minus a bare gradient call on points the chain visited; best of 5 runs (50,000 transitions for the normal, 4,000 for radon). Process CPU, not wall time, so a busy machine does not inflate it.",
      "Worker wall time includes starting the workers (and, in development, loading TypeScript through tsx).",
      `Fresh-process rows: \`bench/full/hbayesChild.ts\` (4 chains × (1000 + 1000), seed 1; "plain" = Stan's algorithm on the model as written, "default" = the library's defaults), the JIT cold as in \`npm run bench\`; "after one fit" rows (HBAYES_BENCH_WARM=1) first fit the same model with another seed in that process, as a second fit in a session runs (the sampler JIT-compiled; the model's compiled function is new each fit); warmup + sampling are the chains' own clocks summed; process CPU (GNU time) includes loading TypeScript through tsx and, for the warm rows, the first fit; rstan's ESS/s (its chains' CPU seconds, model loaded from its cache) from \`${STAN_ROWS.replace("./", "bench/")}\`.`,
    ].join("\n"),
  );
}
