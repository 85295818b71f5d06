import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "./brmsCase.js";

// The negative-binomial pair against brms on rstanarm's roaches (262 rows, offset): 4 × (500 + 1000)
// with a fixed seed, ~2–3 s CPU each. The grouseticks pair (Poisson, 118 broods) is in
// test/slow/zeroInflated/brms.test.ts. Rule: every brms parameter's mean and sd within 4 combined MCSEs.
const SHORT = { chains: 4, warmup: 500, draws: 1000, seed: 20261129 };

describe("zero-inflated / hurdle negative binomial agree with brms (roaches)", () => {
  for (const name of ["roaches_zinb", "roaches_hnb"]) {
    it(`${name}: b_*, shape and zi/hu within 4 MCSE`, async () => {
      const cs = await compareWithBrms(name, SHORT);
      expect(cs.length).toBe(6);
      expect(failures(cs)).toEqual([]);
    });
  }
});
