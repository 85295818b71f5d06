/**
 * Beyond-Stan benchmark: ESS per gradient and per second with automatic parameterisation and
 * analytic marginalisation on and off — eight schools (centred as written; hand non-centred for
 * reference), radon varying intercepts (centred as written; the example's non-centred model), pumps.
 * 4 chains × (1000 warmup + 1000 draws), this thread, seed 1. ESS is the minimum essBulk over the
 * group parameters (and over the hyperparameters); seconds are chain CPU seconds, warmup (and the
 * reparam pilot) included.
 * Run: npx tsx bench/beyond.ts [--write]   (--write replaces the beyond section of bench/RESULTS.md)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fit } from "../src/api/fit.js";
import { chainsOf } from "../src/diagnostics/chains.js";
import { essBulk } from "../src/diagnostics/ess.js";
import * as M from "../test/marginal/support/models.js";

type Row = { model: string; setting: string; div: number; essG: number; essH: number; grads: number; secs: number };

async function run(model: string, setting: string, m: Parameters<typeof fit>[0], data: Record<string, unknown>, group: string, hyper: string[], extra: object): Promise<Row> {
  const f = await fit(m, data, { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1, ...extra });
  const ess = (pred: (n: string) => boolean) => Math.min(...f.draws.names.flatMap((n, v) => (pred(n) ? [essBulk(chainsOf(f.draws, v))] : [])));
  return {
    model,
    setting,
    div: f.divergences,
    essG: ess((n) => n.startsWith(`${group}[`)),
    essH: ess((n) => hyper.includes(n)),
    grads: f.timing.gradients,
    secs: f.timing.warmup_s + f.timing.sampling_s,
  };
}

const radon = M.radonData();
const pumps = M.pumpsData();
const e8 = M.EIGHT_SCHOOLS;
await run("warm-up", "", M.radonCentered, radon, "a", ["mu_a"], { marginalize: "auto" }); // JIT warm-up
const rows: Row[] = [
  await run("eight schools", "centred as written", M.eightCentered, e8, "theta", ["mu", "tau"], {}),
  await run("eight schools", "hand non-centred", M.eightNoncentered, e8, "theta", ["mu", "tau"], {}),
  await run("eight schools", "centred + reparam auto", M.eightCentered, e8, "theta", ["mu", "tau"], { reparam: "auto" }),
  await run("eight schools", "centred + marginalize auto", M.eightCentered, e8, "theta", ["mu", "tau"], { marginalize: "auto" }),
  await run("radon intercepts", "centred as written", M.radonCentered, radon, "a", ["mu_a", "sigma_a"], {}),
  await run("radon intercepts", "non-centred (example)", M.radonNoncentered, radon, "a", ["mu_a", "sigma_a"], {}),
  await run("radon intercepts", "centred + reparam auto", M.radonCentered, radon, "a", ["mu_a", "sigma_a"], { reparam: "auto" }),
  await run("radon intercepts", "centred + marginalize auto", M.radonCentered, radon, "a", ["mu_a", "sigma_a"], { marginalize: "auto" }),
  await run("pumps", "as written", M.pumps, pumps, "lambda", ["alpha", "beta"], {}),
  await run("pumps", "marginalize auto", M.pumps, pumps, "lambda", ["alpha", "beta"], { marginalize: "auto" }),
];
const fmt = (r: Row) => [
  r.model, r.setting, String(r.div), r.essG.toFixed(0), r.essH.toFixed(0),
  (r.essG / r.grads).toExponential(2), (r.essG / r.secs).toFixed(0), (r.essH / r.secs).toFixed(0), r.secs.toFixed(2),
];
const head = ["model", "setting", "div", "min ESS group", "min ESS hyper", "ESS group / gradient", "ESS group / s", "ESS hyper / s", "chain s"];
for (const r of [head, ...rows.map(fmt)]) console.log(r.join(" | "));

if (process.argv.includes("--write")) {
  const path = new URL("./RESULTS.md", import.meta.url);
  let text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const begin = "<!-- beyond:begin -->";
  const end = "<!-- beyond:end -->";
  const section = [
    begin,
    "## Beyond Stan: automatic parameterisation and analytic marginalisation (`npx tsx bench/beyond.ts --write`)",
    "",
    `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, load average ${os.loadavg()[0].toFixed(1)} (shared machine: seconds are noisy, ESS per gradient is not).`,
    "4 chains × (1000 + 1000), seed 1, this thread. ESS = min essBulk over the group parameters / the hyperparameters; seconds = chain CPU seconds incl. warmup and the reparam pilot.",
    "",
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${fmt(r).join(" | ")} |`),
    end,
  ].join("\n");
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length) : text.trimEnd() + "\n\n" + section + "\n";
  writeFileSync(path, text);
}
