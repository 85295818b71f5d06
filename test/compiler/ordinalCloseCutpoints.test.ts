// The compiled ordered_logistic gradient where two cutpoints are nearly equal: ∂/∂c of the category
// between them carries 1/expm1(w) for the gap w, which emitOrdinal forms without Math.expm1 (a JS call
// per row in the wasm form) by Kahan's exp/log trick. exp(w) − 1 would lose digits in proportion to
// 1/w (1e-6 relative at w = 1e-10); the kernel (src/distributions/ordinal.ts) uses Math.expm1.
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { orderedLogisticLpmfGrad } from "../../src/distributions/index.js";
import type { Program } from "../../src/ir/types.js";

const Y = Int32Array.from([2, 2, 1, 3]);

function program(): Program {
  return {
    data: [{ name: "y", type: "int", dims: [Y.length] }],
    params: [
      { name: "eta", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "c", shape: { kind: "vector", n: 2 }, transform: { kind: "ordered" } },
    ],
    tparams: [],
    statements: [
      {
        kind: "distribution",
        family: "ordered_logistic",
        n: Y.length,
        lhs: { op: "ref", src: "data", id: 0 },
        args: [{ op: "ref", src: "param", id: 0 }, { op: "ref", src: "param", id: 1 }],
      },
    ],
    generated: [],
  } as unknown as Program;
}

describe("compiled ordered_logistic with nearly equal cutpoints", () => {
  it("its gradient equals the kernel's (Math.expm1) to 1e-12 relative for gaps 1e-4 … 1e-12", () => {
    const model = compileModel(program(), [Y]);
    const grad = new Float64Array(model.dim);
    for (const logGap of [-4, -6, -8, -10, -12].map((e) => e * Math.LN10)) {
      // θ = (eta, c1, log(c2 − c1)): the ordered transform's unconstrained coordinates.
      const theta = Float64Array.from([0.3, -0.2, logGap]);
      const lp = model.logDensityGradient(theta, grad);
      const c = [theta[1], theta[1] + Math.exp(logGap)];
      let want = 0;
      const dEta = { eta: 0, c1: 0, c2: 0 };
      const d = new Float64Array(3);
      for (const k of Y) {
        want += orderedLogisticLpmfGrad(k, theta[0], c, d, 0);
        dEta.eta += d[0];
        dEta.c1 += d[1];
        dEta.c2 += d[2];
      }
      // The ordered transform's log Jacobian is logGap; c1 moves both cutpoints, c2 = c1 + e^θ₂.
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
      // Tolerance: both sides form 1/expm1(w) to a few ulps and sum four rows (1e-12 relative).
      expect(rel(lp, want + logGap)).toBeLessThan(1e-12);
      expect(rel(grad[0], dEta.eta)).toBeLessThan(1e-12);
      expect(rel(grad[1], dEta.c1 + dEta.c2)).toBeLessThan(1e-12);
      expect(rel(grad[2], dEta.c2 * Math.exp(logGap) + 1)).toBeLessThan(1e-12);
    }
  });
});
