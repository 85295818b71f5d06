import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { conditionalEffects, conditionalEffectsFromDraws, defaultEffects } from "../../src/effects/index.js";
import { formulaVariables } from "../../src/effects/variables.js";
import { seqR } from "../../src/effects/columns.js";
import { UserError } from "../../src/errors.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { invLogit } from "../../src/math/logit.js";
import { fixedDraws } from "./support.js";

// Small data with a numeric x, a three-level factor f, a group g and a missing value (row 7 is dropped).
const data = {
  y: [1.2, 2.3, 2.9, 4.1, 5.2, 6.8, 9, 3.3],
  x: [1, 2, 3, 4, 5, 7, null, 2.5],
  z: [0.5, -1, 2, 0, 1.5, 3, 1, -0.5],
  f: ["b", "a", "a", "c", "b", "c", "a", "b"],
  g: ["u", "u", "v", "v", "w", "w", "u", "v"],
};
const kept = [0, 1, 2, 3, 4, 5, 7];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const xs = kept.map((i) => data.x[i] as number);
const zs = kept.map((i) => data.z[i]);

const coef: Record<string, number> = { b_Intercept: 0.5, b_x: 2, b_z: -1, b_fb: 3, b_fc: -4, "b_x:fb": 0.25, "b_x:fc": -0.5, sigma: 1.5 };
// Group effects are large so that leaving them in would show.
const value = (name: string) => coef[name] ?? (name.startsWith("r_") ? 100 : 1);

describe("formulaVariables (brms's get_all_effects)", () => {
  const vars = (formula: string, d: Record<string, unknown[]> = data, family = "gaussian") => formulaVariables(buildDesign(formula, d as never, { family }));
  it("each term's variables; x:f as a pair; three-way terms left out; group factors never effects", () => {
    const d = { ...data, w: [1, 2, 3, 4, 5, 6, 7, 8] };
    expect(vars("y ~ x * f + (1 + z | g)").defaultEffects).toEqual([["x"], ["f"], ["x", "f"]]);
    expect(vars("y ~ x * z * w", d).defaultEffects).toEqual([["x"], ["z"], ["w"], ["x", "z"], ["x", "w"], ["z", "w"]]);
    // the slope variable z is conditioned on (brms's req_vars) though it is no effect
    expect(vars("y ~ x * f + (1 + z | g)").predictors).toEqual(["x", "f", "z"]);
    expect(vars("y ~ x * f + (1 + z | g)").groups).toEqual(["g"]);
  });
  it("poly(x, 2), log(z + 3) and I(x * z) count as their variables; offsets are conditioned, not effects", () => {
    const v = vars("y ~ poly(x, 2) + log(z + 3) + I(x * z) + offset(log(z + 5))");
    expect(v.defaultEffects).toEqual([["x"], ["z"], ["x", "z"]]);
    expect(v.predictors).toEqual(["x", "z"]);
  });
  it("distributional parts add their effects after the mean's (bf(y ~ x, sigma ~ z + x))", () => {
    expect(vars("bf(y ~ x, sigma ~ z + x)").defaultEffects).toEqual([["x"], ["z"]]);
  });
  it("trials() variables are set to 1 and are not predictors; factor() on a numeric column makes it a factor", () => {
    const d = { s: [1, 2, 0, 3], n: [4, 4, 5, 6], p: [1, 2, 1, 2], x: [0.1, 0.5, 0.2, 0.9] };
    const v = vars("s | trials(n) ~ x + factor(p)", d, "binomial");
    expect(v.trials).toEqual(["n"]);
    expect(v.predictors).toEqual(["x", "p"]);
    expect([...v.factorCalls]).toEqual(["p"]);
  });
  it("default effects put the numeric variable first (brms reorders by type): f:x is named x:f", () => {
    const design = buildDesign("y ~ f * x", data);
    expect(defaultEffects(design, data)).toEqual(["f", "x", "x:f"]);
  });
});

