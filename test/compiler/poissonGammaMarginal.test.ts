import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Program } from "../../src/ir/types.js";
import { groupTotals, poissonGammaLogDensity } from "../../src/marginal/poissonGamma.js";
import type { MarginalBlock } from "../../src/marginal/types.js";
import { kernelAtTheta, twoScaleProgram, type TwoScaleCase } from "./support/countMarginal.js";
import { expectAgrees, relErr } from "./support/agreement.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";
import { createRng } from "../../src/random/rng.js";
import { PUMP_T, PUMP_X } from "./models.js";

/**
 * Shape a (shared) or a·u_j, rate b or b·v_j (per group); data: 0 Y (int totals), 1 T, 2 u, 3 v.
 */
function program(Y: Int32Array, T: Float64Array, perShape: boolean, perRate: boolean): TwoScaleCase {
  return twoScaleProgram(Y, { name: "T", values: T }, perShape, perRate, (shape, rate) => ({ kind: "poissonGammaMarginal", J: Y.length, y: 0, t: 1, shape, rate }));
}

/** The TypeScript kernel (src/marginal/poissonGamma.ts) on the same totals, chained to θ = (log a, log b). */
function viaKernel(p: TwoScaleCase, theta: Float64Array): { value: number; grad: Float64Array } {
  const [Y, T] = p.data as [Int32Array, Float64Array];
  const J = Y.length;
  const block: MarginalBlock = {
    kind: "poisson_gamma", name: "lambda", groups: J, observations: J, group: Int32Array.from({ length: J }, (_, j) => j),
    y: Float64Array.from(Y), weight: Float64Array.from(T), constant: 0, inputs: [],
  };
  const tot = groupTotals(block);
  return kernelAtTheta(p, theta, (a, b, adj) => poissonGammaLogDensity(block, [a, b], adj, tot));
}

/** 14 groups, totals 0 … 5000 (small and large mixed, one group without exposure). */
function largeTotals(seed: number): { Y: Int32Array; T: Float64Array } {
  const rng = createRng(seed, 0);
  const Y = Int32Array.from({ length: 14 }, (_, j) => (j % 3 === 0 ? rng.nextU32() % 30 : 33 + (rng.nextU32() % 5000)));
  const T = Float64Array.from({ length: 14 }, (_, j) => (j === 5 ? 0 : 0.1 + 50 * rng.uniform()));
  Y[5] = 0;
  return { Y, T };
}


