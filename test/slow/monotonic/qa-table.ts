// QA table for bench/qa/2026-11-30-monotonic.md: both brms cases at brms's settings, reparam/marginalize auto and none.
// Usage (repo root): npx tsx test/slow/monotonic/qa-table.ts
import { readFileSync } from "node:fs";
import { fitFormulaModel } from "../../../src/api/formulaFit.js";
import { essBulk } from "../../../src/diagnostics/ess.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";
import { chainOf, variableIndex } from "../../../src/posterior/draws.js";
import { compareDraws } from "../../support/brmsCase.js";
const cases = JSON.parse(readFileSync("test/monotonic/fixtures/brms.json", "utf8"));
for (const c of cases) {
  const data = readCsvFile(`test/monotonic/fixtures/${c.data}.csv`);
  for (const marg of ["auto", "none"] as const) {
    const t0 = process.cpuUsage();
    const { fit } = await fitFormulaModel({ formula: c.formula, data, family: c.family }, { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1, marginalize: marg, reparam: marg });
    const cpu = process.cpuUsage(t0);
    const v = variableIndex(fit.draws, "n_leapfrog__");
    let leap = 0;
    for (let k = 0; k < 4; k++) for (const x of chainOf(fit.draws, v, k)) leap += x;
    const ess = (name: string) => essBulk(Array.from({ length: 4 }, (_, k) => chainOf(fit.draws, variableIndex(fit.draws, name), k)));
    const ours = c.parameters.map((p: { name: string }) => ess(p.name));
    const minOurs = Math.min(...ours);
    const minBrms = Math.min(...c.parameters.map((p: { ess_bulk: number }) => p.ess_bulk));
    console.log(`\n### ${c.name} (${c.formula}, ${c.family}); reparam/marginalize ${marg}: ${JSON.stringify(fit.beyond?.marginalized?.map((m) => m.kind) ?? [])}`);
    console.log(`CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (brms sampling+warmup ${(c.cost.sampling_seconds_sum_chains + c.cost.warmup_seconds_sum_chains).toFixed(2)} s), gradients ${fit.timing.gradients}, sampling leapfrogs ${leap} (brms ${c.cost.leapfrogs}), min ESS_bulk ${minOurs.toFixed(0)} (brms ${minBrms.toFixed(0)}), min ESS per 1000 sampling leapfrogs ${(1000 * minOurs / leap).toFixed(1)} (brms ${(1000 * minBrms / c.cost.leapfrogs).toFixed(1)})`);
    if (marg !== "auto") continue;
    console.log("| parameter | brms mean | brms sd | hbayes mean | hbayes sd | z mean | z sd | ESS bulk hbayes / brms |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const cmp = compareDraws(fit.draws, c.parameters);
    c.parameters.forEach((p: { name: string; mean: number; sd: number; ess_bulk: number }, k: number) => {
      const idx = variableIndex(fit.draws, p.name);
      const all = Array.from({ length: 4 }, (_, j) => Array.from(chainOf(fit.draws, idx, j))).flat();
      const m = all.reduce((a, b) => a + b, 0) / all.length;
      const sd = Math.sqrt(all.reduce((a, b) => a + (b - m) ** 2, 0) / (all.length - 1));
      console.log(`| ${p.name} | ${p.mean.toFixed(4)} | ${p.sd.toFixed(4)} | ${m.toFixed(4)} | ${sd.toFixed(4)} | ${cmp[k].zMean.toFixed(2)} | ${cmp[k].zSd.toFixed(2)} | ${ours[k].toFixed(0)} / ${p.ess_bulk.toFixed(0)} |`);
    });
  }
}
