import { describe, expect, it } from "vitest";
import { brmsCases, failures } from "../../support/brmsCase.js";

// mo(x) against brms 2.18 at brms's own settings (4 × (1000 + 1000), seed 1; test/monotonic/fixtures/make-brms.R,
// bench/qa/2026-11-30-monotonic.md). Rule: every brms parameter's mean and sd within 4 combined MCSEs
// (test/support/brmsCase.ts), and (the brief's stricter check) every mean within 3.
const FULL = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };
const cases = brmsCases(new URL("../../monotonic/fixtures/brms.json", import.meta.url), { dataBeside: true });

describe("mo(x) agrees with brms at full length", () => {
  it.each([
    ["mo_gauss", 9],
    ["mo_pois", 8],
    ["mo_inter", 18],
  ] as const)("%s: all %i parameters (b_, bsp_, simo_, sd_, sigma)", async (name, count) => {
    const cs = await cases.compareWithBrms(name, FULL);
    expect(cs.length).toBe(count);
    expect(failures(cs)).toEqual([]);
    expect(cs.filter((c) => !(Math.abs(c.zMean) < 3)).map((c) => `${c.name}: ${c.zMean.toFixed(2)}`)).toEqual([]);
  }, 600_000);
});
