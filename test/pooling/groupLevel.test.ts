/**
 * Group-level predictors under no pooling. Found in the 2026-11-29 user sweep (bench/qa/, brms's
 * epilepsy, count ~ zAge + zBase * Trt + (1 | patient)): the no-pooling model put one free intercept
 * per patient beside predictors constant within patients — an improper posterior, shown as 6e5
 * [0.0001, 1.6e4] per patient. Now they are left out of no pooling, and the result says so.
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { groupLevelColumns } from "../../src/pooling/groupLevel.js";
import { poolingJson } from "../../src/pooling/pooling.js";
import { poolingFromFormula } from "../../src/pooling/poolingFromFormula.js";
import { shrinkagePlotOptions } from "../../src/pooling/shrinkageGroups.js";
import { poolingVariants } from "../../src/pooling/variants.js";
import { createRng } from "../../src/random/rng.js";

/** 12 patients × 5 visits: age constant per patient, dose varying by visit; Poisson counts, seeded. */
function patients() {
  const rng = createRng(21, 0);
  const count: number[] = [];
  const age: number[] = [];
  const dose: number[] = [];
  const patient: string[] = [];
  for (let j = 0; j < 12; j++) {
    const a = -1 + (2 * j) / 11;
    const u = 0.4 * rng.normal();
    for (let v = 0; v < 5; v++) {
      const d = v - 2;
      const mu = Math.exp(1.5 + 0.5 * a + 0.2 * d + u);
      // Poisson by inversion (small means): the count is the number of unit-rate arrivals before mu.
      let k = 0;
      for (let t = -Math.log(rng.uniform()); t < mu; t -= Math.log(rng.uniform())) k++;
      count.push(k);
      age.push(a);
      dose.push(d);
      patient.push(`p${j + 1}`);
    }
  }
  return { count, age, dose, patient };
}

const FORMULA = "count ~ age + dose + (1 | patient)";

describe("poolingVariants: predictors constant within every group are left out of no pooling", () => {
  it("drops age (constant per patient), keeps dose (varies by visit), in no pooling only", () => {
    const { spec } = buildFormulaModel({ formula: FORMULA, data: patients(), family: "poisson" });
    const v = poolingVariants(spec);
    expect(v.noPoolingDropped).toEqual(["age"]);
    expect(v.noPoolingDroppedColumns).toEqual([0]);
    expect(v.specs.no_pooling.X.names).toEqual(["dose"]);
    expect(Array.from(v.specs.no_pooling.X.values.slice(0, 5))).toEqual([-2, -1, 0, 1, 2]);
    expect(v.specs.no_pooling.X.priors).toEqual([spec.X.priors[1]]);
    expect(v.specs.complete_pooling.X.names).toEqual(["age", "dose"]);
    expect(v.specs.partial_pooling.X.names).toEqual(["age", "dose"]);
  });
  it("nothing group-constant: nothing dropped, the no-pooling X is the spec's", () => {
    const data = patients();
    const { spec } = buildFormulaModel({ formula: "count ~ dose + (1 | patient)", data, family: "poisson" });
    const v = poolingVariants(spec);
    expect(v.noPoolingDropped).toEqual([]);
    expect(v.specs.no_pooling.X).toBe(spec.X);
  });
});

describe("pooling with a group-level predictor", () => {
  it("the no-pooling fit converges, every column is at the group's own age, and pooling.json and the scale say so", async () => {
    const r = await poolingFromFormula(FORMULA, patients(), "poisson", { chains: 2, warmup: 300, draws: 300, seed: 3, threads: 1, loo: false });
    // Before: b_age and the 12 intercepts were one flat direction (R-hat ≫ 1.01, means of 1e5 and more).
    const np = r.fits.no_pooling;
    expect(np.names).not.toContain("b_age");
    // 2 × 300 draws of a proper 13-parameter posterior: split R-hat stays well under 1.05 (improper: ≫ 1.1).
    const worst = Math.max(...summarizeFit(np).rows.map((row) => row.rhat));
    expect(worst).toBeLessThan(1.05);
    // Each patient's no-pooling rate is near its own mean count: 5 visits at mean ≈ 2–12, so the
    // posterior mean lies within a factor 2 of (sum + 0.5) / 5 (the Poisson posterior's spread at 5
    // visits is ~20–45 %, and dose is centred within each patient, so it does not shift the rate).
    const data = patients();
    for (const g of r.groups) {
      const ys = data.count.filter((_, i) => data.patient[i] === g.group);
      const own = (ys.reduce((a, b) => a + b, 0) + 0.5) / ys.length;
      expect(g.no_pooling.mean / own, g.group).toBeGreaterThan(0.5);
      expect(g.no_pooling.mean / own, g.group).toBeLessThan(2);
      expect(g.shrinkage, g.group).not.toBeNaN();
    }
    // Complete pooling now differs by patient (its regression on age), so no single dashed line.
    expect(new Set(r.groups.map((g) => g.complete_pooling.mean)).size).toBe(12);
    expect(shrinkagePlotOptions(r).populationMean).toBeUndefined();
    expect(r.scale.description).toMatch(/age \(constant within each group\) at the group's own values/);
    expect(r.notes).toEqual([expect.stringMatching(/^no pooling: age is constant within every patient, .* the no-pooling model leaves it out/)]);
    const json = poolingJson(r);
    expect(Object.keys(json)).toEqual(["groups", "loo", "notes"]);
    expect(json.notes).toEqual(r.notes);
  }, 60_000);
});

describe("groupLevelColumns(spec)", () => {
  it("counts a column constant over all rows too (beside per-group intercepts it is not identified either), unlike reparam's groupConstantColumns", () => {
    // 4 rows × 3 columns, groups 1 1 2 2: column 0 per group, column 1 varies within group 1, column 2 constant overall.
    const values = Float64Array.from([1, 5, 3, 1, 6, 3, 2, 7, 3, 2, 7, 3]);
    const spec = { n: 4, X: { names: ["a", "b", "c"], values }, groups: [{ index: Int32Array.from([1, 1, 2, 2]), levels: ["g1", "g2"] }] };
    expect(groupLevelColumns(spec as unknown as Parameters<typeof groupLevelColumns>[0])).toEqual([0, 2]);
  });
});
