// Session 8 QA table (bench/qa/2026-11-29-censoring.md): hbayes vs brms (bench/qa/results/ct-*-brms.csv) for the four
// censtrunc fits. Usage (repo root): npx tsx bench/qa/censtrunc-table.ts [seed [name ...]]
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { readCsvText } from "../../src/io/index.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { mcseSd } from "../../src/diagnostics/mcse.js";
import { variableIndex } from "../../src/posterior/draws.js";

const fx = JSON.parse(readFileSync("test/validation/fixtures/censtrunc-brms.json", "utf8"));
const seed = Number(process.argv[2] ?? 20261129);
const names = process.argv.length > 3 ? process.argv.slice(3) : ["pois_cens", "binom_cens", "gauss_trunc", "pois_trunc", "kidney_gamma", "nb_cens", "st_cens"];
for (const name of names) {
  const c = fx[name];
  const lines = readFileSync(`bench/qa/results/ct-${name}-brms.csv`, "utf8").trim().split("\n").map((l) => l.split(",").map((v) => v.replace(/"/g, "")));
  const head = lines[0];
  const col = (h: string) => lines.slice(1).map((l) => l[head.indexOf(h)]);
  const brms = { variable: col("variable"), mean: col("mean"), sd: col("sd"), mcse_mean: col("mcse_mean"), mcse_sd: col("mcse_sd") };
  const data = readCsvText(readFileSync(`bench/qa/data/${c.data}`, "utf8"));
  const u0 = process.cpuUsage();
  const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family.toLowerCase() }, { chains: 4, warmup: 1000, draws: 1000, seed, threads: 1 });
  const cpu = process.cpuUsage(u0);
  const s = summarizeFit(fit);
  const rows = s.rows.filter((r) => /^(b_|sd_|sigma$|shape$|nu$)/.test(r.name));
  const vars = brms.variable as string[];
  console.log(`\n${name}: \`${c.formula}\`, family ${c.family}; hbayes CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, divergences ${s.diagnostics.divergences}`);
  console.log("| parameter | hbayes mean (sd) | brms mean (sd) | z mean | z sd |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const k = vars.indexOf(r.name);
    const bm = Number(brms.mean[k]), bs = Number(brms.sd[k]), bmm = Number(brms.mcse_mean[k]), bms = Number(brms.mcse_sd[k]);
    const msd = mcseSd(chainsOf(fit.draws, variableIndex(fit.draws, r.name)));
    const zm = (r.mean - bm) / Math.hypot(r.mcse_mean, bmm);
    const zs = (r.sd - bs) / Math.hypot(msd, bms);
    console.log(`| ${r.name} | ${r.mean.toFixed(3)} (${r.sd.toFixed(3)}) | ${bm.toFixed(3)} (${bs.toFixed(3)}) | ${zm.toFixed(2)} | ${zs.toFixed(2)} |`);
  }
}
