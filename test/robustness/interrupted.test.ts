import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { sample } from "../../src/inference/sample.js";
import { stdNormal } from "./support/models.js";

const MODELS = new URL("./support/models.ts", import.meta.url).href;

// Aborts are triggered from onProgress at a fixed iteration of a fixed chain, so which chains have
// draws does not depend on timing: chains are deterministic and queued chains never start.
describe("sample(…, { signal }) keeps what was drawn", () => {
  it("in this thread: a finished chain, a chain stopped mid-sampling and an unstarted one", async () => {
    const ac = new AbortController();
    // Progress (and so the abort) is noticed between 100 ms chunks of work: chain 1 must need far
    // longer than one chunk, on any machine, to be caught mid-sampling. Three million iterations of this
    // 3-D normal take ~1.5 s on a quiet core (15 chunks); thin keeps the saved draws small.
    const res = await sample(stdNormal({ dim: 3 }), {
      chains: 3, warmup: 200, draws: 3_000_000, thin: 300, seed: 5, threads: 1, signal: ac.signal,
      onProgress: (p) => {
        if (p.chain === 1 && p.iteration >= 1_200) ac.abort();
      },
    });
    // In this thread chains run one after another: chain 0 ran to its end before chain 1 started,
    // chain 1 was stopped at iteration ≥ 1200 (≥ 3 saved draws at thin 300), chain 2 never started.
    expect(res.partial).toBe(true);
    expect(res.chains.map((c) => c.partial)).toEqual([false, true, true]);
    expect(res.chains[0].draws).toBe(10_000);
    expect(res.chains[1].draws).toBeGreaterThanOrEqual(3);
    expect(res.chains[1].draws).toBeLessThan(10_000);
    expect(res.chains[2].draws).toBe(0);
    // Every chain with draws is kept; the container is rectangular, so at the shorter length.
    expect(res.drawChains).toEqual([0, 1]);
    expect(res.draws.chains).toBe(2);
    expect(res.draws.draws).toBe(res.chains[1].draws);
  }, 60_000);

  it("in workers: aborting while chains are still queued neither throws nor loses the running chains", async () => {
    const ac = new AbortController();
    const seen = new Set<number>();
    const res = await sample(
      { module: MODELS, factory: "stdNormal", payload: { dim: 3 } },
      {
        chains: 4, warmup: 200, draws: 1_000_000, seed: 7, threads: 2, signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === "sampling") seen.add(p.chain);
          // Chains 2 and 3 wait for a free worker, which they never get (chains 0 and 1 are long).
          if (seen.has(0) && seen.has(1) && p.iteration > 1_000) ac.abort();
        },
      },
    );
    expect(res.partial).toBe(true);
    expect(res.chains.map((c) => c.chain)).toEqual([0, 1, 2, 3]);
    expect(res.chains.map((c) => c.partial)).toEqual([true, true, true, true]);
    expect(res.chains[2].draws).toBe(0);
    expect(res.chains[3].draws).toBe(0);
    expect(res.drawChains).toEqual([0, 1]);
    expect(res.draws.chains).toBe(2);
    expect(res.draws.draws).toBe(Math.min(res.chains[0].draws, res.chains[1].draws));
    expect(res.draws.draws).toBeGreaterThan(0);
  }, 60_000);

  it("an abort before any draw gives an empty, partial result rather than an error", async () => {
    const ac = new AbortController();
    ac.abort();
    const res = await sample(stdNormal({ dim: 2 }), { chains: 2, warmup: 100, draws: 100, seed: 1, threads: 1, signal: ac.signal });
    expect(res.partial).toBe(true);
    expect(res.draws.draws).toBe(0);
    expect(res.drawChains).toEqual([]);
  });

  it("a run too large to hold (draws × columns beyond 2 GiB per chain) is refused up front, not returned as zeros", async () => {
    // Found with --draws 50000000: the worker's 5.6 GB buffer came back as zeros after an abort.
    const p = sample(stdNormal({ dim: 3 }), { chains: 1, warmup: 10, draws: 2 ** 26, seed: 1, threads: 1 });
    await expect(p).rejects.toBeInstanceOf(UserError);
    await expect(p).rejects.toThrow(/would keep 67108864 draws × 10 columns = 5\.0 GiB in memory, more than the 2 GiB a chain may hold; use thin, or fewer draws/);
  });
});
