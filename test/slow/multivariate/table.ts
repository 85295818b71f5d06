/**
 * The QA note's table (bench/qa/2026-11-30-multivariate.md): each brms case fitted at brms's settings,
 * the non-r_ parameters' means beside brms's with |z| of mean and sd, the largest |z| over the r_'s, CPU
 * seconds and gradients. Usage: npx tsx test/slow/multivariate/table.ts
 */
import { readFileSync } from "node:fs";
import { fitMultivariateModel } from "../../../src/api/multivariateFit.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";
import { compareDraws, type BrmsParameter } from "../../support/brmsCase.js";
import { variableIndex, variableOf } from "../../../src/posterior/draws.js";

const CASES = JSON.parse(readFileSync(new URL("./fixtures/multivariate-brms.json", import.meta.url), "utf8")) as Record<string, { formula: string; family: string; data: string; brms: { sampling_seconds_sum_chains: number; leapfrogs: number }; parameters: BrmsParameter[] }>;

for (const [name, c] of Object.entries(CASES)) {
  const data = readCsvFile(new URL(`./fixtures/${c.data}.csv`, import.meta.url).pathname);
  const t0 = process.cpuUsage();
  const { fit } = await fitMultivariateModel({ formula: c.formula, family: c.family, data }, { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 });
  const used = process.cpuUsage(t0);
  const cs = compareDraws(fit.draws, c.parameters);
  console.log(`\n### ${name}: \`${c.formula}\`\n`);
  console.log("| parameter | brms mean | brms sd | z mean | z sd |\n| --- | ---: | ---: | ---: | ---: |");
  cs.forEach((x, k) => {
    if (x.name.startsWith("r_")) return;
    const p = c.parameters[k];
    console.log(`| ${x.name} | ${p.mean.toFixed(3)} | ${p.sd.toFixed(3)} | ${x.zMean.toFixed(2)} | ${x.zSd.toFixed(2)} |`);
  });
  const r = cs.filter((x) => x.name.startsWith("r_"));
  const worst = r.reduce((a, x) => (Math.max(Math.abs(x.zMean), Math.abs(x.zSd)) > Math.max(Math.abs(a.zMean), Math.abs(a.zSd)) ? x : a), r[0]);
  console.log(`| ${r.length} r_ (largest) | | | ${worst.name}: ${worst.zMean.toFixed(2)} | ${worst.zSd.toFixed(2)} |`);
  const leapfrogs = variableOf(fit.draws, variableIndex(fit.draws, "n_leapfrog__")).reduce((a, b) => a + b, 0);
  console.log(`\nhbayes: ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (compile + warmup + sampling, 4 chains, one thread), ${fit.timing.gradients} gradients in all, ${leapfrogs} leapfrogs after warmup; brms: ${c.brms.sampling_seconds_sum_chains.toFixed(1)} s sampling (rstan's elapsed, summed over chains; compile excluded), ${c.brms.leapfrogs} leapfrogs after warmup.`);
}
