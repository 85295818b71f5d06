// The package entry gives API users the CSV reader the CLI uses, so a data file reaches fitFormulaModel
// with the same column typing, missing-value handling and messages as `hbayes fit --data`.
import { describe, expect, it } from "vitest";
import { fitFormulaModel, readCsvText } from "../../src/index.js";

describe("readCsvText from the package entry", () => {
  it("reads a CSV into the table a formula fit takes", async () => {
    const rows = ["y,x,g"];
    for (let i = 0; i < 24; i++) rows.push(`${(0.3 * (i % 5) + (i % 3) * 0.2).toFixed(2)},${i % 5},${"abc"[i % 3]}`);
    const table = readCsvText(rows.join("\r\n"));
    expect(table.names).toEqual(["y", "x", "g"]);
    expect(table.nRows).toBe(24);
    const { fit } = await fitFormulaModel({ formula: "y ~ x + (1 | g)", data: table }, { chains: 1, warmup: 50, draws: 20, seed: 3 });
    expect(fit.draws.draws).toBe(20);
  });

  it("reads a ';'-separated file as R's read.csv2 does and says so", () => {
    const t = readCsvText("y;x\n1,5;2\n2,5;3\n");
    expect(Array.from((t.columns.y as { values: Float64Array }).values)).toEqual([1.5, 2.5]);
    expect(t.warnings[0]).toMatch(/';'-separated/);
  });
});
