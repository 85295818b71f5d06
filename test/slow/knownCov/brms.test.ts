import { describe, expect, it } from "vitest";
import { failures } from "../../support/brmsCase.js";
import { compareKnownCov } from "../../knownCov/brmsCase.js";

// gr(species, cov = A) against brms 2.18 at brms's own settings (4 × (1000 + 1000), seed 1;
// test/knownCov/fixtures/make-brms.R, bench/qa/2026-11-30-gr-cov.md). Rule: every stored brms
// parameter (b_, sd_, cor_, sigma and five species' r_) within 4 combined MCSEs in mean and sd
// (test/support/brmsCase.ts), and, as the brief asks, every mean within 3.
const FULL = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };

describe("gr(g, cov = A) agrees with brms at full length", () => {
  it.each([
    ["gr_gauss", 9],
    ["gr_pois", 8],
    ["gr_slope", 16],
  ] as const)("%s: all %i parameters", async (name, count) => {
    const { comparisons: cs } = await compareKnownCov(name, FULL);
    expect(cs.length).toBe(count);
    expect(failures(cs)).toEqual([]);
    expect(cs.filter((c) => !(Math.abs(c.zMean) < 3)).map((c) => `${c.name}: ${c.zMean.toFixed(2)}`)).toEqual([]);
  }, 900_000);
});
