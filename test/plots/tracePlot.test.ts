import { describe, expect, it } from "vitest";
import { createDraws, setValue, SAMPLER_VARIABLES } from "../../src/posterior/draws.js";
import { divergentIterations, traceSpec, tracePlot, CHAIN_COLORS } from "../../src/plots/index.js";
import { m4Indices } from "../../src/plots/decimate.js";
import { syntheticDraws } from "./support/synthetic.js";
import { checkWellFormed, hasBadNumbers, HOSTILE, layerData, layerOf, markGroups, markItems } from "./support/wellFormed.js";

const four = syntheticDraws({ chains: 4, draws: 200, params: [{ name: "mu", mean: 1, sd: 2 }], divergent: [[0, 5], [3, 150], [3, 151]] });

describe("traceSpec", () => {
  it("traceSpec(draws, v) holds every draw of a short chain, chains coloured from CHAIN_COLORS, one divergence row per divergent transition", () => {
    const spec = traceSpec(four, "mu");
    const points = layerData(spec, "chain");
    // 200 draws per chain are fewer than 4 × the ~560 pixel columns: M4 keeps them all.
    expect(points).toHaveLength(4 * 200);
    const mu = four.names.indexOf("mu");
    expect(points[200]).toEqual({ chain: "chain 2", iteration: 1, value: Number(four.data[mu * 800 + 200].toPrecision(6)) });
    const color = layerOf(spec, "chain").encoding.color as { scale: { domain: string[]; range: string[] } };
    expect(color.scale).toEqual({ domain: ["chain 1", "chain 2", "chain 3", "chain 4"], range: CHAIN_COLORS.slice(0, 4) });
    expect(layerData(spec, "divergent")).toEqual([{ iteration: 6 }, { iteration: 151 }, { iteration: 152 }]);
    expect(spec.title).toEqual({ text: "Trace of mu", subtitle: ["3 divergent transitions (ticks along the x axis)."] });
    expect(spec.usermeta).toEqual({ hbayes: { kind: "trace", title: "Trace of mu", description: "4 chains of 200 draws." } });
  });

  it("traceSpec decimates long chains with M4 (the spec stays small) and keeps gaps as null rows", () => {
    const long = syntheticDraws({ chains: 2, draws: 20000, params: [{ name: "a", mean: 0, sd: 1 }] });
    const points = layerData(traceSpec(long, "a"), "chain");
    expect(points.length).toBeLessThan(2 * 4 * 560 + 2);
    const d = createDraws(["x"], 2, 20);
    for (let i = 0; i < 20; i++) {
      setValue(d, 0, 0, i, i);
      setValue(d, 0, 1, i, -i);
    }
    setValue(d, 0, 0, 10, NaN);
    setValue(d, 0, 1, 3, Infinity);
    const spec = traceSpec(d, "x");
    const rows = layerData(spec, "chain");
    expect(rows.filter((r) => r.value === null)).toHaveLength(2);
    expect(rows.find((r) => r.value === null && r.chain === "chain 1")!.iteration).toBe(10);
    expect((spec.title as { subtitle: string[] }).subtitle).toEqual(["2 non-finite draws skipped (gaps in the lines)."]);
  });

  it("traceSpec widens a constant chain's y domain and says the draws are equal", () => {
    const d = createDraws(["c"], 2, 30);
    d.data.fill(3);
    const spec = traceSpec(d, "c");
    const y = layerOf(spec, "chain").encoding.y as { scale: { domain: number[] } };
    expect(y.scale.domain[0]).toBeLessThan(3);
    expect(y.scale.domain[1]).toBeGreaterThan(3);
    expect((spec.title as { subtitle: string[] }).subtitle).toContain("All finite draws equal 3.");
  });

  it("traceSpec rejects an unknown variable and bad sizes in the project's error format", () => {
    expect(() => traceSpec(four, "nope")).toThrow('tracePlot: variable must name a column of the draws, got "nope"');
    expect(() => traceSpec(four, "mu", { width: -1 })).toThrow("tracePlot: width must be a positive number, got -1");
  });

  it("m4Indices keeps first, min, max and last per column, in draw order, and marks gaps with -1", () => {
    const y = Float64Array.from([5, 1, 9, 3, 4, 8, 0, 2, 6, 7, 5, 5]);
    // Two columns of six: [5,1,9,3,4,8] → first 0, min 1, max 2, last 5; [0,2,6,7,5,5] → first = min 6, max 9, last 11.
    expect(m4Indices(y, 2)).toEqual([0, 1, 2, 5, 6, 9, 11]);
    expect(m4Indices(y, 1)).toEqual([0, 2, 6, 11]);
    // Short series are kept whole; non-finite values become gaps.
    expect(m4Indices(Float64Array.from([1, NaN, 3]), 10)).toEqual([0, -1, 2]);
    expect(m4Indices(Float64Array.from([1, 2, NaN, 4, 5, 6, 7, 8, 9]), 1)).toEqual([0, 1, -1, 3, 8]);
  });
});

