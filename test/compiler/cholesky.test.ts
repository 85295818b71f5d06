import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Expr, Program } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { lgamma } from "../../src/math/lgamma.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";
import { sleepstudyCholeskyProgram } from "./models.js";

function lkjProgram(K: number, eta: number, extra: boolean): Program {
  const L = (index: number): Expr => ({ op: "elem", src: "param", id: 0, index });
  return {
    data: [],
    params: [{ name: "L", shape: { kind: "choleskyCorr", k: K }, transform: { kind: "choleskyCorr" } }],
    tparams: [],
    statements: [
      { kind: "lkjCorrCholesky", param: 0, eta: { op: "const", value: eta } },
      // A term touching every lower-triangle element, so the transform's backward pass is fully exercised.
      ...(extra
        ? Array.from({ length: K * K }, (_, m) => ({
            kind: "distribution" as const, family: "normal", n: 1, lhs: L(m), args: [{ op: "const", value: 0.1 * m } as Expr, { op: "const", value: 0.7 } as Expr],
          }))
        : []),
    ],
  };
}

describe("choleskyCorr parameters and lkjCorrCholesky", () => {
  it("K = 2: the log density of rho = L[2,1] is the Beta(eta, eta) density of (rho + 1)/2 plus the tanh Jacobian", () => {
    for (const eta of [1, 2, 3.5]) {
      const model = compileModel(lkjProgram(2, eta, false), []);
      expect(model.dim).toBe(1);
      for (const u of [-1.3, 0, 0.4]) {
        const rho = Math.tanh(u);
        const logBeta = (eta - 1) * Math.log(1 - rho * rho) - (2 * eta - 1) * Math.log(2) - (2 * lgamma(eta) - lgamma(2 * eta));
        const expected = logBeta + Math.log(1 - rho * rho);
        expect(model.logDensityGradient(Float64Array.from([u]), new Float64Array(1))).toBeCloseTo(expected, 12);
      }
    }
  });

  it("K = 3 and 4: value and gradient equal the reference tape and finite differences; constrain gives unit rows", () => {
    const rng = createRng(31, 0);
    for (const K of [3, 4]) {
      const program = lkjProgram(K, 1.7, true);
      const model = compileModel(program, []);
      expect(model.dim).toBe((K * (K - 1)) / 2);
      const theta = Float64Array.from({ length: model.dim }, () => 0.8 * rng.normal());
      const grad = new Float64Array(model.dim);
      const lp = model.logDensityGradient(theta, grad);
      const ref = referenceGradient(program, [], theta);
      expect(Math.abs(lp - ref.value)).toBeLessThan(1e-11 * Math.max(1, Math.abs(ref.value)));
      for (let k = 0; k < model.dim; k++) expect(Math.abs(grad[k] - ref.grad[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.grad[k])));
      // h = 1e-6 on an O(1) log density: rounding ~1e-16/h = 1e-10, truncation ~h² — far inside 1e-6.
      expectCentralDifferences(model, theta, { step: 1e-6, tol: 1e-6 });
      const out = new Float64Array(K * K);
      model.constrain(theta, out);
      for (let i = 0; i < K; i++) {
        let s = 0;
        for (let j = 0; j < K; j++) s += out[i * K + j] ** 2;
        expect(s).toBeCloseTo(1, 14);
      }
      expect(model.outputNames[K + 1]).toBe("L[2,2]");
      const back = model.unconstrain([out]);
      for (let k = 0; k < model.dim; k++) expect(back[k]).toBeCloseTo(theta[k], 10);
    }
  });

  it("sleepstudy with a cholesky_factor_corr[2] agrees with the reference evaluator", () => {
    const rng = createRng(32, 0);
    const N = 20;
    const J = 4;
    const days = Float64Array.from({ length: N }, (_, i) => i % 5);
    const y = Float64Array.from({ length: N }, (_, i) => 250 + 10 * days[i] + 20 * rng.normal());
    const subj = Int32Array.from({ length: N }, (_, i) => 1 + (i % J));
    const program = sleepstudyCholeskyProgram(N, J);
    const model = compileModel(program, [y, days, subj]);
    const theta = Float64Array.from({ length: model.dim }, () => 0.5 * rng.normal());
    const grad = new Float64Array(model.dim);
    const lp = model.logDensityGradient(theta, grad);
    const ref = referenceGradient(program, [y, days, subj], theta);
    expect(Math.abs(lp - ref.value)).toBeLessThan(1e-11 * Math.abs(ref.value));
    for (let k = 0; k < model.dim; k++) expect(Math.abs(grad[k] - ref.grad[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.grad[k])));
  });
});
