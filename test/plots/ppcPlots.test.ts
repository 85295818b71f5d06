import { describe, expect, it } from "vitest";
import { pickReplicates, ppcBarsPlot, ppcDensityPlot } from "../../src/plots/index.js";
import { ppcData } from "./support/examples.js";
import { checkWellFormed, countClass, hasBadNumbers, HOSTILE } from "./support/wellFormed.js";

const data = ppcData();

describe("posterior predictive plots", () => {
  it("ppcDensityPlot draws the observed density over at most 50 replicated ones", () => {
    const svg = ppcDensityPlot(data.observed, data.replicates, { xLabel: "y" });
    checkWellFormed(svg);
    expect(countClass(svg, "obs")).toBe(1);
    expect(countClass(svg, "rep")).toBe(50);
    expect(svg).toContain("50 of 100 replicated data sets shown.");
    expect(hasBadNumbers(svg)).toBe(false);
    const few = ppcDensityPlot(data.observed, data.replicates.slice(0, 3));
    expect(countClass(few, "rep")).toBe(3);
  });

  it("pickReplicates spreads its picks over the whole list", () => {
    expect(pickReplicates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(pickReplicates([1, 2], 5)).toEqual([1, 2]);
  });

  it("ppcDensityPlot handles NaN, constant and too-short data with notes", () => {
    const withNaN = Float64Array.from([1, 2, NaN, 3, 2.5]);
    const s1 = ppcDensityPlot(withNaN, [Float64Array.from([1, 2, 3, 4, NaN])]);
    checkWellFormed(s1);
    expect(s1).toContain("1 non-finite observed value left out.");
    expect(s1).toContain("1 non-finite replicated value left out.");
    const s2 = ppcDensityPlot(new Float64Array(10).fill(4), [new Float64Array(10).fill(4)]);
    checkWellFormed(s2);
    expect(hasBadNumbers(s2)).toBe(false);
    const s3 = ppcDensityPlot(Float64Array.from([1]), []);
    checkWellFormed(s3);
    expect(s3).toContain("Too few finite observed values");
  });

  it("ppcBarsPlot draws one bar per value and a replicated median and interval per value", () => {
    const svg = ppcBarsPlot(data.counts, data.countReps, { xLabel: "count" });
    checkWellFormed(svg);
    const bars = countClass(svg, "bar");
    expect(bars).toBeGreaterThan(5);
    expect(countClass(svg, "rep-median")).toBe(bars);
    expect(countClass(svg, "rep-interval")).toBe(bars);
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("ppcBarsPlot tallies exactly: values 0…2 from [0, 0, 1, 2, 2, 2]", () => {
    const svg = ppcBarsPlot(Float64Array.from([0, 0, 1, 2, 2, 2]), [Float64Array.from([0, 1, 1, 1, 2, 2])]);
    checkWellFormed(svg);
    const heights = [...svg.matchAll(/class="bar"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0] / heights[2]).toBeCloseTo(2 / 3, 2);
    expect(heights[1] / heights[2]).toBeCloseTo(1 / 3, 2);
  });

  it("ppcBarsPlot rejects non-integer counts and escapes hostile labels", () => {
    expect(() => ppcBarsPlot(Float64Array.from([1, 2.5]), [])).toThrow("ppcBarsPlot: observed must hold integer counts, got 2.5 at index 1");
    const svg = ppcBarsPlot(Float64Array.from([1, 2]), [], { xLabel: HOSTILE[0], title: HOSTILE[1] });
    checkWellFormed(svg);
    expect(svg).not.toContain("<script");
  });
});
