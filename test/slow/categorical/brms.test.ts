import { describe, expect, it } from "vitest";
import { compareWithBrms, failures } from "../../categorical/brmsCase.js";

// The categorical comparison at brms's own settings (4 × (1000 + 1000)), ~3 s CPU
// (bench/qa/2026-11-30-categorical.md). Rule: every brms parameter's mean and sd within 4 combined MCSEs,
// and (the brief's stricter check) every mean within 3.
const FULL = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };

describe("categorical agrees with brms at full length", () => {
  it("cat_sim: all 30 parameters", async () => {
    const cs = await compareWithBrms("cat_sim", FULL);
    expect(cs.length).toBe(30);
    expect(failures(cs)).toEqual([]);
    expect(cs.filter((c) => !(Math.abs(c.zMean) < 3)).map((c) => `${c.name}: ${c.zMean.toFixed(2)}`)).toEqual([]);
  }, 600_000);

  it("cat_int4: all 12 coefficients", async () => {
    const cs = await compareWithBrms("cat_int4", FULL);
    expect(cs.length).toBe(12);
    expect(failures(cs)).toEqual([]);
    expect(cs.filter((c) => !(Math.abs(c.zMean) < 3)).map((c) => `${c.name}: ${c.zMean.toFixed(2)}`)).toEqual([]);
  }, 600_000);
});
