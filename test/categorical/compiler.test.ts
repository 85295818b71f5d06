import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { categoricalLogitLpmf } from "../../src/distributions/categorical.js";
import type { Expr, Program, ProgramData } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";
import { mismatches, wasmOf } from "../compiler/wasm/compare.js";

const N = 10;
const K = 4;
const Y = Int32Array.from([1, 2, 3, 4, 4, 1, 2, 3, 2, 1]);
const XM = Float64Array.from(Array.from({ length: N }, (_, j) => Math.sin(1.7 * j + 0.3) * 2));
const G = Int32Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);

/** y ~ categorical_logit(b0_k + x·b_k + a_k[g]) for k = 2 … K; param 0: intercepts (K − 1), 1: slopes, 2..: group effects per category. */
function program(): { program: Program; data: ProgramData } {
  const etas: Expr[] = Array.from({ length: K - 1 }, (_, k) => ({
    op: "binary",
    fn: "add",
    a: { op: "binary", fn: "add", a: { op: "elem", src: "param", id: 0, index: k }, b: { op: "binary", fn: "mul", a: { op: "ref", src: "data", id: 1 }, b: { op: "elem", src: "param", id: 1, index: k } } },
    b: { op: "gather", src: "param", id: 2 + k, by: 2 },
  }));
  return {
    program: {
      data: [
        { name: "y", type: "int", dims: [N] },
        { name: "x", type: "real", dims: [N] },
        { name: "g", type: "int", dims: [N] },
      ],
      params: [
        { name: "b0", shape: { kind: "vector", n: K - 1 }, transform: { kind: "identity" } },
        { name: "b1", shape: { kind: "vector", n: K - 1 }, transform: { kind: "identity" } },
        ...Array.from({ length: K - 1 }, (_, k) => ({ name: `a${k}`, shape: { kind: "vector" as const, n: 3 }, transform: { kind: "identity" as const } })),
      ],
      tparams: [],
      statements: [{ kind: "distribution", family: "categorical_logit", n: N, lhs: { op: "ref", src: "data", id: 0 }, args: etas }],
      generated: [
        { kind: "logLik", name: "log_lik", statement: 0 },
        { kind: "rng", name: "y_rep", family: "categorical_logit", n: N, args: etas },
      ],
    },
    data: [Y, XM, G],
  };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

function etaOf(x: Float64Array, i: number): Float64Array {
  return Float64Array.from({ length: K - 1 }, (_, k) => x[k] + XM[i] * x[K - 1 + k] + x[2 * (K - 1) + 3 * k + (G[i] - 1)]);
}

describe("compiled categorical_logit statements", () => {
  it("value and gradient equal the reference tape and central differences", () => {
    const { program: p, data } = program();
    const model = compileModel(p, data);
    const rng = createRng(11, 1);
    for (let t = 0; t < 12; t++) {
      // Scale 1 for the tape's textbook log(1 + Σ exp) (exact enough there); 4 reaches |eta| ≈ 30 for the finite differences alone.
      const far = t >= 6;
      const theta = Float64Array.from({ length: model.dim }, () => (far ? 4 : 1) * rng.normal());
      const grad = new Float64Array(model.dim);
      const lp = model.logDensityGradient(theta, grad);
      const ref = referenceGradient(p, data, theta);
      if (!far) expect(rel(lp, ref.value)).toBeLessThan(1e-12);
      for (let j = 0; j < model.dim; j++) {
        if (!far) expect(rel(grad[j], ref.grad[j]), `grad ${j}`).toBeLessThan(1e-10);
        // ε^(1/3) relative step: truncation + rounding ≈ ε^(2/3)·|lp| ≈ 1e-9 for |lp| ≲ 100.
        const fd = centralDifference((z) => model.logDensityGradient(z, new Float64Array(model.dim)), theta, j);
        expect(Math.abs(grad[j] - fd), `fd ${j}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it("log_lik equals categoricalLogitLpmf per row, y_rep are categories 1..K, and huge predictors stay finite (log-sum-exp)", () => {
    const { program: p, data } = program();
    const model = compileModel(p, data);
    for (const scale of [1, 300, 800]) {
      const theta = Float64Array.from({ length: model.dim }, (_, j) => (j < 2 * (K - 1) ? scale * Math.cos(j) : 0.2 * j - 1));
      const out = new Float64Array(2 * N);
      model.generate(createRng(3, 1), theta, out);
      for (let i = 0; i < N; i++) {
        expect(rel(out[i], categoricalLogitLpmf(Y[i], etaOf(theta, i))), `log_lik[${i + 1}] at scale ${scale}`).toBeLessThan(1e-12);
        expect(Number.isFinite(out[i])).toBe(true);
        expect([1, 2, 3, 4]).toContain(out[N + i]);
      }
      const grad = new Float64Array(model.dim);
      expect(Number.isFinite(model.logDensityGradient(theta, grad))).toBe(true);
      expect(grad.every(Number.isFinite)).toBe(true);
    }
  });

  it("y_rep follows the softmax probabilities (20,000 draws of one row, 5 binomial sds)", () => {
    const etas: Expr[] = [0.5, -1, 1.2].map((value) => ({ op: "const", value }));
    const M = 20000;
    const p: Program = {
      data: [],
      params: [{ name: "u", shape: { kind: "scalar" }, transform: { kind: "identity" } }],
      tparams: [],
      statements: [{ kind: "distribution", family: "normal", n: 1, lhs: { op: "ref", src: "param", id: 0 }, args: [{ op: "const", value: 0 }, { op: "const", value: 1 }] }],
      generated: [{ kind: "rng", name: "y_rep", family: "categorical_logit", n: M, args: etas }],
    };
    const model = compileModel(p, []);
    const out = new Float64Array(M);
    model.generate(createRng(99, 2), new Float64Array(1), out);
    const z = [0, 0.5, -1, 1.2];
    const total = z.reduce((s, v) => s + Math.exp(v), 0);
    for (let k = 1; k <= 4; k++) {
      const pk = Math.exp(z[k - 1]) / total;
      const count = out.reduce((s, v) => s + (v === k ? 1 : 0), 0);
      expect(Math.abs(count - M * pk)).toBeLessThan(5 * Math.sqrt(M * pk * (1 - pk)));
    }
  });

  it("translates to wasm with the JavaScript's bits", () => {
    const { program: p, data } = program();
    const model = compileModel(p, data);
    const w = wasmOf(model, p, data);
    if (!w) throw new Error("categorical_logit: does not translate");
    const { bad, finite } = mismatches(model, w, createRng(2026, 41), 50);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(finite).toBeGreaterThanOrEqual(25);
  });

  it("validation: needs at least one predictor and refuses weights", () => {
    const { program: p, data } = program();
    const st = p.statements[0] as Extract<Program["statements"][number], { kind: "distribution" }>;
    expect(() => compileModel({ ...p, statements: [{ ...st, args: [] }], generated: [] }, data)).toThrow(/categorical_logit takes 1 or more arguments/);
    const w: Program = { ...p, data: [...p.data, { name: "w", type: "real", dims: [N] }], statements: [{ ...st, weights: 3 }], generated: [] };
    expect(() => compileModel(w, [...data, new Float64Array(N).fill(1)])).toThrow(/cannot be weighted/);
  });
});
