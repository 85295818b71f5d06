import { describe, expect, it } from "vitest";
import { findModel } from "../../bench/full/models.js";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { fuseMarginals, MAX_FUSED_COEFS } from "../../src/marginal/fuse.js";
import { linearStats, normalLinearLogDensity } from "../../src/marginal/normalLinear.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalBlock, MarginalPlan } from "../../src/marginal/types.js";
import type { Program, ProgramData } from "../../src/ir/types.js";
import { model, normal } from "../../src/model/index.js";
import { buildModel } from "../../src/model/model.js";
import { POSTERIORDB_MODELS } from "../../examples/posteriordb/index.js";
import { readReference } from "../../validation/posteriordb/cases.js";
import { createRng } from "../../src/random/rng.js";
import { linearProgram } from "../compiler/linearMarginalProgram.js";
import * as M from "./support/models.js";
import { kernelRoute } from "./support/kernelRoute.js";

/** normalLinearLogDensity's route (support/kernelRoute.ts; checked against the row-by-row kernel in linear.test.ts): the oracle. */
function viaKernel(plan: MarginalPlan): (theta: Float64Array, grad: Float64Array) => { lp: number; linear: number } {
  const st = linearStats(plan.blocks[0], plan.blocks[0].linear as number);
  return kernelRoute(plan, (b, values, adj) => normalLinearLogDensity(b, values, adj, st));
}

const formulaRadon = (data: ReturnType<typeof M.radonData>): { program: Program; data: ProgramData } =>
  buildFormulaModel({ formula: "log_radon ~ floor + (1 | county)", data }).built;

const up = (): ReturnType<typeof M.radonData> => {
  const d = M.radonData();
  return { ...d, log_radon: d.log_radon.map((v) => v + 1e6) };
};

const cases: Record<string, () => { program: Program; data: ProgramData }> = {
  "radon DSL centred (K = 1)": () => buildModel(M.radonCentered, M.radonData()),
  "radon DSL non-centred (examples/radon, K = 1)": () => buildModel(M.radonNoncentered, M.radonData()),
  "examples/posteriordb radon_mn variable intercept centred (K = 1)": () => {
    const name = "radon_mn-radon_variable_intercept_centered";
    const entry = POSTERIORDB_MODELS[name];
    const ref = readReference(name);
    return buildModel(entry.model, entry.fromPosteriordb ? entry.fromPosteriordb(ref.data) : ref.data);
  },
  "bench radon_intercept (brms-style, K = 2)": () => findModel("radon_intercept").hbayes(),
  "radon formula (Intercept + floor, K = 2)": () => formulaRadon(M.radonData()),
  "radon DSL centred, log_radon + 1e6": () => buildModel(M.radonCentered, up()),
  "radon formula, log_radon + 1e6": () => formulaRadon(up()),
};

