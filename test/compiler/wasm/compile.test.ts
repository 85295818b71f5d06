import { afterEach, describe, expect, it } from "vitest";
import { compileModel } from "../../../src/compiler/compile.js";
import { assign, call, forS, id, idx, type JsExpr, type JsStmt, letS, mathCall, num } from "../../../src/compiler/js.js";
import { buildWasmLogDensity, MAX_IMPORT_CALLS_PER_GRADIENT } from "../../../src/compiler/wasm/instantiate.js";
import { WASM_MATH_CALL_WEIGHT } from "../../../src/compiler/wasm/walk.js";
import { buildGlmmIr } from "../../../src/glmm/buildIr.js";
import { createRng } from "../../../src/random/rng.js";
import { eightSchoolsNoncentered } from "../models.js";
import { findModel } from "../../../bench/full/models.js";
import { mismatches } from "./compare.js";
import { glmmSpec } from "./models.js";
import { multiNormalProgram } from "./irModels.js";
import { MVN_ARGS, multiNormalRows } from "../../../src/compiler/multiNormal.js";

describe("compileModel's wasm field", () => {
  const saved = process.env.HBAYES_WASM;
  afterEach(() => {
    if (saved === undefined) delete process.env.HBAYES_WASM;
    else process.env.HBAYES_WASM = saved;
  });

  it("HBAYES_WASM=0 leaves no wasm field; the JS function is unchanged", () => {
    const { program, data } = eightSchoolsNoncentered();
    process.env.HBAYES_WASM = "0";
    const off = compileModel(program, data);
    delete process.env.HBAYES_WASM;
    const on = compileModel(program, data);
    expect(off.wasm).toBeUndefined();
    expect(on.wasm).toBeDefined();
    expect(on.source).toBe(off.source);
  });

  it("a body with more than MAX_IMPORT_CALLS_PER_GRADIENT calls into JavaScript gets no wasm field; a call of exp, log, log1p or a scalar helper computed in wasm counts WASM_MATH_CALL_WEIGHT", () => {
    // Math.sin is imported from JavaScript: one call per trip.
    const loop = (trips: number, fn: JsExpr): JsStmt[] => [
      letS("acc", num(0)),
      forS("i", num(0), num(trips), [assign(id("acc"), "+=", fn)]),
      { t: "return", value: id("acc") },
    ];
    const input = { dim: 1, data: [], buffers: [], extraBuffers: [] };
    const theta0 = idx(id("theta"), num(0));
    expect(buildWasmLogDensity(loop(MAX_IMPORT_CALLS_PER_GRADIENT, mathCall("sin", theta0)), input)).not.toBeNull();
    expect(buildWasmLogDensity(loop(MAX_IMPORT_CALLS_PER_GRADIENT + 1, mathCall("sin", theta0)), input)).toBeNull();
    // Functions of the module itself (internal.ts) and imports of wasm builds (helpersModule.ts).
    const wasmCalls = [mathCall("exp", theta0), mathCall("log", theta0), mathCall("log1p", theta0), call(id("log1pExp"), theta0), call(id("lgamma"), theta0), call(id("digamma"), theta0), call(id("Phi"), theta0)];
    const most = MAX_IMPORT_CALLS_PER_GRADIENT / WASM_MATH_CALL_WEIGHT;
    for (const fn of wasmCalls) {
      expect(buildWasmLogDensity(loop(most, fn), input)).not.toBeNull();
      expect(buildWasmLogDensity(loop(most + 1, fn), input)).toBeNull();
    }
    // cbpp calls exp and log1p per row (115 calls, over the limit while they were imports) and now translates;
    // the 100k-row logistic (200,003) still does not.
    const cbpp = findModel("cbpp").hbayes();
    expect(compileModel(cbpp.program, cbpp.data).wasm).toBeDefined();
    const pumps = findModel("pumps").hbayes();
    expect(compileModel(pumps.program, pumps.data).wasm).toBeDefined();
  });

  it("a multi_normal_cholesky statement translates: MVN is imported with views of its arrays bound, and still matches after a grow", () => {
    const { program, data } = multiNormalProgram();
    const m = compileModel(program, data);
    expect(m.source).toMatch(/MVN\(/);
    const w = m.wasm;
    if (!w) throw new Error("no wasm");
    const r = createRng(12, 0);
    expect(mismatches(m, w, r, 10).bad).toEqual([]);
    w.memory.grow(2);
    expect(mismatches(m, w, r, 10).bad).toEqual([]);
  });

  it("MVN_ARGS is multiNormalRows's signature: its length, and the generated call has arrays exactly where it says", () => {
    expect(MVN_ARGS.length).toBe(multiNormalRows.length);
    const { program, data } = multiNormalProgram();
    const call = /MVN\(([^)]*)\)/.exec(compileModel(program, data).source);
    if (!call) throw new Error("no MVN call");
    const kinds = call[1].split(",").map((a) => (/^\s*-?\d/.test(a) ? "num" : "array"));
    expect(kinds).toEqual(MVN_ARGS.map((k) => (k === "num" ? "num" : "array")));
  });

  it("the function never touches memory at or after freeOffset except theta (read) and grad (written)", () => {
    const { program, data } = buildGlmmIr(glmmSpec("poisson", true));
    const m = compileModel(program, data);
    const w = m.wasm;
    if (!w) throw new Error("no wasm");
    w.memory.grow(2);
    const n = m.dim;
    const bytes = new Uint8Array(w.memory.buffer);
    bytes.fill(0xa5, w.freeOffset);
    // theta and grad far from freeOffset, with sentinel bytes around them.
    const thetaPtr = w.freeOffset + 4096;
    const gradPtr = thetaPtr + 8 * n + 4096;
    new Float64Array(w.memory.buffer, thetaPtr, n).fill(0.1);
    const lp = w.logDensityGradient(thetaPtr, gradPtr);
    expect(Number.isFinite(lp)).toBe(true);
    const after = new Uint8Array(w.memory.buffer);
    const touched: number[] = [];
    for (let b = w.freeOffset; b < after.length; b++) {
      const inTheta = b >= thetaPtr && b < thetaPtr + 8 * n;
      const inGrad = b >= gradPtr && b < gradPtr + 8 * n;
      if (!inTheta && !inGrad && after[b] !== 0xa5) touched.push(b);
    }
    expect(touched.slice(0, 5)).toEqual([]);
  });

  it("still bit-identical after the host grows the memory (the transform wrapper takes a fresh view)", () => {
    const { program, data } = buildGlmmIr(glmmSpec("gaussian", true));
    const m = compileModel(program, data);
    const w = m.wasm;
    if (!w) throw new Error("no wasm");
    const r = createRng(11, 0);
    expect(mismatches(m, w, r, 10).bad).toEqual([]);
    w.memory.grow(3);
    expect(mismatches(m, w, r, 10).bad).toEqual([]);
  });
});
