import { describe, expect, it } from "vitest";
import { shrinkagePlot } from "../../src/plots/shrinkagePlot.js";
import { compareGroups } from "../../src/pooling/pooling.js";
import { shrinkageGroups, shrinkagePlotOptions } from "../../src/pooling/shrinkageGroups.js";
import { interval, NAN_INTERVAL, shrinkageFactor } from "../../src/pooling/summarise.js";
import type { Interval, PoolingGroup } from "../../src/pooling/types.js";

const iv = (mean: number, q5 = mean - 1, q95 = mean + 1): Interval => ({ mean, q5, q95 });

describe("interval", () => {
  it("is the mean and R's type-7 5 % / 95 % quantiles", () => {
    // R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.05, 0.95)) → 1.00, 7.95
    const r = interval(Float64Array.of(3, 1, 4, 1, 5, 9, 2, 6));
    expect(r.mean).toBe(31 / 8);
    expect(r.q5).toBeCloseTo(1, 12);
    expect(r.q95).toBeCloseTo(7.95, 12);
  });
});

describe("shrinkageFactor", () => {
  it("is the share of the way from no pooling to complete pooling", () => {
    expect(shrinkageFactor(iv(10), iv(0), iv(10))).toBe(0);
    expect(shrinkageFactor(iv(10), iv(0), iv(0))).toBe(1);
    expect(shrinkageFactor(iv(10), iv(0), iv(7.5))).toBeCloseTo(0.25, 14);
    expect(shrinkageFactor(iv(-4), iv(2), iv(0.5))).toBeCloseTo(0.75, 14);
  });
  it("clamps overshoot to [0, 1]", () => {
    expect(shrinkageFactor(iv(10), iv(0), iv(-1))).toBe(1);
    expect(shrinkageFactor(iv(10), iv(0), iv(11))).toBe(0);
  });
  it("is NaN when no and complete pooling are within 5 % of the no-pooling interval width, or without data", () => {
    expect(shrinkageFactor(iv(1.04, 0, 2), iv(1), iv(1.02))).toBeNaN();
    expect(shrinkageFactor(iv(1.11, 0, 2), iv(1), iv(1.02))).toBeCloseTo(9 / 11, 12);
    expect(shrinkageFactor(NAN_INTERVAL, iv(1), iv(1.02))).toBeNaN();
  });
});

const group = (name: string, n: number, no: number, partial: number, shrinkage: number): PoolingGroup => ({
  group: name, n, no_pooling: iv(no), complete_pooling: iv(0), partial_pooling: iv(partial), shrinkage,
});

describe("compareGroups", () => {
  it("puts the most-shrunk first, NaN last, ties by ascending n", () => {
    const gs = [group("a", 5, 1, 0.5, 0.5), group("b", 2, 1, 0.1, NaN), group("c", 9, 1, 0.1, 0.9), group("d", 1, 1, 0.5, 0.5)];
    expect(gs.sort(compareGroups).map((g) => g.group)).toEqual(["c", "d", "a", "b"]);
  });
});

describe("shrinkageGroups", () => {
  it("maps each group to the shrinkage plot's input, and the plot renders it", async () => {
    const result = { groups: [group("x", 3, 2, 1, 0.5), group("y", 30, -1, -0.8, 0.2)], scale: { kind: "probability" as const, description: "" }, groupName: "team", variants: { noPoolingDropped: [] } };
    const groups = shrinkageGroups(result);
    expect(groups[0]).toEqual({ label: "x", n: 3, noPooling: 2, partialPooling: 1, noPoolingInterval: [1, 3], partialPoolingInterval: [0, 2] });
    const options = shrinkagePlotOptions(result);
    expect(options).toEqual({ populationMean: 0, xLabel: "probability by team" });
    const svg = await shrinkagePlot(groups, options);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("probability by team");
  });
});

describe("shrinkagePlotOptions", () => {
  const base = { scale: { kind: "rate" as const, description: "" }, groupName: "patient" };
  it("one dashed line when no predictor was left out of no pooling, even where the means differ in the last bit", () => {
    const a = { ...group("a", 4, 1, 1, 0.5), complete_pooling: iv(0.1 + 0.2) };
    const b = { ...group("b", 4, 1, 1, 0.5), complete_pooling: iv(0.3) };
    expect(shrinkagePlotOptions({ ...base, groups: [a, b], variants: { noPoolingDropped: [] } }).populationMean).toBe(0.1 + 0.2);
  });
  it("none when a group-level predictor was left out (complete pooling differs by group), even where the means agree", () => {
    const groups = [group("a", 4, 1, 1, 0.5), group("b", 4, 1, 1, 0.5)];
    expect(shrinkagePlotOptions({ ...base, groups, variants: { noPoolingDropped: ["age"] } }).populationMean).toBeUndefined();
  });
  it("a DSL comparison (no predictors dropped): the line", () => {
    expect(shrinkagePlotOptions({ ...base, groups: [group("a", 4, 1, 1, 0.5)], variants: { parameter: "theta" } }).populationMean).toBe(0);
  });
});
