import { describe, expect, it } from "vitest";
import { shrinkagePlot, shrinkageSpec, type ShrinkageDatum, type ShrinkageGroup } from "../../src/plots/index.js";
import { radonLikeGroups } from "./support/examples.js";
import { checkWellFormed, hasBadNumbers, HOSTILE, layerData, layerOf, markItems } from "./support/wellFormed.js";

const data = (spec: unknown) => layerData(spec, "pp") as unknown as ShrinkageDatum[];

describe("shrinkageSpec", () => {
  it("shrinkageSpec sizes points by n: area ∝ n between the smallest and largest radius", () => {
    const groups: ShrinkageGroup[] = [
      { label: "small", n: 1, noPooling: 0, partialPooling: 0.8 },
      { label: "big", n: 100, noPooling: 2, partialPooling: 1.9 },
    ];
    const d = data(shrinkageSpec(groups));
    // DEFAULT_SHRINKAGE radii 2 and 7 px; Vega-Lite sizes are areas.
    expect(d.map((g) => g.size)).toEqual([Number((Math.PI * 4).toPrecision(6)), Number((Math.PI * 49).toPrecision(6))]);
    expect(layerOf(shrinkageSpec(groups), "pp").encoding.size).toEqual({ field: "size", type: "quantitative", scale: null });
  });

  it("shrinkageSpec's arrow runs from the no-pooling point down to the partial-pooling point, its head turned along the shaft", () => {
    // One group moving right by 1 unit; domain [0, 2] (nice), plot width 640 − 150 = 490 px → 245 px per unit; rows 150 px apart.
    const spec = shrinkageSpec([{ label: "g", n: 5, noPooling: 0.5, partialPooling: 1.5 }, { label: "h", n: 5, noPooling: 0, partialPooling: 2 }]);
    const [g] = data(spec);
    const dx = 245;
    const dy = 150;
    // Head angle: atan2(dx, −dy) in degrees, clockwise from pointing up.
    expect(g.angle).toBeCloseTo((Math.atan2(dx, -dy) * 180) / Math.PI, 3);
    // The shaft starts below the top row (y = 1) and ends above the bottom row (y = 0), on the line between the points.
    expect(g.y0!).toBeLessThan(1);
    expect(g.y1!).toBeGreaterThan(0);
    const slope = (x: number, y: number) => (x - 0.5) / (1 - y);
    expect(slope(g.x0!, g.y0!)).toBeCloseTo(1, 4);
    expect(slope(g.hx!, g.hy!)).toBeCloseTo(1, 4);
    expect(layerOf(spec, "arrow_head").mark).toMatchObject({ type: "point", shape: "triangle" });
    expect(layerOf(spec, "arrow_head").encoding.angle).toEqual({ field: "angle", type: "quantitative", scale: null });
  });

  it("shrinkageSpec draws groups without their own data as partial-pooling points only, and says so", () => {
    const spec = shrinkageSpec([
      { label: "a", n: 3, noPooling: 1, partialPooling: 1.1 },
      { label: "empty", n: 0, noPooling: NaN, partialPooling: 1.2 },
      { label: "broken", n: 2, noPooling: 1, partialPooling: NaN },
    ]);
    const d = data(spec);
    expect(d.map((g) => [g.label, g.noPooling, g.x0 === null])).toEqual([
      ["a", 1, false],
      ["empty", null, true],
    ]);
    expect((spec.title as { subtitle: string[] }).subtitle).toEqual([
      "1 group without a finite partial-pooling estimate left out.",
      "1 group without data of their own: partial-pooling estimate only.",
      "Point area proportional to group size n (0 to 3).",
    ]);
    expect(() => shrinkageSpec([{ label: "x", n: -1, noPooling: 0, partialPooling: 0 }])).toThrow("shrinkagePlot: groups[0].n must be a non-negative number, got -1");
  });
});

describe("shrinkagePlot", () => {
  it("shrinkagePlot(groups) renders one arrow (shaft and head) and two points per group and the population mean line", async () => {
    const svg = await shrinkagePlot(radonLikeGroups(12), { populationMean: 1.3, xLabel: "log radon" });
    checkWellFormed(svg);
    expect(markItems(svg, "arrow")).toBe(12);
    expect(markItems(svg, "arrow_head")).toBe(12);
    expect(markItems(svg, "np")).toBe(12);
    expect(markItems(svg, "pp")).toBe(12);
    expect(markItems(svg, "np_interval")).toBe(12);
    expect(markItems(svg, "population")).toBe(1);
    expect(svg).toContain(">population mean</text>");
    expect(svg).toContain(">log radon</text>");
    expect(svg).toContain(">no pooling</text>");
    expect(svg).toContain(">partial pooling</text>");
    // The description lists each group's move, so the labels are in the SVG's text.
    expect(svg).toMatch(/<desc>12 groups\. county 1 \(n = \d+\): no pooling [-\d.]+ → partial pooling [-\d.]+; county 2 /);
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("shrinkagePlot renders 1 group, 1000 groups and none", async () => {
    const one = await shrinkagePlot([{ label: "only", n: 5, noPooling: 1, partialPooling: 1 }]);
    checkWellFormed(one);
    expect(markItems(one, "arrow")).toBe(1);
    expect(hasBadNumbers(one)).toBe(false);
    const many = await shrinkagePlot(radonLikeGroups(1000), { populationMean: 1.3 });
    checkWellFormed(many);
    expect(markItems(many, "arrow_head")).toBe(1000);
    expect(await shrinkagePlot([])).toContain("No groups to show.");
  });

  it("shrinkagePlot escapes hostile group labels, axis label and title: a group named </svg><script> appears as text", async () => {
    const svg = await shrinkagePlot(HOSTILE.map((label, i) => ({ label, n: i + 1, noPooling: i, partialPooling: i / 2 })), { xLabel: HOSTILE[0], title: HOSTILE[3] });
    checkWellFormed(svg);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).toContain('aria-label="&lt;script&gt;alert(1)&lt;/script&gt; (n = 1): no pooling 0 → partial pooling 0"');
    const named = await shrinkagePlot([{ label: "</svg><script>", n: 2, noPooling: 0, partialPooling: 1 }]);
    checkWellFormed(named);
    expect(named).toContain("&lt;/svg&gt;&lt;script&gt; (n = 2)");
  });
});
