import { describe, expect, it } from "vitest";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { pooledRanks, rankBinCount, rankHistogram, rankPlot, rankSpec, type RankBin } from "../../src/plots/index.js";
import { syntheticDraws } from "./support/synthetic.js";
import { checkWellFormed, hasBadNumbers, HOSTILE, layerData, markGroups, markItems } from "./support/wellFormed.js";

describe("ranks", () => {
  it("pooledRanks gives R's average ranks over all chains and NaN for non-finite draws", () => {
    // R: rank(c(3, 1, 2, 2, 5, NaN omitted)) = 4, 1, 2.5, 2.5, 5
    const r = pooledRanks([Float64Array.from([3, 1]), Float64Array.from([2, 2, NaN, 5])]);
    expect(Array.from(r[0])).toEqual([4, 1]);
    expect(Array.from(r[1])).toEqual([2.5, 2.5, NaN, 5]);
  });

  it("rankHistogram puts ranks 1…N into equal bins and rankBinCount uses 20 from 100 draws", () => {
    expect(Array.from(rankHistogram(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 8, 4))).toEqual([2, 2, 2, 2]);
    expect(rankBinCount(1000)).toBe(20);
    expect(rankBinCount(100)).toBe(20);
    expect(rankBinCount(40)).toBe(8);
    expect(rankBinCount(3)).toBe(1);
  });
});

describe("rankSpec", () => {
  it("rankSpec holds the per-chain histograms: a chain stuck above the other fills only the top bins", () => {
    const d = createDraws(["x"], 2, 100);
    for (let i = 0; i < 100; i++) {
      setValue(d, 0, 0, i, i / 100);
      setValue(d, 0, 1, i, 10 + i / 100);
    }
    const spec = rankSpec(d, "x");
    const rows = layerData(spec, "bar") as unknown as RankBin[];
    expect(rows).toHaveLength(2 * 20);
    const counts = (chain: string) => rows.filter((r) => r.chain === chain).map((r) => r.count);
    expect(counts("chain 1")).toEqual([...new Array(10).fill(10), ...new Array(10).fill(0)]);
    expect(counts("chain 2")).toEqual([...new Array(10).fill(0), ...new Array(10).fill(10)]);
    // Bin b covers ranks b·N/bins … (b+1)·N/bins of the N = 200 pooled draws.
    expect(rows[3]).toMatchObject({ chain: "chain 1", bin: 3, lo: 30, hi: 40 });
    // Uniform band: 100/20 = 5 expected per bin, ± z99 · sqrt(100 · 0.05 · 0.95) = ± 5.614.
    expect(rows[0].expected).toBe(5);
    expect(rows[0].bandHi).toBeCloseTo(5 + 2.5758293035489 * Math.sqrt(4.75), 4);
    expect(rows[0].bandLo).toBe(0);
    expect(spec).toMatchObject({ columns: 2, facet: { field: "chain", sort: ["chain 1", "chain 2"] } });
  });

  it("rankSpec notes ties, non-finite draws and empty input", () => {
    const c = createDraws(["c"], 3, 120);
    c.data.fill(2);
    expect((rankSpec(c, "c").title as { subtitle: string[] }).subtitle[0]).toBe("All draws are equal: every rank is tied.");
    const n = syntheticDraws({ chains: 2, draws: 100, params: [{ name: "a", mean: 0, sd: 1 }] });
    setValue(n, n.names.indexOf("a"), 1, 7, NaN);
    expect((rankSpec(n, "a").title as { subtitle: string[] }).subtitle[0]).toBe("1 non-finite draw left out of the ranking.");
    const empty = createDraws(["z"], 2, 4);
    empty.data.fill(NaN);
    expect((rankSpec(empty, "z").title as { subtitle: string[] }).subtitle[0]).toBe("No finite draws: nothing to rank.");
    expect(() => rankSpec(n, "a", { bins: 0 })).toThrow("rankPlot: bins must be a positive number, got 0");
  });
});

describe("rankPlot", () => {
  it("rankPlot(draws, v) renders bins × chains bars, a band and an expected line per chain panel", async () => {
    const d = syntheticDraws({ chains: 4, draws: 400, params: [{ name: "tau", mean: 0, sd: 1 }] });
    const svg = await rankPlot(d, "tau");
    const tags = checkWellFormed(svg);
    expect(tags.svg).toBe(1);
    expect(markGroups(svg, "bar")).toBe(4);
    expect(markItems(svg, "bar")).toBe(4 * 20);
    expect(markItems(svg, "band")).toBe(4);
    expect(markItems(svg, "expected")).toBe(4);
    for (const c of [1, 2, 3, 4]) expect(svg).toContain(`>chain ${c}</text>`);
    expect(hasBadNumbers(svg)).toBe(false);
    expect(svg).toContain('class="hb-plot hb-rank"');
    expect(svg).toContain('aria-label="Rank plot of tau"');
  });

  it("rankPlot handles one short chain and constant draws, wraps six chains into rows and escapes hostile names", async () => {
    const one = syntheticDraws({ chains: 1, draws: 50, params: [{ name: "a", mean: 0, sd: 1 }] });
    const s1 = await rankPlot(one, "a");
    checkWellFormed(s1);
    expect(markItems(s1, "bar")).toBe(10);
    const c = createDraws(["c"], 3, 120);
    c.data.fill(2);
    const s2 = await rankPlot(c, "c");
    checkWellFormed(s2);
    expect(hasBadNumbers(s2)).toBe(false);

    const empty = createDraws(["z"], 2, 4);
    empty.data.fill(NaN);
    const s3 = await rankPlot(empty, "z");
    checkWellFormed(s3);
    expect(s3).toContain(">No finite draws: nothing to rank.<"); // several subtitle lines are tspans
    expect(hasBadNumbers(s3)).toBe(false);

    const d = syntheticDraws({ chains: 6, draws: 100, params: HOSTILE.map((name) => ({ name, mean: 0, sd: 1 })) });
    for (const name of HOSTILE.slice(0, 4)) {
      const svg = await rankPlot(d, name);
      checkWellFormed(svg);
      expect(markGroups(svg, "bar")).toBe(6);
      expect(svg).not.toContain("<script");
      expect(svg).not.toContain("<img");
    }
  });
});
