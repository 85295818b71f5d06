/**
 * Warmup divergences per adaptation window against divergences after warmup (session 8, bench/RESULTS.md full-notes):
 * whether divergences during warmup could tell which fits need a higher adapt_delta. Models: "four" (y ~ x + (1 | g),
 * 4 groups, group sd 0.05, data seeded per fit) or a bench model id (pumps, eight_schools_centered, …).
 * Run: npx tsx bench/warmupDivergences.ts four 0.8 20   (model, adapt_delta, seeds)
 */
import { fitProgram } from "../src/api/fit.js";
import { buildFormulaModel } from "../src/api/formulaFit.js";
import { chainsOf } from "../src/diagnostics/chains.js";
import { findModel } from "./full/models.js";
import { createRng } from "../src/random/rng.js";

function fourGroups(dataSeed: number) {
  const rng = createRng(dataSeed, 0);
  const y: number[] = [], x: number[] = [], g: string[] = [];
  const J = 4, n = 10;
  const r = Array.from({ length: J }, () => 0.05 * rng.normal());
  for (let j = 0; j < J; j++) for (let i = 0; i < n; i++) { const xi = rng.normal(); x.push(xi); g.push("g" + j); y.push(1 + 0.5 * xi + r[j] + rng.normal()); }
  return { y, x, g };
}
const id = process.argv[2];
const delta = Number(process.argv[3] ?? 0.65);
const seeds = Number(process.argv[4] ?? 10);
const bounds = [0, 75, 100, 150, 250, 450, 950, 1000];
const tot = new Array(bounds.length - 1).fill(0);
let chainsWithPost = 0, chainsFlagged = 0, chainsFlaggedAndPost = 0, fitsPost = 0, postTotal = 0, chainsTot = 0;
for (let seed = 1; seed <= seeds; seed++) {
  let built;
  if (id === "four") { const fm = buildFormulaModel({ formula: "y ~ x + (1 | g)", data: fourGroups(seed) as any }); built = fm.built; }
  else built = findModel(id).hbayes();
  const f = await fitProgram(built as any, { chains: 4, warmup: 1000, draws: 1000, seed, adaptDelta: delta, saveWarmup: true });
  const wd = f.result.warmupDraws!;
  const dv = wd.names.indexOf("divergent__");
  const wc = chainsOf(wd, dv);
  const pc = chainsOf(f.result.draws, f.result.draws.names.indexOf("divergent__"));
  let fitPost = 0;
  for (let c = 0; c < wc.length; c++) {
    const per = bounds.slice(1).map((b, k) => { let s = 0; for (let i = bounds[k]; i < b; i++) s += wc[c][i]; return s; });
    per.forEach((v, k) => (tot[k] += v));
    const post = pc[c].reduce((a, b) => a + b, 0);
    const flagged = per[4] + per[5] + per[6] > 0; // windows 250–1000
    chainsTot++; if (post > 0) chainsWithPost++; if (flagged) chainsFlagged++; if (flagged && post > 0) chainsFlaggedAndPost++;
    fitPost += post;
  }
  if (fitPost > 0) fitsPost++; postTotal += fitPost;
}
console.log(id, delta, "warmup div per window", tot.join(" "), "| chains", chainsTot, "post>0", chainsWithPost, "flagged(late warmup)", chainsFlagged, "flagged&post", chainsFlaggedAndPost, "| fits with post div", fitsPost, "post total", postTotal);
