import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { beyondFooter, summarizeFit } from "../../src/api/fitSummary.js";
import { compileModel } from "../../src/compiler/compile.js";
import { buildModel, lkjCorrCholesky, model, multiNormalCholesky, normal, poissonLog } from "../../src/model/index.js";
import { autoReparam } from "../../src/reparam/auto.js";
import { classifyWhole } from "../../src/reparam/choose.js";
import { applyMultiNormal, findMultiNormal } from "../../src/reparam/detectMultiNormal.js";
import { centredCounts, noncentredCounts, RICH, simulateCounts, SPARSE } from "./support/mvnModels.js";

/** 30 groups of 1, 2 or 3 rows, about one count a row: the funnel of the centred form. */
const SPARSE_ROWS = Array.from({ length: 30 }, (_, j) => 1 + (j % 3));
/** 8 groups of 30 rows with long exposures (about 30 counts a row): the data pin every group. */
const RICH_ROWS = Array.from({ length: 8 }, () => 30);

describe("findMultiNormal(program)", () => {
  it("finds b ~ multiNormalCholesky(0, L, tau) written centred, and the same b written non-centred", () => {
    const sim = simulateCounts(7, [1, 2, 3], SPARSE);
    const m = buildModel(centredCounts(sim.J), sim.data);
    const [c, ...rest] = findMultiNormal(m.program);
    expect(rest).toEqual([]);
    expect({ name: c.name, n: c.n, k: c.k, written: c.written }).toEqual({ name: "b", n: 3, k: 2, written: "centred" });
    const tau = m.program.params.findIndex((p) => p.name === "tau");
    const L = m.program.params.findIndex((p) => p.name === "L");
    expect(c.noncentred).toEqual({ kind: "offsetMultiplierCholesky", L: { src: "param", id: L }, scale: { src: "param", id: tau } });
    const nc = applyMultiNormal(m.program, c, "noncentred");
    expect(findMultiNormal(nc).map((d) => [d.name, d.written])).toEqual([["b", "noncentred"]]);
    expect(applyMultiNormal(nc, c, "centred").params[c.param].transform).toEqual({ kind: "identity" });
  });

  it("skips the hand non-centred model, a fixed population, a second statement on b, a derived mean and a foreign transform", () => {
    const sim = simulateCounts(7, [1, 2, 3], SPARSE);
    expect(findMultiNormal(buildModel(noncentredCounts(sim.J), sim.data).program)).toEqual([]);
    const variants = {
      // Every argument data: every parameterisation is the same.
      fixed: model("fixed", ({ data, param }) => {
        const Ld = data.matrix("Ld");
        param("b", multiNormalCholesky(0, Ld.term, data.reals("s")), { size: [3, 2] });
      }),
      // b follows two statements: its density is not the one multi_normal_cholesky a transform would whiten.
      twice: model("twice", ({ param, sample }) => {
        const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
        const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
        const b = param("b", multiNormalCholesky(0, L, tau), { size: [3, 2] });
        sample(b, multiNormalCholesky(0, L));
      }),
      // mu is a transformed parameter, computed after the parameters' transforms run.
      derivedMean: model("derivedMean", ({ param, derived }) => {
        const m0 = param("m0", normal(0, 1), { size: 2 });
        const mu = derived("mu", m0.mul(2));
        const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
        param("b", multiNormalCholesky(mu, L), { size: [3, 2] });
      }),
    };
    const data = { Ld: [[1, 0], [0.5, 0.8]], s: [1, 2] };
    for (const [name, m] of Object.entries(variants)) expect(findMultiNormal(buildModel(m, data).program), name).toEqual([]);
    // b with a transform of its own (bounds) is not moved.
    const built = buildModel(centredCounts(3), simulateCounts(7, [1, 2, 3], SPARSE).data);
    const b = built.program.params.findIndex((p) => p.name === "b");
    const bounded = { ...built.program, params: built.program.params.map((p, k) => (k === b ? { ...p, transform: { kind: "lower" as const, lb: 0 } } : p)) };
    expect(findMultiNormal(bounded)).toEqual([]);
  });
});

