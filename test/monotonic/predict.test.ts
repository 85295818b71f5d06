import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { createDraws, type Draws } from "../../src/posterior/draws.js";
import { predictFromDraws } from "../../src/predict/formulaPredict.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";

// brms 2.18's posterior_epred and log_lik at its first 3 draws (fixtures/make-brms.R), rows 1 … 5 and new data.
interface BrmsCase {
  name: string;
  data: string;
  formula: string;
  family: string;
  draws: Record<string, number>[];
  epred: number[][];
  log_lik: number[][];
  newdata: Record<string, number | string>[];
  epred_new: number[][];
}
const cases = JSON.parse(readFileSync(new URL("./fixtures/brms.json", import.meta.url), "utf8")) as BrmsCase[];
const csv = (name: string) => readCsvFile(new URL(`./fixtures/${name}.csv`, import.meta.url).pathname);

/** brms's draws as one chain of 3. */
function drawsOf(c: BrmsCase): Draws {
  const names = Object.keys(c.draws[0]);
  const d = createDraws(names, 1, c.draws.length);
  names.forEach((name, v) => c.draws.forEach((row, s) => (d.data[v * c.draws.length + s] = row[name])));
  return d;
}

const columns = (rows: Record<string, number | string>[]) => Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])]));

/** Draw-major S × n prediction matrix → its first `m` columns per draw. */
const firstColumns = (data: Float64Array, S: number, n: number, m: number): number[][] => Array.from({ length: S }, (_, s) => Array.from(data.subarray(s * n, s * n + m)));

// brms writes draws with 15 significant digits (jsonlite digits = NA); predictions agree to ~1e-13 relative.
const close = (a: number[][], b: number[][]) => a.forEach((row, s) => row.forEach((v, i) => expect(Math.abs(v - b[s][i]) / Math.max(1, Math.abs(b[s][i])), `draw ${s + 1}, row ${i + 1}`).toBeLessThan(1e-10)));

describe("predictions of mo() models equal brms's at its own draws", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: epred and log_lik of the fitted rows, epred of new data", (_, c) => {
    const { design } = buildFormulaModel({ formula: c.formula, data: csv(c.data), family: c.family });
    const draws = drawsOf(c);
    const epred = predictFromDraws(draws, design, "epred");
    close(firstColumns(epred.data, 3, design.n, 5), c.epred);
    const ll = predictFromDraws(draws, design, "log_lik");
    close(firstColumns(ll.data, 3, design.n, 5), c.log_lik);
    const nd = columns(c.newdata);
    const m = c.newdata.length;
    close(firstColumns(predictFromDraws(draws, design, "epred", nd).data, 3, m, m), c.epred_new);
    // model.json keeps the coding (the fitted minimum and D): the same predictions from the saved design.
    const saved = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(design, [], null))));
    close(firstColumns(predictFromDraws(draws, saved, "epred", nd).data, 3, m, m), c.epred_new);
  });

  it("new data outside the fitted values are refused naming the column and row; model.json without its mo() terms is refused", () => {
    const c = cases[1];
    const { design } = buildFormulaModel({ formula: c.formula, data: csv(c.data), family: c.family });
    // income was 1 … 6 in the fit (D = 5).
    expect(() => predictFromDraws(drawsOf(c), design, "epred", { income: [2, 7], g: ["g01", "g02"] })).toThrow(/newdata: mo\(income\): column 'income' row 2 has 7, outside the fitted values 1 … 6/);
    expect(() => predictFromDraws(drawsOf(c), design, "epred", { income: [2.5], g: ["g01"] })).toThrow(/column 'income' row 1 has 2.5/);
    const json = JSON.parse(JSON.stringify(saveFormulaModel(design, [], null)));
    expect(json.monotonic).toEqual([{ label: "moincome", parts: [{ column: "income", min: 1, D: 5 }] }]);
    delete json.monotonic;
    expect(() => designFromSaved(json)).toThrow(/model.json: the formula has 1 mo\(\) terms but 0 are saved/);
  });
});