describe("marginalLogDensity with linear normal–normal blocks fused into the compiled gradient", () => {
  for (const [name, build] of Object.entries(cases)) {
    it(`${name}: value and gradient equal the TypeScript-kernel route at 6 random points; one compiled gradient with a wasm form`, () => {
      const m = build();
      const plan = planMarginal(m.program, m.data) as MarginalPlan;
      expect(plan.blocks).toHaveLength(1);
      expect(plan.blocks[0].linear).toBeGreaterThanOrEqual(1);
      const fused = fuseMarginals(plan);
      expect(fused.fused).toEqual([true]);
      expect(fused.program.statements.filter((s) => s.kind === "normalLinearMarginal")).toHaveLength(1);
      const target = marginalLogDensity(plan);
      // Radon's 85 groups within the wasm backend's 100 calls into JavaScript per gradient.
      expect(target.wasm).toBeDefined();
      expect(target.wasm?.logDensityGradient).toBe(target.inner.wasm?.logDensityGradient);
      const oracle = viaKernel(plan);
      const rng = createRng(9, 0);
      const level = name.includes("1e6") ? 1e6 : 0;
      const names = target.inner.outputNames;
      for (let p = 0; p < 6; p++) {
        const theta = Float64Array.from({ length: target.dim }, () => 0.5 * rng.normal());
        // The level (mu_a, or the Intercept) near the data's: else lp ~ −1e12 and nothing is tested.
        for (const lvl of ["mu_a", "Intercept", "b_Intercept"]) {
          const k = names.indexOf(lvl);
          if (k >= 0 && k < target.dim) theta[k] += level + 1.4;
        }
        const g1 = new Float64Array(target.dim);
        const g2 = new Float64Array(target.dim);
        const a = target.logDensityGradient(theta, g1);
        const { lp: b, linear } = oracle(theta, g2);
        expect(a).toBeGreaterThan(-Infinity);
        // The statement repeats the kernel's arithmetic; the totals differ only in the oracle adding
        // Σ adjoint · input and subtracting it again (~1e9 with an Intercept at 1e6): a few ulps of it.
        expect(Math.abs(a - b) / (Math.abs(b) + Math.abs(linear))).toBeLessThan(1e-12);
        for (let k = 0; k < target.dim; k++) expect(Math.abs(g1[k] - g2[k]) / Math.max(1, Math.abs(g2[k])), `grad[${k}]`).toBeLessThan(1e-12);
      }
    });
  }

  it("radon's block with log_radon + 1e6 (level 1e6 + 1.5 in loc): the compiled statement's value and adjoints equal the unshifted ones (raw sums lost 0.045 of lp)", () => {
    const block = (data: ReturnType<typeof M.radonData>): MarginalBlock => {
      const m = buildModel(M.radonCentered, data);
      return (planMarginal(m.program, m.data) as MarginalPlan).blocks[0];
    };
    const run = (b: MarginalBlock, shift: number) => {
      const p = linearProgram(b, 1, 1);
      const model = compileModel(p.program, p.data);
      const theta = p.theta([Float64Array.of(1.5 + shift), Float64Array.of(0.3), Float64Array.of(0.7), Float64Array.of(-0.6)]);
      const grad = new Float64Array(theta.length);
      return { lp: model.logDensityGradient(theta, grad), grad };
    };
    const a = run(block(M.radonData()), 0);
    const b = run(block(up()), 1e6);
    // The level 1e6 + 1.5 is stored to its ulp ~1e-10: lp moves by ~n · 1e-10 / σ² ≈ 2e-7 (as linear.test.ts).
    expect(Math.abs(b.lp - a.lp)).toBeLessThan(1e-6);
    a.grad.forEach((x, k) => expect(Math.abs(b.grad[k] - x), `input ${k}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(x))));
  });

  it(`a linear block with more than MAX_FUSED_COEFS = ${MAX_FUSED_COEFS} columns stays on the TypeScript kernel, with the same density`, () => {
    const K = MAX_FUSED_COEFS + 1;
    const wide = model("wide_linear", ({ data, param, observe }) => {
      const y = data.reals("y");
      const { index: g, levels } = data.factor("g");
      const mu = param("mu", normal(0, 5));
      const tau = param("tau", normal(0, 1), { lower: 0 });
      const a = param("a", normal(mu, tau), { size: levels.length });
      const sigma = param("sigma", normal(0, 1), { lower: 0 });
      let eta = a.at(g);
      for (let k = 0; k < K; k++) eta = eta.add(data.reals(`x${k}`).mul(param(`b${k}`, normal(0, 1))));
      observe(y, normal(eta, sigma));
    });
    const rng = createRng(4, 0);
    // Sufficient statistics are planned when J (K+1)² ≤ 2n (detect.ts): 4 · 100 ≤ 800.
    const n = 400;
    const data: Record<string, number[] | string[]> = { g: Array.from({ length: n }, (_, i) => `g${i % 4}`) };
    const cols = Array.from({ length: K }, () => Array.from({ length: n }, () => rng.normal()));
    cols.forEach((c, k) => (data[`x${k}`] = c));
    data.y = Array.from({ length: n }, (_, i) => cols.reduce((s, c) => s + 0.3 * c[i], 0) + (i % 4) * 0.2 + rng.normal());
    const m = buildModel(wide, data);
    const plan = planMarginal(m.program, m.data) as MarginalPlan;
    expect(plan.blocks[0].linear).toBe(K);
    expect(fuseMarginals(plan).fused).toEqual([false]);
    const target = marginalLogDensity(plan);
    expect(target.wasm).toBeUndefined();
    const theta = Float64Array.from({ length: target.dim }, () => 0.3 * rng.normal());
    const want = viaKernel(plan)(theta, new Float64Array(target.dim)).lp;
    expect(want).toBeGreaterThan(-Infinity);
    expect(target.logDensityGradient(theta, new Float64Array(target.dim))).toBe(want);
  });
});
