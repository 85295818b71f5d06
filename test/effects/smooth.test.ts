// Conditional effects of a smooth: brms lists s(x) as the effect x (s(x, z) as the pair).
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { conditionalEffects } from "../../src/effects/index.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { posteriorEpred } from "../../src/predict/index.js";

describe("conditional effects of s() smooths", () => {
  it("s(times) is the effect times over its range, equal to the median of epred on the grid", async () => {
    const data = readCsvFile("bench/qa/data/mcycle.csv");
    const { fit, model } = await fitFormulaModel({ formula: "accel ~ s(times, k = 5)", data }, { chains: 2, warmup: 300, draws: 300, seed: 1 });
    const [e] = conditionalEffects(fit, model, data);
    expect(e.effects).toEqual(["times"]);
    const times = data.columns.times.values as Float64Array;
    const grid = e.columns[0].values as Float64Array;
    expect(e.columns[0].name).toBe("times");
    expect(grid.length).toBe(100);
    expect(grid[0]).toBe(Math.min(...times));
    expect(grid[99]).toBeCloseTo(Math.max(...times), 12);
    // The same numbers as predictions at those times through the saved basis (brms: posterior_epred, re_formula = NA).
    const ep = posteriorEpred(fit, model, { times: [grid[0], grid[50]] });
    const median = (j: number) => {
      const col = Float64Array.from({ length: ep.draws }, (_, s) => ep.data[s * ep.observations + j]).sort();
      return (col[col.length / 2 - 1] + col[col.length / 2]) / 2;
    };
    expect(e.estimate[0]).toBeCloseTo(median(0), 10);
    expect(e.estimate[50]).toBeCloseTo(median(1), 10);
  });
});
