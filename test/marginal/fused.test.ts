import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { buildModel } from "../../src/model/model.js";
import { fuseMarginals } from "../../src/marginal/fuse.js";
import { createNormalNormalWorkspace, normalNormalLogDensity } from "../../src/marginal/normalNormal.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalPlan } from "../../src/marginal/types.js";
import { createRng } from "../../src/random/rng.js";
import * as M from "./support/models.js";
import { kernelRoute } from "./support/kernelRoute.js";

/** The Sherman–Morrison kernel's route (support/kernelRoute.ts): the oracle of the fused statement. */
function viaKernel(plan: MarginalPlan): (theta: Float64Array, grad: Float64Array) => number {
  const ws = createNormalNormalWorkspace(plan.blocks[0].groups, plan.blocks[0].observations);
  const route = kernelRoute(plan, (b, values, adj) => normalNormalLogDensity(b, values, adj, ws));
  return (theta, grad) => route(theta, grad).lp;
}

const cases = {
  "eight schools (σ per row as data, no η)": () => buildModel(M.eightCentered, M.EIGHT_SCHOOLS),
  "radon centred (η = b·floor, one σ)": () => buildModel(M.radonCentered, M.radonData()),
  "radon non-centred": () => buildModel(M.radonNoncentered, M.radonData()),
};

describe("marginalLogDensity with normal–normal blocks fused into the compiled gradient", () => {
  for (const [name, build] of Object.entries(cases)) {
    it(`${name}: value and gradient equal the TypeScript-kernel route at 5 random points`, () => {
      const m = build();
      // Row by row (the fused statement), not on sufficient statistics (compared in linear.test.ts).
      const plan = planMarginal(m.program, m.data, { sufficientStatistics: false }) as MarginalPlan;
      const target = marginalLogDensity(plan);
      const oracle = viaKernel(plan);
      // The fused program has no input transformed parameters and no adjoint statements left.
      const fused = fuseMarginals(plan).program;
      expect(fused.tparams).toHaveLength(plan.program.tparams.length - plan.blocks[0].inputs.length);
      expect(fused.statements.filter((s) => s.kind === "target")).toHaveLength(0);
      expect(fused.statements.filter((s) => s.kind === "normalNormalMarginal")).toHaveLength(1);
      const rng = createRng(7, 0);
      for (let p = 0; p < 5; p++) {
        const theta = Float64Array.from({ length: target.dim }, () => 0.5 * rng.normal());
        const g1 = new Float64Array(target.dim);
        const g2 = new Float64Array(target.dim);
        const a = target.logDensityGradient(theta, g1);
        const b = oracle(theta, g2);
        // Same algebra, different summation order (scaled vs weighted sums): agreement to ~1e-13 relative.
        expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-11);
        for (let k = 0; k < target.dim; k++) expect(Math.abs(g1[k] - g2[k]) / Math.max(1, Math.abs(g2[k])), `grad[${k}]`).toBeLessThan(1e-9);
      }
    });
  }

  it("eight schools: same seed → the same draws, bit for bit, in this thread and in 2 workers (the fused program is built in the worker)", async () => {
    const opts = { chains: 2, warmup: 200, draws: 200, seed: 5, marginalize: "auto" } as const;
    const a = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...opts, threads: 1 });
    const b = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...opts, threads: 2 });
    expect(a.beyond?.marginalized).toEqual([{ param: "theta", kind: "normal_normal", groups: 8 }]);
    expect(Array.from(b.draws.data)).toEqual(Array.from(a.draws.data));
  }, 30_000);
});
