/**
 * Beyond-Stan benchmark: ESS per gradient and per second with automatic parameterisation and
 * analytic marginalisation on (the default) and off — eight schools (centred as written; hand
 * non-centred for reference), radon varying intercepts (DSL centred as written, the example's
 * non-centred model, and the formula `log_radon ~ floor + (1 | county)`), pumps, and correlated varying
 * intercepts and slopes (radon `(1 + floor | county)`, sleepstudy `(Days | Subject)`), and two GLMMs
 * whose group effects the pilot re-parameterises (cbpp binomial; a simulated Poisson, long exposures),
 * correlated Poisson intercepts and slopes written centred in the DSL (30 sparse groups), and sleepstudy's
 * intercepts and slopes written in the DSL as b ~ multi_normal_cholesky read by b.col(m).at(g).
 * 4 chains × (1000 warmup + 1000 draws), this thread, seed 1. ESS is the minimum essBulk over the
 * group parameters (and over the hyperparameters); "chain s" is the sampler's warmup + sampling time
 * (the reparam pilot and the completion of the draws after the chains included), "fit CPU s" the process CPU time of the whole fit() call (compile,
 * pilot, sampling, conditional draws).
 * Run: npx tsx bench/beyond.ts [--write | --only <model text>]   (--write replaces the beyond section of bench/RESULTS.md)
 */
import { fileURLToPath } from "node:url";
import os from "node:os";
import { stanEssPerSecond, writeSection } from "./full/report.js";
import { fit } from "../src/api/fit.js";
import { chainsOf } from "../src/diagnostics/chains.js";
import { essBulk } from "../src/diagnostics/ess.js";
import { fitFormulaModel } from "../src/api/formulaFit.js";
import { Fit } from "../src/api/fitResult.js";
import type { FormulaData } from "../src/formula/index.js";
import { compileModel } from "../src/compiler/compile.js";
import { sample } from "../src/inference/sample.js";
import { completeMarginalDraws } from "../src/marginal/complete.js";
import { planMarginal } from "../src/marginal/plan.js";
import { marginalLogDensity } from "../src/marginal/target.js";
import { buildModel, type Model } from "../src/model/model.js";
import * as M from "../test/marginal/support/models.js";
import { sleepMvn } from "../test/marginal/support/mvnModels.js";
import { POISSON_FORMULA, poissonExposureData } from "../test/reparam/support/glmmData.js";
import { centredCounts, simulateCounts, SPARSE } from "../test/reparam/support/mvnModels.js";
import { readCsvFile } from "../src/io/readCsvFile.js";

type Row = { model: string; setting: string; div: number; essG: number; essH: number; essAll: number; grads: number; secs: number; cpu: number };

const OFF = { reparam: "none", marginalize: "none" } as const;

async function measure(model: string, setting: string, run: () => Promise<Fit>, group: string, hyper: string[]): Promise<Row> {
  const c0 = process.cpuUsage();
  const f = await run();
  const c = process.cpuUsage(c0);
  // NaN (a constant variable, e.g. L[1,1] of a Cholesky factor) is left out, as posterior's min(..., na.rm = TRUE) and bench/full do.
  const ess = (pred: (n: string) => boolean) => Math.min(...f.draws.names.flatMap((n, v) => (pred(n) ? [essBulk(chainsOf(f.draws, v))] : [])).filter((e) => !Number.isNaN(e)));
  return {
    model,
    setting,
    div: f.divergences,
    essG: ess((n) => n.startsWith(`${group}[`)),
    essH: ess((n) => hyper.includes(n)),
    essAll: ess((n) => f.names.includes(n)),
    grads: f.timing.gradients,
    secs: f.timing.warmup_s + f.timing.sampling_s,
    cpu: (c.user + c.system) / 1e6,
  };
}

/** A marginalised fit whose gaussian block runs row by row (the fused statement), not on sufficient statistics. */
async function fitBeyondRows(m: Model, data: Record<string, unknown>): Promise<Fit> {
  const built = buildModel(m, data);
  const plan = planMarginal(built.program, built.data, { sufficientStatistics: false });
  if (plan === null) throw new Error("fitBeyondRows: nothing to marginalise");
  const result = await sample(marginalLogDensity(plan), { chains: 4, warmup: 1000, draws: 1000, seed: 1 });
  const draws = completeMarginalDraws(result.draws, plan.blocks, 1);
  return new Fit(built, compileModel({ ...built.program, generated: [] }, built.data), { ...result, draws }, 0);
}

