import { describe, expect, it } from "vitest";
import { add, assign, bin, call, cond, constS, div, forS, id, idx, ifS, type JsStmt, letS, mathCall, mul, neg, num, printStmts, sub } from "../../../src/compiler/js.js";
import { translateLogDensityDetailed } from "../../../src/compiler/wasm/translate.js";
import { buildWasmLogDensity } from "../../../src/compiler/wasm/instantiate.js";
import { SCALAR_HELPERS } from "../../../src/compiler/wasm/helpers.js";

/**
 * Small hand-written bodies through both back ends: the printed JavaScript (new Function, as
 * compileModel does) and the wasm translation. Each case targets one semantic trap.
 */
function both(body: JsStmt[], dim: number, data: (Float64Array | Int32Array)[] = []) {
  const js = new Function("theta", "grad", ...data.map((_, k) => `D${k}`), ...Object.keys(SCALAR_HELPERS), `"use strict";\n${printStmts(body)}`) as (
    theta: Float64Array,
    grad: Float64Array,
    ...d: unknown[]
  ) => number;
  const w = buildWasmLogDensity(body, { dim, data, buffers: [], extraBuffers: [] });
  if (!w) throw new Error("did not translate");
  return (theta: number[]) => {
    const g = new Float64Array(dim);
    const lp = js(Float64Array.from(theta), g, ...data, ...Object.values(SCALAR_HELPERS));
    new Float64Array(w.memory.buffer, w.freeOffset, dim).set(theta);
    const lpw = w.logDensityGradient(w.freeOffset, w.freeOffset + 8 * dim);
    return { js: [lp, ...g], wasm: [lpw, ...new Float64Array(w.memory.buffer, w.freeOffset + 8 * dim, dim)] };
  };
}

const SPECIAL = [0, -0, 1, -1, 2.5, NaN, Infinity, -Infinity, 1e-310, -1e308];
const expectSameBits = (r: { js: number[]; wasm: number[] }) => r.js.forEach((v, k) => expect(Object.is(v, r.wasm[k]), `slot ${k}: ${v} vs ${r.wasm[k]}`).toBe(true));

