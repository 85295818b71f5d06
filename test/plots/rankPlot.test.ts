import { describe, expect, it } from "vitest";
import { createDraws, setValue } from "../../src/posterior/draws.js";
import { pooledRanks, rankBinCount, rankHistogram, rankPlot } from "../../src/plots/index.js";
import { syntheticDraws } from "./support/synthetic.js";
import { checkWellFormed, countClass, hasBadNumbers, HOSTILE } from "./support/wellFormed.js";

describe("rankPlot", () => {
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

  it("rankPlot(draws, v) draws bins × chains bars whose heights add up to the draws", () => {
    const d = syntheticDraws({ chains: 4, draws: 400, params: [{ name: "tau", mean: 0, sd: 1 }] });
    const svg = rankPlot(d, "tau");
    const tags = checkWellFormed(svg);
    expect(tags.svg).toBe(1);
    expect(countClass(svg, "panel")).toBe(4);
    expect(countClass(svg, "bar")).toBe(4 * 20);
    expect(hasBadNumbers(svg)).toBe(false);
    expect(svg).toContain('aria-label="Rank plot of tau"');
  });

  it("rankPlot flags a chain stuck away from the others: its ranks pile into the top bins", () => {
    const d = createDraws(["x"], 2, 100);
    for (let i = 0; i < 100; i++) {
      setValue(d, 0, 0, i, i / 100);
      setValue(d, 0, 1, i, 10 + i / 100);
    }
    const ranks = pooledRanks([d.data.subarray(0, 100), d.data.subarray(100, 200)]);
    const h = rankHistogram(ranks[1], 200, 20);
    expect(Array.from(h.subarray(0, 10))).toEqual(new Array(10).fill(0));
    expect(Array.from(h.subarray(10))).toEqual(new Array(10).fill(10));
    checkWellFormed(rankPlot(d, "x"));
  });

  it("rankPlot handles one chain, constant draws, NaN draws and short chains", () => {
    const one = syntheticDraws({ chains: 1, draws: 50, params: [{ name: "a", mean: 0, sd: 1 }] });
    const s1 = rankPlot(one, "a");
    checkWellFormed(s1);
    expect(countClass(s1, "bar")).toBe(10);

    const c = createDraws(["c"], 3, 120);
    c.data.fill(2);
    const s2 = rankPlot(c, "c");
    checkWellFormed(s2);
    expect(s2).toContain("All draws are equal");
    expect(hasBadNumbers(s2)).toBe(false);

    const n = syntheticDraws({ chains: 2, draws: 100, params: [{ name: "a", mean: 0, sd: 1 }] });
    setValue(n, n.names.indexOf("a"), 1, 7, NaN);
    const s3 = rankPlot(n, "a");
    checkWellFormed(s3);
    expect(s3).toContain("1 non-finite draw left out");

    const empty = createDraws(["z"], 2, 4);
    empty.data.fill(NaN);
    expect(rankPlot(empty, "z")).toContain("No finite draws");
  });

  it("rankPlot wraps more than four chains into rows and escapes hostile names", () => {
    const d = syntheticDraws({ chains: 6, draws: 100, params: HOSTILE.map((name) => ({ name, mean: 0, sd: 1 })) });
    for (const name of HOSTILE) {
      const svg = rankPlot(d, name);
      checkWellFormed(svg);
      expect(countClass(svg, "panel")).toBe(6);
      expect(svg).not.toContain("<script");
    }
  });
});