describe("tracePlot", () => {
  it("tracePlot(draws, v) renders one line per chain, a tick per divergent transition, a legend and the title", async () => {
    const svg = await tracePlot(four, "mu");
    const tags = checkWellFormed(svg);
    expect(tags.svg).toBe(1);
    expect(markGroups(svg, "chain")).toBe(4);
    expect(markItems(svg, "divergent")).toBe(3);
    expect(svg).toContain(">3 divergent transitions (ticks along the x axis).</text>");
    for (const c of [1, 2, 3, 4]) expect(svg).toContain(`>chain ${c}</text>`);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="hb-plot hb-trace" width="\d+" height="\d+" viewBox="0 0 \d+ \d+" role="img" aria-label="Trace of mu"><title>Trace of mu<\/title><desc>4 chains of 200 draws.<\/desc>/);
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("tracePlot of one chain has no legend; constant, NaN-only and empty draws still render valid SVG", async () => {
    const d = createDraws(["theta"], 1, 50);
    for (let i = 0; i < 50; i++) setValue(d, 0, 0, i, Math.sin(i));
    const one = await tracePlot(d, "theta");
    checkWellFormed(one);
    expect(markGroups(one, "chain")).toBe(1);
    expect(one).not.toContain("role-legend");
    expect(divergentIterations(d)).toEqual([[]]);

    const c = createDraws(["c"], 2, 30);
    c.data.fill(3);
    const constant = await tracePlot(c, "c");
    checkWellFormed(constant);
    expect(hasBadNumbers(constant)).toBe(false);

    const nan = createDraws(["x"], 2, 5);
    nan.data.fill(NaN);
    const s = await tracePlot(nan, "x");
    checkWellFormed(s);
    expect(s).toContain("All draws are non-finite");
    const empty = await tracePlot(createDraws(["x"], 2, 0), "x");
    checkWellFormed(empty);
    expect(empty).toContain("No draws to show.");
  });

  it("tracePlot escapes hostile parameter names (they appear as text, never as markup)", async () => {
    for (const name of HOSTILE) {
      const d = createDraws([...SAMPLER_VARIABLES, name], 2, 10);
      const svg = await tracePlot(d, name);
      checkWellFormed(svg);
      expect(svg).not.toContain("<script");
      expect(svg).not.toContain("<img");
      expect(svg).not.toMatch(/[\u0000-\u0008]/);
    }
    const svg = await tracePlot(createDraws(["</svg><script>"], 1, 3), "</svg><script>");
    expect(svg).toContain("Trace of &lt;/svg&gt;&lt;script&gt;</text>");
  });

  it("tracePlot rejects an unknown variable", async () => {
    await expect(tracePlot(four, "nope")).rejects.toThrow('tracePlot: variable must name a column of the draws, got "nope"');
  });
});
