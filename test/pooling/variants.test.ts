import { describe, expect, it } from "vitest";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import type { GlmmSpec } from "../../src/glmm/types.js";
import { noPoolingPrior, pooledGroup, poolingVariants } from "../../src/pooling/variants.js";
import { baseball, interceptSpec } from "./specs.js";

// Five rows, three groups, one predictor x.
const base = interceptSpec({ family: "gaussian", y: [1, 2, 4, 3, 5], groupOf: [1, 1, 2, 3, 3], levels: ["a", "b", "c"] });
const spec: GlmmSpec = {
  ...base,
  X: { names: ["x"], values: Float64Array.of(0, 1, 0, 2, 2), means: Float64Array.of(1), priors: [{ family: "normal", args: [0, 3] }] },
};

describe("poolingVariants", () => {
  const v = poolingVariants(spec);

  it("no pooling: one coefficient per level with the fixed wide prior (held as an index), no intercept", () => {
    const np = v.specs.no_pooling;
    expect(np.intercept).toBeNull();
    expect(np.X).toBe(spec.X);
    expect(np.groups).toHaveLength(1);
    expect(np.groups[0].fixed).toEqual({ mean: v.noPoolingPrior.args[0], sd: v.noPoolingPrior.args[1] });
    expect(np.groups[0].index).toBe(spec.groups[0].index);
    // R's names of the per-group coefficients, as indicator columns would have them.
    const built = buildGlmmIr(np);
    expect(built.outputs.rename.map(([, to]) => to)).toEqual(["b_ga", "b_gb", "b_gc", "b_x", "sigma"]);
    // No sd or correlation parameter: the group effects' population is fixed.
    expect(built.program.params.map((q) => q.name)).toEqual(["b", "a_1", "sigma"]);
  });

  it("complete pooling drops the group term; partial pooling is the spec itself", () => {
    expect(v.specs.complete_pooling.groups).toEqual([]);
    expect(v.specs.complete_pooling.intercept).toEqual(spec.intercept);
    expect(v.specs.partial_pooling).toBe(spec);
  });

  it("gaussian no-pooling prior is normal(mean(y), 10 sd(y))", () => {
    const sd = Math.sqrt([1, 2, 4, 3, 5].reduce((a, y) => a + (y - 3) ** 2, 0) / 4);
    expect(v.noPoolingPrior.args[0]).toBe(3);
    expect(v.noPoolingPrior.args[1]).toBeCloseTo(10 * sd, 14);
  });
});

describe("noPoolingPrior", () => {
  it("binomial: normal(logit(Σ hits / Σ trials), 10) on the logit scale", () => {
    const { spec: bb } = baseball();
    const p = Array.from(bb.y).reduce((a, b) => a + b, 0) / (45 * 18);
    expect(noPoolingPrior(bb).args).toEqual([Math.log(p / (1 - p)), 10]);
  });
  it("poisson with an offset: normal(log(Σ y / Σ exp(offset)), 10) on the log scale", () => {
    const s = interceptSpec({ family: "poisson", y: [1, 3, 8], groupOf: [1, 2, 2], levels: ["a", "b"], offset: [0, Math.log(2), Math.log(3)] });
    const [m, sd] = noPoolingPrior(s).args;
    expect(m).toBeCloseTo(Math.log(12 / 6), 14);
    expect(sd).toBe(10);
  });
});

describe("noPoolingPrior, continuous families", () => {
  it("lognormal: identity link on log y, 10 × sd(log y); gamma, weibull, exponential: log of the mean, 10; beta: logit of the mean, 10; student as gaussian", () => {
    const y = [1, Math.E, Math.E ** 2];
    const ln = noPoolingPrior(interceptSpec({ family: "lognormal", y, groupOf: [1, 2, 2], levels: ["a", "b"] })).args;
    expect(ln[0]).toBeCloseTo(1, 14);
    expect(ln[1]).toBeCloseTo(10, 13); // sd(0, 1, 2) = 1
    for (const family of ["gamma", "weibull", "exponential"] as const) {
      expect(noPoolingPrior(interceptSpec({ family, y: [1, 2, 6], groupOf: [1, 2, 2], levels: ["a", "b"] })).args).toEqual([Math.log(3), 10]);
    }
    const b = noPoolingPrior(interceptSpec({ family: "beta", y: [0.2, 0.3, 0.4], groupOf: [1, 2, 2], levels: ["a", "b"] })).args;
    expect(b[0]).toBeCloseTo(Math.log(0.3 / 0.7), 14);
    expect(noPoolingPrior(interceptSpec({ family: "student", y: [1, 2, 6], groupOf: [1, 2, 2], levels: ["a", "b"] })).args).toEqual(noPoolingPrior(interceptSpec({ family: "gaussian", y: [1, 2, 6], groupOf: [1, 2, 2], levels: ["a", "b"] })).args);
  });
});

describe("pooledGroup", () => {
  it("rejects what the comparison is not defined for, by name", () => {
    expect(() => pooledGroup({ ...spec, family: "zero_inflated_poisson" })).toThrow(/family must be one of gaussian, student, binomial, bernoulli, poisson, negbinomial, lognormal, gamma, weibull, exponential, beta, got zero_inflated_poisson/);
    expect(() => pooledGroup({ ...spec, groups: [] })).toThrow(/exactly one group term.*got 0/);
    expect(() => pooledGroup({ ...spec, groups: [spec.groups[0], spec.groups[0]] })).toThrow(/got 2/);
    expect(() => pooledGroup({ ...spec, groups: [{ ...spec.groups[0], terms: ["Intercept", "x"] }] })).toThrow(/varying intercept only, \(1 \| g\), got terms Intercept, x/);
    expect(() => pooledGroup({ ...spec, intercept: null })).toThrow(/needs a population intercept/);
  });
  it("rejects a predictor whose name clashes with an indicator", () => {
    expect(() => poolingVariants({ ...spec, X: { ...spec.X, names: ["gb"] } })).toThrow(/predictor gb clashes/);
  });
});
