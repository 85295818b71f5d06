// Key conclusions of the toxicity-ssd, geophysical-inversion, glycan-structures, neutron-star-eos and
// climate-model-errors examples from short seeded fits (1 thread, 2 chains × 400 warmup + 400 draws),
// and that each simulator reproduces its kept data. Each margin below says how far the full run's
// number is from the threshold; quantiles from 800 draws move by a few per cent of the posterior sd.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../examples/index.js";
import { simulate as simulateClimate, toCsv as climateCsv } from "../../examples/climate-model-errors/simulate.js";
import { simulate as simulateGlycan, toCsv as glycanCsv } from "../../examples/glycan-structures/simulate.js";
import { simulate as simulateInversion, toCsv as inversionCsv } from "../../examples/geophysical-inversion/simulate.js";
import { simulate as simulateSsd, toCsv as ssdCsv } from "../../examples/toxicity-ssd/simulate.js";

const quick = { threads: 1, chains: 2, warmup: 400, draws: 400 } as const;
const kept = (path: string) => readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8");

async function outcome(name: string) {
  const entry = EXAMPLES.find((e) => e.name === name);
  if (!entry) throw new Error(`no example ${name}`);
  return (await entry.load()).run(quick);
}

describe("toxicity-ssd", () => {
  it("the HC5 interval contains the true 4.8 µg/L and the plug-in value, and spans more than a factor of 10", async () => {
    const o = await outcome("toxicity-ssd");
    const n = o.numbers;
    expect(o.fit.divergences).toBe(0);
    // Full run: log10 HC5 median 0.76, 90 % −0.22…1.36 (truth 0.684, plug-in 0.673).
    expect(n.hc5_covered).toBe(1);
    expect(n.log10_hc5_q5).toBeLessThan(n.plugin_log10_hc5);
    expect(n.log10_hc5_q95).toBeGreaterThan(n.plugin_log10_hc5);
    // Full run: 1.58 log10 units (a factor of 38); 1 unit is a factor of 10.
    expect(n.log10_hc5_q95 - n.log10_hc5_q5).toBeGreaterThan(1);
    // A never-tested species: its 90 % predictive interval (full run 3.22 log10 units) is wider than
    // the plug-in normal's own 2 · 1.645 · s = 3.00, because mu and sigma_species are uncertain.
    expect(n.new_species_q95 - n.new_species_q5).toBeGreaterThan(2 * 1.6449 * n.plugin_s * 0.98);
  });

  it("simulate.ts reproduces data.csv", () => {
    expect(ssdCsv(simulateSsd())).toBe(kept("toxicity-ssd/data.csv"));
  });
});

describe("climate-model-errors", () => {
  it("each variance component's interval contains the realised sd; scenario and model dominate, internal is smallest", async () => {
    const o = await outcome("climate-model-errors");
    const n = o.numbers;
    expect(o.fit.divergences).toBe(0);
    // Full run: model 0.68–1.77 (0.88), scenario 0.72–2.63 (1.04), interaction 0.25–0.45 (0.28), internal 0.14–0.19 (0.16).
    for (const c of ["model", "scenario", "interaction", "internal"]) expect(n[`sd_${c}_covered`], c).toBe(1);
    // Shares (full run medians 37, 57, 3, 1 %).
    expect(n.share_model_q50).toBeGreaterThan(n.share_interaction_q50);
    expect(n.share_scenario_q50).toBeGreaterThan(n.share_interaction_q50);
    expect(n.share_interaction_q50).toBeGreaterThan(n.share_internal_q50);
    // The interaction is clearly non-zero (full run lower 5 % bound 0.25 °C).
    expect(n.sd_interaction_q5).toBeGreaterThan(0.15);
    // Four scenarios determine their sd worst (full run relative widths 1.5 vs 0.6 and 0.3).
    expect(n.sd_scenario_relwidth).toBeGreaterThan(2 * n.sd_interaction_relwidth);
    expect(n.sd_scenario_relwidth).toBeGreaterThan(2 * n.sd_internal_relwidth);
  });

  it("simulate.ts reproduces data.csv and the realised sds in truth.json", () => {
    const d = simulateClimate();
    expect(climateCsv(d)).toBe(kept("climate-model-errors/data.csv"));
    expect(JSON.parse(kept("climate-model-errors/truth.json")).realised).toEqual(d.realised);
  });
});

describe("glycan-structures", () => {
  it("unconstrained draws break the pathway rule, positiveOrdered ones never do and are no further from the truth", async () => {
    const o = await outcome("glycan-structures");
    const n = o.numbers;
    expect(o.fit.divergences).toBe(0);
    expect(n.raw_violations).toBe(1);
    // Full run: 20 % of unconstrained draws on average, 56 % for sample 3; the rule is exact for the ordered fit.
    expect(n.free_p_violation_mean).toBeGreaterThan(0.1);
    expect(n.free_p_violation_max).toBeGreaterThan(0.3);
    expect(n.ordered_p_violation_max).toBe(0);
    expect(n.ordered_mean_violations).toBe(0);
    // Full run: 0.95 vs 1.04 pmol.
    expect(n.ordered_rmse).toBeLessThan(n.free_rmse);
  });

  it("simulate.ts reproduces data.csv and the true profiles obey the rule", () => {
    const d = simulateGlycan();
    expect(glycanCsv(d)).toBe(kept("glycan-structures/data.csv"));
    for (const x of d.x) for (let k = 0; k + 1 < x.length; k++) expect(x[k]).toBeLessThan(x[k + 1]);
  });
});

describe("geophysical-inversion", () => {
  it("sampled-s bands cover the true profile, GCV's s lies inside the posterior, marginalised bands are not narrower", async () => {
    const o = await outcome("geophysical-inversion");
    const n = o.numbers;
    expect(o.fit.divergences).toBe(0);
    // Full run: 60 of 60 points covered by both 90 % bands (pointwise, correlated along the profile).
    expect(n.coverage_full).toBeGreaterThan(0.9);
    expect(n.coverage_fixed).toBeGreaterThan(0.9);
    // Full run: GCV 0.056 inside 0.037–0.088; widths 0.180 vs 0.174.
    expect(n.gcv_s_in_posterior_90).toBe(1);
    expect(n.width_full).toBeGreaterThan(n.width_fixed);
  });

  it("simulate.ts reproduces data.csv", () => {
    expect(inversionCsv(simulateInversion().d)).toBe(kept("geophysical-inversion/data.csv"));
  });
});
