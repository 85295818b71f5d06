import { describe, expect, it } from "vitest";
import { sample } from "../../src/inference/sample.js";
import { UserError } from "../../src/errors.js";

const MODELS = new URL("./support/models.ts", import.meta.url).href;
const small = { chains: 4, warmup: 150, draws: 100, seed: 11 } as const;

describe("sample(workerTarget)", () => {
  it("gives bit-identical draws with threads 1, 2 and 4 (chain c uses only createRng(seed, c))", async () => {
    const target = { module: MODELS, factory: "eightSchools", payload: { centered: false } };
    const r1 = await sample(target, { ...small, threads: 1 });
    const r2 = await sample(target, { ...small, threads: 2 });
    const r4 = await sample(target, { ...small, threads: 4 });
    expect(r1.settings.threads).toBe(1);
    expect(r2.settings.threads).toBe(2);
    expect(r4.settings.threads).toBe(4);
    expect(r2.draws.names).toEqual(r1.draws.names);
    expect(r2.draws.data).toEqual(r1.draws.data);
    expect(r4.draws.data).toEqual(r1.draws.data);
    expect(Array.from(r4.chains, (c) => c.stepSize)).toEqual(Array.from(r1.chains, (c) => c.stepSize));
  });

  it("threads unset with the target built here too (`local`): the same draws as threads 1, for a small job (all chains here) and a big one (chain 1 here, the rest shared by workers and this thread)", async () => {
    const { eightSchoolsNoncentered, busyNormal } = await import("./support/models.js");
    // Which path runs depends on the machine's speed (chain 1's pace, in CPU time); the draws must not.
    const smallTarget = { module: MODELS, factory: "eightSchools", payload: { centered: false }, local: eightSchoolsNoncentered() };
    const ref = await sample({ module: MODELS, factory: "eightSchools", payload: { centered: false } }, { ...small, threads: 1 });
    const auto = await sample(smallTarget, small);
    expect(auto.draws.data).toEqual(ref.draws.data);
    // 50k rounds of Math.sin per gradient (~0.3 ms here): chain 1 is not done within the 100 ms probe,
    // chains 2–5 are queued for two workers and, once chain 1 is done, this thread (it usually takes
    // one); the draws are those of threads 1 all the same, each chain in its own slot.
    const payload = { dim: 3, work: 50000 };
    const busy = { module: MODELS, factory: "busyNormal", payload, local: busyNormal(payload) };
    const opts = { chains: 5, warmup: 100, draws: 100, seed: 5 } as const;
    const one = await sample(busy, { ...opts, threads: 1 });
    const hybrid = await sample(busy, opts);
    expect(hybrid.draws.data).toEqual(one.draws.data);
    expect(hybrid.chains.map((c) => c.stepSize)).toEqual(one.chains.map((c) => c.stepSize));
  });

  it("rejects with the cause when the model throws inside a worker", async () => {
    const target = { module: MODELS, factory: "throwingNormal", payload: { after: 500 } };
    await expect(sample(target, { ...small, threads: 2 })).rejects.toThrow(/chain \d failed: model bug: boom/);
  });

  it("reports a missing factory export as a UserError", async () => {
    const target = { module: MODELS, factory: "noSuchFactory", payload: {} };
    await expect(sample(target, { ...small, threads: 2 })).rejects.toBeInstanceOf(UserError);
  });

  it("stops all chains on abort and returns the draws so far, marked partial", async () => {
    const ac = new AbortController();
    const target = { module: MODELS, factory: "stdNormal", payload: { dim: 50 } };
    const seen: number[] = [];
    const latest = [0, 0];
    const res = await sample(target, {
      chains: 2, warmup: 1000, draws: 200000, seed: 3, threads: 2, signal: ac.signal,
      onProgress: (p) => {
        seen.push(p.iteration);
        latest[p.chain] = p.iteration;
        // Abort once both chains have saved draws, whichever worker is ahead.
        if (latest[0] > 1200 && latest[1] > 1200) ac.abort();
      },
    });
    expect(res.partial).toBe(true);
    expect(res.draws.draws).toBeGreaterThan(0);
    expect(res.draws.draws).toBeLessThan(200000);
    expect(seen.length).toBeGreaterThan(0);
  });
});
