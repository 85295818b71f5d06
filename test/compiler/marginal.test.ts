import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { Expr, Program, ProgramData, Statement } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";

/** R's integrate() of Π dnorm(y_i | θ, σ_i) · dnorm(θ | μ, τ) over θ (test/marginal/fixtures/make-refs.R). */
interface Ref { kind: string; y: number[]; w: number[]; a: number; b: number; lp: number }
const REFS: Ref[] = (JSON.parse(readFileSync(new URL("../marginal/fixtures/marginals.json", import.meta.url), "utf8")) as Ref[]).filter((r) => r.kind === "normal_normal");

const ref = (src: "data" | "param", id: number): Expr => ({ op: "ref", src, id });
const c = (value: number): Expr => ({ op: "const", value });

/** One group of data rows, σ per row as data, μ and τ constants: a program with one unused parameter. */
function oneGroup(r: Ref): { program: Program; data: ProgramData } {
  const n = r.y.length;
  const program: Program = {
    data: [
      { name: "y", type: "real", dims: [n] },
      { name: "s", type: "real", dims: [n] },
      { name: "g", type: "int", dims: [n] },
    ],
    params: [{ name: "z", shape: { kind: "scalar" }, transform: { kind: "identity" } }],
    tparams: [],
    statements: [{ kind: "normalNormalMarginal", n, J: 1, group: 2, y: ref("data", 0), sigma: ref("data", 1), mu: c(r.a), tau: c(r.b) }],
  };
  return { program, data: [Float64Array.from(r.y), Float64Array.from(r.w), new Int32Array(n).fill(1)] };
}

/**
 * Radon-shaped: n rows in J groups (unsorted, one empty), η = b·x, μ and log τ, log σ parameters.
 * params: 0 mu, 1 tau (lower 0), 2 sigma (lower 0), 3 b.
 */
function grouped(n: number, J: number, seed: number, perGroup: boolean): { program: Program; data: ProgramData } {
  const rng = createRng(seed, 0);
  const g = Int32Array.from({ length: n }, () => 1 + (rng.nextU32() % (J - 1)));
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * x[i] + 0.3 * g[i] / J + 0.8 * rng.normal());
  const st: Statement = {
    kind: "normalNormalMarginal",
    n,
    J,
    group: 2,
    y: ref("data", 0),
    eta: { op: "binary", fn: "mul", a: ref("param", 3), b: ref("data", 1) },
    sigma: ref("param", 2),
    mu: perGroup ? { op: "binary", fn: "add", a: ref("param", 0), b: ref("data", 3) } : ref("param", 0),
    tau: ref("param", 1),
  };
  const program: Program = {
    data: [
      { name: "y", type: "real", dims: [n] },
      { name: "x", type: "real", dims: [n] },
      { name: "g", type: "int", dims: [n] },
      { name: "u", type: "real", dims: [J] },
    ],
    params: [
      { name: "mu", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "tau", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      { name: "sigma", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0 } },
      { name: "b", shape: { kind: "scalar" }, transform: { kind: "identity" } },
    ],
    tparams: [],
    statements: [st],
  };
  return { program, data: [y, x, g, Float64Array.from({ length: J }, (_, j) => 0.1 * j)] };
}

