import { describe, expect, it } from "vitest";
import { sample } from "../../src/inference/sample.js";
import { DEFAULT_SAMPLE_OPTIONS } from "../../src/inference/options.js";
import { chainOf, SAMPLER_VARIABLES, variableIndex } from "../../src/posterior/draws.js";
import { UserError } from "../../src/errors.js";
import type { ChainProgress } from "../../src/inference/chain.js";
import { domainErrorNormal, eightSchoolsNoncentered, rejectingNormal, stdNormal, throwingNormal } from "./support/models.js";

const quick = { chains: 2, warmup: 200, draws: 200, seed: 5 } as const;

describe("sample() options", () => {
  it("has frozen Stan defaults", () => {
    expect(Object.isFrozen(DEFAULT_SAMPLE_OPTIONS)).toBe(true);
    expect(DEFAULT_SAMPLE_OPTIONS).toMatchObject({ chains: 4, warmup: 1000, draws: 1000, adaptDelta: 0.8, maxTreeDepth: 10, metric: "diag", thin: 1 });
  });

  it("rejects unknown options and closed-set values, listing the valid choices", async () => {
    await expect(sample(stdNormal({ dim: 2 }), { metric: "euclid" as never })).rejects.toThrow('sample: metric must be one of "diag", "dense", "fisher-diag", "fisher-lowrank", got "euclid"');
    await expect(sample(stdNormal({ dim: 2 }), { chain: 2 } as never)).rejects.toThrow(/unknown option "chain"; valid options are chains, warmup/);
    await expect(sample(stdNormal({ dim: 2 }), { adaptDelta: 1.2 })).rejects.toThrow("sample: adaptDelta must be in (0, 1), got 1.2");
    await expect(sample(stdNormal({ dim: 2 }), { chains: 0 })).rejects.toBeInstanceOf(UserError);
    await expect(sample({ dim: 2 } as never, quick)).rejects.toThrow(/must be a LogDensity/);
  });
});

describe("sample(LogDensity)", () => {
  it("puts CmdStan's sampler variables first, then the model's outputNames via constrain", async () => {
    const res = await sample(eightSchoolsNoncentered(), quick);
    expect(res.draws.names.slice(0, 7)).toEqual([...SAMPLER_VARIABLES]);
    expect(res.draws.names.slice(7, 10)).toEqual(["mu", "tau", "theta[1]"]);
    expect(res.draws.chains).toBe(2);
    expect(res.draws.draws).toBe(200);
    // tau = exp(log tau) is positive; theta = mu + tau·theta_trans holds draw by draw.
    const d = res.draws;
    const [mu, tau, th1, tt1] = ["mu", "tau", "theta[1]", "theta_trans[1]"].map((n) => chainOf(d, variableIndex(d, n), 1));
    for (let i = 0; i < d.draws; i++) {
      expect(tau[i]).toBeGreaterThan(0);
      expect(th1[i]).toBeCloseTo(mu[i] + tau[i] * tt1[i], 10);
    }
    const depth = chainOf(d, variableIndex(d, "treedepth__"), 0);
    const nl = chainOf(d, variableIndex(d, "n_leapfrog__"), 0);
    // Stan's accounting: a rejected last subtree is not counted in treedepth__ but its steps are in n_leapfrog__.
    for (let i = 0; i < d.draws; i++) {
      expect(nl[i]).toBeGreaterThanOrEqual(2 ** depth[i] - 1);
      expect(nl[i]).toBeLessThanOrEqual(2 ** (depth[i] + 1) - 1);
    }
    expect(res.timing.gradients).toBeGreaterThan(0);
    expect(res.chains[0].stepSize).toBeGreaterThan(0);
  });

  it("names theta[1..dim] when the target has no outputNames, and keeps ceil(draws / thin) draws", async () => {
    const res = await sample(stdNormal({ dim: 3 }), { ...quick, draws: 205, thin: 10 });
    expect(res.draws.names.slice(7)).toEqual(["theta[1]", "theta[2]", "theta[3]"]);
    expect(res.draws.draws).toBe(21);
  });

  it("is reproducible: the same seed gives the same draws bit for bit, another seed different ones", async () => {
    const a = await sample(stdNormal({ dim: 4 }), quick);
    const b = await sample(stdNormal({ dim: 4 }), quick);
    const c = await sample(stdNormal({ dim: 4 }), { ...quick, seed: 6 });
    expect(b.draws.data).toEqual(a.draws.data);
    expect(c.draws.data).not.toEqual(a.draws.data);
  });

  it("keeps warmup draws only with saveWarmup", async () => {
    const a = await sample(stdNormal({ dim: 2 }), quick);
    const b = await sample(stdNormal({ dim: 2 }), { ...quick, saveWarmup: true });
    expect(a.warmupDraws).toBeNull();
    expect(b.warmupDraws?.draws).toBe(200);
    expect(b.draws.data).toEqual(a.draws.data);
  });

  it("uses the user's initial values (unconstrained) and explains unusable ones", async () => {
    const res = await sample(stdNormal({ dim: 2 }), { ...quick, warmup: 0, draws: 1, init: [new Float64Array([50, 50]), new Float64Array([-50, 50])] });
    // One transition from (50, 50) with step size 1 cannot reach the bulk of N(0, I).
    expect(Math.abs(res.draws.data[res.draws.data.length - 1])).toBeGreaterThan(10);
    const wall = rejectingNormal();
    await expect(sample(wall, { ...quick, init: [new Float64Array([2, 0]), new Float64Array([0, 0])] })).rejects.toThrow(
      /initial values given for chain 1 have log density -Infinity/,
    );
  });

  it("fails clearly when no initial point has a finite log density", async () => {
    const nowhere = { dim: 2, logDensityGradient: () => -Infinity };
    await expect(sample(nowhere, quick)).rejects.toThrow(/no initial values with finite log density and gradient in 100 attempts of uniform\(-2, 2\)/);
  });

  it("treats −∞ (and a DomainError) as divergences: draws stay in the support and the divergences are counted", async () => {
    for (const target of [rejectingNormal(), domainErrorNormal()]) {
      const res = await sample(target, { ...quick, draws: 1000 });
      const x = variableIndex(res.draws, "theta[1]");
      for (let c = 0; c < 2; c++) for (const v of chainOf(res.draws, x, c)) expect(v).toBeLessThan(1);
      expect(res.divergences).toBeGreaterThan(0);
    }
  });

  it("rejects with the cause when the density throws an ordinary error", async () => {
    const err = (await sample(throwingNormal({ after: 300 }), quick).then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe("sample: chain 1 failed: model bug: boom");
    expect((err.cause as Error).name).toBe("TypeError");
  });

  it("reports progress per chain through both phases and stops on abort with partial draws", async () => {
    const seen: ChainProgress[] = [];
    await sample(stdNormal({ dim: 2 }), { ...quick, onProgress: (p) => seen.push(p) });
    expect(seen.some((p) => p.phase === "done" && p.chain === 1 && p.iteration === 400)).toBe(true);

    const ac = new AbortController();
    const res = await sample(stdNormal({ dim: 200 }), {
      chains: 2, warmup: 100, draws: 1_000_000, seed: 1, signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === "sampling") ac.abort();
      },
    });
    expect(res.partial).toBe(true);
    expect(res.chains[1].draws).toBe(0);
    expect(res.chains[0].draws).toBeGreaterThan(0);
    // Issue 9: the chain that never started no longer empties the draws; chain 0's are kept.
    expect(res.drawChains).toEqual([0]);
    expect(res.draws.chains).toBe(1);
    expect(res.draws.draws).toBe(res.chains[0].draws);
  });
});