describe("classifyWhole(lambda)", () => {
  it("non-centred when the median λ is below 0.5, centred otherwise (one form for the whole parameter)", () => {
    expect(classifyWhole([0.1, 0.2, 0.9])).toBe("noncentred");
    expect(classifyWhole([0.1, 0.6, 0.9])).toBe("centred");
    expect(classifyWhole([0.4, 0.45, 0.55, 0.6])).toBe("centred");
    expect(classifyWhole([0.4, 0.45, 0.5, 0.9])).toBe("noncentred");
  });
});

describe("autoReparam on correlated group effects", () => {
  const factory = (p: Parameters<typeof compileModel>[0], d: Parameters<typeof compileModel>[1]) => compileModel(p, d);

  it("sparse groups (1–3 rows, ~1 count a row): the pilot measures little information and samples b non-centred", async () => {
    const sim = simulateCounts(7, SPARSE_ROWS, SPARSE);
    const m = buildModel(centredCounts(sim.J), sim.data);
    const r = await autoReparam(m.program, m.data, 1, factory);
    expect(r.choices.map((c) => [c.param, c.parameterisation])).toEqual([["b", "noncentred"]]);
    const [c] = r.choices;
    expect(c.lambda).toEqual(new Array(60).fill(0));
    expect(c.information).toHaveLength(60);
    expect(c.scale).toHaveLength(2);
    const b = r.program.params.find((p) => p.name === "b");
    expect(b?.transform.kind).toBe("offsetMultiplierCholesky");
    expect(r.pilot.gradients).toBeGreaterThan(0);
  });

  it("rich groups (30 rows, long exposures): centred, and the program is returned as written", async () => {
    const sim = simulateCounts(7, RICH_ROWS, RICH);
    const m = buildModel(centredCounts(sim.J), sim.data);
    const r = await autoReparam(m.program, m.data, 1, factory);
    expect(r.choices.map((c) => [c.param, c.parameterisation])).toEqual([["b", "centred"]]);
    // Whitened information per coordinate: hundreds (a group's counts ≈ 900 times τ² ≈ 0.4).
    expect(Math.min(...r.choices[0].information)).toBeGreaterThan(10);
    expect(r.program).toBe(m.program);
  });
});

describe("fit(centred correlated Poisson model, { reparam })", () => {
  it("auto samples b non-centred: no divergences where 'none' (as written) has many, reported in the summary", async () => {
    const sim = simulateCounts(7, SPARSE_ROWS, SPARSE);
    const opts = { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 } as const;
    const auto = await fit(centredCounts(sim.J), sim.data, { ...opts, reparam: "auto" });
    const none = await fit(centredCounts(sim.J), sim.data, { ...opts, reparam: "none" });
    // Seeds 1–5: auto 2, 2, 0, 1, 0 divergences, none 14, 11, 16, 20, 60. Before ½ log 2π became the correctly
    // rounded double (one ulp, which the centred funnel's adaptation amplifies into other chains) they were
    // auto 0, 0, 1, 0, 3 and none 13, 3, 5, 21, 21 (min bulk ESS auto 1076–1440, none 17–84): auto's bound is
    // the largest count either way. test/slow/reparam/multiNormal.test.ts checks the sum over the seeds.
    expect(auto.divergences).toBeLessThanOrEqual(3);
    expect(none.divergences).toBeGreaterThanOrEqual(5);
    expect(beyondFooter(auto)).toContain("parameterisation: b noncentred");
    expect(summarizeFit(auto).json.settings.parameterisation).toEqual([{ param: "b", choice: "noncentred" }]);
    expect(beyondFooter(none)).toContain("reparam: none");
    // The draws are of b itself (the model's own parameter), whatever coordinates the sampler moved.
    expect(auto.names.filter((n) => n.startsWith("b[")).slice(0, 2)).toEqual(["b[1,1]", "b[1,2]"]);
  });
});
