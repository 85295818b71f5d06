import { afterEach, describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { betaBinomialConditional } from "../../src/marginal/betaBinomial.js";
import { createNormalNormalWorkspace, normalNormalConditional } from "../../src/marginal/normalNormal.js";
import { linearStats, normalLinearConditional } from "../../src/marginal/normalLinear.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { groupTotals, poissonGammaConditional } from "../../src/marginal/poissonGamma.js";
import { firstSlotsOf, hiddenNames, marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalBlock, MarginalPlan } from "../../src/marginal/types.js";
import { buildModel } from "../../src/model/model.js";
import { createRng } from "../../src/random/rng.js";
import * as M from "./support/models.js";

/** The TypeScript conditional of a block (each checked against its kernel's algebra in kernels.test.ts). */
function tsConditional(b: MarginalBlock, values: Float64Array[], p1: Float64Array, p2: Float64Array): void {
  if (b.kind === "poisson_gamma") return poissonGammaConditional(b, values, groupTotals(b), p1, p2);
  if (b.kind === "binomial_beta") return betaBinomialConditional(b, values, groupTotals(b), p1, p2);
  if (b.linear !== undefined) return normalLinearConditional(b, values, linearStats(b, b.linear), p1, p2);
  return normalNormalConditional(b, values, createNormalNormalWorkspace(b.groups, b.observations), p1, p2);
}

/**
 * What the marginal target's constrain wrote before the conditionals were compiled: the plan's
 * program constrained, then each block's TypeScript conditional on its input values.
 */
function oracle(plan: MarginalPlan, theta: Float64Array): Map<string, number> {
  const full = compileModel(plan.program, plan.data);
  const buf = new Float64Array(full.outputNames.length);
  full.constrain(theta, buf);
  const out = new Map<string, number>();
  full.outputNames.forEach((n, k) => out.set(n, buf[k]));
  for (const b of plan.blocks) {
    const values = b.inputs.map((inp) => buf.subarray(full.layout.tparams[inp.tparam].outOff, full.layout.tparams[inp.tparam].outOff + inp.length));
    const p1 = new Float64Array(b.groups);
    const p2 = new Float64Array(b.groups);
    tsConditional(b, values, p1, p2);
    const first = firstSlotsOf(b, plan.outputNames);
    for (let j = 0; j < b.groups; j++) out.set(plan.outputNames[first[j]], p1[j]);
    hiddenNames(b).forEach((n, j) => out.set(n, p2[j]));
  }
  return out;
}

const cases: Record<string, () => { plan: MarginalPlan; rowsSorted: boolean }> = {
  "eight schools (normal–normal, σ per row as data)": () => {
    const m = buildModel(M.eightCentered, M.EIGHT_SCHOOLS);
    return { plan: planMarginal(m.program, m.data) as MarginalPlan, rowsSorted: true };
  },
  "radon centred row by row (η = b·floor, one σ)": () => {
    const m = buildModel(M.radonCentered, M.radonData());
    return { plan: planMarginal(m.program, m.data, { sufficientStatistics: false }) as MarginalPlan, rowsSorted: false };
  },
  "radon centred from sufficient statistics (normalLinearMarginal)": () => {
    const m = buildModel(M.radonCentered, M.radonData());
    return { plan: planMarginal(m.program, m.data) as MarginalPlan, rowsSorted: true };
  },
  "pumps (Poisson–Gamma)": () => {
    const m = buildModel(M.pumps, M.pumpsData());
    return { plan: planMarginal(m.program, m.data) as MarginalPlan, rowsSorted: true };
  },
  "rats-like (binomial–Beta)": () => {
    const m = buildModel(M.ratsLike, M.ratsData());
    return { plan: planMarginal(m.program, m.data) as MarginalPlan, rowsSorted: true };
  },
};

describe("the marginal target's constrain: the conditionals compiled with the gradient program (emitConditional.ts)", () => {
  const saved = process.env.HBAYES_WASM;
  afterEach(() => {
    if (saved === undefined) delete process.env.HBAYES_WASM;
    else process.env.HBAYES_WASM = saved;
  });

  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: every output equals the TypeScript conditionals' at 8 random points, and the wasm module's constrain export gives the same bits as the JavaScript constrain`, () => {
      const { plan, rowsSorted } = make();
      const target = marginalLogDensity(plan);
      process.env.HBAYES_WASM = "0";
      const jsTarget = marginalLogDensity(plan);
      expect(jsTarget.wasm).toBeUndefined();
      delete process.env.HBAYES_WASM;
      // The wasm module's constrain export, placed by its outputs, is what the sampler's wasm loop records.
      const w = target.wasm;
      expect(w?.constrain).toBeDefined();
      const rng = createRng(21, 0);
      const out = new Float64Array(target.outputNames.length);
      const outJs = new Float64Array(target.outputNames.length);
      let compared = 0;
      for (let p = 0; p < 8; p++) {
        const theta = Float64Array.from({ length: target.dim }, () => 0.7 * rng.normal());
        if (w?.constrain) {
          const c = w.constrain;
          const f64 = new Float64Array(w.memory.buffer);
          f64.set(theta, w.freeOffset / 8);
          c.fn(w.freeOffset, w.freeOffset + 8 * target.dim);
          out.fill(NaN);
          for (let i = 0; i < c.size; i++) if (c.outputs[i] >= 0) out[c.outputs[i]] = f64[w.freeOffset / 8 + target.dim + i];
        }
        jsTarget.constrain(theta, outJs);
        const want = oracle(plan, theta);
        target.outputNames.forEach((n, k) => {
          expect(Object.is(out[k], outJs[k]), `${n}: wasm ${out[k]} vs JavaScript ${outJs[k]}`).toBe(true);
          const w = want.get(n);
          if (w === undefined) return;
          compared++;
          // Same formulas in the same order; with rows not sorted by group the compiled row pass sums each
          // run of equal codes first (a few ulps of the group sums).
          if (rowsSorted) expect(Object.is(out[k], w), `${n}: ${out[k]} vs ${w}`).toBe(true);
          else expect(Math.abs(out[k] - w), n).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
        });
      }
      // Every output was compared (these DSL programs have no z columns a formula fit fills afterwards).
      expect(compared).toBe(8 * target.outputNames.length);
    });
  }

  it("a program without marginal statements has no conditionals function", () => {
    const m = buildModel(M.eightNoncentered, M.EIGHT_SCHOOLS);
    const c = compileModel(m.program, m.data);
    expect(c.conditionals).toBeUndefined();
    expect(c.conditionalSize).toBe(0);
  });
});
