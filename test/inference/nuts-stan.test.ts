import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createNutsWorkspace, nutsInit, nutsStep } from "../../src/inference/nuts.js";
import { unitMetric } from "../../src/inference/metric.js";
import { createRng } from "../../src/random/rng.js";
import { stdNormal } from "./support/models.js";

interface Case {
  dim: number;
  stepSize: number;
  n: number;
  meanTreeDepth: number;
  meanLeapfrog: number;
  sdLeapfrog: number;
  meanAcceptStat: number;
  sdAcceptStat: number;
}
const refs = JSON.parse(readFileSync(new URL("./fixtures/nuts-stan-refs.json", import.meta.url), "utf8")) as { cases: Case[] };

describe("nutsStep against Stan's NUTS (rstan 2.21, fixed step size, unit metric, standard normal)", () => {
  for (const c of refs.cases) {
    it(`dim ${c.dim}, ε = ${c.stepSize}: mean n_leapfrog__, treedepth__ and accept_stat__ agree`, () => {
      const target = stdNormal({ dim: c.dim });
      const ws = createNutsWorkspace(target, 10);
      const rng = createRng(31, c.dim * 10 + c.stepSize);
      const state = nutsInit(new Float64Array(c.dim), target);
      const metric = unitMetric(c.dim);
      const n = 20_000;
      let nl = 0;
      let depth = 0;
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const info = nutsStep(rng, state, { stepSize: c.stepSize, metric, maxTreeDepth: 10, maxDeltaH: 1000 }, ws);
        nl += info.nLeapfrog;
        depth += info.treeDepth;
        acc += info.acceptStat;
      }
      // Standard error of a difference of two means (ours: n draws, Stan's: c.n), doubled for the mild
      // autocorrelation of tree sizes, then 4 of those. Tree depth has sd < 1, so sd 1 bounds it.
      const se = (sd: number) => 2 * sd * Math.sqrt(1 / n + 1 / c.n);
      expect(Math.abs(nl / n - c.meanLeapfrog)).toBeLessThan(4 * se(c.sdLeapfrog));
      expect(Math.abs(depth / n - c.meanTreeDepth)).toBeLessThan(4 * se(1));
      expect(Math.abs(acc / n - c.meanAcceptStat)).toBeLessThan(4 * se(c.sdAcceptStat));
    });
  }
});
