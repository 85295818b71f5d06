// Each example's key conclusion, from a seeded fit (1 thread; shorter chains than the CLI's
// defaults keep this fast, and the conclusions hold by wide margins).
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../examples/index.js";

const quick = { threads: 1, chains: 2, warmup: 500, draws: 500 } as const;

async function outcome(name: string) {
  const entry = EXAMPLES.find((e) => e.name === name);
  if (!entry) throw new Error(`no example ${name}`);
  return (await entry.load()).run(quick);
}

describe("examples", () => {
  it("baseball: partial pooling predicts the rest of the season better than the early averages", async () => {
    const o = await outcome("baseball");
    expect(o.fit.divergences).toBe(0);
    // Efron & Morris's result: the pooled estimates' squared error is about a third of the raw ones'.
    expect(o.numbers.partial_pooling).toBeLessThan(0.5 * o.numbers.no_pooling);
  });

  it("pumps: alpha and beta near the BUGS manual's, short-observed pumps shrunk most", async () => {
    const o = await outcome("pumps");
    // BUGS: alpha 0.70 (sd 0.27), beta 0.93 (sd 0.54); 1000 draws give an MCSE under 0.03.
    expect(Math.abs(o.numbers.alpha - 0.7)).toBeLessThan(0.12);
    expect(Math.abs(o.numbers.beta - 0.93)).toBeLessThan(0.25);
    expect(o.numbers.shrinkage_shortest).toBeGreaterThan(5 * o.numbers.shrinkage_longest);
  });

  it("radon: a floor effect of about −0.66 and sparse counties pulled toward the state mean", async () => {
    const o = await outcome("radon");
    // Gelman & Hill: −0.66 (sd 0.07).
    expect(Math.abs(o.numbers.floor_effect + 0.66)).toBeLessThan(0.1);
    expect(o.numbers.spread_sparse).toBeLessThan(o.numbers.spread_dense);
  });

  it("rna-pausing: the posterior recovers the simulated truth", async () => {
    const o = await outcome("rna-pausing");
    expect(o.fit.divergences).toBe(0);
    expect(o.numbers.rate_covered).toBe(1);
    expect(o.numbers.alpha_covered).toBe(1);
    expect(o.numbers.beta_covered).toBe(1);
    // 40 molecules, nominal 90%: the binomial sd of the coverage is 0.047; allow 3 of them.
    expect(o.numbers.lambda_coverage).toBeGreaterThan(0.9 - 3 * 0.047);
    expect(o.numbers.rmse_partial).toBeLessThan(o.numbers.rmse_raw);
  });
});
