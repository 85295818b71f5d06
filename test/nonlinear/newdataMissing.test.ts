// New data with a missing value in a column a non-linear part reads: the row is dropped with the same
// note as a row missing an ordinary predictor (it was an error). brms 2.18 treats the two alike too
// (posterior_epred keeps such a row as NA for a linear and a non-linear model; checked on
// tmp/nl-decay-brms.rds and a linear fit), and hbayes's rule for ordinary predictors is to drop the row.
import { beforeAll, describe, expect, it } from "vitest";
import { fitFormulaModel, type FormulaFit } from "../../src/api/formulaFit.js";
import { predictFromDraws } from "../../src/predict/formulaPredict.js";
import { newDataRows } from "../../src/predict/rows.js";

const x = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
const g = ["p", "p", "p", "p", "p", "q", "q", "q", "q", "q", "r", "r", "r", "r", "r"];
const z = x.map((v) => v / 2);
const y = [9.9, 6.2, 3.9, 2.6, 1.7, 12.1, 8.3, 5.4, 3.5, 2.2, 7.8, 5.3, 3.4, 2.3, 1.4];
const PRIORS = ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0"];
const SETTINGS = { chains: 1, warmup: 150, draws: 100, seed: 4, threads: 1 };

let fit: FormulaFit;
beforeAll(async () => {
  fit = await fitFormulaModel({ formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | g)", b: "1 + z" }, data: { x, g, y, z }, priors: PRIORS }, SETTINGS);
});

describe("non-linear new data with missing values", () => {
  const nd = { x: [0, null, 2, 3], g: ["p", "q", null, "r"], z: [0, 0.5, 1, null], y: [1, 1, 1, 1] };
  it("drops rows missing the expression's covariate or a parameter's predictor, with the ordinary note", () => {
    const rows = newDataRows(fit.model.design, nd as never, false);
    expect(Array.from(rows.rows)).toEqual([0]);
    expect(rows.messages).toHaveLength(1);
    expect(rows.messages[0]).toMatch(/^dropped 3 rows with missing values in /);
    expect(rows.messages[0]).toContain("x");
    expect(rows.messages[0]).toContain("g");
    expect(rows.messages[0]).toContain("z");
  });
  it("epred of the kept row equals epred of that row alone", () => {
    const kept = predictFromDraws(fit.fit.draws, fit.model.design, "epred", nd as never);
    const alone = predictFromDraws(fit.fit.draws, fit.model.design, "epred", { x: [0], g: ["p"], z: [0], y: [1] });
    expect(Array.from(kept.rows)).toEqual([0]);
    expect(Array.from(kept.data)).toEqual(Array.from(alone.data));
  });
});
