import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "../../zeroInflated/brmsCase.js";

// The Poisson pair against brms on lme4's grouseticks, TICKS ~ scale(HEIGHT) + factor(YEAR) + (1 | BROOD):
// 4 × (1000 + 1000), ~10 s CPU each (the roaches pair is in the default suite). Rule: means and sds
// within 4 combined MCSEs.
describe("zero-inflated / hurdle Poisson agree with brms (grouseticks)", () => {
  for (const name of ["grouse_zip", "grouse_hp"]) {
    it(`${name}: b_*, sd_BROOD__Intercept and zi/hu within 4 MCSE`, { timeout: 300_000 }, async () => {
      const cs = await compareWithBrms(name, { chains: 4, warmup: 1000, draws: 1000, seed: 20261129 });
      expect(cs.length).toBe(6);
      expect(failures(cs)).toEqual([]);
    });
  }
});
