import { describe, expect, it } from "vitest";
import { coverageBand, replicate, type ReplicationStats } from "../../pooling/simulate.js";

describe("simulation: known group means, unequal group sizes, 50 replications", () => {
  it("partial pooling beats no pooling in mean squared error, and 90 % intervals cover at close to 90 %", async () => {
    const reps: ReplicationStats[] = [];
    for (let s = 1; s <= 50; s++) reps.push(await replicate(1000 + s));
    const no = reps.reduce((a, r) => a + r.sseNo, 0) / reps.length;
    const partial = reps.reduce((a, r) => a + r.ssePartial, 0) / reps.length;
    // Shrinkage must win on average by a clear margin (measured
    // ratio 0.42 here, 0.38 in a 10-replication pilot); 0.8 leaves room for sampling noise.
    expect(partial).toBeLessThan(0.8 * no);
    const m = reps.reduce((a, r) => a + r.groups, 0);
    const coverage = reps.reduce((a, r) => a + r.covered, 0) / m;
    // m = 400 intervals: 3 binomial sd = ±0.045, treating them as independent (they share the
    // hyperparameters within a replication, so the real spread is somewhat larger).
    console.log(`pooling simulation: MSE no ${no.toFixed(3)} partial ${partial.toFixed(3)}, coverage ${coverage.toFixed(3)} of ${m}`);
    expect(Math.abs(coverage - 0.9)).toBeLessThan(coverageBand(m));
  }, 600_000);
});
