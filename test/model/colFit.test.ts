import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { compileModel } from "../../src/compiler/compile.js";
import { buildModel } from "../../src/model/index.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { createRng } from "../../src/random/rng.js";
import { autoReparam } from "../../src/reparam/auto.js";
import { findMultiNormal } from "../../src/reparam/detectMultiNormal.js";
import { mismatches, wasmOf } from "../compiler/wasm/compare.js";
import { centredCounts, centredCountsByColumn, flatCounts, simulateCounts, SPARSE } from "../reparam/support/mvnModels.js";

/** As test/reparam/multiNormal.test.ts: 30 groups of 1, 2 or 3 rows, about one count a row (the centred form's funnel). */
const SPARSE_ROWS = Array.from({ length: 30 }, (_, j) => 1 + (j % 3));
const sim = simulateCounts(7, SPARSE_ROWS, SPARSE);
const flat = flatCounts(sim);

describe("correlated Poisson group effects written with b.col(k).at(g)", () => {
  it("the same log density and gradient as the el()-per-group form it replaces (test/reparam/support/mvnModels.ts)", () => {
    const a = buildModel(centredCountsByColumn(sim.J), flat);
    const b = buildModel(centredCounts(sim.J), sim.data);
    const ca = compileModel(a.program, a.data);
    const cb = compileModel(b.program, b.data);
    expect(ca.outputNames).toEqual(cb.outputNames);
    const rng = createRng(5, 0);
    const n = flat.y.length;
    for (let rep = 0; rep < 5; rep++) {
      const theta = Float64Array.from({ length: ca.dim }, () => 0.7 * rng.normal());
      const ga = new Float64Array(ca.dim);
      const gb = new Float64Array(cb.dim);
      const la = ca.logDensityGradient(theta, ga);
      const lb = cb.logDensityGradient(theta, gb);
      // One loop over the rows against one statement per group: the same terms added in another order,
      // each addition rounding by at most ε of the running sum (4·n·ε·(|value| + 1), n rows).
      const tol = (v: number) => 4 * n * Number.EPSILON * (Math.abs(v) + 1);
      expect(Math.abs(la - lb)).toBeLessThanOrEqual(tol(lb));
      for (let i = 0; i < ca.dim; i++) expect(Math.abs(ga[i] - gb[i]), `grad[${i}]`).toBeLessThanOrEqual(tol(gb[i]));
    }
  });

  it("wasm: the gradient translates and equals the JavaScript one bit for bit at 50 points", () => {
    const { program, data } = buildModel(centredCountsByColumn(sim.J), flat);
    const model = compileModel(program, data);
    const w = wasmOf(model, program, data);
    if (!w) throw new Error("does not translate");
    const { bad, finite } = mismatches(model, w, createRng(2026, 77), 50);
    expect(bad.slice(0, 5)).toEqual([]);
    // Points near the origin (30 of the 50) are in the support: the gradient comparison is not vacuous.
    expect(finite).toBeGreaterThanOrEqual(25);
  });

  it("automatic parameterisation still finds b, and on sparse groups the pilot samples it non-centred", async () => {
    const m = buildModel(centredCountsByColumn(sim.J), flat);
    expect(findMultiNormal(m.program).map((c) => [c.name, c.n, c.k, c.written])).toEqual([["b", 30, 2, "centred"]]);
    const r = await autoReparam(m.program, m.data, 1, (p, d) => compileModel(p, d));
    expect(r.choices.map((c) => [c.param, c.parameterisation])).toEqual([["b", "noncentred"]]);
    expect(r.program.params.find((p) => p.name === "b")?.transform.kind).toBe("offsetMultiplierCholesky");
  });

  it("a short fit: summary names b[j,k], posterior predictions and log-likelihood per row", async () => {
    // Short chains (2 × 150 + 150): this checks the outputs' shapes and names, not the posterior.
    const f = await fit(centredCountsByColumn(sim.J), flat, { chains: 2, warmup: 150, draws: 150, seed: 3, threads: 1, reparam: "auto" });
    const summary = summarizeFit(f).json;
    expect(summary.settings.parameterisation).toEqual([{ param: "b", choice: "noncentred" }]);
    const names = summary.parameters.map((p) => p.name);
    expect(names.slice(0, 5)).toEqual(["alpha", "beta", "tau[1]", "tau[2]", "L[1,1]"]);
    expect(names.filter((n) => n.startsWith("b["))).toEqual(Array.from({ length: 60 }, (_, i) => `b[${Math.floor(i / 2) + 1},${(i % 2) + 1}]`));
    // No hidden slot or helper leaks into the reported variables.
    expect(names.some((n) => n.includes("__"))).toBe(false);
    const yRep = posteriorPredictDsl(f);
    expect([yRep.draws, yRep.observations]).toEqual([300, flat.y.length]);
    expect(yRep.data.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const ll = logLikDsl(f);
    expect([ll.draws, ll.observations]).toEqual([300, flat.y.length]);
    expect(ll.data.every((v) => Number.isFinite(v) && v <= 0)).toBe(true);
  });
});
