import { describe, expect, it } from "vitest";
import { failures } from "../support/brmsCase.js";
import { compareWithBrms } from "./brmsCompare.js";

// 300 simulated rows, 10 groups (fixtures/make-brms-fixture.R, seeded) against brms 4 × (1000 + 1000),
// seed 1. hbayes: 4 × (500 + 1000) with a fixed seed, ~2 s CPU for both fits. Rule (the user sweep's):
// every brms parameter's mean and sd within 4 combined MCSEs.
const SHORT = { chains: 4, warmup: 500, draws: 1000, seed: 20261129 };

describe("hurdle_gamma and hurdle_lognormal agree with brms", () => {
  it("gamma_hu (y ~ x + (1 | g), hu ~ x): b_*, b_hu_*, sd and shape within 4 MCSE", async () => {
    const cs = await compareWithBrms("gamma_hu", SHORT);
    expect(cs.length).toBe(6);
    expect(failures(cs)).toEqual([]);
  });
  it("lognormal (y ~ x + (1 | g)): b_*, sd, sigma and hu within 4 MCSE", async () => {
    const cs = await compareWithBrms("lognormal", SHORT);
    expect(cs.length).toBe(5);
    expect(failures(cs)).toEqual([]);
  });
});
