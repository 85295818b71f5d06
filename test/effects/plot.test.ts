import { describe, expect, it } from "vitest";
import { quietCompile } from "../plots/support/quietCompile.js";
import { conditionalEffectsFromDraws } from "../../src/effects/index.js";
import { buildDesign } from "../../src/formula/design.js";
import { conditionalEffectsPlot, conditionalEffectsSpec } from "../../src/plots/index.js";
import { fixedDraws } from "./support.js";

const data = { y: [1.2, 2.3, 2.9, 4.1, 5.2, 6.8, 3.3], x: [1, 2, 3, 4, 5, 7, 2.5], z: [0.5, -1, 2, 0, 1.5, 3, -0.5], f: ["b", "a", "a", "c", "b", "c", "b"] };
const design = buildDesign("y ~ x * f + z", data);
// Draw s shifts every coefficient, so the band has width.
const draws = fixedDraws(design, (n, s) => (n === "sigma" ? 1 : 0.5 + s / 10), 2, 5);
const effects = new Map(conditionalEffectsFromDraws(draws, design, data, { effects: ["x", "f", "x:f", "f:z"] }).map((e) => [e.name, e]));

type Layer = { name: string; mark: { type: string }; encoding: Record<string, unknown> };
const layers = (spec: unknown) => (spec as { layer: Layer[] }).layer;

describe("conditionalEffectsSpec", () => {
  it("numeric effect: a ribbon (area lower–upper) under the median line; compiles without warnings", () => {
    const spec = conditionalEffectsSpec(effects.get("x")!);
    expect(quietCompile(spec)).toEqual([]);
    expect(layers(spec).map((l) => [l.name, l.mark.type])).toEqual([["band", "area"], ["median", "line"]]);
    const values = (spec as unknown as { data: { values: { x: number; lower: number; upper: number }[] } }).data.values;
    expect(values).toHaveLength(100);
    expect(values.every((v) => v.lower < v.upper)).toBe(true);
    expect((spec as unknown as { title: { subtitle: string[] } }).title.subtitle[0]).toMatch(/^Held at f = a, z = /);
  });
  it("factor effect: error bars and points; an interaction colours by its second variable", () => {
    const f = conditionalEffectsSpec(effects.get("f")!);
    expect(quietCompile(f)).toEqual([]);
    expect(layers(f).map((l) => l.mark.type)).toEqual(["rule", "point"]);
    const xf = conditionalEffectsSpec(effects.get("x:f")!);
    expect(quietCompile(xf)).toEqual([]);
    expect(layers(xf)[1].encoding.color).toMatchObject({ field: "group", scale: { domain: ["a", "b", "c"] } });
    // f:z as asked (not reordered): factor on x, z's mean ± sd as colour labels rounded to 2 decimals.
    const fz = conditionalEffectsSpec(effects.get("f:z")!);
    expect(quietCompile(fz)).toEqual([]);
    expect((layers(fz)[1].encoding.color as { scale: { domain: string[] } }).scale.domain).toHaveLength(3);
  });
  it("points = true adds the data rows behind the curve (off by default)", () => {
    expect(layers(conditionalEffectsSpec(effects.get("x")!, { points: true }))[0]).toMatchObject({ name: "data", mark: { type: "point" } });
    expect(layers(conditionalEffectsSpec(effects.get("x")!)).some((l) => l.name === "data")).toBe(false);
  });
  it("renders to SVG with its kind and accessible name", async () => {
    const svg = await conditionalEffectsPlot(effects.get("x:f")!);
    expect(svg).toMatch(/class="hb-plot hb-effects"/);
    expect(svg).toContain('aria-label="Conditional effect of x:f"');
  });
  it("rejects a bad size and a non-effect", () => {
    expect(() => conditionalEffectsSpec(effects.get("x")!, { width: -1 })).toThrow(/width/);
    expect(() => conditionalEffectsSpec({} as never)).toThrow(/conditionalEffectsPlot: effect must be one entry of conditionalEffects/);
  });
});