describe("normalNormalMarginal statement", () => {
  it("equals R's numerical integral of the group effect (fixture, 1e-9: integrate's rel.tol is 1e-12)", () => {
    expect(REFS.length).toBeGreaterThanOrEqual(2);
    for (const r of REFS) {
      const { program, data } = oneGroup(r);
      const m = compileModel(program, data);
      expect(m.logDensityGradient(new Float64Array(1), new Float64Array(1))).toBeCloseTo(r.lp, 9);
    }
  });

  it("value and gradient equal the dense-MVN reference tape on 60 rows in 7 groups (one empty), scalar and per-group μ", () => {
    for (const perGroup of [false, true]) {
      const { program, data } = grouped(60, 7, 3, perGroup);
      const m = compileModel(program, data);
      const theta = Float64Array.from([0.9, -0.4, -0.2, 0.45]);
      const grad = new Float64Array(4);
      const lp = m.logDensityGradient(theta, grad);
      const want = referenceGradient(program, data, theta);
      // Sherman–Morrison vs a dense Cholesky of 60 rows: both backward stable, agreement to ~1e-12 relative.
      expect(Math.abs(lp - want.value) / Math.abs(want.value)).toBeLessThan(1e-11);
      for (let k = 0; k < 4; k++) expect(Math.abs(grad[k] - want.grad[k]) / Math.max(1, Math.abs(want.grad[k]))).toBeLessThan(1e-9);
    }
  });

  it("returns -Infinity for a non-positive tau or sigma given as data", () => {
    const r = REFS[0];
    const bad = oneGroup({ ...r, b: 0 });
    expect(compileModel(bad.program, bad.data).logDensityGradient(new Float64Array(1), new Float64Array(1))).toBe(-Infinity);
    const bad2 = oneGroup({ ...r, w: r.w.map((v, i) => (i === 1 ? -v : v)) });
    expect(compileModel(bad2.program, bad2.data).logDensityGradient(new Float64Array(1), new Float64Array(1))).toBe(-Infinity);
  });

  it("σ per row as data: the weights and Σ log σ computed once at compile time give the bits of the per-gradient computation", () => {
    // The same σ_i read as σ_i · exp(0 · z) (exactly σ_i, but not data-only) takes the row pass's own 1/σ² and log σ.
    for (const r of REFS) {
      const { program, data } = oneGroup(r);
      const st = program.statements[0] as Statement & { kind: "normalNormalMarginal" };
      const withMu: Program = { ...program, statements: [{ ...st, mu: { op: "binary", fn: "add", a: c(r.a), b: ref("param", 0) } }] };
      const viaParam: Program = {
        ...withMu,
        statements: [{ ...(withMu.statements[0] as typeof st), sigma: { op: "binary", fn: "mul", a: ref("data", 1), b: { op: "unary", fn: "exp", arg: { op: "binary", fn: "mul", a: c(0), b: ref("param", 0) } } } }],
      };
      const known = compileModel(withMu, data);
      const runtime = compileModel(viaParam, data);
      // The data σ's log is no longer taken in the gradient (the runtime form still takes it per row).
      const logs = (src: string): number => src.slice(0, src.indexOf("function constrain")).split("Math.log(").length - 1;
      expect(logs(known.source)).toBeLessThan(logs(runtime.source));
      // The log density and the conditionals read one weights array (constArray shares equal arrays).
      expect(known.source).toMatch(/function conditionals/);
      expect(new Set(known.source.match(/\bK\d+\b/g)).size).toBe(1);
      for (const z of [-0.7, 0, 0.3, 2.5]) {
        const g1 = new Float64Array(1);
        const g2 = new Float64Array(1);
        const a = known.logDensityGradient(Float64Array.of(z), g1);
        const b = runtime.logDensityGradient(Float64Array.of(z), g2);
        expect(Object.is(a, b), `lp at z = ${z}: ${a} vs ${b}`).toBe(true);
        expect(Object.is(g1[0], g2[0]), `gradient at z = ${z}: ${g1[0]} vs ${g2[0]}`).toBe(true);
      }
    }
  });

  it("rejects group codes outside 1..J and a group slot that is not int data of length n", () => {
    const { program, data } = oneGroup(REFS[0]);
    const codes = Int32Array.from([1, 2, 1]);
    expect(() => compileModel(program, [data[0], data[1], codes])).toThrow("data slot 2 (g): index 2 is 2, must be in 1..1");
    const wrong: Program = { ...program, statements: [{ ...(program.statements[0] as Statement & { kind: "normalNormalMarginal" }), group: 1 }] };
    expect(() => compileModel(wrong, data)).toThrow("statement 0 group: must be an int data vector of length 3");
  });
});
