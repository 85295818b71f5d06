/**
 * The table of bench/qa/2026-11-30-gr-cov.md: every gr(species, cov = A) case of
 * test/knownCov/fixtures/brms.json fitted by hbayes at brms's settings (4 × (1000 + 1000)) with the
 * seed given, each parameter's brms mean and sd and the z of our mean and sd against them, and the
 * sampling-phase leapfrogs, divergences and CPU time beside brms's.
 * Usage (repo root): npx tsx test/slow/knownCov/qa-table.ts [seed]
 */
import { compareKnownCov, knownCovCases } from "../../knownCov/brmsCase.js";

const seed = Number(process.argv[2] ?? 1);
for (const c of knownCovCases) {
  const r = await compareKnownCov(c.name, { chains: 4, warmup: 1000, draws: 1000, seed });
  console.log(`\n${c.name}: ${c.formula} (${c.family})`);
  console.log(`hbayes: ${r.cpuSeconds.toFixed(2)} s CPU (whole fit), ${r.leapfrogs} leapfrogs, ${r.divergences} divergences; brms: ${(c.cost.sampling_seconds_sum_chains + c.cost.warmup_seconds_sum_chains).toFixed(2)} s (warmup + sampling, 4 chains), ${c.cost.leapfrogs} leapfrogs, ${c.cost.divergences} divergences\n`);
  console.log("| parameter | brms mean | brms sd | z mean | z sd |\n| --- | ---: | ---: | ---: | ---: |");
  for (const z of r.comparisons) {
    const p = c.parameters.find((q) => q.name === z.name);
    if (!p) throw new Error(`no brms parameter ${z.name}`);
    console.log(`| ${z.name} | ${p.mean.toFixed(4)} | ${p.sd.toFixed(4)} | ${z.zMean.toFixed(2)} | ${z.zSd.toFixed(2)} |`);
  }
}
