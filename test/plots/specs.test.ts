import { describe, expect, it } from "vitest";
import { quietCompile } from "./support/quietCompile.js";
import * as plots from "../../src/plots/index.js";
import { ppcData, radonLikeGroups } from "./support/examples.js";
import { syntheticDraws } from "./support/synthetic.js";

// Every spec builder's output compiles without a Vega-Lite warning (a misspelt property or an
// encoding Vega-Lite drops shows up here), is plain JSON (survives a round trip), and stays small.

describe("spec builders", () => {
  const draws = syntheticDraws({ chains: 4, draws: 1000, params: [{ name: "mu", mean: 0, sd: 1 }], divergent: [[1, 10]] });
  const groups = radonLikeGroups(20);
  const ppc = ppcData();
  const specs = {
    trace: plots.traceSpec(draws, "mu"),
    rank: plots.rankSpec(draws, "mu"),
    forest: plots.forestSpec(plots.forestRowsFromDraws(draws, ["mu", "lp__"]), { reference: 0, xLabel: "x" }),
    shrinkage: plots.shrinkageSpec(groups, { populationMean: 1.3, xLabel: "log radon" }),
    ppcDensity: plots.ppcDensitySpec(ppc.observed, ppc.replicates),
    ppcBars: plots.ppcBarsSpec(ppc.counts, ppc.countReps),
  };
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}Spec compiles without warnings, is plain JSON and stays under 400 kB`, () => {
      expect(quietCompile(spec)).toEqual([]);
      const text = JSON.stringify(spec);
      expect(JSON.parse(text)).toEqual(spec);
      expect(text.length).toBeLessThan(400_000);
    });
  }

  it("a restyled spec still renders: the point of returning specs", async () => {
    const spec = { ...specs.trace, config: { ...plots.plotConfig(), background: "#fafafa" }, title: "Restyled" };
    const svg = await plots.renderSvg(spec as never);
    expect(svg).toContain('fill="#fafafa"');
    expect(svg).toContain('aria-label="Trace of mu"'); // usermeta still names the plot
  });
});
