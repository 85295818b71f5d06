/**
 * One hbayes fit in its own process, so its peak RSS is its own:
 *   node --import tsx bench/full/hbayesChild.ts MODEL CHAINS WARMUP DRAWS SEED VARIANT [KEY,KEY,…]
 * prints one JSON line: the fit's timing, gradients, min bulk/tail ESS and max R-hat over every
 * reported variable (hbayes's own diagnostics), divergences, process.resourceUsage().maxRSS and the
 * settings the fit reports. VARIANT "default" leaves every option at the library's defaults (whatever
 * they are when the benchmark runs); "plain" asks for Stan's algorithm as the model is written
 * (no reparameterisation, no marginalisation, windowed diagonal metric) — the issue 12 off switch.
 * Definitions match bench/r/stan-run.R: warmup_s and sampling_s are summed over chains, and
 * us_per_gradient = sampling_s / leapfrog steps after warmup. A marginalised fit's sampling_s also
 * holds the completion of its draws after the chains (the exact conditional draws of the integrated-out
 * parameters), as Stan's holds its generated quantities.
 */
import { fitProgram, type FitOptions } from "../../src/api/fit.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { essBulk, essTail } from "../../src/diagnostics/ess.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { rhat } from "../../src/diagnostics/rhat.js";
import { variableIndex, variableOf } from "../../src/posterior/draws.js";
import { findModel } from "./models.js";

const [id, chains, warmup, draws, seed, variant, keyList] = process.argv.slice(2);
if (variant !== "default" && variant !== "plain") throw new Error(`hbayesChild: variant must be "default" or "plain", got ${JSON.stringify(variant)}`);
const PLAIN: FitOptions = { reparam: "none", marginalize: "none", metric: "diag" };
const model = findModel(id);
// HBAYES_BENCH_WARM=1: one fit of the same model (another seed) first, as a user's second fit in a
// session (notebook, web app, simulation study) runs: the sampler's code is then JIT-compiled, the
// model's own compiled function is new. `npm run bench` never sets it (its rows are cold).
if (process.env.HBAYES_BENCH_WARM === "1") {
  await fitProgram(model.hbayes(), { chains: Number(chains), warmup: Number(warmup), draws: Number(draws), seed: Number(seed) + 1000, ...(variant === "plain" ? PLAIN : {}) });
}
const t0 = performance.now();
const built = model.hbayes();
// CPU seconds of the fit over every thread (process.cpuUsage counts worker threads too): the
// sampler's cost even when other jobs make it wait for a core (Stan 2.21 times its chains in CPU too).
const cpu0 = process.cpuUsage();
const buildS = (performance.now() - t0) / 1000;
const fit = await fitProgram(built, { chains: Number(chains), warmup: Number(warmup), draws: Number(draws), seed: Number(seed), ...(variant === "plain" ? PLAIN : {}) });
const fitS = (performance.now() - t0) / 1000;
const cpuFit = process.cpuUsage(cpu0);

const t1 = performance.now();
let minBulk = Infinity;
let minTail = Infinity;
let maxRhat = -Infinity;
let nVariables = 0;
fit.draws.names.forEach((name, v) => {
  if (name.endsWith("__")) return;
  const ch = chainsOf(fit.draws, v);
  const b = essBulk(ch);
  const t = essTail(ch);
  const r = rhat(ch);
  nVariables++;
  // NaN (a constant variable) is left out, as posterior's min(..., na.rm = TRUE) does.
  if (b < minBulk) minBulk = b;
  if (t < minTail) minTail = t;
  if (r > maxRhat) maxRhat = r;
});
const summaryS = (performance.now() - t1) / 1000;

// Posterior mean and MCSE of the model's key quantities (compared with the other tools' in the report).
const keys = (keyList ? keyList.split(",") : []).map((name) => {
  const v = fit.draws.names.indexOf(name);
  if (v < 0) return { name, mean: null, mcse: null };
  const all = variableOf(fit.draws, v);
  return { name, mean: all.reduce((s, x) => s + x, 0) / all.length, mcse: mcseMean(chainsOf(fit.draws, v)) };
});

// What the fit says it did (not what was asked): the defaults may change under the benchmark.
const st = fit.result.settings;
const beyond = fit.beyond;
const settingsReported = {
  metric: st.metric,
  adaptDelta: st.adaptDelta,
  maxTreeDepth: st.maxTreeDepth,
  threads: st.threads,
  reparam: beyond === null ? "none" : beyond.reparam.map((r) => `${r.param}: ${r.parameterisation}`).join("; ") || "auto (kept as written)",
  marginalize: beyond === null ? "none" : beyond.marginalized.map((m) => `${m.param}: ${m.kind}`).join("; ") || "auto (nothing conjugate)",
  notes: beyond?.notes ?? [],
};

const leapfrogs = variableOf(fit.draws, variableIndex(fit.draws, "n_leapfrog__")).reduce((s, x) => s + x, 0);
const tm = fit.timing;
const out = {
  compile_s: tm.compile_s,
  build_s: buildS,
  compile_cached: false,
  warmup_s: tm.warmup_s,
  sampling_s: tm.sampling_s,
  wall_s: tm.wall_s,
  summary_s: summaryS,
  total_s: fitS + summaryS,
  sampler_cpu_s: (cpuFit.user + cpuFit.system) / 1e6,
  gradients: tm.gradients,
  sampling_leapfrogs: leapfrogs,
  us_per_gradient: (1e6 * tm.sampling_s) / leapfrogs,
  divergences: fit.divergences,
  min_ess_bulk: minBulk,
  min_ess_tail: minTail,
  max_rhat: maxRhat,
  n_variables: nVariables,
  keys,
  max_rss_mb: process.resourceUsage().maxRSS / 1024,
  variant,
  settings: settingsReported,
  versions: { node: process.version },
};
process.stdout.write(`${JSON.stringify(out)}\n`);
