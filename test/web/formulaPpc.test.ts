/**
 * The page's PPC for formula models (web/src/formulaPpc.ts), in Node: thinning keeps every chain,
 * replicates go through src/predict with the fit's seed, and their mean matches the model's.
 */
import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { createDraws, setValue, variableIndex, type Draws } from "../../src/posterior/draws.js";
import { categoryNote, formulaReplicates, thinDraws } from "../../web/src/formulaPpc.js";

/** 3 chains × 10 draws; variable v, chain c, draw d holds 1000 v + 100 c + d. */
function numbered(): Draws {
  const d = createDraws(["lp__", "a", "b"], 3, 10);
  for (let v = 0; v < 3; v++) for (let c = 0; c < 3; c++) for (let k = 0; k < 10; k++) setValue(d, v, c, k, 1000 * v + 100 * c + k);
  return d;
}

describe("thinDraws", () => {
  it("keeps every chain with ceil(count / chains) evenly spaced draws", () => {
    const t = thinDraws(numbered(), 6);
    expect(t.chains).toBe(3);
    expect(t.draws).toBe(2);
    expect(t.names).toEqual(["lp__", "a", "b"]);
    // Draws 0 and 5 of each chain, for each variable.
    expect(Array.from(t.data)).toEqual([0, 5, 100, 105, 200, 205, 1000, 1005, 1100, 1105, 1200, 1205, 2000, 2005, 2100, 2105, 2200, 2205]);
  });

  it("never keeps more draws than there are", () => {
    const t = thinDraws(numbered(), 1000);
    expect(t.draws).toBe(10);
    expect(Array.from(t.data)).toEqual(Array.from(numbered().data));
  });

  it("rejects a count that is not a positive integer", () => {
    expect(() => thinDraws(numbered(), 0)).toThrow("thinDraws: count must be a positive integer, got 0");
  });
});

/** Poisson counts in 2 groups; every draw has rate exp(b_Intercept) = 3 for every row. */
function poissonCase(): { design: ReturnType<typeof buildDesign>; draws: Draws } {
  const y = [0, 2, 3, 1, 5, 4, 2, 3, 6, 1, 2, 4];
  const x = y.map((_, i) => (i % 4) - 1.5);
  const g = y.map((_, i) => (i < 6 ? "a" : "b"));
  const design = buildDesign("y ~ x + (1 | g)", { y, x, g }, { family: "poisson" });
  const names = ["lp__", "b_Intercept", "b_x", "sd_g__Intercept", "r_g[a,Intercept]", "r_g[b,Intercept]"];
  const draws = createDraws(names, 2, 400);
  for (let c = 0; c < 2; c++) {
    for (let k = 0; k < 400; k++) {
      setValue(draws, variableIndex(draws, "b_Intercept"), c, k, Math.log(3));
      setValue(draws, variableIndex(draws, "sd_g__Intercept"), c, k, 0.5);
    }
  }
  return { design, draws };
}

describe("formulaReplicates", () => {
  it("draws about `count` replicates of the fitted rows, bars for small counts, reproducible by seed", () => {
    const { design, draws } = poissonCase();
    const a = formulaReplicates(draws, design, 200, 7);
    expect(a.kind).toBe("bars");
    expect(a.replicates.length).toBe(200);
    expect(a.replicates.every((r) => r.length === 12)).toBe(true);
    expect(Array.from(a.observed)).toEqual([0, 2, 3, 1, 5, 4, 2, 3, 6, 1, 2, 4]);
    const b = formulaReplicates(draws, design, 200, 7);
    expect(b.replicates.map((r) => Array.from(r))).toEqual(a.replicates.map((r) => Array.from(r)));
    const c = formulaReplicates(draws, design, 200, 8);
    expect(c.replicates.map((r) => Array.from(r))).not.toEqual(a.replicates.map((r) => Array.from(r)));
  });

  it("replicates have the model's mean: Poisson(3) over 2400 values", () => {
    const { design, draws } = poissonCase();
    const reps = formulaReplicates(draws, design, 200, 1).replicates;
    let sum = 0;
    let n = 0;
    for (const r of reps) for (const v of r) (sum += v), n++;
    // Tolerance: 4 standard errors of a mean of n Poisson(3) draws, sqrt(3 / n).
    expect(Math.abs(sum / n - 3)).toBeLessThan(4 * Math.sqrt(3 / n));
  });

  it("zero-inflated counts get bars too, with the inflated zeros in the replicates", () => {
    const y = [0, 0, 0, 2, 3, 0, 1, 4, 0, 2, 0, 3];
    const design = buildDesign("y ~ 1", { y }, { family: "zero_inflated_poisson" });
    const draws = createDraws(["lp__", "b_Intercept", "zi"], 1, 400);
    for (let k = 0; k < 400; k++) {
      setValue(draws, variableIndex(draws, "b_Intercept"), 0, k, Math.log(2));
      setValue(draws, variableIndex(draws, "zi"), 0, k, 0.4);
    }
    const r = formulaReplicates(draws, design, 200, 3);
    expect(r.kind).toBe("bars");
    // P(0) = 0.4 + 0.6·e^(−2) ≈ 0.481; 2400 values: 4 standard errors ≈ 0.04.
    let zeros = 0;
    let n = 0;
    for (const rep of r.replicates) for (const v of rep) (zeros += v === 0 ? 1 : 0), n++;
    expect(Math.abs(zeros / n - (0.4 + 0.6 * Math.exp(-2)))).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });

  it("continuous responses get the density overlay", () => {
    const y = [1.2, 0.4, 2.2, 1.9, 0.7, 1.1];
    const design = buildDesign("y ~ 1", { y }, { family: "gaussian" });
    const draws = createDraws(["lp__", "b_Intercept", "sigma"], 1, 50);
    for (let k = 0; k < 50; k++) setValue(draws, variableIndex(draws, "sigma"), 0, k, 1);
    const r = formulaReplicates(draws, design, 20, 1);
    expect(r.kind).toBe("density");
    expect(r.replicates.length).toBe(20);
  });
});

describe("categoryNote", () => {
  it("maps an ordinal response's codes to its labels, and says nothing without categories", () => {
    expect(categoryNote(["no", "perhaps", "yes"], "cumulative")).toBe(" Categories, lowest first: 1 = no, 2 = perhaps, 3 = yes.");
    expect(categoryNote(undefined, "cumulative")).toBe("");
    expect(categoryNote([], "categorical")).toBe("");
  });
  it("claims no order for the categorical family's categories, and names its reference", () => {
    const note = categoryNote(["b", "a", "c"], "categorical");
    expect(note).toBe(" Categories (unordered: the axis only numbers them; b is the reference): 1 = b, 2 = a, 3 = c.");
    expect(note).not.toMatch(/lowest/);
  });
});
