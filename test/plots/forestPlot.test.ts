import { describe, expect, it } from "vitest";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { forestPlot, forestRowsFromDraws, type ForestRow } from "../../src/plots/index.js";
import { checkWellFormed, countClass, hasBadNumbers, HOSTILE } from "./support/wellFormed.js";

function rows(n: number): ForestRow[] {
  return Array.from({ length: n }, (_, i) => {
    const m = Math.sin(i * 1.7);
    return { name: `r_county[C${i},Intercept]`, mean: m, q5: m - 1, q25: m - 0.4, q50: m, q75: m + 0.4, q95: m + 1 };
  });
}

function pointX(svg: string): number[] {
  return [...svg.matchAll(/class="pt" cx="([-\d.]+)"/g)].map((m) => Number(m[1]));
}

describe("forestPlot", () => {
  it("forestPlot(rows) draws a point, a 50 % and a 90 % interval per row, names on the left", () => {
    const svg = forestPlot(rows(8), { reference: 0 });
    checkWellFormed(svg);
    expect(countClass(svg, "row")).toBe(8);
    expect(countClass(svg, "pt")).toBe(8);
    expect(countClass(svg, "i50")).toBe(8);
    expect(countClass(svg, "i90")).toBe(8);
    expect(countClass(svg, "reference")).toBe(1);
    expect(svg).toContain(">r_county[C3,Intercept]</text>");
  });

  it("forestPlot sorts by the point estimate when asked, stably", () => {
    const asc = pointX(forestPlot(rows(30), { sort: "ascending" }));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = pointX(forestPlot(rows(30), { sort: "descending", point: "mean" }));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it("forestPlot handles 1 row and 1000 rows (rows thin out, labels thin out, height stays bounded)", () => {
    const one = forestPlot(rows(1));
    checkWellFormed(one);
    expect(countClass(one, "pt")).toBe(1);
    const many = forestPlot(rows(1000), { sort: "ascending" });
    checkWellFormed(many);
    expect(countClass(many, "pt")).toBe(1000);
    const height = Number(/height="(\d+(?:\.\d+)?)" viewBox/.exec(many)![1]);
    expect(height).toBeLessThan(2300); // 2 px per row minimum + margins
    const labels = (many.match(/text-anchor="end" fill="#1a1a1a"/g) ?? []).length;
    expect(labels).toBeGreaterThan(100);
    expect(labels).toBeLessThan(1000);
    expect(hasBadNumbers(many)).toBe(false);
  });

  it("forestPlot leaves out rows with non-finite summaries and says so; works without 50 % quantiles", () => {
    const r: ForestRow[] = [
      { name: "a", mean: 1, q5: 0, q50: 1, q95: 2 },
      { name: "b", mean: NaN, q5: NaN, q50: NaN, q95: NaN },
    ];
    const svg = forestPlot(r);
    checkWellFormed(svg);
    expect(countClass(svg, "pt")).toBe(1);
    expect(countClass(svg, "i50")).toBe(0);
    expect(svg).toContain("1 parameter with non-finite summaries left out.");
    expect(forestPlot([])).toContain("No parameters to show.");
  });

  it("forestPlot escapes hostile names in labels and tooltips, and truncates very long ones", () => {
    const svg = forestPlot(HOSTILE.map((name, i) => ({ name, mean: i, q5: i - 1, q50: i, q95: i + 1 })));
    checkWellFormed(svg);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    const long = forestPlot([{ name: "x".repeat(200), mean: 0, q5: -1, q50: 0, q95: 1 }]);
    expect(long).toContain("…</text>");
    expect(long).toContain("x".repeat(200)); // full name in the tooltip
  });

  it("forestPlot checks its closed option sets", () => {
    expect(() => forestPlot(rows(2), { sort: "up" as never })).toThrow("forestPlot: sort must be one of none, ascending, descending, got up");
    expect(() => forestPlot(rows(2), { point: "mode" as never })).toThrow("forestPlot: point must be one of mean, median, got mode");
  });

  it("forestRowsFromDraws gives type-7 quantiles over all chains", () => {
    const d = createDraws(["a"], 2, 5);
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].forEach((v, i) => setValue(d, 0, Math.floor(i / 5), i % 5, v));
    const [r] = forestRowsFromDraws(d, ["a"]);
    // R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.5 7.75 9.55
    expect(r.q5).toBeCloseTo(1.45, 12);
    expect(r.q25).toBeCloseTo(3.25, 12);
    expect(r.q50).toBeCloseTo(5.5, 12);
    expect(r.q75).toBeCloseTo(7.75, 12);
    expect(r.q95).toBeCloseTo(9.55, 12);
    expect(r.mean).toBe(5.5);
    expect(() => forestRowsFromDraws(d, ["b"])).toThrow('forestRowsFromDraws: names must name columns of the draws, got "b"');
  });
});
