/**
 * poolingDsl: the pooling comparison for DSL models whose group-level vector is marked
 * { pooled: true } (examples/pooling-dsl/). Short seeded fits (2 chains × 300 draws); every
 * Monte Carlo tolerance is ≥ 4 posterior sd / √(ESS) with a conservative ESS of 150 (measured
 * ESS for these well-conditioned fits is 300–600), i.e. a tolerance of 0.33 posterior sd.
 */
import { describe, expect, it } from "vitest";
import eightSchools from "../../examples/pooling-dsl/eight-schools.js";
import pumps from "../../examples/pooling-dsl/pumps.js";
import { model, normal } from "../../src/model/index.js";
import { buildModel } from "../../src/model/model.js";
import { poolingJson } from "../../src/pooling/pooling.js";
import { dslGroupSizes, poolingDsl, poolingDslVariants } from "../../src/pooling/poolingDsl.js";
import { SHORT } from "./simulate.js";
import { readCsv } from "./specs.js";

const MC = 4 / Math.sqrt(150);

describe("poolingDsl on eight schools (theta marked pooled)", async () => {
  const d = readCsv("eight_schools.csv");
  const y = d.y.map(Number);
  const sigma = d.sigma.map(Number);
  const r = await poolingDsl(eightSchools, { y, sigma }, { ...SHORT, seed: 8, levels: d.school });

  it("drops the hyperparameters mu and tau from the no- and complete-pooling models", () => {
    expect(r.variants.parameter).toBe("theta");
    expect([...r.variants.dropped].sort()).toEqual(["mu", "tau"]);
    expect(r.fits.no_pooling.names.some((n) => n === "mu" || n === "tau")).toBe(false);
    expect(r.fits.complete_pooling.names).toContain("theta_pooled");
    expect(r.fits.partial_pooling.names).toContain("tau");
  });

  it("no pooling: theta_j | y ~ normal(y_j, sigma_j) under the flat prior", () => {
    for (const g of r.groups) {
      const j = d.school.indexOf(g.group);
      expect(Math.abs(g.no_pooling.mean - y[j])).toBeLessThan(MC * sigma[j]);
      // The 90 % interval of normal(y_j, sigma_j) is y_j ± 1.645 sigma_j; quantile error ≈ 1.5× the mean's.
      expect(Math.abs(g.no_pooling.q95 - g.no_pooling.q5 - 2 * 1.645 * sigma[j])).toBeLessThan(1.5 * 2 * MC * sigma[j]);
    }
  });

  it("complete pooling: one value, the precision-weighted mean 7.69 with sd 4.07 (BDA3 §5.5)", () => {
    let w = 0;
    let wy = 0;
    for (let j = 0; j < y.length; j++) {
      w += 1 / sigma[j] ** 2;
      wy += y[j] / sigma[j] ** 2;
    }
    const cp = r.groups.map((g) => g.complete_pooling.mean);
    expect(new Set(cp).size).toBe(1);
    expect(Math.abs(cp[0] - wy / w)).toBeLessThan(MC * Math.sqrt(1 / w));
  });

  it("partial pooling sits between the two for every school, and the JSON keeps the formula command's shape", () => {
    for (const g of r.groups) {
      const lo = Math.min(g.no_pooling.mean, g.complete_pooling.mean);
      const hi = Math.max(g.no_pooling.mean, g.complete_pooling.mean);
      // posteriordb's partial-pooling means (mu ~ normal(0, 5)) lie 4.4–6.3, below complete pooling's
      // 7.7 for some schools: allow 3 units (0.33 of the ~9-unit posterior sd of theta_j) of slack.
      expect(g.partial_pooling.mean).toBeGreaterThan(lo - 3);
      expect(g.partial_pooling.mean).toBeLessThan(hi + 3);
      expect(g.n).toBe(1);
    }
    const json = JSON.parse(JSON.stringify(poolingJson(r))) as { groups: Record<string, unknown>[]; loo: { comparison: { model: string }[] } };
    expect(Object.keys(json.groups[0])).toEqual(["group", "n", "no_pooling", "complete_pooling", "partial_pooling", "shrinkage"]);
    expect(json.loo.comparison.map((c) => c.model).sort()).toEqual(["complete_pooling", "no_pooling", "partial_pooling"]);
  });
});

