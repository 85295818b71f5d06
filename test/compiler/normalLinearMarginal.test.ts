import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { validateData, validateProgram } from "../../src/ir/validate.js";
import type { Program } from "../../src/ir/types.js";
import { normalLinearLogDensity } from "../../src/marginal/normalLinear.js";
import type { MarginalBlock, MarginalInput } from "../../src/marginal/types.js";
import { createRng } from "../../src/random/rng.js";
import { linearProgram } from "./linearMarginalProgram.js";
import { expectAgrees } from "./support/agreement.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";

const input = (role: string, length: number): MarginalInput => ({ role, tparam: 0, adjointSlot: 0, length });

/** n rows in J groups (the last group left empty when `empty`), K predictors, y around `level`. */
function block(seed: number, J: number, K: number, n: number, level: number, empty: boolean, locLen: number, scaleLen: number): MarginalBlock {
  const rng = createRng(seed, 0);
  const used = empty ? J - 1 : J;
  const group = Int32Array.from({ length: n }, (_, i) => (i < used ? i : rng.nextU32() % used));
  const x = Float64Array.from({ length: n * K }, (_, i) => (i % K === 0 ? (rng.uniform() < 0.3 ? 1 : 0) : rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => level + 0.8 * group[i] / J + (K > 0 ? 0.5 * x[i * K] : 0) + rng.normal());
  return {
    kind: "normal_normal", name: "a", groups: J, observations: n, group, y, weight: x, linear: K, constant: 0,
    inputs: [input("loc", locLen), input("scale", scaleLen), input("sigma", 1), ...Array.from({ length: K }, () => input("coef", 1))],
  };
}

/** Kernel input values near the data: loc about `level`, scales 0.2 … 1.5, coefficients about 0.5. */
function values(seed: number, b: MarginalBlock, level: number): Float64Array[] {
  const rng = createRng(seed, 1);
  const [locLen, scaleLen] = [b.inputs[0].length, b.inputs[1].length];
  return [
    Float64Array.from({ length: locLen }, () => level + 0.5 * rng.normal()),
    Float64Array.from({ length: scaleLen }, () => 0.2 + 1.3 * rng.uniform()),
    Float64Array.of(0.4 + rng.uniform()),
    ...Array.from({ length: b.linear as number }, () => Float64Array.of(0.5 + 0.3 * rng.normal())),
  ];
}

function kernel(b: MarginalBlock, v: Float64Array[], st: ReturnType<typeof linearProgram>["st"]): { value: number; grad: Float64Array } {
  const adj = v.map((x) => new Float64Array(x.length));
  const value = normalLinearLogDensity(b, v, adj, st);
  return { value, grad: Float64Array.from(adj.flatMap((a) => Array.from(a))) };
}

describe("normalLinearMarginal statement", () => {
  const shapes: [string, number, number, number, number, number][] = [
    // name, J, K, n, locLen (1 or J), scaleLen
    ["K = 0, shared loc and scale", 6, 0, 40, 1, 1],
    ["K = 1, per-group loc, shared scale, an empty group", 9, 1, 60, 9, 1],
    ["K = 2, shared loc, per-group scale", 7, 2, 50, 1, 7],
    ["K = 3, per-group loc and scale, an empty group", 8, 3, 70, 8, 8],
    ["J = 1 (no group loop), K = 2", 1, 2, 12, 1, 1],
  ];
  for (const [name, J, K, n, locLen, scaleLen] of shapes) {
    for (const level of [0, 1e6]) {
      it(`${name}, y about ${level}: value and gradient equal the TypeScript kernel and the reference tape`, () => {
        const b = block(J * 10 + K, J, K, n, level, name.includes("empty"), locLen, scaleLen);
        const p = linearProgram(b, locLen, scaleLen);
        const m = compileModel(p.program, p.data);
        for (let k = 0; k < 6; k++) {
          const v = values(100 + k, b, level);
          const theta = p.theta(v);
          const grad = new Float64Array(theta.length);
          const lp = m.logDensityGradient(theta, grad);
          // The statement performs the kernel's operations in the kernel's order (bit-equal here, no
          // fold); 1e-12 relative is the bound the fused route is held to.
          expectAgrees(lp, grad, kernel(b, v, p.st), "kernel", { value: 1e-12, grad: 1e-12 });
          // The tape takes a log per group and S2 − wτ²S1²/Δ unexpanded: rounding of sums of n terms, ~1e-13.
          expectAgrees(lp, grad, referenceGradient(p.program, p.data, theta), "tape", { value: 1e-11, grad: 1e-10 });
        }
      });
    }
  }

  it("gradient equals central finite differences (h = 1e-6: truncation and rounding ~1e-8 relative)", () => {
    const b = block(5, 7, 2, 50, 3, true, 7, 7);
    const p = linearProgram(b, 7, 7);
    expectCentralDifferences(compileModel(p.program, p.data), p.theta(values(9, b, 3)), { step: 1e-6, tol: 1e-6 });
  });

  it("40 groups of 2000 rows, σ = 1e-3, τ = 30 (Δ_j ≈ 1.8e12): the product of the Δ_j folds by 2^-800; equals the kernel and the tape's log per group", () => {
    // Rows within 1e-3 of their group's line and loc_j at the line, so the quadratic term stays ~n and
    // Σ log Δ_j ≈ 1130 is visible in lp ≈ 5.5e5 (a fold miscounted would move lp by 800 log 2 ≈ 555).
    const rng = createRng(21, 0);
    const J = 40;
    const n = J * 2000;
    const group = Int32Array.from({ length: n }, (_, i) => i % J);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const shift = Float64Array.from({ length: J }, () => 20 * rng.normal());
    const y = Float64Array.from({ length: n }, (_, i) => shift[group[i]] + 0.4 * x[i] + 1e-3 * rng.normal());
    const b: MarginalBlock = {
      kind: "normal_normal", name: "a", groups: J, observations: n, group, y, weight: x, linear: 1, constant: 0,
      inputs: [input("loc", J), input("scale", 1), input("sigma", 1), input("coef", 1)],
    };
    const p = linearProgram(b, J, 1);
    const m = compileModel(p.program, p.data);
    const v = [shift.map((s) => s + 1e-4), Float64Array.of(30), Float64Array.of(1e-3), Float64Array.of(0.4)];
    const theta = p.theta(v);
    const grad = new Float64Array(theta.length);
    const lp = m.logDensityGradient(theta, grad);
    const tape = referenceGradient(p.program, p.data, theta);
    // Kernel: the same product, folded by a log where the statement folds by 2^-800: ~1e-15 relative.
    expectAgrees(lp, grad, kernel(b, v, p.st), "kernel", { value: 1e-12, grad: 1e-12 });
    // Tape: a log per group, and S2 − wτ²S1²/Δ unexpanded. Both expand S2 from statistics about the
    // pooled fit (Syy_j ~ 2000 · 20², the group shifts), so each cancels w·Syy_j ~ 1e12 down to ~2000:
    // they may differ by a few ulps of w Σ_j Syy_j (~3e-3), not by a fold (555).
    const stats = p.data[0] as Float64Array;
    let wSyy = 0;
    for (let j = 0; j < J; j++) wSyy += 1e6 * stats[j * 6 + 2];
    expect(Math.abs(lp - tape.value)).toBeLessThan(1e-15 * wSyy);
    expect(Math.abs(lp - tape.value)).toBeLessThan(1);
    // The adjoints are compared with the kernel only: at w = 1e6 each is a difference of terms ~1e5 to
    // 1e12 times larger (−n/σ + w Σ…/σ for σ), so the tape's differently ordered sums differ by its
    // own rounding (up to ~1e-6 relative), which says nothing about the fold.
  });

  it("−∞ outside the support: σ or τ ≤ 0, NaN or infinite (shared and per-group τ)", () => {
    for (const scaleLen of [1, 5]) {
      const b = block(3, 5, 1, 30, 0, false, 1, scaleLen);
      const p = linearProgram(b, 1, scaleLen);
      const m = compileModel(p.program, p.data);
      const base = p.theta(values(4, b, 0));
      const g = new Float64Array(base.length);
      expect(m.logDensityGradient(base, g)).toBeGreaterThan(-Infinity);
      for (const bad of [0, -1, NaN, Infinity]) {
        const s = Float64Array.from(base);
        s[1 + scaleLen] = bad;
        expect(m.logDensityGradient(s, g), `sigma = ${bad}`).toBe(-Infinity);
        const t = Float64Array.from(base);
        t[1 + scaleLen - 1] = bad;
        expect(m.logDensityGradient(t, g), `tau[last] = ${bad}`).toBe(-Infinity);
      }
    }
  });

  it("85 groups (radon's size) with per-group loc and scale translate to wasm: two calls into JavaScript per gradient", () => {
    const b = block(8, 85, 1, 900, 1, false, 85, 85);
    const p = linearProgram(b, 85, 85);
    expect(compileModel(p.program, p.data).wasm).toBeDefined();
  });

  it("rejects statistics of the wrong shape, a coefficient count other than K, and a negative or fractional group size", () => {
    const b = block(2, 4, 2, 20, 0, false, 1, 1);
    const p = linearProgram(b, 1, 1);
    const st = p.program.statements[0] as Extract<Program["statements"][number], { kind: "normalLinearMarginal" }>;
    const withSt = (patch: Partial<typeof st>): Program => ({ ...p.program, statements: [{ ...st, ...patch }] });
    expect(() => validateProgram(p.program)).not.toThrow();
    expect(() => validateProgram(withSt({ K: 1 }))).toThrow(/beta: must hold K = 1 coefficients, got 2/);
    expect(() => validateProgram({ ...p.program, data: [{ name: "stats", type: "real", dims: [4, 10] }, p.program.data[1]] })).toThrow(/stats: must be a real data matrix 4 × 11/);
    expect(() => validateProgram(withSt({ centre: 0 }))).toThrow(/centre: must be a real data vector of length 3/);
    const stats = Float64Array.from(p.data[0] as Float64Array);
    stats[11] = 2.5;
    expect(() => validateData(p.program, [stats, p.data[1]])).toThrow(/group 2 has 2.5 rows/);
  });
});
