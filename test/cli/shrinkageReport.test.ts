// The fit report's shrinkage plot (issue 6 item 5): per group, the mean of its own responses → the
// model's expected response averaged over the same rows, from the fit alone (src/cli/outputs.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { formulaShrinkage } from "../../src/cli/outputs.js";
import { loadDataTable } from "../../src/cli/loadData.js";

describe("formulaShrinkage", () => {
  it("eight schools: own data = y_j, partial pooling pulled toward the population, n = 1 each", async () => {
    const data = loadDataTable("data/eight_schools.csv");
    const { fit, model } = await fitFormulaModel(
      { formula: "y | se(sigma) ~ 1 + (1 | school)", data },
      { chains: 2, warmup: 400, draws: 400, seed: 3, threads: 1 },
    );
    const sh = formulaShrinkage(fit.draws, model.design);
    expect(sh).not.toBeNull();
    const rows = readFileSync("data/eight_schools.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const y = rows.map((r) => Number(r[1]));
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(sh?.populationMean).toBeCloseTo(mean, 12);
    expect(sh?.groups.map((g) => g.label)).toEqual(rows.map((r) => r[0]));
    for (const [j, g] of (sh?.groups ?? []).entries()) {
      expect(g.n).toBe(1);
      expect(g.noPooling).toBe(y[j]);
      const [lo, hi] = g.partialPoolingInterval ?? [NaN, NaN];
      expect(lo).toBeLessThan(g.partialPooling);
      expect(hi).toBeGreaterThan(g.partialPooling);
    }
    // School A (y = 28, far above the mean 8.75) is pulled most of the way back: eight schools' classic picture.
    const a = sh?.groups[0];
    expect(a && a.partialPooling).toBeLessThan(15);
    expect(a && a.partialPooling).toBeGreaterThan(mean);
  });

  it("no varying intercept, no plot", async () => {
    const data = loadDataTable("data/radon_mn.csv");
    const { fit, model } = await fitFormulaModel({ formula: "log_radon ~ floor", data }, { chains: 1, warmup: 100, draws: 100, seed: 1, threads: 1 });
    expect(formulaShrinkage(fit.draws, model.design)).toBeNull();
  });
});
