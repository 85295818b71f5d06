import { describe, expect, it } from "vitest";
import { failures } from "../../support/brmsCase.js";
import { CASES, fitCase } from "./brmsCase.js";

// Non-linear models against brms 2.18 at brms's settings (4 × (1000 + 1000), seed 1): an exponential
// decay with a varying amplitude (10 groups), an Emax dose–response with a covariate on Emax and a
// bounded ED50, a Poisson count whose log-mean decays (12 groups), and a decay whose amplitude has a
// covariate with a correlated varying intercept and slope (12 groups). 0.1–1 s CPU per fit
// (bench/qa/2026-11-30-nonlinear.md). Rule: every brms parameter's mean and sd within 4 combined MCSEs.
describe("non-linear models agree with brms", () => {
  for (const name of Object.keys(CASES)) {
    it(`${name}: every parameter (b_*, sd_*, sigma, r_*) within 4 MCSE`, async () => {
      const { comparisons } = await fitCase(name);
      expect(comparisons.length).toBe(CASES[name].parameters.length);
      expect(failures(comparisons)).toEqual([]);
    }, 600_000);
  }
});
