import { describe, expect, it } from "vitest";
import { arrowPath, shrinkagePlot, type ShrinkageGroup } from "../../src/plots/index.js";
import { radonLikeGroups } from "./support/examples.js";
import { checkWellFormed, countClass, hasBadNumbers, HOSTILE } from "./support/wellFormed.js";

describe("shrinkagePlot", () => {
  it("shrinkagePlot(groups) draws one arrow and two points per group and the population mean line", () => {
    const groups = radonLikeGroups(12);
    const svg = shrinkagePlot(groups, { populationMean: 1.3, xLabel: "log radon" });
    checkWellFormed(svg);
    expect(countClass(svg, "group")).toBe(12);
    expect(countClass(svg, "arrow")).toBe(12);
    expect(countClass(svg, "np")).toBe(12);
    expect(countClass(svg, "pp")).toBe(12);
    expect(countClass(svg, "np-interval")).toBe(12);
    expect(countClass(svg, "population")).toBe(1);
    expect(svg).toContain(">log radon</text>");
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("shrinkagePlot sizes points by n: the largest group has the largest radius", () => {
    const groups: ShrinkageGroup[] = [
      { label: "small", n: 1, noPooling: 0, partialPooling: 0.8 },
      { label: "big", n: 100, noPooling: 2, partialPooling: 1.9 },
    ];
    const radii = [...shrinkagePlot(groups).matchAll(/class="pp" cx="[-\d.]+" cy="[-\d.]+" r="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(radii).toEqual([2, 7]);
  });

  it("shrinkagePlot handles 1 group and 1000 groups", () => {
    const one = shrinkagePlot([{ label: "only", n: 5, noPooling: 1, partialPooling: 1 }]);
    checkWellFormed(one);
    expect(countClass(one, "arrow")).toBe(1);
    expect(hasBadNumbers(one)).toBe(false);
    const many = shrinkagePlot(radonLikeGroups(1000), { populationMean: 1.3 });
    checkWellFormed(many);
    expect(countClass(many, "arrow")).toBe(1000);
  });

  it("shrinkagePlot draws groups without their own data as partial-pooling points only, and says so", () => {
    const svg = shrinkagePlot([
      { label: "a", n: 3, noPooling: 1, partialPooling: 1.1 },
      { label: "empty", n: 0, noPooling: NaN, partialPooling: 1.2 },
      { label: "broken", n: 2, noPooling: 1, partialPooling: NaN },
    ]);
    checkWellFormed(svg);
    expect(countClass(svg, "arrow")).toBe(1);
    expect(countClass(svg, "pp")).toBe(2);
    expect(svg).toContain("1 group without data of their own");
    expect(svg).toContain("1 group without a finite partial-pooling estimate left out.");
    expect(shrinkagePlot([])).toContain("No groups to show.");
  });

  it("shrinkagePlot escapes hostile group labels and rejects a negative n", () => {
    const svg = shrinkagePlot(HOSTILE.map((label, i) => ({ label, n: i + 1, noPooling: i, partialPooling: i / 2 })), { xLabel: HOSTILE[0], title: HOSTILE[3] });
    checkWellFormed(svg);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(() => shrinkagePlot([{ label: "x", n: -1, noPooling: 0, partialPooling: 0 }])).toThrow("shrinkagePlot: groups[0].n must be a non-negative number, got -1");
  });

  it("arrowPath ends its head at the target point", () => {
    expect(arrowPath(0, 0, 0, 100)).toBe("M0,0L0,100M-3,94L0,100L3,94");
  });
});