describe("conditionalEffectsFromDraws on fixed draws (exact by hand)", () => {
  const design = buildDesign("y ~ x * f + z + (1 | g)", data);
  const draws = fixedDraws(design, value);
  const effects = conditionalEffectsFromDraws(draws, design, data);
  const byName = new Map(effects.map((e) => [e.name, e]));

  it("the default effects, in brms's order", () => {
    expect(effects.map((e) => e.name)).toEqual(["x", "f", "z", "x:f"]);
  });

  it("numeric effect: 100 points from min to max (R's seq), z at its mean, f at its first level, group effects left out", () => {
    const e = byName.get("x")!;
    expect(e.n).toBe(100);
    const grid = e.columns[0];
    expect(grid.kind).toBe("numeric");
    expect(Array.from(grid.values as Float64Array)).toEqual(Array.from(seqR(1, 7, 100)));
    expect(e.conditions.f).toBe("a");
    expect(e.conditions.z).toBeCloseTo(mean(zs), 14);
    for (let i = 0; i < e.n; i++) {
      const x = (grid.values as Float64Array)[i];
      // f = a (reference): no f terms; r_g = 100 would dominate if it were included.
      expect(e.estimate[i]).toBeCloseTo(0.5 + 2 * x - mean(zs), 12);
      expect(e.lower[i]).toBe(e.estimate[i]);
      expect(e.upper[i]).toBe(e.estimate[i]);
      expect(e.se[i]).toBe(0);
    }
  });

  it("factor effect: each observed level in level order, x at its mean over the kept rows", () => {
    const e = byName.get("f")!;
    expect(e.columns[0]).toMatchObject({ kind: "factor", values: ["a", "b", "c"] });
    const mx = mean(xs);
    expect(e.conditions.x).toBeCloseTo(mx, 14);
    const base = 0.5 + 2 * mx - mean(zs);
    const expected = [base, base + 3 + 0.25 * mx, base - 4 - 0.5 * mx];
    expected.forEach((v, i) => expect(e.estimate[i]).toBeCloseTo(v, 12));
  });

  it("interaction x:f: 100 × 3 rows sorted by x then f", () => {
    const e = byName.get("x:f")!;
    expect(e.n).toBe(300);
    expect((e.columns[1].values as string[]).slice(0, 6)).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect((e.columns[0].values as Float64Array)[3]).toBe(seqR(1, 7, 100)[1]);
    expect(Object.keys(e.conditions)).toEqual(["z"]);
  });

  it("a numeric second variable takes mean − sd, mean, mean + sd (brms's default int_conditions)", () => {
    const [e] = conditionalEffectsFromDraws(draws, design, data, { effects: ["x:z"] });
    const z = Array.from(new Set(e.columns[1].values as Float64Array));
    const m = mean(zs);
    const s = Math.sqrt(zs.reduce((a, v) => a + (v - m) ** 2, 0) / (zs.length - 1));
    expect(z[0]).toBeCloseTo(m - s, 13);
    expect(z[1]).toBeCloseTo(m, 13);
    expect(z[2]).toBeCloseTo(m + s, 13);
  });

  it("conditions, intConditions and resolution override the defaults", () => {
    const [e] = conditionalEffectsFromDraws(draws, design, data, { effects: ["x:f"], conditions: { z: 2 }, intConditions: { f: ["c"] }, resolution: 5 });
    expect(e.n).toBe(5);
    expect(e.columns[1].values).toEqual(["c", "c", "c", "c", "c"]);
    const x = e.columns[0].values as Float64Array;
    for (let i = 0; i < 5; i++) expect(e.estimate[i]).toBeCloseTo(0.5 + 2 * x[i] - 2 - 4 - 0.5 * x[i], 12);
  });

  it("points: the kept rows whose factor conditions match (brms's make_point_frame)", () => {
    const e = byName.get("x")!;
    // f is held at "a": rows 2 and 3 (row 7 has a missing x and was not fitted).
    expect(Array.from(e.points.columns[0].values as Float64Array)).toEqual([2, 3]);
    expect(Array.from(e.points.y)).toEqual([2.3, 2.9]);
    expect(byName.get("f")!.points.y.length).toBe(7);
  });

  it("method predict draws responses around the same centre (seeded, reproducible)", () => {
    const a = conditionalEffectsFromDraws(fixedDraws(design, value, 2, 500), design, data, { effects: ["f"], method: "predict", seed: 3 })[0];
    const b = conditionalEffectsFromDraws(fixedDraws(design, value, 2, 500), design, data, { effects: ["f"], method: "predict", seed: 3 })[0];
    expect(Array.from(a.estimate)).toEqual(Array.from(b.estimate));
    const epred = byName.get("f")!;
    // 1000 normal draws with sigma 1.5: the median is within 4 × 1.5 · 1.2533/√1000 ≈ 0.24 of the mean.
    for (let i = 0; i < 3; i++) expect(Math.abs(a.estimate[i] - epred.estimate[i])).toBeLessThan(0.24);
    // the 95 % band of N(mu, 1.5²) is mu ± 2.94; with 1000 draws its ends are within ±0.35.
    for (let i = 0; i < 3; i++) expect(Math.abs(a.upper[i] - a.lower[i] - 2 * 1.96 * 1.5)).toBeLessThan(0.7);
  });
});

