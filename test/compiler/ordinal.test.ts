import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { orderedLogisticLpmf, orderedProbitLpmf } from "../../src/distributions/index.js";
import type { Program, ProgramData, Source } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { centralDifference } from "../support/finiteDifferences.js";
import { mismatches, wasmOf } from "./wasm/compare.js";

const N = 9;
const Y = Int32Array.from([1, 2, 3, 4, 4, 1, 2, 3, 2]);
const XM = Float64Array.from(Array.from({ length: 2 * N }, (_, j) => Math.sin(1.7 * j + 0.3) * 2));
const CUT_DATA = Float64Array.from([-1.2, 0.1, 1.4]);

/** y ~ family(X·b + a[group], c) with c an ordered parameter, a tparam (o + 0) or data; log_lik and y_rep generated. */
function program(family: string, cutSrc: Source): { program: Program; data: ProgramData } {
  const cutRef = cutSrc === "param" ? { op: "ref" as const, src: "param" as const, id: 1 } : cutSrc === "tparam" ? { op: "ref" as const, src: "tparam" as const, id: 0 } : { op: "ref" as const, src: "data" as const, id: 2 };
  const eta = { op: "binary" as const, fn: "add" as const, a: { op: "dotRow" as const, matrix: 1, src: "param" as const, id: 0 }, b: { op: "gather" as const, src: "param" as const, id: 2, by: 3 } };
  return {
    program: {
      data: [
        { name: "y", type: "int", dims: [N] },
        { name: "X", type: "real", dims: [N, 2] },
        { name: "cd", type: "real", dims: [3] },
        { name: "g", type: "int", dims: [N] },
      ],
      params: [
        { name: "b", shape: { kind: "vector", n: 2 }, transform: { kind: "identity" } },
        { name: "c", shape: { kind: "vector", n: 3 }, transform: { kind: "ordered" } },
        { name: "a", shape: { kind: "vector", n: 3 }, transform: { kind: "identity" } },
      ],
      tparams: [{ name: "ct", n: 3, expr: { op: "binary", fn: "mul", a: { op: "ref", src: "param", id: 1 }, b: { op: "const", value: 1.5 } } }],
      statements: [
        { kind: "distribution", family, n: N, lhs: { op: "ref", src: "data", id: 0 }, args: [eta, cutRef] },
        { kind: "distribution", family: "normal", n: 3, lhs: { op: "ref", src: "param", id: 1 }, args: [{ op: "const", value: 0 }, { op: "const", value: 3 }] },
      ],
      generated: [
        { kind: "logLik", name: "log_lik", statement: 0 },
        { kind: "rng", name: "y_rep", family, n: N, args: [eta, cutRef] },
      ],
    },
    data: [Y, XM, CUT_DATA, Int32Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3])],
  };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe("compiled ordered_logistic / ordered_probit statements", () => {
  for (const family of ["ordered_logistic", "ordered_probit"]) {
    for (const src of ["param", "tparam", "data"] as const) {
      it(`${family} with ${src} cutpoints: value and gradient equal the reference tape and central differences`, () => {
        const { program: p, data } = program(family, src);
        const model = compileModel(p, data);
        const rng = createRng(5, src.length);
        for (let t = 0; t < 12; t++) {
          // Scale 1 keeps the tape's textbook log(F(hi) − F(lo)) accurate (it cancels in the far tails,
          // and the ordered transform's exp spreads the cutpoints); scale 2.5 reaches |eta| ≈ 10 and
          // cutpoint gaps of e^5 for the finite-difference check alone.
          const far = t >= 6;
          const theta = Float64Array.from({ length: model.dim }, () => (far ? 2.5 : 1) * rng.normal());
          const grad = new Float64Array(model.dim);
          const lp = model.logDensityGradient(theta, grad);
          const ref = referenceGradient(p, data, theta);
          if (!far) expect(rel(lp, ref.value)).toBeLessThan(1e-10);
          for (let j = 0; j < model.dim; j++) {
            if (!far) expect(rel(grad[j], ref.grad[j]), `grad ${j}`).toBeLessThan(1e-8);
            // ε^(1/3) relative step: truncation + rounding ≈ ε^(2/3)·|lp| ≈ 1e-9 for |lp| ≲ 50; 1e-5 leaves room
            // for the curvature of the far-tail points.
            const fd = centralDifference((x) => model.logDensityGradient(x, new Float64Array(model.dim)), theta, j);
            expect(Math.abs(grad[j] - fd), `fd ${j}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
          }
        }
      });
    }

    it(`${family}: log_lik equals the distribution's lpmf per row, y_rep are categories 1..4, extreme eta stays finite`, () => {
      const { program: p, data } = program(family, "param");
      const model = compileModel(p, data);
      expect(model.generatedNames[0]).toBe("log_lik[1]");
      expect(model.generatedNames[N]).toBe("y_rep[1]");
      const lpmf = family === "ordered_logistic" ? orderedLogisticLpmf : orderedProbitLpmf;
      for (const scale of [1, 100, 400]) {
        const theta = Float64Array.from({ length: model.dim }, (_, j) => (j < 2 ? scale * (j === 0 ? 1 : -0.5) : 0.3 * j - 1));
        const out = new Float64Array(2 * N);
        model.generate(createRng(3, 1), theta, out);
        const x = new Float64Array(model.dim);
        model.constrain(theta, x);
        const c = x.subarray(2, 5);
        for (let i = 0; i < N; i++) {
          const eta = XM[2 * i] * x[0] + XM[2 * i + 1] * x[1] + x[5 + ((i % 3))];
          expect(rel(out[i], lpmf(Y[i], eta, c)), `log_lik[${i + 1}] at scale ${scale}`).toBeLessThan(1e-12);
          expect(Number.isFinite(out[i])).toBe(true);
          expect([1, 2, 3, 4]).toContain(out[N + i]);
        }
        const grad = new Float64Array(model.dim);
        expect(Number.isFinite(model.logDensityGradient(theta, grad))).toBe(true);
        expect(grad.every(Number.isFinite)).toBe(true);
      }
    });
  }

  it("both translate to wasm on a small data set, with the JavaScript's bits (logistic: no call into JavaScript per row)", () => {
    for (const family of ["ordered_logistic", "ordered_probit"]) {
      for (const src of ["param", "tparam", "data"] as const) {
        const { program: p, data } = program(family, src);
        const model = compileModel(p, data);
        const w = wasmOf(model, p, data);
        if (!w) throw new Error(`${family} ${src}: does not translate`);
        const { bad, finite } = mismatches(model, w, createRng(2026, 40), 50);
        expect(bad.slice(0, 5)).toEqual([]);
        expect(finite).toBeGreaterThanOrEqual(25);
      }
    }
  });

  it("rejects a cutpoint argument that is not a whole vector, and categories outside 1..K", () => {
    const { program: p, data } = program("ordered_logistic", "param");
    const st = p.statements[0] as Extract<Program["statements"][number], { kind: "distribution" }>;
    const bad: Program = { ...p, statements: [{ ...st, args: [st.args[0], { op: "const", value: 1 }] }], generated: [] };
    expect(() => compileModel(bad, data)).toThrow(/argument c: must be a whole vector/);
    expect(() => compileModel(p, [Int32Array.from([1, 2, 3, 4, 5, 1, 2, 3, 2]), ...data.slice(1)])).toThrow(/outcome 5 must be a category in 1..4, got 5/);
  });
});
