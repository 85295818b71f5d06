import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { conditionalEffectsFromDraws } from "../../src/effects/conditionalEffects.js";
import { effectGrid } from "../../src/effects/grid.js";
import { roundHalfEven } from "../../src/formula/monotonic.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

// brms 2.18's conditional_effects(fit) on the fixture fits (fixtures/make-brms.R): effects in brms's order
// (population-level terms, then mo() terms), a mo() predictor at its whole values, the curve's medians.
interface BrmsEffect { effects: string | string[]; grid: number[]; estimate: number[]; lower: number[]; upper: number[] }
interface BrmsCase { name: string; data: string; formula: string; family: string; conditional_effects: Record<string, BrmsEffect> }
const cases = JSON.parse(readFileSync(new URL("./fixtures/brms.json", import.meta.url), "utf8")) as BrmsCase[];

describe("conditional effects of mo() models", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: brms's effects, grids and curves", async (_, c) => {
    const data = readCsvFile(new URL(`./fixtures/${c.data}.csv`, import.meta.url).pathname);
    const { fit, model } = await fitFormulaModel({ formula: c.formula, data, family: c.family }, { chains: 4, warmup: 1000, draws: 1000, seed: 5, threads: 1 });
    const ours = conditionalEffectsFromDraws(fit.draws, model.design, data, { seed: 1 });
    const theirs = Object.values(c.conditional_effects);
    expect(ours.map((e) => e.effects.join(":"))).toEqual(theirs.map((e) => ([] as string[]).concat(e.effects).join(":")));
    ours.forEach((e, k) => {
      const b = theirs[k];
      const x = e.columns[0];
      expect(x.kind).toBe("numeric");
      // brms's grid: 100 points for a number, seq(min, max, by = 1) for a mo() column; the others held
      // at their mean, a mo() column at round(median) (the curves would differ otherwise).
      Array.from(x.values as Float64Array).forEach((v, i) => expect(Math.abs(v - b.grid[i]), `${e.name} grid ${i}`).toBeLessThan(1e-9));
      expect(x.values.length).toBe(b.grid.length);
      for (let i = 0; i < b.grid.length; i++) {
        // Both are medians of 4000 draws: MCSE ≈ 1.25 sd / √ESS with sd ≈ (upper − lower) / 3.92; ESS ≥ 400
        // for these epred draws gives 4 × √2 × 1.25 / 20 ≈ 0.35 sd for the difference.
        const sd = (b.upper[i] - b.lower[i]) / 3.92;
        expect(Math.abs(e.estimate[i] - b.estimate[i]), `${e.name} estimate ${i}`).toBeLessThan(0.35 * sd);
      }
    });
  });

  it("effectGrid: a whole-number column as second effect takes round((-1:1) · mad + median); roundHalfEven is R's round", () => {
    const col = { name: "x", kind: "numeric" as const, values: Float64Array.of(0, 1, 2, 2, 3, 4, 4), mean: 16 / 7, sd: 1.5, min: 0, max: 4 };
    const z = { name: "z", kind: "numeric" as const, values: Float64Array.of(0, 1), mean: 0.5, sd: 0.7, min: 0, max: 1 };
    const g = effectGrid([z, col], 2, {}, new Set(["x"]));
    // median 2, mad 1.4826 · 1 → round(0.5174), 2, round(3.4826) = 1, 2, 3.
    expect([...new Set(Array.from(g[1].values as Float64Array))]).toEqual([1, 2, 3]);
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2, 3]);
  });
});
