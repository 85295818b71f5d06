import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { validateProgram } from "../../src/ir/validate.js";
import type { ArrayRef, Expr, ParamBlock, Program, ProgramData, Statement, TransformSpec } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { mismatches, wasmOf } from "./wasm/compare.js";
import { centralGradient, centralJacobian, logDensityOf } from "../support/finiteDifferences.js";

/**
 * The multivariate offset/multiplier (IR transform offsetMultiplierCholesky): row i of a matrix
 * parameter b is mu_i + diag(s) L z_i, log|J| = n Σ_m log(s_m L_mm). Programs are written in the IR
 * directly, one per way of giving mu (absent, k values, n·k values; parameter or data), L (a Cholesky
 * correlation parameter or a data matrix) and s (absent, parameter, data).
 */

interface Variant {
  readonly name: string;
  readonly n: number;
  readonly k: number;
  readonly mu: "none" | "paramRow" | "paramAll" | "data";
  readonly L: "param" | "data";
  readonly scale: "none" | "param" | "data";
}

const VARIANTS: readonly Variant[] = [
  { name: "mu k-vector, s and L parameters (k = 2)", n: 3, k: 2, mu: "paramRow", L: "param", scale: "param" },
  { name: "mu n·k parameter, no scale, L parameter (k = 3)", n: 2, k: 3, mu: "paramAll", L: "param", scale: "none" },
  { name: "no mu, s parameter, L data (k = 2)", n: 4, k: 2, mu: "none", L: "data", scale: "param" },
  { name: "mu, s and L all data (k = 3)", n: 2, k: 3, mu: "data", L: "data", scale: "data" },
  { name: "one effect (k = 1), s parameter, L data", n: 5, k: 1, mu: "paramRow", L: "data", scale: "param" },
];

const ref = (src: "data" | "param", id: number): Expr => ({ op: "ref", src, id });
const num = (value: number): Expr => ({ op: "const", value });

/** A data Cholesky factor with a positive diagonal (lower triangle; the upper one is noise the transform must ignore). */
function dataL(k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) L[r * k + c] = r === c ? 0.7 + 0.3 * r : r > c ? 0.4 - 0.25 * c : 9;
  return L;
}

/**
 * b (last parameter) with prior b_i ~ MVN(mu, diag(s) L) and a gaussian likelihood y[i, :] ~ N(b[i, :], 0.8):
 * `transform` says how b is sampled (identity = centred).
 */
function build(v: Variant, noncentred: boolean): { program: Program; data: ProgramData } {
  const { n, k } = v;
  const data: (Float64Array | Int32Array)[] = [];
  const slots: Program["data"] = [];
  const addData = (name: string, dims: number[], value: Float64Array): number => {
    slots.push({ name, type: "real", dims });
    data.push(value);
    return data.length - 1;
  };
  const y = addData("y", [n, k], Float64Array.from({ length: n * k }, (_, j) => Math.sin(1.7 * j + 0.3) * 1.5));
  const params: ParamBlock[] = [];
  const statements: Statement[] = [];
  let mu: ArrayRef | undefined;
  if (v.mu === "paramRow" || v.mu === "paramAll") {
    const size = v.mu === "paramRow" ? k : n * k;
    params.push({ name: "mu", shape: v.mu === "paramRow" ? { kind: "vector", n: k } : { kind: "matrix", rows: n, cols: k }, transform: { kind: "identity" } });
    if (v.mu === "paramRow") statements.push({ kind: "distribution", family: "normal", n: size, lhs: ref("param", 0), args: [num(0), num(2)] });
    else for (let r = 0; r < n; r++) statements.push({ kind: "distribution", family: "normal", n: k, lhs: { op: "row", src: "param", id: 0, row: r }, args: [num(0), num(2)] });
    mu = { src: "param", id: 0 };
  } else if (v.mu === "data") {
    mu = { src: "data", id: addData("mu", [k], Float64Array.from({ length: k }, (_, j) => 0.3 * j - 0.2)) };
  }
  let scale: ArrayRef | undefined;
  if (v.scale === "param") {
    params.push({ name: "tau", shape: { kind: "vector", n: k }, transform: { kind: "lower", lb: 0 } });
    statements.push({ kind: "distribution", family: "normal", n: k, lhs: ref("param", params.length - 1), args: [num(0), num(1)] });
    scale = { src: "param", id: params.length - 1 };
  } else if (v.scale === "data") {
    scale = { src: "data", id: addData("s", [k], Float64Array.from({ length: k }, (_, j) => 0.5 + 0.4 * j)) };
  }
  let L: ArrayRef;
  if (v.L === "param") {
    params.push({ name: "L", shape: { kind: "choleskyCorr", k }, transform: { kind: "choleskyCorr" } });
    statements.push({ kind: "lkjCorrCholesky", param: params.length - 1, eta: num(2) });
    L = { src: "param", id: params.length - 1 };
  } else {
    L = { src: "data", id: addData("L", [k, k], dataL(k)) };
  }
  const b = params.length;
  const transform: TransformSpec = noncentred ? { kind: "offsetMultiplierCholesky", L, ...(mu ? { mu } : {}), ...(scale ? { scale } : {}) } : { kind: "identity" };
  params.push({ name: "b", shape: { kind: "matrix", rows: n, cols: k }, transform });
  statements.push({ kind: "multiNormalCholesky", n, k, y: { src: "param", id: b }, L, ...(mu ? { mu } : {}), ...(scale ? { scale } : {}) });
  for (let r = 0; r < n; r++) {
    statements.push({ kind: "distribution", family: "normal", n: k, lhs: { op: "row", src: "data", id: y, row: r }, args: [{ op: "row", src: "param", id: b, row: r }, num(0.8)] });
  }
  const program: Program = { data: slots, params, tparams: [], statements };
  validateProgram(program);
  return { program, data };
}

