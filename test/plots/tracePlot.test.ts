import { describe, expect, it } from "vitest";
import { createDraws, setValue, SAMPLER_VARIABLES } from "../../src/posterior/draws.js";
import { divergentIterations, tracePlot } from "../../src/plots/index.js";
import { m4Indices } from "../../src/plots/decimate.js";
import { syntheticDraws } from "./support/synthetic.js";
import { checkWellFormed, countClass, hasBadNumbers, HOSTILE } from "./support/wellFormed.js";

const four = syntheticDraws({ chains: 4, draws: 200, params: [{ name: "mu", mean: 1, sd: 2 }], divergent: [[0, 5], [3, 150], [3, 151]] });

describe("tracePlot", () => {
  it("tracePlot(draws, v) draws one path per chain and one tick per divergent transition", () => {
    const svg = tracePlot(four, "mu");
    const tags = checkWellFormed(svg);
    expect(tags.svg).toBe(1);
    expect(countClass(svg, "chain")).toBe(4);
    expect(countClass(svg, "divergent")).toBe(3);
    expect(svg).toContain("3 divergent transitions");
    expect(svg).toMatch(/viewBox="0 0 640 \d+"/);
    expect(svg).toContain('aria-label="Trace of mu"');
    expect(svg).toContain("<title>Trace of mu</title>");
    expect(hasBadNumbers(svg)).toBe(false);
  });

  it("tracePlot handles one chain (no legend) and draws without a divergent__ column", () => {
    const d = createDraws(["theta"], 1, 50);
    for (let i = 0; i < 50; i++) setValue(d, 0, 0, i, Math.sin(i));
    const svg = tracePlot(d, "theta");
    checkWellFormed(svg);
    expect(countClass(svg, "chain")).toBe(1);
    expect(countClass(svg, "key")).toBe(0);
    expect(countClass(svg, "divergent")).toBe(0);
    expect(divergentIterations(d)).toEqual([[]]);
  });

  it("tracePlot of constant draws gives finite coordinates and says the draws are equal", () => {
    const d = createDraws(["c"], 2, 30);
    d.data.fill(3);
    const svg = tracePlot(d, "c");
    checkWellFormed(svg);
    expect(hasBadNumbers(svg)).toBe(false);
    expect(svg).toContain("All finite draws equal 3.");
  });

  it("tracePlot skips NaN draws with a note and breaks the line there", () => {
    const d = createDraws(["x"], 2, 20);
    for (let i = 0; i < 20; i++) {
      setValue(d, 0, 0, i, i);
      setValue(d, 0, 1, i, -i);
    }
    setValue(d, 0, 0, 10, NaN);
    setValue(d, 0, 1, 3, Infinity);
    const svg = tracePlot(d, "x");
    checkWellFormed(svg);
    expect(hasBadNumbers(svg)).toBe(false);
    expect(svg).toContain("2 non-finite draws skipped");
    const paths = [...svg.matchAll(/class="chain"[^>]* d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths.map((p) => p.split("M").length - 1)).toEqual([2, 2]);
  });

  it("tracePlot of all-NaN or zero draws still renders valid SVG with a note", () => {
    const d = createDraws(["x"], 2, 5);
    d.data.fill(NaN);
    expect(tracePlot(d, "x")).toContain("All draws are non-finite");
    checkWellFormed(tracePlot(d, "x"));
    const empty = createDraws(["x"], 2, 0);
    expect(tracePlot(empty, "x")).toContain("No draws to show.");
    checkWellFormed(tracePlot(empty, "x"));
  });

  it("tracePlot escapes hostile parameter names", () => {
    for (const name of HOSTILE) {
      const d = createDraws([...SAMPLER_VARIABLES, name], 2, 10);
      const svg = tracePlot(d, name);
      checkWellFormed(svg);
      expect(svg).not.toContain("<script");
      expect(svg).not.toContain("<img");
    }
  });

  it("tracePlot rejects an unknown variable and bad sizes in the project's error format", () => {
    expect(() => tracePlot(four, "nope")).toThrow('tracePlot: variable must name a column of the draws, got "nope"');
    expect(() => tracePlot(four, "mu", { width: -1 })).toThrow("tracePlot: width must be a positive number, got -1");
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
