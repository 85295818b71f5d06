import { describe, expect, it } from "vitest";
import { pickReplicates, ppcBarsPlot, ppcBarsSpec, ppcDensityPlot, ppcDensitySpec, bandwidthNrd0, kdeOnGrid, type CountFrequency, type DensityPoint } from "../../src/plots/index.js";
import { ppcData } from "./support/examples.js";
import { checkWellFormed, hasBadNumbers, HOSTILE, layerData, markGroups, markItems } from "./support/wellFormed.js";

const data = ppcData();
const subtitle = (spec: unknown) => ((spec as { title: { subtitle?: string[] } }).title.subtitle ?? []);

describe("ppcDensitySpec", () => {
  it("ppcDensitySpec holds 128-point KDE curves: the observed one (curve 0) and at most 50 replicates", () => {
    const spec = ppcDensitySpec(data.observed, data.replicates, { xLabel: "y" });
    const points = layerData(spec, "obs") as unknown as DensityPoint[];
    expect(points).toHaveLength(51 * 128);
    const obs = points.filter((p) => p.curve === 0);
    const bw = bandwidthNrd0(data.observed);
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of [data.observed, ...pickReplicates(data.replicates, 50)]) for (const v of a) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const ref = kdeOnGrid(data.observed, bw, lo - 3 * bw, hi + 3 * bw, 128);
    expect(obs.map((p) => p.density)).toEqual(Array.from(ref, (v) => Number(v.toPrecision(4))));
    expect(obs[0].x).toBe(Number((lo - 3 * bw).toPrecision(4)));
    expect(subtitle(spec)).toEqual(["50 of 100 replicated data sets shown."]);
  });

  it("pickReplicates spreads its picks over the whole list", () => {
    expect(pickReplicates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(pickReplicates([1, 2], 5)).toEqual([1, 2]);
  });

  it("ppcDensitySpec notes NaN and too-short data", () => {
    const s1 = ppcDensitySpec(Float64Array.from([1, 2, NaN, 3, 2.5]), [Float64Array.from([1, 2, 3, 4, NaN])]);
    expect(subtitle(s1)).toEqual(["1 non-finite observed value left out.", "1 non-finite replicated value left out."]);
    expect(subtitle(ppcDensitySpec(Float64Array.from([1]), []))[0]).toMatch(/^Too few finite observed values/);
  });
});

describe("ppcBarsSpec", () => {
  it("ppcBarsSpec tallies exactly: values 0…2 from [0, 0, 1, 2, 2, 2] against one replicate [0, 1, 1, 1, 2, 2]", () => {
    const rows = layerData(ppcBarsSpec(Float64Array.from([0, 0, 1, 2, 2, 2]), [Float64Array.from([0, 1, 1, 1, 2, 2])]), "bar") as unknown as CountFrequency[];
    expect(rows).toEqual([
      { value: 0, observed: 2, median: 1, q5: 1, q95: 1 },
      { value: 1, observed: 1, median: 3, q5: 3, q95: 3 },
      { value: 2, observed: 3, median: 2, q5: 2, q95: 2 },
    ]);
  });

  it("ppcBarsSpec takes type-7 quantiles of each value's frequency over the replicates", () => {
    // Frequencies of 0 over five replicates: 1, 2, 3, 4, 5 → R quantile(1:5, c(.05, .5, .95)) = 1.2, 3, 4.8.
    const reps = [1, 2, 3, 4, 5].map((k) => Float64Array.from({ length: 5 }, (_, i) => (i < k ? 0 : 1)));
    const [zero] = layerData(ppcBarsSpec(Float64Array.from([0, 1]), reps), "bar") as unknown as CountFrequency[];
    expect(zero.median).toBe(3);
    expect(zero.q5).toBeCloseTo(1.2, 12);
    expect(zero.q95).toBeCloseTo(4.8, 12);
  });

  it("ppcBarsSpec rejects non-integer counts", () => {
    expect(() => ppcBarsSpec(Float64Array.from([1, 2.5]), [])).toThrow("ppcBarsPlot: observed must hold integer counts, got 2.5 at index 1");
  });
});

describe("ppc plots", () => {
  it("ppcDensityPlot renders the observed density over the replicated ones, with a legend", async () => {
    const svg = await ppcDensityPlot(data.observed, data.replicates, { xLabel: "y" });
    checkWellFormed(svg);
    expect(markGroups(svg, "obs")).toBe(1);
    expect(markGroups(svg, "rep")).toBe(50);
    // Observed on top: drawn after the replicates.
    expect(svg.indexOf("obs_marks")).toBeGreaterThan(svg.lastIndexOf("rep_marks"));
    expect(svg).toContain(">observed y</text>");
    expect(svg).toContain(">replicated y</text>");
    expect(svg).toContain('class="hb-plot hb-ppc"');
    expect(hasBadNumbers(svg)).toBe(false);
    const constant = await ppcDensityPlot(new Float64Array(10).fill(4), [new Float64Array(10).fill(4)]);
    checkWellFormed(constant);
    expect(hasBadNumbers(constant)).toBe(false);
    checkWellFormed(await ppcDensityPlot(Float64Array.from([1]), []));
  });

  it("ppcBarsPlot renders one bar, one median and one interval per value", async () => {
    const svg = await ppcBarsPlot(data.counts, data.countReps, { xLabel: "count" });
    checkWellFormed(svg);
    const bars = markItems(svg, "bar");
    expect(bars).toBeGreaterThan(5);
    expect(markItems(svg, "rep_median")).toBe(bars);
    expect(markItems(svg, "rep_interval")).toBe(bars);
    expect(svg).toContain('class="hb-plot hb-ppc-bars"');
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("ppc plots escape hostile labels and titles", async () => {
    for (const svg of [
      await ppcBarsPlot(Float64Array.from([1, 2]), [], { xLabel: HOSTILE[0], title: HOSTILE[1] }),
      await ppcDensityPlot(data.observed, data.replicates.slice(0, 2), { xLabel: HOSTILE[3], title: HOSTILE[5] }),
    ]) {
      checkWellFormed(svg);
      expect(svg).not.toContain("<script");
      expect(svg).not.toContain("<img");
      expect(svg).not.toContain("\u0000");
    }
  });
});