describe("poissonGammaMarginal statement", () => {
  const datasets = {
    "pumps (all totals ≤ 22: rising factorials)": () => ({ Y: PUMP_X, T: PUMP_T }),
    "simulated totals up to 5000 (lgamma route for most groups)": () => largeTotals(11),
  };
  for (const [name, make] of Object.entries(datasets)) {
    for (const perShape of [false, true]) {
      for (const perRate of [false, true]) {
        it(`${name}, ${perShape ? "per-group" : "shared"} shape, ${perRate ? "per-group" : "shared"} rate: value and gradient equal the TypeScript kernel and the reference tape`, () => {
          const { Y, T } = make();
          const p = program(Y, T, perShape, perRate);
          const m = compileModel(p.program, p.data);
          const rng = createRng(5, perShape ? 1 : 0);
          for (let k = 0; k < 8; k++) {
            // Shapes from ~0.02 to ~50, rates from ~0.02 to ~50.
            const theta = Float64Array.of(1.3 * rng.normal(), 1.3 * rng.normal());
            const grad = new Float64Array(2);
            const lp = m.logDensityGradient(theta, grad);
            // Same terms in a different order (pooled product, power-of-two folds): ~1e-14 relative;
            // 1e-12 leaves room for the lgamma/digamma evaluations the reference tape uses throughout.
            expectAgrees(lp, grad, viaKernel(p, theta), "kernel", { value: 1e-12, grad: 1e-12 });
            expectAgrees(lp, grad, referenceGradient(p.program, p.data, theta), "tape", { value: 1e-12, grad: 1e-11 });
          }
        });
      }
    }
  }

  it("gradient equals central finite differences (h = 1e-6: truncation and rounding ~1e-8 relative)", () => {
    const { Y, T } = largeTotals(3);
    for (const perShape of [false, true]) {
      const p = program(Y, T, perShape, !perShape);
      expectCentralDifferences(compileModel(p.program, p.data), Float64Array.of(0.4, -0.3), { step: 1e-6, tol: 1e-6 });
    }
  });

  it("shape ≥ 1e8 (factors (a+m)/a, no lgamma): equals Σ_j Σ_{m<Y_j} log a + log1p(m/a) to 1e-14 relative", () => {
    // Rate 1 with no exposure: log r = log(r + T) = 0, so the value is the rising factorials alone.
    const Y = Int32Array.from([0, 3, 17, 32, 9]);
    const T = new Float64Array(5);
    const p = program(Y, T, false, false);
    const m = compileModel(p.program, p.data);
    for (const a of [0.9e8, 3e8, 7e12]) {
      const theta = Float64Array.of(Math.log(a), 0);
      const grad = new Float64Array(2);
      const lp = m.logDensityGradient(theta, grad) - theta[0];
      const aa = Math.exp(theta[0]);
      let want = 0;
      let dwant = 0;
      for (const y of Y) {
        for (let k = 0; k < y; k++) {
          want += Math.log(aa) + Math.log1p(k / aa);
          dwant += 1 / (aa + k);
        }
      }
      expect(Math.abs(lp - want) / want).toBeLessThan(1e-14);
      expect(relErr(grad[0] - 1, dwant * aa)).toBeLessThan(1e-13);
    }
  });

  it("300 groups with shape 5e7: the four running products fold many times; equals the TypeScript kernel", () => {
    const rng = createRng(12, 0);
    const Y = Int32Array.from({ length: 300 }, () => rng.nextU32() % 31);
    const T = Float64Array.from({ length: 300 }, () => 1 + rng.uniform());
    const p = program(Y, T, false, false);
    const m = compileModel(p.program, p.data);
    for (const a of [5e7, 3, 0.01]) {
      const theta = Float64Array.of(Math.log(a), Math.log(2e6));
      const grad = new Float64Array(2);
      const lp = m.logDensityGradient(theta, grad);
      // ~4500 factors: rounding ~4500 · 1e-16 relative on a value of ~1e5 .. 1e8.
      expectAgrees(lp, grad, viaKernel(p, theta), "kernel", { value: 1e-12, grad: 1e-12 });
    }
  });

  it("tiny shape (1e-300): finite, c_0 log a rather than an underflowing product", () => {
    const p = program(PUMP_X, PUMP_T, false, false);
    const m = compileModel(p.program, p.data);
    const lp = m.logDensityGradient(Float64Array.of(Math.log(1e-300), 0), new Float64Array(2));
    const want = viaKernel(p, Float64Array.of(Math.log(1e-300), 0)).value;
    expect(Number.isFinite(lp)).toBe(true);
    expect(relErr(lp, want)).toBeLessThan(1e-12);
  });

  it("−∞ outside the support: shape or rate ≤ 0, NaN or infinite", () => {
    const base = program(PUMP_X, PUMP_T, false, false);
    // Identity-transformed a and b so the sampler's coordinates reach every value.
    const free: Program = { ...base.program, params: base.program.params.map((q) => ({ ...q, transform: { kind: "identity" } })) };
    const m = compileModel(free, base.data);
    for (const [a, b] of [[0, 1], [-1, 1], [1, 0], [1, -2], [NaN, 1], [1, NaN], [Infinity, 1], [1, Infinity]]) {
      expect(m.logDensityGradient(Float64Array.of(a, b), new Float64Array(2)), `a=${a}, b=${b}`).toBe(-Infinity);
    }
    expect(m.logDensityGradient(Float64Array.of(1, 1), new Float64Array(2))).toBeGreaterThan(-Infinity);
  });

  it("rejects totals that are not an int data vector of length J, and negative totals or exposures", () => {
    const p = program(PUMP_X, PUMP_T, false, false);
    const realY: Program = { ...p.program, data: p.program.data.map((d, k) => (k === 0 ? { ...d, type: "real" } : d)) };
    expect(() => compileModel(realY, [Float64Array.from(PUMP_X), ...p.data.slice(1)])).toThrow("statement 0 y: must be an int data vector of length 10");
    const neg = Int32Array.from(PUMP_X);
    neg[2] = -1;
    expect(() => compileModel(p.program, [neg, ...p.data.slice(1)])).toThrow("data slot 0 (Y): index 3 is -1, must be finite and non-negative");
    const negT = Float64Array.from(PUMP_T);
    negT[0] = -0.5;
    expect(() => compileModel(p.program, [p.data[0], negT, ...p.data.slice(2)])).toThrow("data slot 1 (T): index 1 is -0.5, must be finite and non-negative");
  });
});