describe("translateLogDensity semantics", () => {
  it("Math.min / Math.max as f64.min / f64.max: same ±0 and NaN results as JavaScript on every pair of specials", () => {
    const run = both([assign(idx(id("grad"), num(0)), "=", mathCall("min", idx(id("theta"), num(0)), idx(id("theta"), num(1)))), { t: "return", value: mathCall("max", idx(id("theta"), num(0)), idx(id("theta"), num(1))) }], 2);
    for (const a of SPECIAL) for (const b of SPECIAL) expectSameBits(run([a, b]));
  });

  it("comparisons, === / !== with NaN, !, &&, || and ?: on specials", () => {
    const a = idx(id("theta"), num(0));
    const b = idx(id("theta"), num(1));
    const g = (k: number) => idx(id("grad"), num(k));
    const body: JsStmt[] = [
      assign(g(0), "=", cond(bin("===", a, b), num(1), num(2))),
      assign(g(1), "=", cond(bin("!==", a, a), num(1), num(2))),
      assign(g(0), "+=", cond({ t: "not", a: bin(">", a, num(0)) }, num(10), num(20))),
      assign(g(1), "+=", cond(bin("&&", bin("<=", a, b), bin(">=", b, num(0))), num(100), num(200))),
      assign(g(1), "*=", cond(bin("||", bin("<", a, b), bin("===", b, b)), num(3), num(5))),
      { t: "return", value: cond(bin("===", a, a), sub(a, b), num(-Infinity)) },
    ];
    const run = both(body, 2);
    for (const x of SPECIAL) for (const y of SPECIAL) expectSameBits(run([x, y]));
  });

  it("integer index arithmetic that could give -0 in JavaScript (i * -1 at i = 0) is done in f64", () => {
    // grad[i] = 1 / (i * -1): JavaScript gives -Infinity at i = 0, where i32 arithmetic would give +Infinity.
    const body: JsStmt[] = [forS("i", num(0), num(3), [assign(idx(id("grad"), id("i")), "=", div(num(1), mul(id("i"), num(-1))))]), { t: "return", value: num(0) }];
    const r = both(body, 3)([0, 0, 0]);
    expect(r.wasm[1]).toBe(-Infinity);
    expectSameBits(r);
  });

  it("products of int data that overflow 32 bits are done in f64; gathers use the data's range", () => {
    const big = Int32Array.of(2_000_000_000, 3);
    const codes = Int32Array.of(1, 2);
    const body: JsStmt[] = [
      assign(idx(id("grad"), num(0)), "=", mul(idx(id("D0"), num(0)), idx(id("D0"), num(1)))),
      forS("i", num(0), num(2), [assign(idx(id("grad"), sub(idx(id("D1"), id("i")), num(1))), "+=", idx(id("theta"), id("i")))]),
      { t: "return", value: neg(idx(id("grad"), num(0))) },
    ];
    const r = both(body, 2, [big, codes])([0.5, 0.25]);
    expect(r.js[1]).toBe(6_000_000_000.5);
    expectSameBits(r);
  });

  it("a let that holds an index (a run's group code) is i32 with the union of its values' ranges", () => {
    const d = Int32Array.of(1, 1, 2, 2, 2, 3);
    const body: JsStmt[] = [
      letS("run", sub(idx(id("D0"), num(0)), num(1))),
      letS("acc", num(0)),
      forS("i", num(0), num(6), [
        constS("g", sub(idx(id("D0"), id("i")), num(1))),
        ifS(bin("!==", id("g"), id("run")), [assign(idx(id("grad"), id("run")), "+=", id("acc")), assign(id("acc"), "=", num(0)), assign(id("run"), "=", id("g"))]),
        assign(id("acc"), "+=", mathCall("exp", idx(id("theta"), id("g")))),
      ]),
      assign(idx(id("grad"), id("run")), "+=", id("acc")),
      { t: "return", value: id("acc") },
    ];
    const r = both(body, 3, [d])([0.1, -0.2, 0.3]);
    expectSameBits(r);
    expect(r.wasm[1]).toBe(2 * Math.exp(0.1));
  });

  it("returns a reason, not a module, for what it cannot translate exactly", () => {
    const opts = { dim: 2, arrays: [{ name: "D0", type: "f64" as const, length: 3 }] };
    const reason = (body: JsStmt[]) => {
      const r = translateLogDensityDetailed(body, opts);
      return r.ok ? "translated" : r.reason;
    };
    const ret: JsStmt = { t: "return", value: num(0) };
    expect(reason([{ t: "expr", e: call(id("MVN"), id("theta")) }, ret])).toMatch(/MVN with 1 arguments/);
    expect(reason([{ t: "expr", e: call(id("MVNP"), id("theta")) }, ret])).toMatch(/call of MVNP/);
    expect(reason([assign(idx(id("grad"), num(0)), "=", call(id("normalRng"), num(1))), ret])).toMatch(/call of normalRng/);
    expect(reason([forS("i", num(0), num(4), [assign(idx(id("grad"), num(0)), "+=", idx(id("D0"), id("i")))]), ret])).toMatch(/index range \[0, 3\] of D0/);
    expect(reason([assign(idx(id("grad"), num(0)), "=", idx(id("D0"), idx(id("theta"), num(0)))), ret])).toMatch(/non-integer index/);
    expect(reason([assign(idx(id("grad"), num(0)), "=", id("nowhere")), ret])).toMatch(/unknown identifier nowhere/);
    expect(reason([assign(idx(id("grad"), num(0)), "=", num(1))])).toMatch(/does not end with a return/);
    expect(reason([ifS(idx(id("theta"), num(0)), [ret]), ret])).toMatch(/if on a double/);
    expect(reason([{ t: "return", value: bin("===", bin("<", num(1), idx(id("theta"), num(0))), num(1)) }])).toMatch(/boolean and a number/);
    expect(reason([{ t: "return", value: mathCall("random") }])).toMatch(/Math.random/);
  });
});

describe("translateLogDensity constant calls", () => {
  it("Math.log(1), lgamma(3.5) and Math.pow(2, 0.5) on constants are evaluated by the same functions at translation: no import call, same bits", () => {
    const body: JsStmt[] = [
      assign(idx(id("grad"), num(0)), "=", mathCall("log", num(1))),
      assign(idx(id("grad"), num(1)), "=", call(id("lgamma"), num(3.5))),
      { t: "return", value: add(mathCall("pow", num(2), num(0.5)), idx(id("theta"), num(0))) },
    ];
    const r = translateLogDensityDetailed(body, { dim: 2, arrays: [] });
    expect(r.ok && r.importCallsPerGradient).toBe(0);
    expectSameBits(both(body, 2)([0.25, 0]));
  });
});
