/**
 * hbayes's side of make-fixed-surgical.R: NUTS transitions on the surgical posterior at fixed step
 * sizes with a unit metric, from the zero point, 8 chains × 5000 (first 500 dropped).
 *   npx tsx test/slow/inference/fixedSurgical.ts
 */
import { createNutsWorkspace, nutsInit, nutsStep } from "../../../src/inference/nuts.js";
import { unitMetric } from "../../../src/inference/metric.js";
import { createRng } from "../../../src/random/rng.js";
import { targetOf } from "./adaptTargets.js";

const target = targetOf("surgical_data-surgical_model");
for (const eps of [0.05, 0.1, 0.2]) {
  let acc = 0;
  let nl = 0;
  let div = 0;
  let n = 0;
  const perChain: number[] = [];
  for (let c = 0; c < 8; c++) {
    const rng = createRng(3, c);
    const ws = createNutsWorkspace(target, 10);
    const state = nutsInit(new Float64Array(target.dim), target);
    const metric = unitMetric(target.dim);
    let a = 0;
    for (let i = 0; i < 5000; i++) {
      const info = nutsStep(rng, state, { stepSize: eps, metric, maxTreeDepth: 10, maxDeltaH: 1000 }, ws);
      if (i < 500) continue;
      acc += info.acceptStat;
      a += info.acceptStat;
      nl += info.nLeapfrog;
      div += info.divergent ? 1 : 0;
      n++;
    }
    perChain.push(a / 4500);
  }
  console.log(eps, acc / n, nl / n, div, perChain.map((x) => x.toFixed(4)).join(" "));
}
