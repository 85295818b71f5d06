import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { chainsOf } from "../../src/diagnostics/chains.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { poissonLpmf } from "../../src/distributions/index.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { model, normal } from "../../src/model/index.js";
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
    const full = await fit(M.pumps, data, { ...OPTS, marginalize: "none", reparam: "none" });
    const marg = await fit(M.pumps, data, { ...OPTS, marginalize: "auto" });
    expect(full.beyond).toBeNull();
    expect(marg.beyond?.marginalized).toEqual([{ param: "lambda", kind: "poisson_gamma", groups: 10 }]);
    expect(marg.names).toEqual(full.names);
    expectSamePosterior(marg, full, ["alpha", "beta", ...Array.from({ length: 10 }, (_, j) => `lambda[${j + 1}]`)]);
  });

  it("binomial–Beta groups (one with ~250 trials per row): the marginal fit matches the full fit", async () => {
    const data = M.ratsData();
    const full = await fit(M.ratsLike, data, { ...OPTS, marginalize: "none", reparam: "none" });
    const marg = await fit(M.ratsLike, data, { ...OPTS, marginalize: "auto" });
    expect(marg.beyond?.marginalized).toEqual([{ param: "p", kind: "binomial_beta", groups: 8 }]);
    expectSamePosterior(marg, full, ["a", "b", ...Array.from({ length: 8 }, (_, j) => `p[${j + 1}]`)]);
  });

  it("eight schools centred: the normal–normal marginal fit matches the hand non-centred fit, without divergences", async () => {
    const nc = await fit(M.eightNoncentered, M.EIGHT_SCHOOLS, { ...OPTS, marginalize: "none", reparam: "none" });
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

  it("rejects an unknown switch value, listing the valid ones", async () => {
    await expect(fit(M.pumps, M.pumpsData(), { ...OPTS, marginalize: "yes" as never })).rejects.toThrow('fit: marginalize must be one of "auto", "none", got "yes"');
  });

  it("is on by default; generated quantities and predictions run on the completed draws (the drawn group parameters)", async () => {
    const data = M.pumpsData();
    const g = await fit(M.pumps, data, { chains: 2, warmup: 200, draws: 200, seed: 3, threads: 1, generated: true });
    expect(g.beyond?.switches).toEqual({ reparam: "auto", marginalize: "auto" });
    expect(g.beyond?.marginalized).toEqual([{ param: "lambda", kind: "poisson_gamma", groups: 10 }]);
    const ll = logLikDsl(g);
    const lambda = g.get("lambda", "elements");
    let worst = 0;
    for (let s = 0; s < ll.draws; s++) {
      for (let i = 0; i < 10; i++) worst = Math.max(worst, Math.abs(ll.data[s * 10 + i] - poissonLpmf(data.failures[i], lambda[i][s] * data.time[i])));
    }
    // Constrained draws → unconstrain → constrain again: a few ulps of lambda.
    expect(worst).toBeLessThan(1e-9);
    expect(posteriorPredictDsl(g).observations).toBe(10);
  });

  it("initial values: those of the integrated-out parameters are not needed; naming an unknown parameter turns marginalising off with a note", async () => {
    const data = M.pumpsData();
    const ok = await fit(M.pumps, data, { chains: 1, warmup: 100, draws: 100, seed: 3, threads: 1, init: [{ alpha: 1, beta: 1, lambda: Array(10).fill(0.5) }] });
    expect(ok.beyond?.marginalized.map((m) => m.param)).toEqual(["lambda"]);
    const e8 = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { chains: 1, warmup: 100, draws: 100, seed: 3, threads: 1, init: [{ mu: 0, tau: 1 }] });
    expect(e8.beyond?.marginalized.map((m) => m.param)).toEqual(["theta"]);
    await expect(fit(M.pumps, data, { chains: 1, warmup: 100, draws: 100, seed: 3, threads: 1, init: [{ alpha: 1, beta: 1, lambda: Array(10).fill(0.5), gamma: 2 }] })).rejects.toThrow(/"gamma", which is not a parameter/);
  });
});

describe("fit(..., { marginalize: 'auto' }) with nothing left to sample", () => {
  it("samples the model as written, with a note, when every parameter would be integrated out", async () => {
    const known = model("fixed_population", ({ data, param, observe }) => {
      const y = data.reals("y");
      const sigma = data.reals("sigma", { lower: 0, length: y.length });
      const theta = param("theta", normal(0, 10), { size: y.length });
      observe(y, normal(theta, sigma));
    });
    const f = await fit(known, M.EIGHT_SCHOOLS, { chains: 1, warmup: 100, draws: 100, seed: 1, threads: 1 });
    expect(f.beyond?.marginalized).toEqual([]);
    expect(f.beyond?.notes).toEqual(["marginalize: not applied, nothing would be left to sample"]);
    expect(f.names).toContain("theta[8]");
  });
});
