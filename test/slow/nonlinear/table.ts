/**
 * The QA note's tables (bench/qa/2026-11-30-nonlinear.md): each non-linear case fitted at brms's
 * settings, every parameter against brms's summary (z of the mean and sd over the combined MCSEs), and
 * the cost: CPU seconds, gradients, and the smallest bulk ESS per 1000 gradients beside brms's per
 * 1000 leapfrogs. Run: npx tsx test/slow/nonlinear/table.ts
 */
import { summarizeFit } from "../../../src/api/fitSummary.js";
import { variableIndex, variableOf } from "../../../src/posterior/draws.js";
import { CASES, fitCase } from "./brmsCase.js";

const f = (x: number, d = 3) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(d));
const cost: string[] = ["| case | hbayes CPU s (warmup + sampling) | gradients (all) | sampling leapfrogs | divergences | min ESS_bulk | ESS / 1000 leapfrogs | brms sampling s (4 chains) | brms leapfrogs | brms min ESS_bulk | brms ESS / 1000 leapfrogs |", "|---|---|---|---|---|---|---|---|---|---|---|"];
for (const [name, c] of Object.entries(CASES)) {
  const { fit, comparisons, cpuSeconds } = await fitCase(name);
  const s = summarizeFit(fit).json as { parameters: { name: string; mean: number; sd: number; ess_bulk: number }[] };
  const ours = new Map(s.parameters.map((p) => [p.name, p]));
  console.log(`\n### ${name}: \`${c.formula}\`, ${Object.entries(c.nlpars).map(([k, v]) => `\`${k} ~ ${v}\``).join(", ")} (${c.family})\n`);
  console.log("| parameter | brms mean | hbayes mean | brms sd | hbayes sd | z mean | z sd |");
  console.log("|---|---|---|---|---|---|---|");
  for (const [k, p] of c.parameters.entries()) {
    const o = ours.get(p.name);
    const z = comparisons[k];
    console.log(`| ${p.name} | ${f(p.mean)} | ${o ? f(o.mean) : "—"} | ${f(p.sd)} | ${o ? f(o.sd) : "—"} | ${z.zMean.toFixed(2)} | ${z.zSd.toFixed(2)} |`);
  }
  const zs = comparisons.flatMap((z) => [Math.abs(z.zMean), Math.abs(z.zSd)]);
  console.log(`\nmax |z| ${Math.max(...zs).toFixed(2)} over ${comparisons.length} parameters.`);
  const minEss = Math.min(...c.parameters.map((p) => ours.get(p.name)?.ess_bulk ?? NaN));
  // Sampling-phase leapfrogs, as brms's nuts_params() counts them (post-warmup only).
  const leapfrogs = variableOf(fit.result.draws, variableIndex(fit.result.draws, "n_leapfrog__")).reduce((a, b) => a + b, 0);
  const brmsMin = Math.min(...c.parameters.map((p) => p.ess_bulk));
  cost.push(`| ${name} | ${cpuSeconds.toFixed(2)} | ${fit.timing.gradients} | ${leapfrogs} | ${fit.divergences} | ${minEss.toFixed(0)} | ${((1000 * minEss) / leapfrogs).toFixed(1)} | ${c.brms.sampling_seconds_sum_chains.toFixed(2)} | ${c.brms.leapfrogs} | ${brmsMin.toFixed(0)} | ${((1000 * brmsMin) / c.brms.leapfrogs).toFixed(1)} |`);
}
console.log(`\n${cost.join("\n")}`);
