/**
 * The hbayes side of the adaptation study (does warmup adapt ε as Stan does at high adapt_delta?).
 * Runs many chains on the same targets as test/inference/fixtures/make-adapt-refs.R and writes, per
 * model, the same per-chain statistics as JSON (see test/inference/support/adaptStats.ts).
 *
 *   npx tsx test/slow/inference/adaptStudy.ts out.json [--warmup=1000] [--seed=20250601] [--chains=N] [--delta=0.99] [model ...]
 */
import { writeFileSync } from "node:fs";
import { runAdaptChains } from "../../inference/support/adaptStats.js";
import { targetOf } from "./adaptTargets.js";

const CHAINS: Record<string, number> = { gauss10: 64, "rats_data-rats_model": 24, "surgical_data-surgical_model": 24 };
const args = process.argv.slice(2);
const flag = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
const [outFile, ...which] = args.filter((a) => !a.startsWith("--"));
const models = which.length > 0 ? which : Object.keys(CHAINS);
const seed = Number(flag("seed") ?? 20250601);
const warmup = Number(flag("warmup") ?? 1000);
const adaptDelta = Number(flag("delta") ?? 0.99);
const out: Record<string, unknown> = {};
for (const name of models) {
  const chains = flag("chains") !== undefined ? Number(flag("chains")) : CHAINS[name] ?? 24;
  const r = runAdaptChains(targetOf(name), { chains, warmup, draws: 1000, adaptDelta, seed });
  out[name] = { ...r, seed };
  const eps = r.perChain.map((p) => p.stepSize).sort((a, b) => a - b);
  const acc = r.perChain.reduce((a, p) => a + p.meanAcceptStat, 0) / chains;
  console.log(name, "median stepsize", eps[eps.length >> 1], "mean accept", acc);
}
writeFileSync(outFile, JSON.stringify({ cases: out }, null, 1));
