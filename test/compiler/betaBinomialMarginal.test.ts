import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Program } from "../../src/ir/types.js";
import { betaBinomialLogDensity } from "../../src/marginal/betaBinomial.js";
import { groupTotals } from "../../src/marginal/poissonGamma.js";
import type { MarginalBlock } from "../../src/marginal/types.js";
import { kernelAtTheta, twoScaleProgram, type TwoScaleCase } from "./support/countMarginal.js";
import { expectAgrees } from "./support/agreement.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";
import { createRng } from "../../src/random/rng.js";

/** a (shared) or a·u_j, b or b·v_j (per group); data: 0 Y, 1 N (int totals), 2 u, 3 v. */
function program(Y: Int32Array, N: Int32Array, perA: boolean, perB: boolean): TwoScaleCase {
  return twoScaleProgram(Y, { name: "N", values: N }, perA, perB, (a, b) => ({ kind: "betaBinomialMarginal", J: Y.length, y: 0, n: 1, a, b }));
}

/** The TypeScript kernel (src/marginal/betaBinomial.ts) on the same totals, chained to θ = (log a, log b). */
function viaKernel(p: TwoScaleCase, theta: Float64Array): { value: number; grad: Float64Array } {
  const [Y, N] = p.data as [Int32Array, Int32Array];
  const J = Y.length;
  const block: MarginalBlock = {
    kind: "binomial_beta", name: "p", groups: J, observations: J, group: Int32Array.from({ length: J }, (_, j) => j),
    y: Float64Array.from(Y), weight: Float64Array.from(N), constant: 0, inputs: [],
  };
  const tot = groupTotals(block);
  return kernelAtTheta(p, theta, (a, b, adj) => betaBinomialLogDensity(block, [a, b], adj, tot));
}


/** Rats-like (71 groups of ≤ 52 trials in the original; here 12 groups, small counts) and large counts (up to 3000 trials). */
function totals(large: boolean, seed: number): { Y: Int32Array; N: Int32Array } {
  const rng = createRng(seed, 0);
  const N = Int32Array.from({ length: 12 }, (_, j) => (j === 4 ? 0 : large && j % 2 === 1 ? 40 + (rng.nextU32() % 3000) : 1 + (rng.nextU32() % 30)));
  const Y = Int32Array.from(N, (n, j) => (j === 7 ? n : j === 8 ? 0 : Math.floor(rng.uniform() * (n + 1))));
  return { Y, N };
}

describe("betaBinomialMarginal statement", () => {
  for (const large of [false, true]) {
    for (const [perA, perB] of [[false, false], [false, true], [true, false], [true, true]]) {
      it(`${large ? "trials up to 3000 (lgamma route)" : "≤ 30 trials (rising factorials)"}, ${perA ? "per-group" : "shared"} a, ${perB ? "per-group" : "shared"} b: value and gradient equal the TypeScript kernel and the reference tape`, () => {
        const { Y, N } = totals(large, 4);
        const p = program(Y, N, perA, perB);
        const m = compileModel(p.program, p.data);
        const rng = createRng(6, (perA ? 2 : 0) + (perB ? 1 : 0));
        for (let k = 0; k < 8; k++) {
          const theta = Float64Array.of(1.3 * rng.normal(), 1.3 * rng.normal());
          const grad = new Float64Array(2);
          const lp = m.logDensityGradient(theta, grad);
          // Rising factorials vs lbeta/digamma: the same quantity by different stable formulas, ~1e-14 relative.
          expectAgrees(lp, grad, viaKernel(p, theta), "kernel", { value: 1e-12, grad: 1e-11 });
          expectAgrees(lp, grad, referenceGradient(p.program, p.data, theta), "tape", { value: 1e-12, grad: 1e-11 });
        }
      });
    }
  }

  it("gradient equals central finite differences (h = 1e-6: ~1e-8 relative)", () => {
    const { Y, N } = totals(true, 8);
    for (const [perA, perB] of [[false, false], [true, false]]) {
      const p = program(Y, N, perA, perB);
      expectCentralDifferences(compileModel(p.program, p.data), Float64Array.of(0.2, 0.7), { step: 1e-6, tol: 1e-6 });
    }
  });

  it("−∞ outside the support (a or b ≤ 0, NaN, infinite); successes beyond trials are rejected as data", () => {
    const { Y, N } = totals(false, 2);
    const base = program(Y, N, false, false);
    const free: Program = { ...base.program, params: base.program.params.map((q) => ({ ...q, transform: { kind: "identity" } })) };
    const m = compileModel(free, base.data);
    for (const [a, b] of [[0, 1], [-1, 1], [1, 0], [1, -2], [NaN, 1], [1, NaN], [Infinity, 1], [1, Infinity]]) {
      expect(m.logDensityGradient(Float64Array.of(a, b), new Float64Array(2)), `a=${a}, b=${b}`).toBe(-Infinity);
    }
    expect(m.logDensityGradient(Float64Array.of(1, 1), new Float64Array(2))).toBeGreaterThan(-Infinity);
    const bad = Int32Array.from(Y);
    bad[0] = N[0] + 1;
    expect(() => compileModel(base.program, [bad, ...base.data.slice(1)])).toThrow(`data slots 0, 1 (Y, N): index 1 has ${N[0] + 1} successes in ${N[0]} trials`);
  });
});
