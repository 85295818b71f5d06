import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { monotonicSteps } from "../../src/glmm/monotonicIr.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { chainOf, variableIndex, type Draws } from "../../src/posterior/draws.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";
import { mismatches, wasmOf } from "../compiler/wasm/compare.js";

const data = {
  y: [1.2, 0.4, 2.2, 3.1, 2.5, 1.9, 0.7, 2.8, 3.3, 1.1],
  n: [1, 0, 3, 5, 4, 2, 0, 4, 6, 1],
  x: [1, 2, 3, 5, 4, 3, 1, 5, 5, 2],
  w: [0, 2, 1, 1, 0, 2, 2, 0, 1, 1],
  z: [0.1, -0.3, 0.5, 1, -1, 0.2, 0.4, -0.6, 0.3, 0],
  g: ["a", "b", "a", "b", "c", "c", "a", "b", "c", "a"],
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe("monotonicSteps", () => {
  it("row i has ones in its first code_i columns (so W_i · ζ = Σ_{k ≤ x} ζ_k); codes outside 0 … D throw", () => {
    expect(Array.from(monotonicSteps(Int32Array.of(0, 2, 3), 3))).toEqual([0, 0, 0, 1, 1, 0, 1, 1, 1]);
    expect(() => monotonicSteps(Int32Array.of(4), 3)).toThrow(/outside 0 … 3/);
  });
});

describe("the compiled mo() model", () => {
  // Two mo() terms (D = 4 and D = 2), a covariate, a group term, non-default priors on both classes.
  const models = [
    { family: "gaussian", formula: "y ~ mo(x) + mo(w) + z + (1 | g)" },
    { family: "poisson", formula: "n ~ mo(x) + mo(w) + (1 | g)" },
    // Interactions: bsp · D_x W_x·ζ · z and bsp · D_x W_x·ζ' · D_w W_w·ζ'' (own simplexes per term).
    { family: "gaussian", formula: "y ~ mo(x) * z + mo(x):mo(w) + (1 | g)", priors: ["b ~ normal(0, 2)", "simo[mox:z1] ~ dirichlet(2, 1, 3, 0.5)", "simo[mox:mow2] ~ dirichlet(1.5)"] },
  ];
  it.each(models.map((m) => [m.formula, m] as const))("%s: value and gradient equal the reference evaluator and central differences", (_, m) => {
    const model = buildFormulaModel({ data, priors: ["b ~ normal(0, 2)", "simo[mox1] ~ dirichlet(2, 1, 3, 0.5)", "simo_mow1 ~ dirichlet(1.5)"], ...m });
    const { program, data: values } = { program: model.built.program, data: model.built.data };
    const compiled = compileModel(program, values);
    const rng = createRng(7, 1);
    for (let t = 0; t < 8; t++) {
      const theta = Float64Array.from({ length: compiled.dim }, () => rng.normal());
      const grad = new Float64Array(compiled.dim);
      const lp = compiled.logDensityGradient(theta, grad);
      const ref = referenceGradient(program, values, theta);
      // Same arithmetic in another order: agreement to rounding (≈ 1e-14 relative); 1e-10 leaves room.
      expect(rel(lp, ref.value)).toBeLessThan(1e-10);
      for (let j = 0; j < compiled.dim; j++) {
        expect(rel(grad[j], ref.grad[j]), `grad ${j}`).toBeLessThan(1e-10);
        // ε^(1/3) relative step: ≈ ε^(2/3)·|lp| error, |lp| ≲ 100 here.
        const fd = centralDifference((u) => compiled.logDensityGradient(u, new Float64Array(compiled.dim)), theta, j);
        expect(Math.abs(grad[j] - fd), `fd ${j}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });
  it.each(models.map((m) => [m.formula, m] as const))("%s: the wasm translation gives the JS log density and gradient bit for bit", (_, m) => {
    const model = buildFormulaModel({ data, priors: ["b ~ normal(0, 2)", "simo[mox1] ~ dirichlet(2, 1, 3, 0.5)"], ...m });
    const compiled = compileModel(model.built.program, model.built.data);
    const w = wasmOf(compiled, model.built.program, model.built.data);
    if (!w) throw new Error(`${m.family}: the mo() model does not translate to wasm`);
    const { bad, finite } = mismatches(compiled, w, createRng(2026, 42), 40);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(finite).toBeGreaterThanOrEqual(20);
  });
});

describe("reparam / marginalize auto keep a mo() model correct", () => {
  const summary = (draws: Draws, name: string) => {
    const v = variableIndex(draws, name);
    const chains = Array.from({ length: draws.chains }, (_, k) => chainOf(draws, v, k));
    const all = chains.flatMap((c) => Array.from(c));
    return { mean: all.reduce((a, b) => a + b, 0) / all.length, mcse: mcseMean(chains) };
  };
  it("gaussian y ~ mo(x) + (1 | g): r_g marginalised (normal–normal) gives the posterior of the model as written (|z| < 4 combined MCSE)", async () => {
    const gauss = readCsvFile(new URL("./fixtures/mo-gauss.csv", import.meta.url).pathname);
    const input = { formula: "y ~ mo(x) + (1 | g)", data: gauss, family: "gaussian" };
    const settings = { chains: 4, warmup: 500, draws: 500, seed: 11, threads: 1 };
    const on = await fitFormulaModel(input, { ...settings, marginalize: "auto", reparam: "auto" });
    const off = await fitFormulaModel(input, { ...settings, marginalize: "none", reparam: "none" });
    expect(on.fit.beyond?.marginalized.map((m) => m.kind)).toEqual(["normal_normal"]);
    const names = ["b_Intercept", "bsp_mox", "sd_g__Intercept", "sigma", "simo_mox1[1]", "simo_mox1[2]", "simo_mox1[3]", "simo_mox1[4]", "r_g[g03,Intercept]"];
    for (const name of names) {
      const a = summary(on.fit.draws, name);
      const b = summary(off.fit.draws, name);
      expect(Math.abs(a.mean - b.mean) / Math.hypot(a.mcse, b.mcse), name).toBeLessThan(4);
    }
  });
});
