import { describe, expect, it } from "vitest";
import { fuseMarginals } from "../../src/marginal/fuse.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { betaBinomialLogDensity } from "../../src/marginal/betaBinomial.js";
import { groupTotals, poissonGammaLogDensity } from "../../src/marginal/poissonGamma.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalPlan } from "../../src/marginal/types.js";
import { buildModel } from "../../src/model/model.js";
import { exponential, gamma, model, poisson } from "../../src/model/index.js";
import { createRng } from "../../src/random/rng.js";
import * as M from "./support/models.js";
import { kernelRoute } from "./support/kernelRoute.js";

/** The Poisson–Gamma or beta-binomial kernel's route (support/kernelRoute.ts): the oracle of the fused statement. */
function viaKernel(plan: MarginalPlan): (theta: Float64Array, grad: Float64Array) => number {
  const tot = groupTotals(plan.blocks[0]);
  const route = kernelRoute(plan, (b, values, adj) =>
    b.kind === "poisson_gamma" ? poissonGammaLogDensity(b, values, adj, tot) : betaBinomialLogDensity(b, values, adj, tot));
  return (theta, grad) => route(theta, grad).lp;
}

/** Counts by group (several rows per group, unsorted), exposures per row, a per-group shape a·u_j. */
const perGroupShape = model("poisson_gamma_per_group_shape", ({ data, param, observe }) => {
  const y = data.ints("y", { lower: 0 });
  const t = data.reals("t", { lower: 0 });
  const u = data.reals("u", { lower: 0 });
  const { index: g, levels } = data.factor("g");
  const a = param("a", exponential(1), { lower: 0 });
  const b = param("b", gamma(0.1, 1), { lower: 0 });
  const lambda = param("lambda", gamma(a.mul(u), b), { size: levels.length, lower: 0 });
  observe(y, poisson(lambda.at(g).mul(t)));
});

/** 60 rows in 6 groups; counts up to ~400 per row, so most totals take the lgamma route. */
function bigCounts(): { y: number[]; t: number[]; u: number[]; g: string[] } {
  const rng = createRng(17, 0);
  const y: number[] = [];
  const t: number[] = [];
  const g: string[] = [];
  for (let i = 0; i < 60; i++) {
    const j = rng.nextU32() % 6;
    g.push(`g${j}`);
    t.push(0.5 + 3 * rng.uniform());
    y.push(j === 0 ? rng.nextU32() % 3 : rng.nextU32() % (80 * j));
  }
  return { y, t, u: [0.6, 1, 1.4, 0.8, 1.2, 2], g };
}

const cases = {
  "pumps (shared shape and rate, totals ≤ 22)": () => buildModel(M.pumps, M.pumpsData()),
  "per-group shape a·u_j, 60 rows in 6 groups, totals up to ~10^4": () => buildModel(perGroupShape, bigCounts()),
  "binomial–Beta, shared a and b, 40 rows in 8 groups": () => buildModel(M.ratsLike, M.ratsData()),
};

describe("marginalLogDensity with Poisson–Gamma and binomial–Beta blocks fused into the compiled gradient", () => {
  for (const [name, build] of Object.entries(cases)) {
    it(`${name}: value and gradient equal the TypeScript-kernel route at 6 random points; the fused program has no JavaScript block left`, () => {
      const m = build();
      const plan = planMarginal(m.program, m.data) as MarginalPlan;
      expect(plan.blocks).toHaveLength(1);
      const fused = fuseMarginals(plan);
      expect(fused.fused).toEqual([true]);
      expect(fused.program.tparams).toHaveLength(plan.program.tparams.length - 2);
      const kind = plan.blocks[0].kind === "poisson_gamma" ? "poissonGammaMarginal" : "betaBinomialMarginal";
      expect(fused.program.statements.filter((s) => s.kind === kind)).toHaveLength(1);
      const target = marginalLogDensity(plan);
      expect(target.wasm).toBeDefined();
      const oracle = viaKernel(plan);
      const rng = createRng(9, 0);
      for (let p = 0; p < 6; p++) {
        const theta = Float64Array.from({ length: target.dim }, () => 0.8 * rng.normal());
        const g1 = new Float64Array(target.dim);
        const g2 = new Float64Array(target.dim);
        const a = target.logDensityGradient(theta, g1);
        const b = oracle(theta, g2);
        // Same terms, different order (pooled product, linear term not added and subtracted): ~1e-14 relative.
        expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-12);
        for (let k = 0; k < target.dim; k++) expect(Math.abs(g1[k] - g2[k]) / Math.max(1, Math.abs(g2[k])), `grad[${k}]`).toBeLessThan(1e-11);
      }
    });
  }

  // Its bit-identity with the JavaScript gradient: test/compiler/wasm/bitIdentity.test.ts ("marginal/pumps fused").
  it("pumps: the marginal target exposes the compiled model's wasm form, whose constrain export writes exactly what the target's constrain writes", () => {
    const m = buildModel(M.pumps, M.pumpsData());
    const target = marginalLogDensity(planMarginal(m.program, m.data) as MarginalPlan);
    const w = target.wasm;
    expect(w).toBeDefined();
    expect(target.wasm).toBe(w);
    expect(w?.logDensityGradient).toBe(target.inner.wasm?.logDensityGradient);
    expect(w?.memory).toBe(target.inner.wasm?.memory);
    const c = w?.constrain;
    expect(c).toBeDefined();
    if (w === undefined || c === undefined) return;
    // Evaluate the export at a point placed past the module's arrays, then place its values as the sampler does.
    const thetaPtr = w.freeOffset;
    const outPtr = thetaPtr + 8 * target.dim;
    const f64 = new Float64Array(w.memory.buffer);
    const theta = Float64Array.of(0.4, -0.7);
    f64.set(theta, thetaPtr / 8);
    c.fn(thetaPtr, outPtr);
    const viaWasm = new Float64Array(target.outputNames.length);
    for (let i = 0; i < c.size; i++) if (c.outputs[i] >= 0) viaWasm[c.outputs[i]] = f64[outPtr / 8 + i];
    const viaJs = new Float64Array(target.outputNames.length);
    target.constrain(theta, viaJs);
    viaJs.forEach((x, k) => expect(Object.is(viaWasm[k], x), target.outputNames[k]).toBe(true));
  });

  it("a block whose totals do not fit an int32 stays on the JavaScript route, with the same density", () => {
    const data = { y: [2_000_000_000, 1_900_000_000, 3], t: [1, 2, 3], u: [1, 1], g: ["a", "a", "b"] };
    const m = buildModel(perGroupShape, data);
    const plan = planMarginal(m.program, m.data) as MarginalPlan;
    const fused = fuseMarginals(plan);
    expect(fused.fused).toEqual([false]);
    const target = marginalLogDensity(plan);
    expect(target.wasm).toBeUndefined();
    const theta = Float64Array.of(0.3, -0.2);
    const want = viaKernel(plan)(theta, new Float64Array(2));
    expect(want).toBeGreaterThan(-Infinity);
    expect(target.logDensityGradient(theta, new Float64Array(2))).toBe(want);
  });
});
