import { describe, expect, it } from "vitest";
import { dataRowNumbers, kfold } from "../../src/api/kfold.js";

// An error in a fold names the data's row, not the row's position within the fold's subset.
describe("kfold errors name the data's rows", () => {
  it("a held-out mo() value outside the fold's fitted values names data row 5 (the 2nd held-out row of fold 2)", async () => {
    const x = [2, 3, 2, 3, 1, 2, 3, 2, 3, 2, 3, 2]; // x = 1 only in row 5
    const y = x.map((v, i) => v + Math.sin(i));
    const foldIds = x.map((_, i) => (i % 3) + 1); // fold 2 holds rows 2, 5, 8, 11
    const fit = { chains: 1, warmup: 50, draws: 50, seed: 3 };
    const run = kfold({ formula: "y ~ mo(x)", data: { y, x } }, { foldIds, fit });
    await expect(run).rejects.toThrow(/fold 2 of 3 .*column 'x' row 5 has 1/);
  });
  it("maps only the message line, never the echoed formula under it", () => {
    const m = "formula: trunc(): the bounds of row 2 are invalid\n  y | trunc(lb = row 1) ~ x\n  ^";
    expect(dataRowNumbers(m, [3, 7])).toBe("formula: trunc(): the bounds of row 8 are invalid\n  y | trunc(lb = row 1) ~ x\n  ^");
    expect(dataRowNumbers("row 1 and row 2; rows 3", [0, 9])).toBe("row 1 and row 10; rows 3");
  });
});