const SETTINGS = { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 } as const;
const dsl = (m: Parameters<typeof fit>[0], data: Record<string, unknown>, extra: object) => () => fit(m, data, { ...SETTINGS, ...extra });
const formula = (text: string, data: FormulaData, extra: object, family = "gaussian") => async () => (await fitFormulaModel({ formula: text, data, family }, { ...SETTINGS, ...extra })).fit;

const radon = M.radonData();
const pumps = M.pumpsData();
const e8 = M.EIGHT_SCHOOLS;
const RADON_F = "log_radon ~ floor + (1 | county)";
const rCounty = "r_county";
const cbpp = readCsvFile(fileURLToPath(new URL("../data/cbpp.csv", import.meta.url)));
const CBPP_F = "cbind(incidence, size - incidence) ~ period + (1 | herd)";
const poisson = poissonExposureData();
const mvnSparse = simulateCounts(7, Array.from({ length: 30 }, (_, j) => 1 + (j % 3)), SPARSE);
const MVN_H = ["alpha", "beta", "tau[1]", "tau[2]", "L[2,1]"];
await dsl(M.radonCentered, radon, {})(); // JIT warm-up
await formula(RADON_F, radon, {})();
const SLEEP_F = "Reaction ~ Days + (Days | Subject)";
const RADON_SLOPES_F = "log_radon ~ floor + (1 + floor | county)";
const sleep = M.sleepstudyData();
const SLEEP_H = ["b_Intercept", "b_Days", "sd_Subject__Intercept", "sd_Subject__Days", "cor_Subject__Intercept__Days", "sigma"];
const SLEEP_DSL_H = ["alpha", "beta", "tau[1]", "tau[2]", "L[2,1]", "sigma"];
const SLOPES_H = ["b_Intercept", "b_floor", "sd_county__Intercept", "sd_county__floor", "cor_county__Intercept__floor", "sigma"];
// --only <text>: just the rows whose model contains text (printed, never written).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
if (only !== null && process.argv.includes("--write")) throw new Error("bench/beyond.ts: --only rows are printed, not written");
await formula(SLEEP_F, sleep, {})(); // JIT warm-up of the correlated kernel
const entry = (model: string, setting: string, run: () => Promise<Fit>, group: string, hyper: string[]) => ({ model, run: () => measure(model, setting, run, group, hyper) });
const cases = [
  entry("eight schools", "centred as written, off", dsl(M.eightCentered, e8, OFF), "theta", ["mu", "tau"]),
  entry("eight schools", "hand non-centred, off", dsl(M.eightNoncentered, e8, OFF), "theta", ["mu", "tau"]),
  entry("eight schools", "centred, reparam auto only", dsl(M.eightCentered, e8, { reparam: "auto", marginalize: "none" }), "theta", ["mu", "tau"]),
  entry("eight schools", "centred, default (auto)", dsl(M.eightCentered, e8, {}), "theta", ["mu", "tau"]),
  entry("radon intercepts", "centred as written, off", dsl(M.radonCentered, radon, OFF), "a", ["mu_a", "sigma_a"]),
  entry("radon intercepts", "non-centred (example), off", dsl(M.radonNoncentered, radon, OFF), "a", ["mu_a", "sigma_a"]),
  entry("radon intercepts", "centred, default (auto)", dsl(M.radonCentered, radon, {}), "a", ["mu_a", "sigma_a"]),
  entry("radon intercepts", "centred, auto, row-by-row fused (no sufficient statistics)", async () => {
    // The fused O(n) statement route, for comparison with the sufficient-statistics default.
    return fitBeyondRows(M.radonCentered, radon);
  }, "a", ["mu_a", "sigma_a"]),
  entry("radon formula (1 | county)", "off (brms non-centred)", formula(RADON_F, radon, OFF), rCounty, ["sd_county__Intercept", "b_Intercept"]),
  entry("radon formula (1 | county)", "default (auto)", formula(RADON_F, radon, {}), rCounty, ["sd_county__Intercept", "b_Intercept"]),
  entry("pumps", "as written, off", dsl(M.pumps, pumps, OFF), "lambda", ["alpha", "beta"]),
  entry("pumps", "default (auto)", dsl(M.pumps, pumps, {}), "lambda", ["alpha", "beta"]),
  entry("radon slopes (1 + floor | county)", "off (brms non-centred)", formula(RADON_SLOPES_F, radon, OFF), rCounty, SLOPES_H),
  entry("radon slopes (1 + floor | county)", "default (auto)", formula(RADON_SLOPES_F, radon, {}), rCounty, SLOPES_H),
  entry("sleepstudy (Days | Subject)", "off (brms non-centred)", formula(SLEEP_F, sleep, OFF), "r_Subject", SLEEP_H),
  entry("sleepstudy (Days | Subject)", "default (auto)", formula(SLEEP_F, sleep, {}), "r_Subject", SLEEP_H),
  entry("sleepstudy DSL MVN (b.col().at())", "as written, off", dsl(sleepMvn, sleep, OFF), "b", SLEEP_DSL_H),
  entry("sleepstudy DSL MVN (b.col().at())", "default (auto)", dsl(sleepMvn, sleep, {}), "b", SLEEP_DSL_H),
  entry("cbpp binomial (1 | herd)", "off (brms non-centred)", formula(CBPP_F, cbpp, OFF, "binomial"), "r_herd", ["sd_herd__Intercept", "b_Intercept"]),
  entry("cbpp binomial (1 | herd)", "default (auto: partial centring)", formula(CBPP_F, cbpp, {}, "binomial"), "r_herd", ["sd_herd__Intercept", "b_Intercept"]),
  entry("Poisson GLMM, long exposures (simulated)", "off (brms non-centred)", formula(POISSON_FORMULA, poisson, OFF, "poisson"), "r_g", ["sd_g__Intercept", "b_Intercept"]),
  entry("Poisson GLMM, long exposures (simulated)", "default (auto: centred)", formula(POISSON_FORMULA, poisson, {}, "poisson"), "r_g", ["sd_g__Intercept", "b_Intercept"]),
  entry("correlated Poisson, 30 sparse groups (DSL MVN, centred)", "as written, off", dsl(centredCounts(mvnSparse.J), mvnSparse.data, OFF), "b", MVN_H),
  entry("correlated Poisson, 30 sparse groups (DSL MVN, centred)", "default (auto: non-centred)", dsl(centredCounts(mvnSparse.J), mvnSparse.data, {}), "b", MVN_H),
];
const rows: Row[] = [];
for (const c of cases) if (only === null || c.model.includes(only)) rows.push(await c.run());
const fmt = (r: Row) => [
  r.model, r.setting, String(r.div), r.essG.toFixed(0), r.essH.toFixed(0),
  (r.essG / r.grads).toExponential(2), (r.essH / r.grads).toExponential(2), (r.essG / r.secs).toFixed(0), (r.essH / r.secs).toFixed(0), (r.essAll / r.secs).toFixed(0), (r.essG / r.cpu).toFixed(0), (r.essH / r.cpu).toFixed(0), (r.essAll / r.cpu).toFixed(0), r.secs.toFixed(2), r.cpu.toFixed(2),
];
const head = ["model", "setting", "div", "min ESS group", "min ESS hyper", "ESS group / gradient", "ESS hyper / gradient", "ESS group / chain s", "ESS hyper / chain s", "min ESS all / chain s", "ESS group / fit CPU s", "ESS hyper / fit CPU s", "min ESS all / fit CPU s", "chain s", "fit CPU s"];
// rstan's ESS/s (min bulk ESS over the reported variables / (warmup + sampling) s) on the same
// models, 4 × (1000 + 1000), from the latest quiet full run.
const STAN_RUN = "results/2026-11-29-s3b.json";
const stanRun = new URL(`./${STAN_RUN}`, import.meta.url);
const RSTAN = { radon: stanEssPerSecond(stanRun, "radon_intercept"), pumps: stanEssPerSecond(stanRun, "pumps") };
const row = (model: string, setting: string) => rows.find((r) => r.model === model && r.setting === setting) as Row;
const vsStan = [
  ["radon formula (1 | county)", RSTAN.radon],
  ["radon intercepts", RSTAN.radon],
  ["pumps", RSTAN.pumps],
].filter(([model]) => rows.some((r) => r.model === model)).map(([model, stan]) => {
  const on = row(model as string, rows.some((r) => r.model === model && r.setting === "default (auto)") ? "default (auto)" : "centred, default (auto)");
  const offRow = rows.find((r) => r.model === model && /\boff\b/.test(r.setting) && !r.setting.startsWith("non-centred")) as Row;
  // Stan 2.21 times warmup and sampling with clock(), i.e. CPU: compare with CPU seconds here (the
  // whole fit() call, so compile and conditional draws count against hbayes).
  const all = (r: Row) => r.essAll / r.cpu;
  return `${model}: min ESS all / fit CPU s ${all(on).toFixed(0)} = ${(all(on) / (stan as number)).toFixed(1)}× rstan's ${(stan as number).toFixed(0)} (feature off: ${(all(offRow) / (stan as number)).toFixed(1)}×); group ESS / fit CPU s ${(on.essG / on.cpu / (offRow.essG / offRow.cpu)).toFixed(1)}× feature off, group ESS / chain s ${(on.essG / on.secs / (offRow.essG / offRow.secs)).toFixed(1)}×, group ESS / gradient ${(on.essG / on.grads / (offRow.essG / offRow.grads)).toFixed(1)}×.`;
});
for (const l of vsStan) console.log(l);
for (const r of [head, ...rows.map(fmt)]) console.log(r.join(" | "));

