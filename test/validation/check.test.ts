import { describe, expect, it } from "vitest";
import { checkParameter, judgePosterior, SD_RELATIVE_LIMIT, Z_LIMIT } from "../../validation/posteriordb/check.js";

const ours = (mean: number, sd: number, mcse: number, mcseSd = 0.01) => ({ mean, sd, mcse_mean: mcse, mcse_sd: mcseSd, ess_bulk: 1000, rhat: 1 });

describe("checkParameter", () => {
  it("checkParameter(z) divides the mean difference by the combined MCSE", () => {
    // 3-4-5 triangle: combined MCSE 0.05, difference 0.1 → z = 2.
    const c = checkParameter("mu", ours(1.1, 2, 0.03), { mean: 1, sd: 2, mcse_mean: 0.04 });
    expect(c.z).toBeCloseTo(2, 12);
    expect(c.sd_error).toBe(0);
  });

  it("checkParameter turns a NaN MCSE into an infinite z, so it fails", () => {
    const c = checkParameter("mu", ours(1, 2, Number.NaN), { mean: 1, sd: 2, mcse_mean: 0.01 });
    expect(c.z).toBe(Infinity);
  });
});

describe("judgePosterior", () => {
  const good = checkParameter("a", ours(0, 1, 0.01), { mean: 0.01, sd: 1.02, mcse_mean: 0.01 });
  const farMean = checkParameter("b", ours(0, 1, 0.01), { mean: 0.06, sd: 1, mcse_mean: 0.01 });
  const wideSd = checkParameter("c", ours(0, 1.2, 0.01), { mean: 0, sd: 1, mcse_mean: 0.01 });

  it("judgePosterior passes when every z < 4 and every sd within 10 %", () => {
    const v = judgePosterior([good], 0, "none");
    expect(v.pass).toBe(true);
    expect(v.failures).toEqual([]);
  });

  it("judgePosterior fails a mean off by more than 4 combined MCSE and names the parameter", () => {
    expect(farMean.z).toBeGreaterThan(Z_LIMIT);
    const v = judgePosterior([good, farMean], 0, "none");
    expect(v.pass).toBe(false);
    expect(v.worstZ.name).toBe("b");
    expect(v.failures[0]).toMatch(/^b: z = /);
  });

  it("judgePosterior fails an sd more than 10 % off", () => {
    expect(wideSd.sd_error).toBeGreaterThan(SD_RELATIVE_LIMIT);
    const v = judgePosterior([good, wideSd], 0, "none");
    expect(v.pass).toBe(false);
    expect(v.worstSd.name).toBe("c");
  });

  it("judgePosterior passes an sd more than 10 % off only when it is within 4 mcse_sd (heavy tails), and flags it", () => {
    const noisy = checkParameter("d", ours(0, 1.2, 0.01, 0.06), { mean: 0, sd: 1, mcse_mean: 0.01 });
    expect(noisy.sd_by_mcse).toBe(true);
    expect(judgePosterior([good, noisy], 0, "none").pass).toBe(true);
    expect(wideSd.sd_by_mcse).toBe(false);
  });

  it("judgePosterior applies the divergence policy", () => {
    expect(judgePosterior([good], 1, "none").pass).toBe(false);
    expect(judgePosterior([good], 0, "expected").pass).toBe(false);
    expect(judgePosterior([good], 7, "expected").pass).toBe(true);
    expect(judgePosterior([good], 7, "allowed").pass).toBe(true);
  });
});