describe("families and bases", () => {
  it("binomial with trials(n): trials held at 1, so the estimate is the probability (brms)", () => {
    const d = { s: [1, 2, 0, 3, 4], n: [4, 4, 5, 6, 9], x: [0.1, 0.5, 0.2, 0.9, 0.4] };
    const design = buildDesign("s | trials(n) ~ x", d, { family: "binomial" });
    const draws = fixedDraws(design, (n) => (n === "b_Intercept" ? -1 : 2));
    const [e] = conditionalEffectsFromDraws(draws, design, d);
    expect(e.conditions).toEqual({ n: 1 });
    const x = e.columns[0].values as Float64Array;
    for (let i = 0; i < e.n; i++) expect(e.estimate[i]).toBeCloseTo(invLogit(-1 + 2 * x[i]), 14);
  });

  it("poly(x, 2) is one effect x; its basis is the fit's, evaluated on the grid", () => {
    const design = buildDesign("y ~ poly(x, 2)", data);
    const draws = fixedDraws(design, (n) => (n === "b_Intercept" ? 1 : n === "b_polyx21" ? 2 : n === "b_polyx22" ? 3 : 1));
    const [e] = conditionalEffectsFromDraws(draws, design, data);
    expect(e.name).toBe("x");
    // At the fitted x values the basis equals the design's columns: check the grid's ends (min and max of x).
    const X = design.X.values;
    const row = (x: number) => xs.indexOf(x);
    const at = (i: number) => 1 + 2 * X[i * 2] + 3 * X[i * 2 + 1];
    expect(e.estimate[0]).toBeCloseTo(at(row(1)), 12);
    expect(e.estimate[99]).toBeCloseTo(at(row(7)), 12);
  });

  it("factor() on a numeric column: the levels are the numbers, as labels", () => {
    const d = { y: [1, 2, 3, 4, 5, 6], p: [2, 1, 2, 10, 1, 10] };
    const design = buildDesign("y ~ factor(p)", d);
    const draws = fixedDraws(design, (n) => ({ b_Intercept: 1, b_factorp2: 2, b_factorp10: 3 })[n] ?? 1);
    const [e] = conditionalEffectsFromDraws(draws, design, d);
    expect(e.name).toBe("p");
    expect(e.columns[0].values).toEqual(["1", "2", "10"]);
    expect(Array.from(e.estimate)).toEqual([1, 3, 4]);
  });

  it("cumulative: the expected category number by default, per-category probabilities with categorical", () => {
    const d = { y: ["lo", "mid", "hi", "lo", "hi", "mid"], x: [1, 2, 3, 0, 4, 2] };
    const design = buildDesign("y ~ x", d, { family: "cumulative", levels: ["lo", "mid", "hi"] });
    const draws = fixedDraws(design, (n) => ({ "b_Intercept[1]": -0.5, "b_Intercept[2]": 1, b_x: 0.7 })[n] ?? 0);
    const [cont] = conditionalEffectsFromDraws(draws, design, d, { resolution: 3 });
    const [cat] = conditionalEffectsFromDraws(draws, design, d, { resolution: 3, categorical: true });
    expect(cont.messages.join(" ")).toMatch(/continuous/);
    expect(cat.n).toBe(9);
    expect(cat.columns.map((c) => c.name)).toEqual(["x", "cats__"]);
    expect(cat.columns[1].values).toEqual(["lo", "lo", "lo", "mid", "mid", "mid", "hi", "hi", "hi"]);
    const x = [0, 2, 4];
    x.forEach((xv, i) => {
      const eta = 0.7 * xv;
      const p1 = invLogit(-0.5 - eta);
      const p2 = invLogit(1 - eta) - p1;
      const p3 = 1 - p1 - p2;
      expect(cat.estimate[i]).toBeCloseTo(p1, 12);
      expect(cat.estimate[3 + i]).toBeCloseTo(p2, 12);
      expect(cat.estimate[6 + i]).toBeCloseTo(p3, 12);
      expect(cont.estimate[i]).toBeCloseTo(p1 + 2 * p2 + 3 * p3, 12);
    });
  });
});

describe("clear errors", () => {
  const design = buildDesign("y ~ x * f + (1 | g)", data);
  const draws = fixedDraws(design, value);
  const fails = (o: Parameters<typeof conditionalEffectsFromDraws>[3], re: RegExp) => {
    expect(() => conditionalEffectsFromDraws(draws, design, data, o)).toThrow(UserError);
    expect(() => conditionalEffectsFromDraws(draws, design, data, o)).toThrow(re);
  };
  it("an unknown effect lists the predictors", () => fails({ effects: ["w"] }, /'w' is not a predictor of the model; available: x, f/));
  it("a grouping factor is refused with the reason", () => fails({ effects: ["g"] }, /g is a grouping factor/));
  it("three variables are refused", () => fails({ effects: ["x:f:g"] }, /3 variables/));
  it("an unknown level in conditions names the levels", () => fails({ conditions: { f: "zz" } }, /levels: a, b, c/));
  it("categorical outside the cumulative family", () => fails({ categorical: true }, /cumulative/));
  it("an unknown method lists the choices", () => fails({ method: "linpred" as never }, /epred, predict/));
  it("data that are not the fitted data", () => {
    expect(() => conditionalEffectsFromDraws(draws, design, { ...data, y: data.y.map((v) => v + 1) })).toThrow(/the data the model was fitted to/);
  });
  it("a design restored from model.json (no fitted rows) is refused with what to give instead", () => {
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(design, [], null))));
    expect(() => conditionalEffectsFromDraws(draws, restored, data)).toThrow(/has no fitted rows/);
  });
  it("a DSL fit (no formula model) is refused", () => {
    expect(() => conditionalEffects({ draws } as never, {} as never, data)).toThrow(/needs a formula fit/);
  });
});
