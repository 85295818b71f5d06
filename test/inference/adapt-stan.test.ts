/**
 * Does warmup adapt the step size as Stan does at high adapt_delta? Whole chains (init, step-size
 * search, dual averaging with restarts after each metric window, exp(x̄) at the end) on a target whose
 * answer cannot depend on the model code: ten independent normals with scales 0.1 … 10. Stan's side
 * is 64 rstan chains in fixtures/adapt-stan-refs.json (make-adapt-refs.R); ours is 64 chains here.
 * Chains are independent, so each statistic's between-chain sd / √64 is its exact standard error,
 * and every tolerance below is 4 × the combined standard error of the two means.
 * What it catches, checked by breaking chain.ts on purpose: final ε = exp(x) instead of exp(x̄)
 * (post-warmup accept_stat 0.988 → 0.982, ε and n_leapfrog also fail), no dual-averaging restart after
 * a window (terminal-buffer accept_stat 0.958 → 0.980), no step-size search after a window (restart
 * step sizes and terminal buffer fail).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stdNormal } from "./support/models.js";
import { GAUSS10_SCALES, meanSe, runAdaptChains, type AdaptCase } from "./support/adaptStats.js";

const refs = JSON.parse(readFileSync(new URL("./fixtures/adapt-stan-refs.json", import.meta.url), "utf8")) as {
  cases: Record<string, AdaptCase>;
};

describe("warmup adaptation against rstan 2.21 at adapt_delta 0.99 (gauss10, 64 chains each)", () => {
  const stan = refs.cases.gauss10;
  const ours = runAdaptChains(stdNormal({ dim: 10, scales: [...GAUSS10_SCALES] }), {
    chains: stan.chains, warmup: stan.warmup, draws: stan.draws, adaptDelta: stan.adaptDelta, seed: 4242,
  });
  const compare = (what: string, f: (c: AdaptCase["perChain"][number]) => number) => {
    const a = meanSe(ours.perChain.map(f));
    const b = meanSe(stan.perChain.map(f));
    const tol = 4 * Math.hypot(a.se, b.se);
    expect(Math.abs(a.mean - b.mean), `${what}: ours ${a.mean.toFixed(5)} ± ${a.se.toFixed(5)}, Stan ${b.mean.toFixed(5)} ± ${b.se.toFixed(5)}`).toBeLessThan(tol);
    return { ours: a, stan: b, tol };
  };

  it("uses the same target and settings as the fixture", () => {
    expect(stan.adaptDelta).toBe(0.99);
    expect(stan.chains).toBe(64);
    expect([stan.warmup, stan.draws]).toEqual([1000, 1000]);
  });

  it("mean post-warmup accept_stat__ agrees with Stan's (both ≈ adapt_delta)", () => {
    const r = compare("accept_stat__", (c) => c.meanAcceptStat);
    // Stan's own post-warmup mean on this target is 0.988, a little under δ; ours must not drift from it.
    expect(r.stan.mean).toBeGreaterThan(0.98);
  });

  it("log of the adapted step size agrees with Stan's", () => {
    compare("log stepsize", (c) => Math.log(c.stepSize));
  });

  it("mean accept_stat__ over the terminal buffer (the dual-averaging iterates) agrees with Stan's", () => {
    compare("terminal-buffer accept_stat__", (c) => c.termBufferAcceptStat);
  });

  it("the step size after each window's restart (the search from the new metric) agrees with Stan's", () => {
    for (let k = 0; k < stan.perChain[0].restartStepSizes.length; k++) {
      compare(`log stepsize after window ${k + 1}`, (c) => Math.log(c.restartStepSizes[k]));
    }
  });

  it("mean n_leapfrog__ after warmup agrees with Stan's", () => {
    compare("n_leapfrog__", (c) => c.meanLeapfrog);
  });
});