/** Findings from runs outside this script (kept here so --write keeps them in the section). */
const NOTES = [
  `rstan baseline: its ESS/s from bench/${STAN_RUN} (radon ${RSTAN.radon.toFixed(0)}, pumps ${RSTAN.pumps.toFixed(0)}, a quiet run); the issue's figures per CPU second are lower still (radon ~127, pumps ~8,000), so the × rstan ratios above are conservative in that respect. ESS per gradient is the column a busy machine cannot move; this run's load is in the header.`,
  "Eight schools centred as written, seeds 1–10 (4 × (1000 + 1000), this thread): feature off 44–163 divergences per fit; hand non-centred 0,0,3,3,1,5,2,0,0,1; reparam auto alone 0,1,1,0,0,2,0,0,0,0; default (theta integrated out) 0 at every seed; mean min-ESS per fit CPU second 56,325 vs 58,613 for the hand non-centred model (0.96×, dense metric; 58,759 vs 57,799 = 1.02× with diag): on par, not better, since a whole fit is ~0.05 CPU s of mostly fixed costs; per gradient the default is ~1.8× the hand non-centred model (table).",
  "Pumps: integrating λ out leaves (log α, log β) correlated at 0.69; with the diagonal metric NUTS took ~5 leapfrogs per draw and the hyperparameters' ESS fell from ~3,000 to ~1,140 (the full model's λ coordinates make longer trajectories, which suit α and β). A dense metric (now the default for marginal fits of ≤ 10 coordinates) gives 2.4× the hyperparameter ESS per gradient of diag (fisher-lowrank 3.0×). The full model's gradient is already ~0.3 µs (10 rows), so the marginal cannot win on gradient cost: the Poisson–Gamma kernel now uses rising factorials (no lgamma/digamma) for counts ≤ 32, ~1.4 → ~0.4 µs.",
  "Correlated intercepts and slopes (radon (1 + floor | county), sleepstudy (Days | Subject)): r = diag(sd) L z is integrated out on per-group sums (ZᵀZ, Zᵀy, ZᵀX) through the K × K matrix σ²I + CᵀZᵀZC (C = diag(sd) L, no Σ⁻¹), leaving Intercept, b, sd, L and σ (6 coordinates, dense metric). A closed-form 2 × 2 path costs ~1.8 µs CPU per gradient on radon (the general K path ~12 µs; the full model ~3 µs); see the table for ESS per gradient and per fit CPU second, group effects and hyperparameters.",
  "Radon: the gaussian marginal runs on per-group sufficient statistics (O(J·K²), 85 groups) instead of two passes over 919 rows: ~3.5 → ~1.0 µs CPU per gradient (formula model, K = 2: ~1.9 µs). The whole marginal fit is now ~0.08 s of chain time, of which chain 1's share is mostly V8 compiling the sampler and the model (a fresh process; later chains ~10 ms each): group ESS per chain second is 4.3–4.8× the feature-off fit (two runs) and per fit CPU second ~2–2.5× (fit CPU counts V8's compiler and GC threads and the conditional draws), short of issue 12's 5×.",
];

if (process.argv.includes("--write")) {
  writeSection(
    fileURLToPath(new URL("./RESULTS.md", import.meta.url)),
    "beyond",
    [
      "## Beyond Stan: automatic parameterisation and analytic marginalisation (`npx tsx bench/beyond.ts --write`)",
      "",
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, load average ${os.loadavg()[0].toFixed(1)} (shared machine: seconds are noisy, ESS per gradient is not).`,
      "4 chains × (1000 + 1000), seed 1, this thread. ESS = min essBulk over the group parameters / the hyperparameters; chain s = sampler warmup + sampling (incl. the reparam pilot and the completion of the draws: conditional draws, z = r / sd); fit CPU s = process CPU time of the whole fit() call (compile, pilot, sampling, conditional draws). \"off\" = `{ reparam: \"none\", marginalize: \"none\" }`; \"default\" = no options (both \"auto\").",
      "",
      `| ${head.join(" | ")} |`,
      `| ${head.map(() => "---").join(" | ")} |`,
      ...rows.map((r) => `| ${fmt(r).join(" | ")} |`),
      "",
      ...vsStan.map((l) => `- ${l}`),
      ...NOTES.map((l) => `- ${l}`),
    ].join("\n"),
  );
}
