import { describe, expect, it } from "vitest";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { forestPlot, forestRowsFromDraws, forestSpec, type ForestDatum, type ForestRow } from "../../src/plots/index.js";
import { checkWellFormed, hasBadNumbers, HOSTILE, layerData, layerOf, markItems } from "./support/wellFormed.js";

function rows(n: number): ForestRow[] {
  return Array.from({ length: n }, (_, i) => {
    const m = Math.sin(i * 1.7);
    return { name: `r_county[C${i},Intercept]`, mean: m, q5: m - 1, q25: m - 0.4, q50: m, q75: m + 0.4, q95: m + 1 };
  });
}

const data = (spec: unknown) => layerData(spec, "pt") as unknown as ForestDatum[];

describe("forestSpec", () => {
  it("forestSpec(rows) holds one datum per row with the point, 50 % and 90 % interval, and a reference rule", () => {
    const spec = forestSpec(rows(3), { reference: 0, point: "mean" });
    expect(data(spec)[1]).toEqual({
      key: "r_county[C1,Intercept]",
      order: 1,
      point: Number(Math.sin(1.7).toPrecision(6)),
      q5: Number((Math.sin(1.7) - 1).toPrecision(6)),
      q95: Number((Math.sin(1.7) + 1).toPrecision(6)),
      q25: Number((Math.sin(1.7) - 0.4).toPrecision(6)),
      q75: Number((Math.sin(1.7) + 0.4).toPrecision(6)),
      tip: "r_county[C1,Intercept]: mean 0.992, 90 % [-0.00834, 1.99]",
    });
    expect(layerData(spec, "reference")).toEqual([{ ref: 0 }]);
    expect(layerOf(spec, "i90").encoding.x).toMatchObject({ field: "q5" });
    expect(layerOf(spec, "i90").encoding.x2).toEqual({ field: "q95" });
    expect(layerOf(spec, "i50").encoding.x2).toEqual({ field: "q75" });
    expect((layerOf(spec, "pt").encoding.y as { sort: unknown }).sort).toEqual({ field: "order", op: "min" });
  });

  it("forestSpec sorts by the point estimate when asked, stably, and keeps equal labels apart", () => {
    const asc = data(forestSpec(rows(30), { sort: "ascending" })).map((d) => d.point);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = data(forestSpec(rows(30), { sort: "descending", point: "mean" })).map((d) => d.point);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const twins = data(forestSpec(rows(2), { label: () => "same" })).map((d) => d.key);
    expect(twins).toEqual(["same", "same\u200B"]);
  });

  it("forestSpec thins labels and rows for 1000 rows and leaves out non-finite rows with a note", () => {
    const spec = forestSpec(rows(1000), { sort: "ascending" });
    const y = layerOf(spec, "pt").encoding.y as { axis: { values: string[] } };
    // 720 px over 1000 rows = 0.72 → 2 px rows; one label per ceil(11 / 2) = 6 rows.
    expect(y.axis.values).toHaveLength(Math.ceil(1000 / 6));
    expect((spec as { height: { step: number } }).height).toEqual({ step: 2 });
    const r: ForestRow[] = [
      { name: "a", mean: 1, q5: 0, q50: 1, q95: 2 },
      { name: "b", mean: NaN, q5: NaN, q50: NaN, q95: NaN },
    ];
    const s = forestSpec(r);
    expect(data(s)).toHaveLength(1);
    expect(data(s)[0].q25).toBeNull();
    expect((s.title as { subtitle: string[] }).subtitle).toEqual(["1 parameter with non-finite summaries left out.", "Point: posterior median; thin line: 90 % interval."]);
    expect((forestSpec([]).title as { subtitle: string[] }).subtitle[0]).toBe("No parameters to show.");
  });

  it("forestSpec checks its closed option sets", () => {
    expect(() => forestSpec(rows(2), { sort: "up" as never })).toThrow("forestPlot: sort must be one of none, ascending, descending, got up");
    expect(() => forestSpec(rows(2), { point: "mode" as never })).toThrow("forestPlot: point must be one of mean, median, got mode");
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

describe("forestPlot", () => {
  it("forestPlot(rows) renders a point, a 50 % and a 90 % interval per row, names on the left", async () => {
    const svg = await forestPlot(rows(8), { reference: 0 });
    checkWellFormed(svg);
    expect(markItems(svg, "pt")).toBe(8);
    expect(markItems(svg, "i50")).toBe(8);
    expect(markItems(svg, "i90")).toBe(8);
    expect(markItems(svg, "reference")).toBe(1);
    expect(svg).toContain(">r_county[C3,Intercept]</text>");
    expect(svg).toContain('class="hb-plot hb-forest"');
  });

  it("forestPlot renders 1 and 1000 rows with bounded height and thinned labels", async () => {
    const one = await forestPlot(rows(1));
    checkWellFormed(one);
    expect(markItems(one, "pt")).toBe(1);
    const many = await forestPlot(rows(1000), { sort: "ascending" });
    checkWellFormed(many);
    expect(markItems(many, "pt")).toBe(1000);
    const height = Number(/height="(\d+(?:\.\d+)?)" viewBox/.exec(many)![1]);
    expect(height).toBeLessThan(2300); // 2 px per row minimum + margins
    const none = await forestPlot([]);
    checkWellFormed(none);
    expect(none).toContain(">No parameters to show.<");
    const labels = (many.match(/>r_county\[C\d+,Intercept\]<\/text>/g) ?? []).length;
    expect(labels).toBe(167);
    expect(hasBadNumbers(many)).toBe(false);
  });

  it("forestPlot escapes hostile names in labels and descriptions, and cuts very long ones with …", async () => {
    const svg = await forestPlot(HOSTILE.map((name, i) => ({ name, mean: i, q5: i - 1, q50: i, q95: i + 1 })));
    checkWellFormed(svg);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;/svg&gt;&lt;img src=x onerror=alert(1)&gt;");
    const long = await forestPlot([{ name: "x".repeat(200), mean: 0, q5: -1, q50: 0, q95: 1 }]);
    expect(long).toContain("…</text>");
    expect(long).toContain(`aria-label="${"x".repeat(200)}: median 0`); // the full name stays in the description
  });
});