function point(dim: number, seed: number): Float64Array {
  const r = createRng(seed, 0);
  return Float64Array.from({ length: dim }, () => 0.8 * r.normal());
}

/** Values of one named parameter (row-major) from constrain's output. */
function valuesOf(names: readonly string[], out: Float64Array, base: string): number[] {
  return names.flatMap((n, j) => (n === base || n.startsWith(`${base}[`) ? [out[j]] : []));
}

describe.each(VARIANTS)("offsetMultiplierCholesky: $name", (v) => {
  const nc = build(v, true);
  const centred = build(v, false);
  const model = compileModel(nc.program, nc.data);
  const centredModel = compileModel(centred.program, centred.data);

  it("constrain gives b_i = mu_i + diag(s) L z_i (lower triangle of L only)", () => {
    const u = point(model.dim, 11);
    const out = new Float64Array(model.outputNames.length);
    model.constrain(u, out);
    const names = model.outputNames;
    const { n, k } = v;
    const b = valuesOf(names, out, "b");
    const Lv = v.L === "data" ? dataL(k) : valuesOf(names, out, "L");
    const s = v.scale === "param" ? valuesOf(names, out, "tau") : v.scale === "data" ? Array.from(nc.data[nc.program.data.findIndex((d) => d.name === "s")]) : new Array(k).fill(1);
    const muAll = v.mu === "none" ? [] : v.mu === "data" ? Array.from(nc.data[nc.program.data.findIndex((d) => d.name === "mu")]) : valuesOf(names, out, "mu");
    const zOff = model.params[model.params.length - 1].uOff;
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < k; m++) {
        let lz = 0;
        for (let c = 0; c <= m; c++) lz += Lv[m * k + c] * u[zOff + i * k + c];
        const mu = muAll.length === 0 ? 0 : muAll[muAll.length === k ? m : i * k + m];
        // Rounding only: a few operations on numbers of order 1.
        expect(b[i * k + m]).toBeCloseTo(mu + s[m] * lz, 13);
      }
    }
  });

  it("log density = the centred one at b + n Σ log(s_m L_mm) (the Jacobian)", () => {
    const u = point(model.dim, 12);
    const out = new Float64Array(model.outputNames.length);
    model.constrain(u, out);
    const names = model.outputNames;
    const values = nc.program.params.map((p) => valuesOf(names, out, p.name));
    const uc = centredModel.unconstrain(values);
    const Lv = v.L === "data" ? dataL(v.k) : values[nc.program.params.findIndex((p) => p.name === "L")];
    const s = v.scale === "param" ? values[nc.program.params.findIndex((p) => p.name === "tau")] : v.scale === "data" ? Array.from(nc.data[nc.program.data.findIndex((d) => d.name === "s")]) : new Array(v.k).fill(1);
    let logJ = 0;
    for (let m = 0; m < v.k; m++) logJ += v.n * Math.log(s[m] * Lv[m * v.k + m]);
    const g = new Float64Array(model.dim);
    expect(model.logDensityGradient(u, g)).toBeCloseTo(centredModel.logDensityGradient(uc, g) + logJ, 10);
  });

  it("log|J| equals the log-determinant of a finite-difference Jacobian of z → b (mu, L, s held)", () => {
    const u = point(model.dim, 13);
    const out = new Float64Array(model.outputNames.length);
    const zOff = model.params[model.params.length - 1].uOff;
    const bOff = model.outputNames.indexOf("b[1,1]");
    const size = v.n * v.k;
    const zCols = Int32Array.from({ length: size }, (_, c) => zOff + c);
    const J = centralJacobian((x) => (model.constrain(x, out), out.subarray(bOff, bOff + size)), u, zCols, 1e-6);
    // The NC log density minus the centred one at the same b is log|J| (previous test); here log|J| is
    // recomputed from the Jacobian by LU with partial pivoting. The map is linear in z, so central
    // differences are exact up to rounding (~1e-10 relative at h = 1e-6).
    let logDet = 0;
    const A = J.slice();
    for (let c = 0; c < size; c++) {
      let p = c;
      for (let r = c + 1; r < size; r++) if (Math.abs(A[r * size + c]) > Math.abs(A[p * size + c])) p = r;
      for (let j = 0; j < size; j++) [A[c * size + j], A[p * size + j]] = [A[p * size + j], A[c * size + j]];
      logDet += Math.log(Math.abs(A[c * size + c]));
      for (let r = c + 1; r < size; r++) {
        const f = A[r * size + c] / A[c * size + c];
        for (let j = c; j < size; j++) A[r * size + j] -= f * A[c * size + j];
      }
    }
    model.constrain(u, out);
    const names = model.outputNames;
    const Lv = v.L === "data" ? dataL(v.k) : valuesOf(names, out, "L");
    const s = v.scale === "param" ? valuesOf(names, out, "tau") : v.scale === "data" ? Array.from(nc.data[nc.program.data.findIndex((d) => d.name === "s")]) : new Array(v.k).fill(1);
    let logJ = 0;
    for (let m = 0; m < v.k; m++) logJ += v.n * Math.log(s[m] * Lv[m * v.k + m]);
    expect(logDet).toBeCloseTo(logJ, 7);
  });

  it("value and gradient equal the tape reference's at 10 seeded points", () => {
    const g = new Float64Array(model.dim);
    for (let rep = 0; rep < 10; rep++) {
      const u = point(model.dim, 100 + rep);
      const lp = model.logDensityGradient(u, g);
      const r = referenceGradient(nc.program, nc.data, u);
      // Two evaluations of the same formulas in different operation orders: rounding only.
      expect(lp).toBeCloseTo(r.value, 9);
      for (let j = 0; j < model.dim; j++) expect(g[j], `grad[${j}]`).toBeCloseTo(r.grad[j], 9);
    }
  });

  it("gradient matches central finite differences of the log density", () => {
    const u = point(model.dim, 21);
    const g = new Float64Array(model.dim);
    model.logDensityGradient(u, g);
    const fd = centralGradient(logDensityOf(model), u, 1e-5);
    // Central differences: truncation O(h² f''') ≈ 1e-10 and rounding ≈ 1e-16·|f|/h ≈ 1e-10 here.
    for (let j = 0; j < model.dim; j++) expect(fd[j], `grad[${j}]`).toBeCloseTo(g[j], 5);
  });

  it("unconstrain inverts constrain (z = L⁻¹ diag(s)⁻¹ (b − mu) per row)", () => {
    const u = point(model.dim, 31);
    const out = new Float64Array(model.outputNames.length);
    model.constrain(u, out);
    const values = nc.program.params.map((p) => valuesOf(model.outputNames, out, p.name));
    const back = model.unconstrain(values);
    for (let j = 0; j < model.dim; j++) expect(back[j], `u[${j}]`).toBeCloseTo(u[j], 11);
  });

  it("translates to WebAssembly by default, with Object.is-equal log density and gradient at 50 points", () => {
    expect(model.wasm, "compileModel left the wasm form out").toBeDefined();
    const w = wasmOf(model, nc.program, nc.data);
    if (w === null) throw new Error("does not translate");
    const { bad, finite } = mismatches(model, w, createRng(41, 0), 50);
    expect(bad).toEqual([]);
    expect(finite).toBeGreaterThan(25);
  });
});