describe("poolingDsl on pumps (lambda marked pooled, Gamma population)", async () => {
  const d = readCsv("pumps.csv");
  const failures = d.failures.map(Number);
  const time = d.time.map(Number);
  const r = await poolingDsl(pumps, { failures, time }, { ...SHORT, seed: 10 });

  it("no pooling: lambda_i | x_i ~ Gamma(x_i + 1, t_i) under the flat prior on (0, ∞)", () => {
    for (const g of r.groups) {
      const i = Number(g.group) - 1;
      const sd = Math.sqrt(failures[i] + 1) / time[i];
      expect(Math.abs(g.no_pooling.mean - (failures[i] + 1) / time[i])).toBeLessThan(MC * sd);
    }
  });

  it("complete pooling: one rate, Gamma(Σx + 1, Σt)", () => {
    const x = failures.reduce((a, b) => a + b, 0);
    const t = time.reduce((a, b) => a + b, 0);
    expect(Math.abs(r.groups[0].complete_pooling.mean - (x + 1) / t)).toBeLessThan(MC * (Math.sqrt(x + 1) / t));
  });

  it("partial pooling predicts best by PSIS-LOO, complete pooling worst (the rates differ 20-fold)", () => {
    expect(r.loo?.comparison[0].model).toBe("partial_pooling");
    expect(r.loo?.comparison[2].model).toBe("complete_pooling");
    expect(r.variants.dropped).toEqual(["alpha", "beta"]);
  });
});

describe("poolingDslVariants", () => {
  const grouped = model("grouped", ({ data, param, observe }) => {
    const y = data.reals("y");
    const g = data.factor("g");
    const mu = param("mu", normal(0, 10));
    const tau = param("tau", normal(0, 5), { lower: 0 });
    const a = param("a", normal(mu, tau), { size: g.levels.length, pooled: true });
    const sigma = param("sigma", normal(0, 5), { lower: 0 });
    observe(y, normal(a.at(g.index), sigma));
  });
  const data = { y: [1, 2, 3, 4, 5, 6], g: ["x", "x", "x", "y", "z", "z"] };

  it("complete pooling turns the gathered vector into a derived copy of one scalar; other parameters stay", () => {
    const v = poolingDslVariants(grouped, data);
    const cp = buildModel(v.models.complete_pooling, data);
    expect(cp.program.params.map((p) => p.name)).toEqual(["a_pooled", "sigma"]);
    expect(cp.program.tparams.map((t) => [t.name, t.n])).toEqual([["a", 3]]);
    const np = buildModel(v.models.no_pooling, data);
    expect(np.program.params.map((p) => p.name)).toEqual(["a", "sigma"]);
    // The flat prior: no statement on a, only sigma's prior and the likelihood.
    expect(np.program.statements).toHaveLength(2);
  });

  it("counts each group's observations from the index that gathers the pooled vector", () => {
    const v = poolingDslVariants(grouped, data);
    const id = v.built.program.params.findIndex((p) => p.name === "a");
    const sizes = dslGroupSizes(v.built, id, 3);
    expect(Array.from(sizes.n)).toEqual([3, 1, 2]);
    expect(sizes.levels).toEqual(["x", "y", "z"]);
  });

  it("keeps a hyperparameter that something else reads", () => {
    const shared = model("shared", ({ data, param, observe }) => {
      const y = data.reals("y");
      const g = data.factor("g");
      const tau = param("tau", normal(0, 5), { lower: 0 });
      const a = param("a", normal(0, tau), { size: g.levels.length, pooled: true });
      observe(y, normal(a.at(g.index), tau));
    });
    expect(poolingDslVariants(shared, data).dropped).toEqual([]);
  });

  it("asks for a marked parameter, and names the candidates", () => {
    const unmarked = model("unmarked", ({ data, param, observe }) => {
      const y = data.reals("y");
      const a = param("a", normal(0, 1), { size: y.length });
      observe(y, normal(a, 1));
    });
    expect(() => poolingDslVariants(unmarked, { y: [1, 2] })).toThrow(/mark the group-level parameter with \{ pooled: true \}.*vector parameters are a/);
    expect(poolingDslVariants(unmarked, { y: [1, 2] }, { group: "a" }).parameter).toBe("a");
    expect(() => poolingDslVariants(unmarked, { y: [1, 2] }, { group: "b" })).toThrow(/no parameter named "b"/);
  });

  it("rejects pooled on a scalar (in the model itself)", () => {
    const bad = model("bad", ({ data, param, observe }) => {
      const y = data.reals("y");
      const m = param("m", normal(0, 1), { pooled: true });
      observe(y, normal(m, 1));
    });
    expect(() => buildModel(bad, { y: [1] })).toThrow(/pooled marks a group-level vector/);
  });
});
