// The tables of bench/qa/2026-11-30-categorical.md: hbayes's categorical fit of a case's CSV (4 × (1000 +
// 1000), seed 1, defaults) against brms's summary (bench/qa/results/cat-<case>-brms.csv, from
// categorical-brms.R), with z = Δ / combined MCSE for means and sds, ESS bulk of both, and CPU time.
// Usage (repo root): npx tsx bench/qa/categorical-table.ts [sim | int4]
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { mcseMean, mcseSd } from "../../src/diagnostics/mcse.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, variableIndex } from "../../src/posterior/draws.js";

const CASES: Record<string, { data: string; formula: string }> = {
  sim: { data: "bench/qa/data/categorical-sim.csv", formula: "y ~ x + (1 | g)" },
  int4: { data: "bench/qa/data/categorical-int4.csv", formula: "y ~ x + f" },
};
const which = process.argv[2] ?? "sim";
const c = CASES[which];
if (!c) throw new Error(`unknown case ${which}: ${Object.keys(CASES).join(", ")}`);
const data = readCsvFile(c.data);
const t0 = process.cpuUsage();
const { fit } = await fitFormulaModel({ formula: c.formula, data, family: "categorical" }, { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 });
const cpu = process.cpuUsage(t0);
const ess = new Map(summarizeFit(fit).json.parameters.map((p) => [p.name, p.ess_bulk]));
const rows = (parse(readFileSync(`bench/qa/results/cat-${which}-brms.csv`, "utf8")) as string[][]).slice(1);
const f = (x: number, d = 3) => x.toFixed(d);
console.log("| parameter | hbayes mean (sd) | brms mean (sd) | z mean | z sd | ESS bulk hbayes / brms |");
console.log("| --- | --- | --- | --- | --- | --- |");
let worst = 0;
for (const r of rows) {
  const name = r[0];
  const [bm, bs, bmcse, bmcsesd, , bess] = r.slice(1).map(Number);
  const v = variableIndex(fit.draws, name);
  const chains = Array.from({ length: fit.draws.chains }, (_, k) => chainOf(fit.draws, v, k));
  const all = chains.flatMap((x) => Array.from(x));
  const m = all.reduce((s, x) => s + x, 0) / all.length;
  const sd = Math.sqrt(all.reduce((s, x) => s + (x - m) ** 2, 0) / (all.length - 1));
  const zm = (m - bm) / Math.hypot(mcseMean(chains), bmcse);
  const zs = (sd - bs) / Math.hypot(mcseSd(chains), bmcsesd);
  worst = Math.max(worst, Math.abs(zm), Math.abs(zs));
  console.log(`| \`${name}\` | ${f(m)} (${f(sd)}) | ${f(bm)} (${f(bs)}) | ${f(zm, 2)} | ${f(zs, 2)} | ${Math.round(ess.get(name) ?? NaN)} / ${Math.round(bess)} |`);
}
console.log(`\nlargest |z| ${f(worst, 2)}; hbayes CPU ${f((cpu.user + cpu.system) / 1e6, 2)} s (compile, warmup, sampling, generated quantities), ${fit.result.timing.gradients} gradients`);