describe("offsetMultiplierCholesky: rejected programs and points", () => {
  const v = VARIANTS[0];
  it("validateProgram refuses it on a vector, with L reading a later parameter, or with a mis-sized scale", () => {
    const { program } = build(v, true);
    const b = program.params.length - 1;
    const t = program.params[b].transform as Extract<TransformSpec, { kind: "offsetMultiplierCholesky" }>;
    const withB = (p: Partial<ParamBlock>): Program => ({ ...program, params: program.params.map((q, k) => (k === b ? { ...q, ...p } : q)) });
    expect(() => validateProgram(withB({ shape: { kind: "vector", n: v.n * v.k } }))).toThrow(/applies to matrices/);
    expect(() => validateProgram(withB({ transform: { ...t, L: { src: "param", id: b } } }))).toThrow(/earlier parameter/);
    expect(() => validateProgram(withB({ transform: { ...t, scale: { src: "data", id: 0 } } }))).toThrow(/array of 6 values where 2 are expected/);
  });

  it("a non-positive scale or L diagonal is outside the support (log density −∞), and unconstrain says why", () => {
    const { k } = VARIANTS[3];
    const built = build(VARIANTS[3], true);
    const sSlot = built.program.data.findIndex((d) => d.name === "s");
    const data = built.data.map((d, j) => (j === sSlot ? Float64Array.from({ length: k }, (_, m) => (m === 1 ? 0 : 1)) : d));
    const model = compileModel(built.program, data);
    const g = new Float64Array(model.dim);
    expect(model.logDensityGradient(point(model.dim, 1), g)).toBe(-Infinity);
    expect(referenceGradient(built.program, data, point(model.dim, 1)).value).toBe(-Infinity);
    expect(() => model.unconstrain([new Array(model.dim).fill(0)])).toThrow(/positive scales/);
  });
});
