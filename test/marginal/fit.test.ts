import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import * as M from "./support/models.js";

const OPTS = { chains: 4, warmup: 500, draws: 1000, seed: 11, threads: 1 } as const;

/** posteriordb's pass rule: |Δmean| < 4 combined MCSE and sd within 10 %. */
function expectSamePosterior(a: Fit, b: Fit, names: readonly string[]): void {
  for (const n of names) {
    const va = a.draws.names.indexOf(n);
    const vb = b.draws.names.indexOf(n);
    const xa = a.get(n);
    const xb = b.get(n);
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    const sd = (x: Float64Array) => Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
    const mcse = Math.hypot(mcseMean(chainsOf(a.draws, va)), mcseMean(chainsOf(b.draws, vb)));
    expect(Math.abs(mean(xa) - mean(xb)), n).toBeLessThan(4 * mcse);
    expect(Math.abs(sd(xa) / sd(xb) - 1), n).toBeLessThan(0.1);
  }
}

describe("fit(..., { marginalize: 'auto' })", () => {
  it("pumps: the Poisson–Gamma marginal fit matches the full fit and reports what it integrated out", async () => {
    const data = M.pumpsData();
    const full = await fit(M.pumps, data, OPTS);
    const marg = await fit(M.pumps, data, { ...OPTS, marginalize: "auto" });
    expect(full.beyond).toBeNull();
    expect(marg.beyond?.marginalized).toEqual([{ param: "lambda", kind: "poisson_gamma", groups: 10 }]);
    expect(marg.names).toEqual(full.names);
    expectSamePosterior(marg, full, ["alpha", "beta", ...Array.from({ length: 10 }, (_, j) => `lambda[${j + 1}]`)]);
  });

  it("eight schools centred: the normal–normal marginal fit matches the hand non-centred fit, without divergences", async () => {
    const nc = await fit(M.eightNoncentered, M.EIGHT_SCHOOLS, OPTS);
    const marg = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...OPTS, marginalize: "auto" });
    expect(marg.divergences).toBe(0);
    expectSamePosterior(marg, nc, ["mu", "tau", ...Array.from({ length: 8 }, (_, j) => `theta[${j + 1}]`)]);
  });

  it("same seed → the same draws, bit for bit, in this thread and in 2 workers", async () => {
    const opts = { chains: 2, warmup: 200, draws: 200, seed: 5, marginalize: "auto" } as const;
    const a = await fit(M.pumps, M.pumpsData(), { ...opts, threads: 1 });
    const b = await fit(M.pumps, M.pumpsData(), { ...opts, threads: 2 });
    expect(Array.from(b.draws.data)).toEqual(Array.from(a.draws.data));
  }, 30_000);

  it("rejects an unknown switch value, listing the valid ones; notes why it did not marginalise with generated quantities", async () => {
    await expect(fit(M.pumps, M.pumpsData(), { ...OPTS, marginalize: "yes" as never })).rejects.toThrow('fit: marginalize must be one of "auto", "none", got "yes"');
    const g = await fit(M.pumps, M.pumpsData(), { chains: 1, warmup: 100, draws: 100, threads: 1, marginalize: "auto", generated: true });
    expect(g.beyond?.marginalized).toEqual([]);
    expect(g.beyond?.notes[0]).toMatch(/generated quantities/);
  });
});
