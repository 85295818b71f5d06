// The neutron-star-eos example from a short seeded fit (1 thread, 2 chains × 400 warmup + 400 draws)
// and its simulator. Each margin says how far the full run's number (4 chains × 1000 draws, seed 1967)
// is from the threshold; quantiles from 800 draws move by a few per cent of the posterior sd.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../examples/index.js";
import { simulate, toCsv, truePressure } from "../../examples/neutron-star-eos/simulate.js";
import { EPS, REF_NODE, windowRow } from "../../examples/neutron-star-eos/model.js";

const quick = { threads: 1, chains: 2, warmup: 400, draws: 400 } as const;
const kept = (path: string) => readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8");

describe("neutron-star-eos", () => {
  it("no causal draw is acausal, the unconstrained fit has some, and the reference pressure's 90 % interval holds the truth", async () => {
    const entry = EXAMPLES.find((e) => e.name === "neutron-star-eos");
    if (!entry) throw new Error("neutron-star-eos is not registered");
    const o = await (await entry.load()).run(quick);
    const n = o.numbers;
    expect(o.fit.divergences).toBe(0);
    expect(n.free_divergences).toBe(0);
    // Exact: the (0, 1) interval transform cannot produce c_s² ≥ 1.
    expect(n.causal_p_acausal).toBe(0);
    expect(n.causal_cs2max_q95).toBeLessThan(1);
    // Full run: 34 % of unconstrained draws are acausal, max c_s² 95 % quantile 1.57.
    expect(n.free_p_acausal).toBeGreaterThan(0.1);
    expect(n.free_cs2max_q95).toBeGreaterThan(1);
    // Full run: P(600 MeV/fm³) 90 % 52–91 around the true 64 (12 below the median, 27 above the truth).
    expect(n.causal_pref_covered).toBe(1);
    expect(n.free_pref_covered).toBe(1);
    // Full run: max c_s² 90 % 0.56–0.97 around the true 0.62.
    expect(n.causal_cs2max_covered).toBe(1);
  });

  it("simulate.ts reproduces data.csv and the true pressure in truth.json", () => {
    const d = simulate();
    expect(toCsv(d)).toBe(kept("neutron-star-eos/data.csv"));
    const truth = JSON.parse(kept("neutron-star-eos/truth.json")) as { P: number[] };
    expect(truth.P).toEqual(d.P);
    // Pressure rises along the grid (every c_s² > 0) and the reference node is the one reported.
    for (let i = 1; i < d.P.length; i++) expect(d.P[i]).toBeGreaterThan(d.P[i - 1]);
    expect(EPS[REF_NODE]).toBe(600);
  });

  it("windowRow averages a piecewise-linear pressure exactly: weights sum to 1 and reproduce the trapezoid mean", () => {
    const P = truePressure();
    const row = windowRow(2, 4);
    expect(row.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 15);
    // Mean of a linear function over each 150-wide segment is the midpoint value; two equal segments average those.
    const expected = ((P[2] + P[3]) / 2 + (P[3] + P[4]) / 2) / 2;
    expect(row.reduce((a, w, i) => a + w * P[i], 0)).toBeCloseTo(expected, 12);
  });
});
