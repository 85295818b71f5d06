import { describe, expect, it } from "vitest";
import { formatSummaryTable } from "../../src/posterior/formatSummaryTable.js";
import type { SummaryRow } from "../../src/posterior/summary.js";

// Found in the 2026-11-29 user sweep (bench/qa/): with y in units of 1e-6, sigma printed as
// "0.000001  0.000000  0.000001 …": six fixed decimals cannot show an sd below 1e-6.
describe("formatSummaryTable with parameters below 1e-6", () => {
  const rows: SummaryRow[] = [
    { name: "b_x", mean: 7.06e-7, sd: 8.7e-8, q5: 5.67e-7, q50: 7.08e-7, q95: 8.52e-7, rhat: 1.001, ess_bulk: 2000, ess_tail: 1500, mcse_mean: 2e-9 },
    { name: "b_Intercept", mean: 2.74, sd: 0.5, q5: 1.93, q50: 2.72, q95: 3.56, rhat: 1.0, ess_bulk: 1600, ess_tail: 1000, mcse_mean: 0.01 },
  ];
  it("prints that row's location columns in exponent form, with the sd's leading digits", () => {
    const lines = formatSummaryTable(rows).split("\n");
    expect(lines[1]).toMatch(/^b_x\s+7\.06e-7\s+8\.70e-8\s+5\.67e-7\s+7\.08e-7\s+8\.52e-7\s+1\.00\s+2000\s+1500$/);
    expect(lines[2]).toMatch(/^b_Intercept\s+2\.74\s+0\.50\s+1\.93/);
    expect(lines.join("\n")).not.toContain("0.000000");
  });
});
