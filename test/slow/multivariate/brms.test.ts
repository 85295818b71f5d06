/**
 * The multivariate fits against brms 2.18 (fixtures/multivariate-brms.json, written by fixtures/make-brms.R):
 * each case fitted by hbayes from the same CSV and formula at brms's settings (4 chains, 1000 warmup, 1000
 * draws), every brms parameter (fixed, sd, cor, sigma, rescor, each r_) compared by |z| of the mean and sd
 * differences over the combined MCSEs (test/support/brmsCase.ts's rule). Bound 4: with ~40 parameters per
 * case the largest of 80 roughly standard-normal z's exceeds 3 about one time in five even when both agree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitMultivariateModel } from "../../../src/api/multivariateFit.js";
import { readCsvFile } from "../../../src/io/readCsvFile.js";
import { compareDraws, failures, type BrmsParameter } from "../../support/brmsCase.js";

interface MvCase {
  formula: string;
  family: string;
  data: string;
  brms: { sampling_seconds_sum_chains: number; divergences: number; leapfrogs: number };
  parameters: BrmsParameter[];
}
const CASES = JSON.parse(readFileSync(new URL("./fixtures/multivariate-brms.json", import.meta.url), "utf8")) as Record<string, MvCase>;

describe("multivariate models agree with brms", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.formula}`, async () => {
      const data = readCsvFile(new URL(`./fixtures/${c.data}.csv`, import.meta.url).pathname);
      const t0 = process.cpuUsage();
      const { fit } = await fitMultivariateModel({ formula: c.formula, family: c.family, data }, { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 });
      const used = process.cpuUsage(t0);
      const cs = compareDraws(fit.draws, c.parameters);
      const worst = cs.reduce((m, x) => Math.max(m, Math.abs(x.zMean), Math.abs(x.zSd)), 0);
      process.stdout.write(`${name}: ${cs.length} parameters, max |z| ${worst.toFixed(2)}, CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, gradients ${fit.timing.gradients} (brms ${c.brms.sampling_seconds_sum_chains.toFixed(1)} s sampling, ${c.brms.leapfrogs} leapfrogs)\n`);
      expect(cs.length).toBe(c.parameters.length);
      expect(failures(cs)).toEqual([]);
    }, 600_000);
  }
});
